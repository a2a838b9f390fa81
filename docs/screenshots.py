"""Regenerate the README screenshots from the bundled sample feed: python docs/screenshots.py"""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from pathlib import Path

os.environ["TZ"] = "UTC"  # the sample's dates, the same on every machine
time.tzset()

from newsreader.config import Config  # noqa: E402
from newsreader.sample import load_sample  # noqa: E402
from newsreader.store import Store  # noqa: E402
from newsreader.ui.app import NewsApp  # noqa: E402

DOCS = Path(__file__).parent
SHOTS = [
    ("screenshot-main.svg", (150, 42), ["enter", "j", "enter"], None),
    ("screenshot-narrow.svg", (80, 24), ["enter", "j", "j", "enter"], None),
    ("screenshot-newsprint.svg", (150, 42), ["enter", "j", "j", "j", "enter"], "newsprint"),
]


async def shoot(name: str, size: tuple[int, int], keys: list[str], theme: str | None) -> None:
    home = Path(tempfile.mkdtemp())
    os.environ["NEWSREADER_HOME"] = str(home)
    path = home / "newsreader.db"
    with Store(path) as store:
        load_sample(store)
    app = NewsApp(path, Config(theme=theme), clean_on_start=False)
    async with app.run_test(size=size) as pilot:
        for key in keys:
            await app.workers.wait_for_complete()
            await pilot.pause(0.2)
            await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        app.save_screenshot(name, str(DOCS))
    print(DOCS / name)


async def main() -> None:
    for shot in SHOTS:
        await shoot(*shot)


if __name__ == "__main__":
    asyncio.run(main())
