"""Identifying details other than names, numbers with a checksum and postcodes: for the personal data guard.

Each finder returns (kind, start, end) spans of a message; `knowledge.personal_data` turns them into findings.
- a home address: a house number before a street ("14 Elm Road", "3 linden close"), a flat or bedsit number
  ("flat 3 Tower House"), a room, plot or pitch number at a hostel, halls, refuge or site;
- a vehicle registration: the current UK format ("KX19 RHN"), or anything after "reg" or "number plate";
- a social media or gaming handle: "@jay_x99", or after a platform's name or "username", a name no one writes
  in prose ("ironcross_1488", "kayla.xo_", "xXWolfOfOdinXx");
- a child's initials with a class or year group ("JT in 9B", "Pupil AK, Year 7", "MH (f, 14)"), where the
  letters are not an acronym staff use (`NOT_INITIALS`, the glossary's acronyms);
- a case or reference number: a number of four digits or more (not a year) after "ref", "case", "crime",
  "UPN", "Mosaic ID"... ("LCS case 00452871", "crime ref 13/88412/24");
- an NHS number after "NHS no." even when its check digit is wrong: a mistyped one still identifies someone.
"""

import re
from collections.abc import Iterable
from functools import cache

from knowledge import CONTENT_DIR
from knowledge.common_words import COMMON_WORDS

Span = tuple[str, int, int]

_STREET_WORDS = ("road|rd|street|avenue|ave|close|lane|drive|crescent|gardens|grove|terrace|place|court|walk|rise"
                 "|mews|square|row|parade|way|hill|view|green")
_HOUSE_NUMBER = re.compile(rf"\b\d{{1,4}}[a-z]?,?\s+(?P<between>(?:[A-Za-z'-]+\s+){{1,3}})(?:{_STREET_WORDS})\b",
                           re.IGNORECASE)
_COUNTED = frozenset(("year", "years", "yr", "yrs", "old", "minute", "minutes", "mins", "hour", "hours", "day",
                      "days", "week", "weeks", "month", "months", "mile", "miles", "metres", "yards", "of", "the",
                      "a", "an", "on", "in", "at", "to", "from", "and", "or", "more", "other", "times", "people"))
"""Words after a number that make it a count ("15 year old", "10 minutes down the road"), not a house number."""
_FLAT = re.compile(r"\b(?:flat|apartment|apt|bedsit)\s+\d{1,4}[a-z]?\b", re.IGNORECASE)
_ROOM = re.compile(r"\b(?:room|plot|pitch)\s+\d{1,4}(?:\.\d{1,3})?[a-z]?\b(?=(?:\W+\w+){0,4}?\W+(?:hostel|halls"
                   r"|hall of residence|refuge|site|house|block|court|tower|bail hostel|b&b)\b)", re.IGNORECASE)
_PLATE = re.compile(r"\b[A-Z]{2}\d{2}\s?[A-Z]{3}\b")
_PLATE_CUE = re.compile(r"\b(?:reg|registration|number plate|plate|vrm)\b\.?\s*(?:no\.?|number|is|was|:)?\s*"
                        r"(?P<plate>[A-Z0-9]{1,4}\s?[A-Z0-9]{1,4})\b", re.IGNORECASE)
_AT_HANDLE = re.compile(r"(?<![\w.@])@(?=[\w.]*[A-Za-z])[A-Za-z0-9_][\w.]{1,29}")
_PLATFORMS = ("username|user name|handle|gamertag|gamer tag|snap|snapchat|discord|insta|instagram|tiktok|tik tok"
              "|telegram|twitch|roblox|xbox|psn|playstation|steam|kik|youtube channel|x account|twitter account"
              "|account name|profile name")
_PLATFORM = re.compile(rf"\b(?:{_PLATFORMS})\b", re.IGNORECASE)
_PLATFORM_WORDS = tuple(_PLATFORMS.split("|"))
_HANDLE_LIKE = re.compile(r"[A-Za-z0-9_.]{4,}")
HANDLE_REACH = 4
"""A handle is looked for among this many words after a platform's name ("on discord he's ironcross_1488")."""
_PLATFORM_NAMES = frozenset(_PLATFORMS.replace(" ", "").split("|")) | {"youtube", "facebook", "whatsapp", "x"}
_INTERNAL_CAPITAL = re.compile(r"[a-z][A-Z]")
_INITIALS = re.compile(r"(?<![\w'])(?P<letters>[A-Z](?:\.?[A-Z]){1,2}\.?|[A-Z]{1,2}'[A-Z])(?![\w'])")
_CLASS_AFTER = re.compile(r"\s*(?:,\s*|\(\s*|\s+in\s+|\s+)(?:(?:year|yr|y)\s?\d{1,2}\b|\d{1,2}\s?[A-Z]{1,3}\b"
                          r"|[fm]\s*,\s*\d{1,2}\b)", re.IGNORECASE)
_PERSON_BEFORE = re.compile(r"\b(?:pupil|student|child|learner|young person|initials(?: are| is|:)?)\s*$",
                            re.IGNORECASE)
