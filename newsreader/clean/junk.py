"""Lines that are neither story nor metadata: newsletter and share prompts, read-more links, ad labels."""

from __future__ import annotations

import re

import lxml.html

_PROMO = re.compile(
    r"^\W{0,3}(?:sign\s+up\b|subscribe\b|get\s+(?:our|the)\b.{0,40}\bnewsletter|read\s+more\b|"
    r"related\s*(?::|stories|articles|coverage|links|reading)|see\s+also\b|also\s+read\b|more\s+from\s+\S+\s*:|"
    r"recommended\s*(?::|for\s+you|reading|stories)|share\s+(?:this|on)\b|click\s+here\b|continue\s+reading\b|"
    r"read\s+the\s+(?:full|original|rest\s+of\s+the)\s+(?:story|article)|support\s+(?:our|independent|local)\s+journalism|"
    r"advertisement\W*$|sponsored\W*$|(?:this|the)\s+(?:story|article)\s+continues\s+below|"
    r"listen\s+to\s+this\s+(?:article|story)|(?:tags|topics|filed\s+under|categories|posted\s+in)\s*:|"
    r"(?:follow|read|see|find)\s+(?:more\s+of\s+)?(?:\S+\s+){0,2}coverage\s+(?:of|at|on)\b)",
    re.I,
)
# Inside a story only a labelled pointer elsewhere made of links is junk: "Read more: <link>".
_SHARE_BAR = re.compile(
    r"^\W*(?:(?:share|tweet|e-?mail|print|save|facebook|twitter|linkedin|whatsapp|reddit|pinterest|telegram|"
    r"flipboard|copy\s*link|comments?|x)\W*)+$",
    re.I,
)
_STAMP = re.compile(
    r"^\W*(?:(?:updated|published|posted|last\s+updated|modified)\b(?=[^.]{0,60}(?:\d|\bago\b))[^.]{0,60}|"
    r"\d+\s*(?:-|\s)?min(?:ute)?s?\s+read)\W*$",
    re.I,
)
_POINTER = re.compile(
    r"^\W{0,3}(?:read\s+more|related|see\s+also|also\s+read|more|watch|listen)\s*[:»|>-]", re.I
)
_BUTTON = re.compile(r"^\W*(?:leave\s+a\s+comment|donate|give\s+a\s+gift|upgrade|support\s+us)\b", re.I)
_AD_LABEL = re.compile(r"^\W*(?:advertisement|sponsored|ad)\W*$", re.I)
# A label over links or a sign-up box, alone on its line: "Related", "RELATED CONTENT:", "Recommended by Our
# Editors", "Sign up for our daily newsletter", "Get the Morning Briefing in your inbox".
_JUNK_LABEL = re.compile(
    r"^\W*(?:related(?:\s+(?:content|stories|articles|coverage|links|reading|videos?|topics))?|"
    r"recommended(?:\s+(?:by\s+our\s+editors|for\s+you|reading|stories|articles))?|"
    r"more\s+(?:on\s+this\s+(?:story|topic)|stories|coverage)|read\s+(?:more|next|also)|see\s+also|also\s+read|"
    r"(?:sign\s+up|subscribe|register)\b[^.!?]{0,60}\b(?:newsletters?|inbox|e-?mails?|alerts?|briefing)|"
    r"get\s+(?:our|the)\b[^.!?]{0,50}\b(?:newsletters?|in\s+your\s+inbox|briefing)|"
    r"(?:our|the|free)\s+[^.!?]{0,40}\bnewsletters?)\W*$",
    re.I,
)


def link_density(el: lxml.html.HtmlElement, text: str) -> float:
    linked = sum(len(" ".join(a.text_content().split())) for a in el.iter("a"))
    return linked / max(1, len(text))


def is_promo(text: str) -> bool:
    """A short call to subscribe, share or read something else, a share bar or a time stamp, at an edge."""
    if len(text) <= 120 and (_SHARE_BAR.match(text) or _STAMP.match(text)):
        return True
    return len(text.split()) <= 40 and bool(_PROMO.match(text))


def is_link_only(el: lxml.html.HtmlElement, text: str) -> bool:
    """A short block that is all link (a related-story list item, a share button)."""
    return len(text.split()) <= 25 and link_density(el, text) >= 0.9


def is_junk_label(text: str) -> bool:
    """A short line that only labels related links or a newsletter sign-up."""
    return len(text.split()) <= 15 and bool(_JUNK_LABEL.match(text))


def is_inline_junk(el: lxml.html.HtmlElement, text: str) -> bool:
    """Junk even mid-story: an ad label, a label over related links or a sign-up, or a labelled read-more
    pointer made of links."""
    if _AD_LABEL.match(text) or is_junk_label(text):
        return True
    if is_link_only(el, text) and (is_promo(text) or _BUTTON.match(text)):
        return True  # a subscribe or share button in the middle of a post
    return len(text.split()) <= 30 and bool(_POINTER.match(text)) and link_density(el, text) >= 0.5
