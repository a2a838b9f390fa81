"""Start-up: the first frame is not kept waiting by what only later screens need."""

from __future__ import annotations

import json
import subprocess
import sys

from newsreader import locations
from tests.ui_store import build_store, standard_subs

PROBE = """
import asyncio, json, sys
from newsreader import locations
from newsreader.config import Config
from newsreader.ui.app import NewsApp
from newsreader.ui.screens import main_screen
from newsreader.ui.widgets.article_list import ArticleList

main_screen.preload_markdown = lambda: None

async def main():
    app = NewsApp(locations.store_file(), Config(), clean_on_start=False)
    async with app.run_test(size=(120, 40)) as pilot:
        while not (app.screen.query(ArticleList) and app.screen.query_one(ArticleList).count):
            await pilot.pause()
        await pilot.pause()
        heavy = ["textual.widgets._markdown", "markdown_it", "multiprocessing.resource_tracker", "webbrowser",
                 "newsreader.clean", "newsreader.refresh", "feedparser", "aiohttp", "readability", "lxml"]
        print(json.dumps([name for name in heavy if name in sys.modules]))

asyncio.run(main())
"""


def test_the_lists_paint_before_the_body_cleaner_and_fetcher_are_loaded(home):
    build_store(locations.store_file(), standard_subs())
    out = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    assert loaded == []
