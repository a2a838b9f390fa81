"""Who a byline names: one person under small variations of a name, told apart by the outlet.

The rule (README, "Authors and contacts"): a person is the name with "By" and case, accents, dots and
spacing set aside, at the outlet (the registered domain of the feed's site, else of the feed) they
wrote for. "Russ Read", "RUSS READ" and "By Russ Read" on one outlet are one person; a Russ Read at
another outlet is another. An organisation ("The Associated Press") is one across every outlet.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import lru_cache
from urllib.parse import urlsplit

from newsreader.text import one_line

_BY = re.compile(r"^(?:by|written\s+by|words\s+by|story\s+by)\s*[:\-–—]?\s+", re.I)
_EDGES = " \t,;:-–—|/.·•"
_NOT_WORD = re.compile(r"[^\w]+")
# Second-level labels under a country code that are registries, not outlets: news.co.uk is news.co.uk.
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ne", "or", "go", "gv", "nic"})
MAX_NAME = 200


@lru_cache(maxsize=65536)  # bylines repeat: a store names a few people many times over
def display_name(raw: str | None) -> str:
    """The name as shown: one line, "By" dropped, an all-capitals name in title case; "" for none."""
    name = one_line(raw or "")[: MAX_NAME * 2]
    name = _BY.sub("", name).strip(_EDGES)
    if name.isupper() and len(name) > 3:
        name = name.title()
    return name[:MAX_NAME]


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """What two spellings of one name share: case, accents, punctuation and spacing set aside."""
    decomposed = unicodedata.normalize("NFKD", display_name(name).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", plain).split())


@lru_cache(maxsize=4096)
def outlet_of(site_url: str | None, feed_url: str | None) -> str:
    """The outlet a feed belongs to: the registered domain of its site (or of the feed itself)."""
    for url in (site_url, feed_url):
        try:
            host = (urlsplit(url or "").hostname or "").rstrip(".").lower()
        except ValueError:
            continue
        if host:
            return registered_domain(host)
    return ""


def registered_domain(host: str) -> str:
    """news.example.com -> example.com, www.bbc.co.uk -> bbc.co.uk; an address or a bare name unchanged."""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    labels = host.split(".")
    if len(labels) <= 2:
        return host
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def person_key(name: str, outlet: str, organisation: bool) -> str:
    """The identity a byline is filed under (an organisation's ignores the outlet)."""
    return f"org\x1f{name_key(name)}" if organisation else f"person\x1f{name_key(name)}\x1f{outlet}"
