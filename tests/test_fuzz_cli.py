"""Every command's output over a store full of hostile strings: nothing raw reaches the terminal.

The store is filled through its public API the way a hostile server fills it (an address moved to by a
redirect, titles, tags, links, guids, authors, bodies and error text with escapes, C1 controls, bidi
overrides, zero-width characters and combining runs); then each command runs as a user runs it.
"""

from __future__ import annotations

import json
import random

import pytest

from newsreader.models import FeedUpdate, ParsedEntry, ParsedFeed
from tests.conftest import run_cli
from tests.test_fuzz import HOSTILE_BITS, MARK_RUN, UNSAFE

EXIT_CODES = {0, 1, 2, 3}
# SQLite cannot hold lone surrogates, and no parser hands them on
BITS = [b for b in HOSTILE_BITS if b != "\udcff"]


def hostile(rng: random.Random, base: str) -> str:
    parts = [base]
    for _ in range(rng.randint(1, 4)):
        parts.insert(rng.randrange(len(parts) + 1), rng.choice(BITS))
    return "".join(parts)


@pytest.fixture
def hostile_store(store):
    rng = random.Random(7)
    urls = []
    for n in range(4):
        # the address a redirect led to, stored before the door refused such addresses
        url = hostile(rng, f"http://127.0.0.1:9/f{n}.xml")
        feed, _ = store.add_feed(url, title=hostile(rng, f"Feed {n}"), tags=[hostile(rng, "tag")])
        urls.append(url)
        entries = tuple(
            ParsedEntry(
                key=f"k{n}-{i}",
                guid=hostile(rng, f"guid-{i}"),
                link=hostile(rng, f"http://127.0.0.1:9/{n}/{i}"),
                title=hostile(rng, f"needle story {i}"),
                authors=(hostile(rng, "Ann Lee"),),
                published=1_700_000_000.0 + i,
                updated=None,
                content_html=f"<p>{hostile(rng, 'Body text of the needle story.')}</p>" * 3,
                content_hash=f"h{n}-{i}",
            )
            for i in range(3)
        )
        store.apply_update(FeedUpdate(feed.id, "ok", 10.0, feed=ParsedFeed(hostile(rng, "T"), None, entries)))
        store.apply_update(FeedUpdate(feed.id, "error", 11.0, error=hostile(rng, "HTTP 500")))
    return urls


def assert_harmless(out) -> None:
    assert out.returncode in EXIT_CODES, (out.args, out.returncode, out.stderr[-500:])
    for text in (out.stdout, out.stderr):
        assert "Traceback" not in text, (out.args, text[-2000:])
        bad = UNSAFE.search(text) or MARK_RUN.search(text)
        assert bad is None, (out.args, bad, text[max(0, bad.start() - 80) : bad.end() + 80])


def test_every_command_prints_hostile_strings_harmlessly(hostile_store, home, tmp_path):
    urls = hostile_store
    runs = [
        ["feeds"],
        ["list"],
        ["list", "--unread"],
        ["search", "needle"],
        ["export"],
        ["refresh"],  # every address fails: the failure lines name them
        ["list", "--feed", urls[0]],
        ["mark-read", "--feed", urls[1]],
        ["remove", urls[2]],
        ["list", "--feed", "\x1b]0;PWNED\x07"],
        ["add", "http://127.0.0.1:9/\x1b[2J\u202e.xml"],
        ["frobnicate\x1b[31m"],
        ["list", "--bogus\x9b"],
    ]
    for args in runs:
        assert_harmless(run_cli(*args, home=home))

    for args in (["list", "--json"], ["search", "needle", "--json"]):
        out = run_cli(*args, home=home)
        assert_harmless(out)
        rows = json.loads(out.stdout)
        # the escapes are JSON's own: the hostile strings come back exactly
        assert any(UNSAFE.search(r["guid"] + r["link"]) for r in rows)

    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>T\x1b]0;x\x07</title></head><body><article><h1>Head\u202e</h1>"
        + "<p>By Ann Lee\x85</p>"
        + "<p>A paragraph of text with \x9b31m and z"
        + "\u0301" * 500
        + " in it.</p>" * 20
        + "<p>Email tips\u200b@example.com</p></article></body></html>",
        encoding="utf-8",
    )
    for args in (["extract", str(page), "--json"], ["extract", str(page)]):
        assert_harmless(run_cli(*args, home=home))

    opml = tmp_path / "hostile.opml"
    opml.write_text(
        '<opml version="2.0"><body><outline text="&#x202e;x&#x85;" category="a&#x9b;b"'
        ' xmlUrl="http://127.0.0.1:9/&#x85;.xml"/><outline text="ok&#x200b;" xmlUrl="127.0.0.1:9/ok.xml"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    assert_harmless(run_cli("import", str(opml), home=home))
