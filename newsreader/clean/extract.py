"""The main content of a whole page, found by readability-lxml on the tree we already parsed."""

from __future__ import annotations

import copy
import logging
from urllib.parse import urljoin

import lxml.html
from lxml.etree import tounicode
from readability import Document
from readability.readability import REGEXES, Unparseable

from newsreader.clean.scan import INDEX

logging.getLogger("readability.readability").setLevel(logging.CRITICAL)
# What readability never drops as unlikely: code, and what holds an article, a main or maths.
_KEEP_UNLIKELY = (
    "ancestor-or-self::pre | ancestor-or-self::code | descendant-or-self::main | "
    "descendant-or-self::article | descendant-or-self::math"
)


class _Readable(Document):
    """Keeps the article tree instead of turning it into attribute-scrubbed HTML text."""

    article: lxml.html.HtmlElement | None = None
    without: frozenset[str] = frozenset()  # INDEX values of elements left out of the page

    def _parse(self, input: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
        # readability's own _parse runs lxml's Cleaner over a copy of the page (scripts, styles, comments,
        # javascript links) and rewrites every link: parse.py has already dropped what the Cleaner would,
        # markdown.py keeps only http(s) and mailto links, and only the article's links are made
        # absolute (main_content), so a plain copy does, at a fraction of the cost.
        doc = copy.deepcopy(input)
        if self.without:
            for elem in [e for e in doc.iter() if e.get(INDEX) in self.without]:
                if elem.getparent() is not None:
                    elem.drop_tree()
        for elem in doc.xpath("//*[@hidden]"):
            elem.drop_tree()
        hidden = REGEXES["displayNoneRe"]
        for elem in doc.xpath("//*[@style]"):
            if hidden.search(elem.get("style")):
                elem.drop_tree()
        # An embedded post (class "twitter-tweet", "instagram-media") is a quotation the story makes;
        # readability takes "tweet" and "twitter" in a class for page chrome and would drop it.
        for elem in doc.iter("blockquote"):
            elem.attrib.pop("class", None)
            elem.attrib.pop("id", None)
        return doc

    def remove_unlikely_candidates(self) -> None:
        # readability's own formats a description of every element it drops for a debug log nobody
        # reads; the same test without it.
        unlikely, maybe = REGEXES["unlikelyCandidatesRe"], REGEXES["okMaybeItsACandidateRe"]
        for elem in self.html.findall(".//*"):
            marks = f"{elem.get('class', '')} {elem.get('id', '')}"
            if len(marks) < 2 or not unlikely.search(marks) or maybe.search(marks):
                continue
            if elem.tag in ("html", "body") or elem.xpath(_KEEP_UNLIKELY):
                continue
            elem.drop_tree()

    def get_clean_html(self) -> str:
        self.article = self.html
        # readability measures this text's length to decide whether to retry less ruthlessly.
        return tounicode(self.html, method="html")


def main_content(
    doc: lxml.html.HtmlElement, url: str | None = None, without: frozenset[int] = frozenset()
) -> lxml.html.HtmlElement | None:
    """The article's subtree (a detached copy: readability works on its own copy of the page), found
    without the elements whose INDEX is in without."""
    readable = _Readable(doc, url=url)
    readable.without = frozenset(str(i) for i in without)
    try:
        readable.summary(html_partial=True)
    except (Unparseable, RecursionError, ValueError):
        return None
    article = readable.article
    if article is not None and url:
        make_absolute(article, page_base(doc, url))
    return article


def page_base(doc: lxml.html.HtmlElement, url: str) -> str:
    """The address relative links resolve against: the page's <base href> if any, else its URL."""
    base = doc.find(".//base[@href]")
    if base is None:
        return url
    try:
        return urljoin(url, base.get("href", "").strip())
    except ValueError:
        return url


def make_absolute(root: lxml.html.HtmlElement, base: str) -> None:
    """Resolve root's links against base; a link that cannot be resolved is dropped, as readability did."""
    try:
        root.make_links_absolute(base, resolve_base_href=False, handle_failures="discard")
    except (TypeError, ValueError):
        pass
