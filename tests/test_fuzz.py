"""Fuzzing the public entry points with mutated peer feeds and pages and hostile strings.

Feed parsing, page cleaning, OPML and urls import, config and theme loading get malformed, huge,
deep and control-character-laden input: each either works or gives its one-line error, never another
exception, and what it hands on for display carries no control character. The run here is short and
deterministic (fixed seeds); `bench/fuzz_bench.py` runs the same drivers for longer.
"""

from __future__ import annotations

import gzip
import random
import re
import resource
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsreader.clean import CleanError, clean_html
from newsreader.config import ConfigError, parse_config
from newsreader.feeds import parse_outcome
from newsreader.subscriptions import SubscriptionError, normalise_url, parse_opml, parse_urls
from newsreader.ui.themes import load_themes, parse_theme
from tests.conftest import shared_beside
from tests.unsafe import UNSAFE

MARK_RUN = re.compile("[\u0300-\u036f]{5,}")
HOSTILE_BITS = [
    "\x1b]0;PWNED\x07",
    "\x1b[2J",
    "\x9b31m",
    "\x85",
    "\x00",
    "\r",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "o" + "\u0336" * 300,
    "&#27;]0;x&#7;",
    "&#x9b;",
    "&#x202e;",
    "]]>",
    "<![CDATA[",
    "&bogus;",
    "\udcff",
]


def peers() -> Path:
    """The shared peer data; a missing ../shared fails loudly rather than skipping the fuzzing."""
    return shared_beside(Path(__file__).resolve().parents[1]) / "peers"


def seed_feeds(every: int = 1) -> list[bytes]:
    files = sorted(p for p in (peers() / "feedparser-tests").rglob("*.xml") if p.is_file())
    return [p.read_bytes() for p in files[::every]]


def seed_pages(every: int = 1) -> list[bytes]:
    pages = sorted((peers() / "readability-test-pages").glob("*/source.html"))[::every]
    zipped = sorted((peers() / "article-extraction-benchmark" / "html").glob("*.html.gz"))[::every]
    return [p.read_bytes() for p in pages] + [gzip.decompress(p.read_bytes()) for p in zipped]


def mutate(data: bytes, rng: random.Random, scale: int = 1) -> bytes:
    """One random change of the kinds hostile servers make; scale multiplies the sizes."""
    kind = rng.randrange(8)
    at = rng.randrange(len(data) + 1)
    if kind == 0:  # hostile characters, raw or as references
        bit = rng.choice(HOSTILE_BITS).encode("utf-8", "surrogateescape")
        return data[:at] + bit * rng.randint(1, 3) + data[at:]
    if kind == 1:  # cut short
        return data[:at]
    if kind == 2:  # a slice repeated: huge
        end = min(len(data), at + rng.randint(1, 200))
        return data[:at] + data[at:end] * rng.randint(10, 500 * scale) + data[end:]
    if kind == 3:  # deep nesting
        depth = rng.randint(100, 2000 * scale)
        tag = rng.choice([b"div", b"b", b"outline", b"item", b"span"])
        return data[:at] + b"<" + tag + b">" * 1 + (b"<" + tag + b">") * depth + data[at:]
    if kind == 4:  # many attributes on one element
        attrs = b"".join(b" a%d='x'" % i for i in range(rng.randint(10, 500 * scale)))
        return data[:at] + b"<p" + attrs + b">x</p>" + data[at:]
    if kind == 5:  # random bytes flipped
        out = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            if out:
                out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if kind == 6:  # a lying or odd encoding declaration
        enc = rng.choice([b"utf-16", b"ebcdic-cp-us", b"x-bogus", b"utf-7", b"iso-2022-jp"])
        return re.sub(rb"encoding=[\"'][^\"']*[\"']", b'encoding="' + enc + b'"', data, count=1) or data
    return data[:at] + data[rng.randrange(len(data) + 1) :]  # a stretch dropped


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: str  # "ok", "refused" (the entry point's one-line error) or "failed"
    detail: str = ""


def _shown(*texts: str | None) -> str | None:
    """The first display string that would reach the screen unsafe, if any."""
    for t in texts:
        if t and (UNSAFE.search(t.replace("\n", "").replace("\t", "")) or MARK_RUN.search(t)):
            return t
    return None


def _refusal(exc: Exception) -> Outcome:
    msg = str(exc)
    if "\n" in msg.strip() or UNSAFE.search(msg):
        return Outcome("failed", f"error is not one clean line: {msg[:200]!r}")
    return Outcome("refused", msg[:200])


def drive_feed(data: bytes) -> Outcome:
    feed = parse_outcome(data, "http://127.0.0.1:9/feed.xml", {"Content-Type": "application/xml"})
    if isinstance(feed, str):
        return _refusal(ValueError(feed))
    bad = _shown(feed.title, *(e.title for e in feed.entries), *(a for e in feed.entries for a in e.authors))
    return Outcome("failed", f"unsafe display text: {bad[:200]!r}") if bad else Outcome("ok")


def drive_page(data: bytes) -> Outcome:
    try:
        c = clean_html(data, url="http://127.0.0.1:9/page.html")
    except CleanError as exc:
        return _refusal(exc)
    contacts = (t for x in c.contacts for t in (x.value, x.label))
    bad = _shown(c.title, c.body, *c.authors, *c.credits, *c.notes, *contacts)
    return Outcome("failed", f"unsafe display text: {bad[:200]!r}") if bad else Outcome("ok")


