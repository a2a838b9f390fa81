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
    problem = bounds_problem(body)
    if problem is not None:
        raise NotAFeed(problem)
    response_headers = {k.lower(): v for k, v in (headers or {}).items()}
    try:
        fast = read_fast(body, url, response_headers)
    except Malformed:
        return parse_with_feedparser(body, url, response_headers, well_formed=False)
    if fast is not None:
        return fast
    return parse_with_feedparser(body, url, response_headers)
