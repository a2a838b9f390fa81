"""`newsreader extract (FILE | URL | -) [--url BASE] [--json]`: clean one page and print it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from newsreader.clean.cleaner import clean_html
from newsreader.clean.errors import CleanError
from newsreader.config import Config
from newsreader.models import Cleaned
from newsreader.text import one_line

# Local files are read up to this size; the rest is left out rather than filling memory.
MAX_FILE_BYTES = 32 * 1024 * 1024


def _fail(message: str) -> int:
    print(f"newsreader: {one_line(message)}", file=sys.stderr)
    return 1


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def _read(source: str, *, config: Config, offline: bool) -> tuple[bytes, str | None, str | None]:
    """(body, page address, content type) of the source; raises CleanError with a one-line reason."""
    if source == "-":
        return sys.stdin.buffer.read(MAX_FILE_BYTES), None, None
    if _is_url(source):
        if offline:
            raise CleanError(f"--offline: refusing to fetch {source}")
        from newsreader.fetch import fetch_url

        result = fetch_url(source, config.limits)
        if result.error:
            raise CleanError(f"{source}: {result.error}")
        if not result.ok:
            raise CleanError(f"{source}: HTTP {result.status}")
        return result.body, result.url, result.content_type
    path = Path(source)
    try:
        with path.open("rb") as f:
            return f.read(MAX_FILE_BYTES), None, None
    except IsADirectoryError:
        raise CleanError(f"{source}: is a directory") from None
    except OSError as exc:
        raise CleanError(f"{source}: {exc.strerror or exc}") from None


def cleaned_json(c: Cleaned, url: str | None) -> dict:
    return {
        "title": c.title,
        "authors": list(c.authors),
        "published": c.published,
        "body": c.body,
        "contacts": [{"kind": x.kind, "value": x.value, "label": x.label} for x in c.contacts],
        "credits": list(c.credits),
        "notes": list(c.notes),
        "url": url,
    }


def render_text(c: Cleaned, url: str | None) -> str:
    """A readable rendering: headline and byline, the body, then what was set aside."""
    lines = []
    if c.title:
        lines += [c.title, "=" * min(len(c.title), 80)]
    meta = [x for x in (("By " + ", ".join(c.authors)) if c.authors else None, c.published, url) if x]
    if meta:
        lines.append(" · ".join(meta))
    lines += ["", c.body or "(no article text found)"]
    if c.contacts:
        lines += ["", "Contacts:"] + [f"  {x.kind}: {x.value}" for x in c.contacts]
    if c.credits:
        lines += ["", "Credits:"] + [f"  {x}" for x in c.credits]
    if c.notes:
        lines += ["", "Notes:"] + [f"  {x}" for x in c.notes]
    return "\n".join(lines) + "\n"


def extract_command(
    source: str, *, base_url: str | None, as_json: bool, config: Config, offline: bool
) -> int:
    """Clean one page from a file, an address or standard input; print JSON or a readable rendering."""
    try:
        data, fetched_url, content_type = _read(source, config=config, offline=offline)
        url = base_url or fetched_url
        cleaned = clean_html(data, url=url, content_type=content_type)
    except CleanError as exc:
        return _fail(str(exc))
    except (RecursionError, MemoryError, ValueError, TypeError, AttributeError, IndexError, KeyError) as exc:
        # A page that trips the cleaner up is still one line for the user, not a traceback.
        return _fail(f"cannot clean {source}: {type(exc).__name__}: {exc}")
    if as_json:
        json.dump(cleaned_json(cleaned, url), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(cleaned, url))
    return 0
