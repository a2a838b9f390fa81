"""Notes around a story: syndication and licence terms, corrections, editor's notes, contributor lines."""

from __future__ import annotations

import re

_LABELLED = re.compile(
    r"^\W{0,3}(?:editor['’]?s?['’]?\s+note|note\s+to\s+readers|correction|corrections|clarification|update|updated|"
    r"disclosure|disclaimer|note)\b(?:\s*\([^)]{0,40}\)\s*[:.\-–—]|\s*,[^:.]{1,40}:|\s*[:.\-–—])",
    re.I,
)
_STORY = r"(?:story|article|piece|post|essay|column|interview|newsletter|episode|podcast)"
# The same notes in German, French, Spanish and Italian: first published elsewhere, rights reserved, a wire's
# material used ("Mit Material von dpa", "Avec AFP", "Con información de EFE").
_OTHER_LANGUAGES = (
    r"\b(?:erschien|erschienen|ver[öo]ffentlicht)\s+(?:\w+\s+){0,2}(?:zuerst|urspr[üu]nglich|erstmals)\b|"
    r"\b(?:zuerst|urspr[üu]nglich|erstmals)\s+(?:\w+\s+){0,3}(?:erschienen|ver[öo]ffentlicht)\b",
    r"\b(?:paru|publi[ée]e?)\s+(?:\w+\s+){0,2}(?:initialement|d['’]abord|à\s+l['’]origine|originellement|"
    r"pour\s+la\s+premi[èe]re\s+fois)\b",
    r"\b(?:publicad[oa]|aparecid[oa]|apareci[óo])\s+(?:\w+\s+){0,2}(?:originalmente|por\s+primera\s+vez|"
    r"primero)\b",
    r"\b(?:pubblicat[oa]|apparso|apparsa|uscit[oa])\s+(?:\w+\s+){0,2}(?:originariamente|originalmente|"
    r"per\s+la\s+prima\s+volta|inizialmente)\b",
    r"\balle\s+rechte\s+vorbehalten\b|\btous\s+droits\s+r[ée]serv[ée]s\b|"
    r"\btodos\s+los\s+derechos\s+reservados\b|\btutti\s+i\s+diritti\s+riservati\b",
    r"^\W*(?:mit\s+material\s+(?:von|der|des)|avec\s+(?:l['’])?(?:afp|ap|reuters|agences?)\b|"
    r"con\s+informaci[óo]n\s+de|con\s+(?:agencias|efe|afp|ansa)\b|fonte\s*:\s*ansa)",
    r"^\W*(?:anmerkung\s+der\s+redaktion|korrektur|richtigstellung|note\s+de\s+la\s+r[ée]daction|"
    r"rectificatif|nota\s+(?:del\s+editor|de\s+la\s+redacci[óo]n|della\s+redazione)|correcci[óo]n|"
    r"fe\s+de\s+erratas|rettifica|correzione)\s*[:.\-–—]",
)
_PHRASES = re.compile(
    "|".join(
        (
            rf"\b(?:this|our|an\s+earlier)\s+(?:\w+\s+){{0,2}}{_STORY}\b.{{0,120}}?\b(?:was|has\s+been|is|were|are|first|originally)\b"
            r".{0,60}?\b(?:published|appeared|updated|corrected|produced|republished|reprinted|adapted|excerpted|"
            r"edited|condensed|supported|funded|made\s+possible|part\s+of|co-?published|syndicated|distributed|"
            r"shared|provided|written|reported|translated|misstated|misidentified|incorrectly|stated)",
            r"\b(?:originally|first)\s+(?:published|appeared|ran|posted)\b|\bappeared\s+first\s+on\b",
            r"\bversion\s+of\s+this\s+(?:story|article|report|piece)\s+(?:appeared|was\s+published|ran|aired)\b",
            r"^\W*(?:distributed|syndicated|provided)\s+by\s+[^.]{1,80}\.?$|"
            r"\b(?:published|used|reproduced|reprinted)\s+with\s+permission\b",
            r"\brepublish|\brepublication\b|\breprint(?:s|ing)?\s+rights\b|\bsyndication\s+(?:partner|rights|service)|"
            r"\bsyndicated\s+(?:with\s+permission|content|from)\b|\breprint(?:ed)?\s+(?:here\s+)?(?:with|by)\s+permission|\bcreative\s+commons\b|\bcc[\s-]by\b",
            r"\blicen[cs]ed?\s+under\b|\bavailable\s+(?:without|free\s+of)\s+charge\b|\ball\s+rights\s+reserved\b",
            r"\bmay\s+not\s+be\s+(?:published|reproduced|redistributed|rewritten)|"
            r"\bcopyright\s*(?:©|\(c\)|\d{4})|©\s*\d{4}",
            r"\b(?:contributed|contributing)\s+(?:to\s+)?(?:this|the)\s+(?:report|story|article)|"
            r"\badditional\s+reporting\b|\bcontributed\s+(?:additional\s+)?reporting\b",
            r"\bthis\s+(?:story|article|report)\s+(?:is|was)\s+(?:part|one)\b|"
            r"\b(?:an?\s+)?(?:earlier|previous|prior|original)\s+version\s+of\s+this\b",
            r"\bin\s+partnership\s+with\b.{0,80}\b(?:published|produced)\b",
            r"\bsubject\s+to\s+copyright\b|\bno\s+part\s+(?:of\s+this\s+\w+\s+)?may\s+be\s+reproduced\b",
            # A wire's standards link under its sign-off: "Our Standards: The ... Trust Principles."
            r"^\W*(?:our|read\s+our|about\s+our)\s+(?:editorial\s+)?(?:standards|principles|ethics\s+policy)\b",
            *_OTHER_LANGUAGES,
        )
    ),
    re.I,
)
# "Reporting by X; Editing by Y": only as a short line of its own, not a sentence that starts the same way.
_STAFF_LINE = re.compile(
    r"^\W*(?:reporting|writing|editing|edited|research|produced|compiled|design|graphics|illustrations?|"
    r"photography|photos|video)\s+by\b|^\W*(?:contributing|contributors?|additional\s+reporting|mitarbeit)\s*:"
    # A wire's name alone in brackets closes its story: "(dpa)", "(AP)".
    r"|^\(\s*(?-i:[A-Z]{2,6}|[a-z]{2,4})(?:\s*[/,]\s*(?-i:[A-Z]{2,6}|[a-z]{2,4}))*\s*\)\.?$"
    r"|^\W*\(?this\s+(?:story|article|version)\s+(?:has\s+been\s+|was\s+)?(?:refiled|corrects|updated|fixes)\b",
    re.I,
)
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|according\s+to)\b|[\"“”]", re.I)


