"""A content tree as Markdown text: paragraphs, headings, lists, quotes, code, tables and links.

No raw HTML comes out, and every piece of text passes through `strip_controls`.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import lxml.html

from newsreader.clean.blocks import BLOCK_TAGS
from newsreader.text import strip_controls

_SPACES = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_BLOCK_START = re.compile(r"^(\s*)([#>+*-]|\d+[.)])(\s)")
_SKIP = frozenset("source video audio iframe button input textarea select option head title".split())
_LAYOUT_BLOCKS = frozenset("p div table ul ol h1 h2 h3 h4 h5 h6 blockquote pre section article".split())
_MAX_DEPTH = 400  # the HTML parser stops nesting at 256; this only guards against trees built by hand


def _link(href: str | None, base_url: str | None) -> str | None:
    if not href:
        return None
    href = href.strip()
    if base_url:
        try:
            href = urljoin(base_url, href)
        except ValueError:
            return None
    if href.lower().startswith(("http://", "https://", "mailto:")):
        return href.replace(" ", "%20").replace(")", "%29").replace("(", "%28")
    return None


def _image(el: lxml.html.HtmlElement, base_url: str | None) -> str:
    """An image as Markdown (its alt text the label); one that is not on http(s) is left out."""
    src = _link(el.get("src") or el.get("data-src"), base_url)
    if not src or src.startswith("mailto:"):
        return ""
    alt = _SPACES.sub(" ", el.get("alt") or "").strip().replace("[", "(").replace("]", ")")
    return f"![{strip_controls(alt)}]({src})"


def with_lead_image(body: str, image: str | None, base_url: str | None) -> str:
    """The page's own picture (og:image) before the story, unless the story already shows it."""
    src = _link(image, base_url)
    if not body or not src or src.startswith("mailto:") or f"]({src})" in body:
        return body
    return f"![]({src})\n\n{body}"


