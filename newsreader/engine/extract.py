"""Reading one page for `extract`: from a file, standard input or an address, cleaned into a Cleaned."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from newsreader.config import FetchLimits
from newsreader.models import Cleaned

# Local files are read up to this size; the rest is left out rather than filling memory.
MAX_FILE_BYTES = 32 * 1024 * 1024

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
# The root element of an RSS, Atom or RDF document, after any XML declaration, comments and doctype.
_FEED_ROOT = re.compile(
    rb"^(?:\s|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*<(?:rss|feed|rdf:RDF)[\s>/]", re.DOTALL
)


class ExtractError(Exception):
    """A page that cannot be read or cleaned; the message is one line for the user."""


@dataclass(frozen=True, slots=True)
class Extraction:
    """One cleaned page and the address it came from (None for a file without --url)."""

    cleaned: Cleaned
    url: str | None


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def looks_like_feed(data: bytes, content_type: str | None) -> bool:
    """An RSS, Atom or RDF document rather than a page, by its content type or its root element."""
    if content_type and content_type.split(";")[0].strip().lower() in _FEED_TYPES:
        return True
    return _FEED_ROOT.match(data.lstrip(b"\xef\xbb\xbf")[:4096]) is not None


def read_source(source: str, *, limits: FetchLimits) -> tuple[bytes, str | None, str | None]:
    """(body, page address, content type) of a file, "-" or an address; raises ExtractError."""
    if source == "-":
        return sys.stdin.buffer.read(MAX_FILE_BYTES), None, None
    if is_url(source):
        from newsreader.fetch import fetch_url

        result = fetch_url(source, limits)
        if result.error:
            raise ExtractError(f"{source}: {result.error}")
        if not result.ok:
            raise ExtractError(f"{source}: HTTP {result.status}")
        return result.body, result.url, result.content_type
    path = Path(source)
    try:
        with path.open("rb") as f:
            return f.read(MAX_FILE_BYTES), None, None
    except IsADirectoryError:
        raise ExtractError(f"{source}: is a directory") from None
    except OSError as exc:
        raise ExtractError(f"{source}: {exc.strerror or exc}") from None


def clean_source(
    source: str, data: bytes, url: str | None, content_type: str | None, *, feed_hint: str
) -> Extraction:
    """Clean the page's bytes; a feed is refused with a hint (feed_hint: the address to `add`)."""
    from newsreader.clean import CleanError, clean_html  # here: importing the cleaner takes a while

    if looks_like_feed(data, content_type):
        raise ExtractError(f"{source} is a feed, not a page: subscribe with `newsreader add {feed_hint}`")
    try:
        return Extraction(clean_html(data, url=url, content_type=content_type), url)
    except CleanError as exc:
        raise ExtractError(str(exc)) from None
    except (RecursionError, MemoryError, ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
        # A page that trips the cleaner up is still one line for the user, not a traceback.
        raise ExtractError(f"cannot clean {source}: {type(exc).__name__}: {exc}") from None