# A line about the piece itself ("This article was originally published by ...", "A version of this story
# ran in ..."): how a note above the story opens, where a story's first sentence never does.
_ABOUT_THIS = re.compile(
    rf"^\W{{0,3}}(?:(?:this|the\s+following)\s+(?:\w+\s+){{0,2}}{_STORY}\b|"
    rf"an?\s+(?:(?:earlier|previous|prior|shorter|longer|different)\s+)?version\s+of\s+this\s+{_STORY}\b|"
    r"(?:originally|first)\s+(?:published|appeared|posted)\b)",
    re.I,
)


def is_lead_note(text: str) -> bool:
    """A note above the story: labelled ("Editor's note:", "Update, 3:45 p.m.:") or about the piece itself."""
    if len(text) >= 400 or not is_note(text, max_len=400):
        return False
    return bool(re.match(r"^\W{0,3}(?:editor|note|update|correction)", text, re.I) or _ABOUT_THIS.match(text))


def is_note(text: str, *, max_len: int = 900) -> bool:
    """A syndication, licence, correction or editor's note line: labelled, or in the words such notes use."""
    text = text.strip()
    if not text or len(text) > max_len:
        return False
    if _LABELLED.match(text) or (len(text) <= 200 and _STAFF_LINE.match(text)):
        return True
    return bool(_PHRASES.search(text)) and not _ATTRIBUTION.search(text)
