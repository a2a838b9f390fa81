"""Entity defusing: an internal DTD rewritten so only short, flat entities remain."""

from __future__ import annotations

import re

# The prolog (everything before the first element) and the entity declarations in it.
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_ENTITY_DECL = re.compile(rb"<!ENTITY\s")
_SAFE_ENTITY = re.compile(rb"<!ENTITY\s+([A-Za-z_][\w.-]{0,40})\s+\"([^\"&%<]{0,16})\"\s*>")
_DOCTYPE_NAME = re.compile(rb"<!DOCTYPE\s+([\w:.-]+)")
_DOCTYPE = re.compile(rb"<!DOCTYPE.*", re.S)


def defuse_entities(body: bytes) -> bytes:
    """Rewrite an internal DTD so only short, flat entities remain (no billion laughs, no blow-up).

    feedparser has a guard of its own, but it only sees declarations at the start of a line.
    """
    m = _FIRST_ELEMENT.search(body)
    head_end = m.start() if m else len(body)
    head = body[:head_end]
    if not _ENTITY_DECL.search(head):
        return body
    safe = _SAFE_ENTITY.findall(head)[:64]
    name = _DOCTYPE_NAME.search(head)
    doctype = b""
    if safe:
        decls = b"".join(b'\n<!ENTITY %s "%s">' % (k, v) for k, v in safe)
        doctype = b"<!DOCTYPE %s [%s\n]>\n" % (name.group(1) if name else b"feed", decls)
    start = head.find(b"<!DOCTYPE")
    prolog = head[:start] if start >= 0 else _ENTITY_DECL.split(head, 1)[0]
    return prolog + doctype + body[head_end:]