NOT_INITIALS = frozenset(str.split("""
    PE RE RS IT ICT DT PSHE RSE MFL SEN SEND SENCO SENDCO EAL ESOL TA HOY HOD SLT LSA CP DSL DDSL DSP KS GCSE BTEC
    SATS SAT FSM PP LAC CIN CLA EHCP EHE PRU AP NEET YOT YJS CAMHS GP MP PCSO PC DC DS DI MOD NHS UK US EU UN IS
    ISIS ISIL KKK IRA UVF UDA PKK BNP EDL NF LGBT BAME AQA OCR CEO HR CT CTP CTU MASH LADO WRAP DFE DWP FE HE
    UCAS OK PM AM TV ID
"""))
"""Acronyms staff write beside a class or year group ("PE in year 9", "the SENCO in Y7"): not a child's initials."""
_REFERENCE = re.compile(r"\b(?:ref|reference|case|crime|incident|log|upn|uln|urn|crn|mrn|nominal|hospital|patient"
                        r"|mosaic|referral|id)\b(?:\s+(?:no|number|num|ref|reference|id)\b)?\.?\s*[:#]?\s*"
                        r"(?P<ref>[A-Za-z]*\d[A-Za-z0-9/-]*(?: \d{3,})?|[A-Za-z0-9][A-Za-z0-9/-]*)", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d(?:[/-](?:19|20)?\d\d)?")
"""A year or a span of years ("2017/18"): not a reference..."""
_YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d\d(?:[/-](?:19|20)?\d\d)?(?!\d)")
"""...nor the digits of one inside a reference ("minutes BM-2024-07")."""
_NHS_CUE = re.compile(r"\bnhs\s*(?:no|number|num|#)?\.?\s*:?\s*(?P<number>\d{3}[ -]?\d{3}[ -]?\d{4})(?!\d)",
                      re.IGNORECASE)


def identifiers(text: str, has_digit: bool) -> Iterable[Span]:
    """Every address, registration, handle, initials, reference and cued NHS number in `text`."""
    if has_digit:
        yield from _addresses(text)
        yield from _plates(text)
        yield from _references(text)
        yield from (("nhs_number", m.start("number"), m.end("number")) for m in _NHS_CUE.finditer(text))
    yield from _handles(text)
    yield from _initials(text)


def _addresses(text: str) -> Iterable[Span]:
    for match in _HOUSE_NUMBER.finditer(text):
        words = match.group("between").split()
        if not any(w.lower() in _COUNTED or (w.islower() and w in COMMON_WORDS) for w in words):
            yield "address", match.start(), match.end()
    for pattern in (_FLAT, _ROOM):
        yield from (("address", m.start(), m.end()) for m in pattern.finditer(text))


def _plates(text: str) -> Iterable[Span]:
    yield from (("vehicle", m.start(), m.end()) for m in _PLATE.finditer(text))
    for match in _PLATE_CUE.finditer(text):
        plate = match.group("plate")
        if any(c.isdigit() for c in plate) and any(c.isalpha() for c in plate) and not _YEAR.fullmatch(plate):
            yield "vehicle", match.start("plate"), match.end("plate")


def _handles(text: str) -> Iterable[Span]:
    if "@" in text:
        yield from (("handle", m.start(), m.end()) for m in _AT_HANDLE.finditer(text))
    lowered = text.lower()
    if not any(word in lowered for word in _PLATFORM_WORDS):  # most messages name no platform: skip the search
        return
    for platform in _PLATFORM.finditer(text):
        for word in list(_HANDLE_LIKE.finditer(text, platform.end(), platform.end() + 80))[:HANDLE_REACH]:
            handle = word.group(0).rstrip(".")
            if _unusual(handle):
                yield "handle", word.start(), word.start() + len(handle)
                break


def _unusual(word: str) -> bool:
    """A word no one writes in prose: with an underscore, letters and digits, a dot inside or a capital inside."""
    odd = "_" in word or _INTERNAL_CAPITAL.search(word) or re.search(r"[a-z]\.[a-z]", word) \
        or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word))
    return bool(odd) and word.lower() not in _PLATFORM_NAMES and word.lower() not in COMMON_WORDS


def _initials(text: str) -> Iterable[Span]:
    for match in _INITIALS.finditer(text):
        letters = match.group("letters")
        if letters.replace(".", "").upper() in _not_initials():
            continue
        if _CLASS_AFTER.match(text, match.end()) or _PERSON_BEFORE.search(text, 0, match.start()):
            yield "initials", match.start(), match.end()


def _references(text: str) -> Iterable[Span]:
    for match in _REFERENCE.finditer(text):
        reference = match.group("ref")
        digits = sum(c.isdigit() for c in _YEAR_IN.sub("", reference))
        if digits >= 4:
            yield "reference", match.start("ref"), match.end("ref")


@cache
def _not_initials() -> frozenset[str]:
    """NOT_INITIALS and every acronym in the glossary (its terms and synonyms in capitals)."""
    from knowledge.glossary import parse_glossary  # the glossary's loader, only when a message has capitals

    entries, _errors = parse_glossary(CONTENT_DIR / "glossary.yaml")
    acronyms = {form.replace(" ", "").upper() for entry in entries for form in (entry.term, *entry.synonyms)
                if form.replace(" ", "").isupper()}
    return NOT_INITIALS | frozenset(acronyms)