def _check_subs(subs) -> Outcome:
    for s in subs:
        if normalise_url(s.url) != s.url:
            return Outcome("failed", f"address not normalised: {s.url[:200]!r}")
        bad = _shown(s.title, *s.tags)
        if bad:
            return Outcome("failed", f"unsafe title or tag: {bad[:200]!r}")
    for skipped in subs.skipped:
        if _shown(str(skipped)):
            return Outcome("failed", f"unsafe skip line: {str(skipped)[:200]!r}")
    return Outcome("ok")


def drive_opml(data: bytes) -> Outcome:
    try:
        return _check_subs(parse_opml(data, "fuzz.opml"))
    except SubscriptionError as exc:
        return _refusal(exc)


def drive_urls(data: bytes) -> Outcome:
    return _check_subs(parse_urls(data.decode("utf-8", "replace"), "urls"))


def drive_config(data: bytes) -> Outcome:
    try:
        parse_config(data.decode("utf-8", "replace"), Path("config.toml"))
    except ConfigError as exc:
        return _refusal(exc)
    return Outcome("ok")


def drive_theme(data: bytes) -> Outcome:
    try:
        parse_theme(data.decode("utf-8", "replace"), "fuzz")
    except ValueError as exc:
        return _refusal(exc)
    return Outcome("ok")


DRIVERS: dict[str, Callable[[bytes], Outcome]] = {
    "feed": drive_feed,
    "page": drive_page,
    "opml": drive_opml,
    "urls": drive_urls,
    "config": drive_config,
    "theme": drive_theme,
}

OPML_SEED = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0"><head><title>t</title></head><body>\n'
    b'<outline text="Tech"><outline type="rss" text="A &amp; B" xmlUrl="http://127.0.0.1:9/a.xml"'
    b' category="/x,y"/></outline>\n<outline text="c" title="C" xmlUrl="HTTP://127.0.0.1:9/c.xml#f"/>\n'
    b"</body></opml>\n"
)
URLS_SEED = (
    b'# feeds\nhttp://127.0.0.1:9/a.xml tech "long tag" "~A Title" !\n"query:Q:unread = \\"yes\\""\n'
    b"exec:~/x\nfeed://127.0.0.1:9/b.xml\n"
)
CONFIG_SEED = (
    b'full_text = "auto"\ntheme = "newsprint"\nbusy_timeout = 5\n[fetch]\njobs = 8\nmax_bytes = 1000000\n'
    b'[keys]\nquit = ["q"]\n[feeds."http://127.0.0.1:9/a.xml"]\nfull_text = "never"\n'
)
THEME_SEED = b'name = "fuzzy"\nprimary = "#004578"\nbackground = "#fdf6e3"\ndark = false\n'


def seeds(kind: str, every: int) -> list[bytes]:
    if kind == "feed":
        return seed_feeds(every)
    if kind == "page":
        return seed_pages(every)
    return {"opml": [OPML_SEED], "urls": [URLS_SEED], "config": [CONFIG_SEED], "theme": [THEME_SEED]}[kind]


def fuzz_inputs(kind: str, count: int, seed: int, every: int = 1, scale: int = 1) -> Iterator[bytes]:
    """count mutated inputs of a kind, the same ones for the same seed."""
    rng = random.Random(f"{kind}:{seed}")
    pool = seeds(kind, every)
    for _ in range(count):
        data = rng.choice(pool)
        for _ in range(rng.randint(1, 3)):
            data = mutate(data, rng, scale)
        yield data


# The short run: a handful of seeds per kind, small sizes; all failures at once, each reproducible.
SHORT = {"feed": 120, "page": 12, "opml": 150, "urls": 150, "config": 150, "theme": 150}


@pytest.mark.parametrize("kind", list(SHORT))
def test_mutated_inputs_work_or_give_one_line(kind):
    every = {"feed": 17, "page": 15}.get(kind, 1)
    failures = []
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for i, data in enumerate(fuzz_inputs(kind, SHORT[kind], seed=1, every=every)):
        try:
            outcome = DRIVERS[kind](data)
        except Exception as exc:  # noqa: BLE001 - any other exception is what the fuzzer looks for
            outcome = Outcome("failed", f"{type(exc).__name__}: {str(exc)[:200]}")
        if outcome.kind == "failed":
            failures.append(f"input {i} ({len(data)} bytes): {outcome.detail}")
    assert failures == []
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before) / 1024
    assert grown_mb < 300, f"peak memory grew by {grown_mb:.0f} MB"


@settings(max_examples=150, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_hypothesis_subscription_lines(text):
    assert _check_subs(parse_urls(text, "urls")).kind == "ok"


@settings(max_examples=150, derandomize=True)
@given(st.dictionaries(st.text(max_size=10), st.text(max_size=20), max_size=4))
def test_hypothesis_theme_files_with_hostile_keys_are_skipped_with_one_line(tmp_path_factory, fields):
    folder = tmp_path_factory.mktemp("themes")
    body = "".join(f'"{_toml_escape(k)}" = "{_toml_escape(v)}"\n' for k, v in fields.items())
    (folder / "hostile.toml").write_text(body, encoding="utf-8")
    loaded = load_themes(folder)
    for warning in loaded.warnings:
        assert "\n" not in warning and not UNSAFE.search(warning), warning


def _toml_escape(text: str) -> str:
    return "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04x}" for c in text)
