"""Author boxes: a short biography with links to reach the writer, usually just below the story."""

from __future__ import annotations

import lxml.html

from newsreader.clean.blocks import block_lines, block_text, leaf_blocks, links_of
from newsreader.clean.byline import BIO_BOX, tip_names
from newsreader.clean.contacts import contacts_in, is_contact_line, links_in_line, social_link
from newsreader.models import Contact


def in_bio_box(el: lxml.html.HtmlElement) -> bool:
    """Whether el is in an author box (by the box's class or id)."""
    for node in (el, *el.iterancestors()):
        if BIO_BOX.search(f"{node.get('class') or ''} {node.get('id') or ''}"):
            return True
    return False


def bio_contacts(box: lxml.html.HtmlElement) -> tuple[list[Contact], list[str]]:
    """Contacts and the writer's name from an author box outside the story: its contact lines and profile links."""
    contacts: list[Contact] = []
    names: list[str] = []
    for block in leaf_blocks(box) or [box]:
        lines = block_lines(block)
        links = links_of(block)
        for line in lines:
            if len(line) > 600:
                continue  # a biography's prose, not a line to reach anyone by
            line_links = links if len(lines) == 1 else links_in_line(links, line)
            named = tip_names(line)
            if is_contact_line(line, names=named):
                contacts += contacts_in(line, line_links)
            names += named
        text = block_text(block) or block_text(box)[:200] or None
        for href in links:
            low = href.lower()
            if low.startswith("mailto:"):
                contacts.append(Contact("email", href[7:].split("?")[0], text or href))
            elif low.startswith("tel:"):
                contacts.append(Contact("phone", href[4:], text or href))
            elif social_link(href):
                contacts.append(Contact("social", href, text or href))
    return contacts, names