class _Writer:
    def __init__(self, base_url: str | None) -> None:
        self.base_url = base_url

    # -- inline ---------------------------------------------------------------------------------
    def inline(self, el: lxml.html.HtmlElement, depth: int = 0) -> str:
        parts = [el.text or ""]
        for child in el:
            parts.append(self.inline_child(child, depth + 1))
            parts.append(child.tail or "")
        return "".join(parts)

    def inline_child(self, el: lxml.html.HtmlElement, depth: int) -> str:
        tag = el.tag if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP or depth > _MAX_DEPTH:
            return ""
        if tag == "br":
            return "\x00BR\x00"
        if tag == "img":
            return _image(el, self.base_url)
        text = self.inline(el, depth)
        if tag in BLOCK_TAGS:
            return f" {text} "
        if tag == "a":
            href = _link(el.get("href"), self.base_url)
            label = _SPACES.sub(" ", text).strip()
            if "![" in label:  # a linked picture (a thumbnail to its full size): the picture alone
                return text
            if href and label and label != href:
                # The spaces at a link's edges are the words' separators: they stay outside the brackets.
                lead = " " if text[:1].isspace() else ""
                trail = " " if text[-1:].isspace() else ""
                return f"{lead}[{label.replace('[', '(').replace(']', ')')}]({href}){trail}"
            return text
        if tag in ("strong", "b", "em", "i", "code"):
            core = text.strip()
            if not core:
                return text
            mark = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}[tag]
            if mark != "`" and ("*" in core or "\x00BR\x00" in core):
                return text
            lead = " " if text[:1].isspace() else ""
            trail = " " if text[-1:].isspace() else ""
            return f"{lead}{mark}{core}{mark}{trail}"
        return text

    def paragraph(self, raw: str) -> str:
        text = _SPACES.sub(" ", raw).replace("\x00BR\x00", "\n").strip()
        lines = [line.strip() for line in text.split("\n")]
        text = "  \n".join(line for line in lines if line)
        # A paragraph that would read as Markdown syntax at its start is escaped.
        return _BLOCK_START.sub(r"\1\\\2\3", text, count=1)

    # -- blocks ---------------------------------------------------------------------------------
    def blocks(self, el: lxml.html.HtmlElement, out: list[str], depth: int = 0) -> None:
        """Append el's content to out, one entry per Markdown block."""
        if depth > _MAX_DEPTH:
            return
        run = [el.text or ""]
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in BLOCK_TAGS:
                self.flush(run, out)
                run = []
                self.block(child, out, depth + 1)
            else:
                run.append(self.inline_child(child, depth + 1) if tag else "")
            run.append(child.tail or "")
        self.flush(run, out)

    def flush(self, run: list[str], out: list[str]) -> None:
        text = self.paragraph("".join(run))
        if text:
            out.append(text)

    def block(self, el: lxml.html.HtmlElement, out: list[str], depth: int) -> None:
        tag = el.tag
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            text = self.paragraph(self.inline(el, depth)).replace("  \n", " ")
            if text:
                out.append("#" * int(tag[1]) + " " + text.lstrip("\\"))
        elif tag in ("ul", "ol", "menu", "dir"):
            self.listing(el, out, depth, ordered=tag == "ol")
        elif tag == "blockquote":
            inner: list[str] = []
            self.blocks(el, inner, depth)
            if inner:
                out.append("\n>\n".join("\n".join("> " + line for line in b.split("\n")) for b in inner))
        elif tag == "pre":
            code = el.text_content().strip("\n").replace("```", "` ` `")
            if code.strip():
                out.append(f"```\n{code}\n```")
        elif tag == "hr":
            out.append("---")
        elif tag == "table":
            self.table(el, out, depth)
        elif tag == "figcaption":
            text = self.paragraph(self.inline(el, depth))
            if text:
                out.append(f"*{text}*" if "*" not in text and "\n" not in text else text)
        else:
            self.blocks(el, out, depth)

    def listing(self, el: lxml.html.HtmlElement, out: list[str], depth: int, *, ordered: bool) -> None:
        loose = (el.text and el.text.strip()) or any(c.tail and c.tail.strip() for c in el)
        if loose or not any(c.tag == "li" for c in el):
            # Text straight inside a list is not a list item; as paragraphs, none of it is lost.
            self.blocks(el, out, depth)
            return
        items = []
        n = 0
        for li in el:
            if not isinstance(li.tag, str):
                continue
            inner: list[str] = []
            if li.tag == "li":
                self.blocks(li, inner, depth + 1)
            else:
                self.block(li, inner, depth + 1) if li.tag in BLOCK_TAGS else inner.append(
                    self.paragraph(self.inline_child(li, depth + 1))
                )
            inner = [b for b in inner if b]
            if not inner:
                continue
            n += 1
            marker = f"{n}. " if ordered else "- "
            pad = " " * len(marker)
            body = "\n".join(inner).split("\n")
            items.append(marker + body[0] + "".join("\n" + pad + line if line else "\n" for line in body[1:]))
        if items:
            out.append("\n".join(items))

    def table(self, el: lxml.html.HtmlElement, out: list[str], depth: int) -> None:
        for caption in el.iterchildren("caption"):
            self.flush([self.inline(caption, depth + 1)], out)
        cells = [c for tr in el.iter("tr") for c in tr if c.tag in ("td", "th")]
        if not cells or any(d.tag in _LAYOUT_BLOCKS for c in cells for d in c.iterdescendants()):
            # A table holding paragraphs, lists or other tables is page layout: its cells are read as blocks.
            for c in cells or [el]:
                self.blocks(c, out, depth + 1)
            return
        rows = []
        for tr in el.iter("tr"):
            cells = [
                self.paragraph(self.inline(c, depth + 1)).replace("  \n", " ").replace("|", "\\|")
                for c in tr
                if c.tag in ("td", "th")
            ]
            if any(cells):
                rows.append(cells)
        if not rows:
            return
        if len(rows) == 1 or max(len(r) for r in rows) == 1:
            # A one-column or one-row table is layout, not data: its cells are paragraphs.
            out.extend(c for r in rows for c in r if c)
            return
        width = max(len(r) for r in rows)
        lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
        lines.insert(1, "|" + " --- |" * width)
        out.append("\n".join(lines))


def to_markdown(root: lxml.html.HtmlElement, base_url: str | None = None) -> str:
    """Markdown for the content under root: blocks separated by blank lines, links as [text](url)."""
    out: list[str] = []
    _Writer(base_url).blocks(root, out)
    return strip_controls("\n\n".join(b for b in out if b.strip()))
