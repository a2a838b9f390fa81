"""parse_feed: a fetched document, within bounds, read by the fast reader or else by feedparser."""

from __future__ import annotations

from newsreader.feeds.adapter import parse_with_feedparser
from newsreader.feeds.bounds import bounds_problem
from newsreader.feeds.errors import NotAFeed
from newsreader.feeds.fast import Malformed, read_fast
from newsreader.models import ParsedFeed


def parse_feed(body: bytes, url: str, headers: dict[str, str] | None = None) -> ParsedFeed:
    """Parse a feed document fetched from url; raise NotAFeed with a one-line reason if it is not one.

    headers: the response headers that matter (content-type gives the charset).
    """
    _check(bounds_problem(body, nesting=False))  # libxml2 bounds the depth itself
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    try:
        fast = read_fast(body, url, response_headers)
    except Malformed:
        well_formed: bool | None = False
    else:
        if fast is not None:
            return fast
        well_formed = None
    _check(bounds_problem(body))  # feedparser follows any depth: measured before it starts
    return parse_with_feedparser(body, url, response_headers, well_formed=well_formed)


def _check(problem: str | None) -> None:
    if problem is not None:
        raise NotAFeed(problem)
