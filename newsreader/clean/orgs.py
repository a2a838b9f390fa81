"""Which bylines are organisations (a wire, a newsroom, a board) rather than people, by the shape of the name.

No outlet is named here: an organisation is told by the words organisations call themselves by, by an
acronym in capitals, by a leading "The", or by the page's structured data saying so.
"""

from __future__ import annotations

import re

# Words that name a body of people, in English and the languages bylines here come in.
_ORG_WORDS = re.compile(
    r"\b(?:press|presse|prensa|stampa|news|nachrichten|noticias|notizie|nouvelles|associated|agency|agencies|"
    r"agence|agencia|agenzia|agentur|service|services|staff|editorial|editors|redaktion|r[ée]daction|"
    r"redacci[óo]n|redazione|board|desk|team|newsroom|wire|wires|bureau|media|network|networks|radio|"
    r"television|tv|broadcasting|times|post|journal|gazette|herald|tribune|chronicle|daily|weekly|magazine|"
    r"review|institute|foundation|university|association|council|company|inc|ltd|llc|gmbh|group|corporation|"
    r"corp|society|committee|office|department|ministry|government|centre|center|publishing|publications|"
    r"studios?|labs?|partners|reports|correspondents|contributors|writers|reporters|online|channel|"
    r"newsletter|blog|dispatch|observer|guardian|telegraph|courier|examiner|monitor|bulletin|wochenschau)\b",
    re.I,
)
_ACRONYM = re.compile(r"^[A-Z][A-Z&.-]{1,7}$")  # AP, AFP, BBC, A.P., AT&T


def is_organisation(name: str, site_name: str | None = None, *, typed_person: bool = False) -> bool:
    """A byline that names an organisation: "The Associated Press", "BBC News", "Reuters", "AFP",
    "Editorial Board", "Our Foreign Staff", or the site's own name. typed_person: the page's JSON-LD calls
    it a Person, which outweighs the weak signs (one word, an "&") but not a newsroom's words."""
    name = name.strip()
    if not name:
        return False
    if site_name and name.lower() == site_name.strip().lower():
        return True
    words = name.split()
    if _ACRONYM.match(name) or _ORG_WORDS.search(name):
        return True
    if words[0].lower() in ("the", "our") and len(words) >= 2:
        return True  # no one's name starts with an article: "The Conversation", "Our Correspondent"
    if typed_person:
        return False
    if "&" in name and not all(len(side.split()) >= 2 for side in name.split("&")):
        return True  # "Procter & Gamble"; "Jane Roe & John Doe" are two people
    # One word alone signs for a wire or an outlet ("Reuters", "Bloomberg"); people sign with two or more.
    return len(words) == 1 and len(name) >= 3 and name[0].isupper() and name.isalpha()
