"""Identifying details other than names, numbers with a checksum and postcodes: for the personal data guard.

Each finder returns (kind, start, end) spans of a message; `knowledge.personal_data` turns them into findings.
- a home address: a house number before a street ("14 Elm Road", "3 linden close"), a flat or bedsit number
  ("flat 3 Tower House"), a room, plot or pitch number at a hostel, halls, refuge or site;
- a vehicle registration: the current UK format ("KX19 RHN"), or anything after "reg" or "number plate";
- a social media or gaming handle: "@jay_x99", "u/name", or after a platform's name, "username" or "goes by", a
  name no one writes in prose ("ironcross_1488", "kayla.xo_", "xXWolfOfOdinXx"), not a time or a hashtag;
- a child's initials with a class or year group ("JT in 9B", "Pupil AK, Year 7", "MH (f, 14)"), where the
  letters are not an acronym staff use (`NOT_INITIALS`, the glossary's acronyms);
- a case or reference number: a number of four digits or more (not a year) after "ref", "case", "crime",
  "UPN", "Mosaic ID"... ("LCS case 00452871", "crime ref 13/88412/24"), unless an organisation's or a
  document's ("Ofsted ref", "minutes ref", "meeting ID");
- an NHS number after "NHS no." even when its check digit is wrong: a mistyped one still identifies someone.
"""

import re
from collections.abc import Iterable
from functools import cache

from knowledge import CONTENT_DIR
from knowledge.common_words import COMMON_WORDS
from knowledge.text import STOPWORDS

Span = tuple[str, int, int]

_STREET_WORDS = ("road|rd|street|st|avenue|ave|close|lane|drive|crescent|gardens|grove|terrace|place|court|walk|rise"
                 "|mews|square|row|parade|way|hill|view|green")
_HOUSE_NUMBER = re.compile(rf"(?<![\d/.£$-])\b(?!(?:19|20)\d\d\b)\d{{1,4}}[a-z]?,?\s+"
                           rf"(?P<between>(?:[A-Za-z'-]+\s+){{1,3}})(?P<street>{_STREET_WORDS})\b", re.IGNORECASE)
"""A house number (not a year: "the 2017 Parsons Green attack") before one to three words and a street word."""
_ONLY_STREETS = frozenset(("road", "rd", "street", "st", "avenue", "ave", "lane", "crescent", "gardens", "grove",
                           "terrace", "mews"))
"""Street words that are no verb or adjective: before them an everyday word is a street's name ("9 station road")."""
_STREET_NAMES = frozenset(str.split("""
    church station park green mill school market north south east west queen queens king kings london chapel
    manor bridge hall castle farm field hill oak elm ash orchard meadow spring brook grange garden
"""))
"""Everyday words that name streets ("14 church street", "22 park avenue"); not "high", "main" or "new", which
make a count ("3 high street banks", "2 main road crossings", "4 new road safety officers")."""
_NOT_HOMES = frozenset(("civic", "centre", "center", "business", "industrial", "enterprise", "trading", "retail",
                        "science", "technology", "council"))
"""Words in an organisation's address ("3 Civic Centre Road", "Unit 4 Enterprise Way"), not a home's."""
_COUNTED = frozenset(("year", "years", "yr", "yrs", "old", "minute", "minutes", "mins", "hour", "hours", "day",
                      "days", "week", "weeks", "month", "months", "mile", "miles", "metres", "yards", "of", "the",
                      "a", "an", "on", "in", "at", "to", "from", "and", "or", "more", "other", "times", "people"))
"""Words after a number that make it a count ("15 year old", "10 minutes down the road"), not a house number."""
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
"""A count of staff or bodies ("our 3 DSLs view it differently"), not a street's name."""
_FLAT = re.compile(r"\b(?:flat|apartment|apt|bedsit)\s+\d{1,4}[a-z]?\b(?!\s*(?:%|per\b|percent\b|years?\b|months?\b"
                   r"|weeks?\b|days?\b|times?\b|hours?\b))", re.IGNORECASE)
"""A flat number, not a flat rate ("funding stayed flat 3 years running", "a flat 5% cut")."""
_ROOM = re.compile(r"\b(?:room|plot|pitch)\s+\d{1,4}(?:\.\d{1,3})?[a-z]?\b(?=(?:\W+\w+){0,4}?\W+(?:hostel|halls"
                   r"|hall of residence|refuge|site|house|block|court|tower|bail hostel|b&b)\b)", re.IGNORECASE)
_MEETING = re.compile(r"\b(?:panel|meeting|training|session|sessions|venue|committee|briefing|conference|workshop)\b",
                      re.IGNORECASE)
_PLATE = re.compile(r"\b[A-Za-z]{2}\d{2}[\s-]?[A-Za-z]{3}\b")
"""The current format, also typed in lower case or with a hyphen ("kx19 rhn", "KX19-RHN")."""
_PLATE_CUE = re.compile(r"\b(?:reg|registration|number plates?|plates?|vrm)\b\.?\s*(?:no\.?|number|is|was|:)?\s*"
                        r"(?P<plate>[A-Z0-9]{1,4}\s?[A-Z0-9]{1,4})\b", re.IGNORECASE)
_AT_HANDLE = re.compile(r"(?<![\w.@])@(?=[\w.]*[A-Za-z])[A-Za-z0-9_][\w.]{1,29}")
_PLATFORMS = ("username|user name|handle|gamertag|gamer tag|snap|snapchat|discord|insta|instagram|tiktok|tik tok"
              "|telegram|twitch|roblox|xbox|psn|playstation|steam|kik|youtube channel|x account|twitter account"
              "|account name|profile name|facebook|fb|reddit|fortnite|minecraft|gab|ig|twitter|youtube|goes by"
              "|posts as|known as|calls himself|calls herself|uses the name|online name")
_PLATFORM = re.compile(rf"\b(?:{_PLATFORMS})\b", re.IGNORECASE)
_PLATFORM_WORDS = tuple(_PLATFORMS.split("|"))
_HANDLE_LIKE = re.compile(r"[A-Za-z0-9_.]{4,}")
HANDLE_REACH = 4
"""A handle is looked for among this many words after a platform's name ("on discord he's ironcross_1488")."""
_PLATFORM_NAMES = frozenset(_PLATFORMS.replace(" ", "").split("|")) | {
    "youtube", "facebook", "whatsapp", "x", "linkedin", "iphone", "iphones", "ipad", "ipads", "4chan", "8chan", "8kun"}
_EVERYDAY_CUES = frozenset(("handle", "snap", "steam"))
"""Platform words that are also everyday words ("handle the referral", "a snap decision", "steam room"): a cue only
as a noun, after "his", "on" ... ("his handle is", "on snap she's") or before "is", ":" ("snap: lil.ayesha.xo")."""
_NOUN_BEFORE = re.compile(r"\b(?:his|her|their|my|your|our|whose|on|via|same|new|old|fake|main|alt|its|the|a|an"
                          r"|uses|used|using)\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s*(?:is\b|was\b|name\b|account\b|[:=-])", re.IGNORECASE)
_NOT_HANDLES = re.compile(r"\d{1,2}(?:[.:]\d\d)?(?:am|pm)|(?:y|yr|ks)\d{1,2}s?|\d{1,3}(?:min|mins|hr|hrs|k)",
                          re.IGNORECASE)
"""Times, year groups and amounts ("10am", "Y10s", "KS3s", "15min"): letters and digits, but no handle."""
_REDDIT = re.compile(r"(?<![\w/])u/[A-Za-z0-9_-]{3,20}\b")
_INTERNAL_CAPITAL = re.compile(r"[a-z][A-Z]")
_INITIALS = re.compile(r"(?<![\w'])(?P<letters>[A-Z](?:\.?[A-Z]){1,2}\.?|[A-Z]{1,2}'[A-Z])(?![\w'])")
_CLASS_AFTER = re.compile(r"\s*(?:,\s*|\(\s*|\s+(?:in|from)\s+(?:form\s+)?|\s*[-–]\s*|\s+)(?:(?:year|yr|y)\s?\d{1,2}\b"
                          r"|[ps][1-7]\b|\d{1,2}\s?(?!(?:am|pm|hrs?|mins?|day|days|wk|wks|per|of|in|on|at|to|and|or|for"
                          r"|the|mb|gb)\b)[A-Z]{1,3}\b|[fm]\s*,\s*\d{1,2}\b|\d{1,2}\s*,\s*(?:m|f|male|female)\b)",
                          re.IGNORECASE)
"""A class or year group after initials ("JT in 9B", "KL - 8C", "AB in P6", "DK (14, male)"), not a time or a
length ("CPD 9am-12pm", "the HMG 2 day course")."""
_PERSON_BEFORE = re.compile(r"\b(?:pupil|student|child|learner|young person|boy|girl|lad|initials(?: are| is|:)?)"
                            r"\s*,?\s*$", re.IGNORECASE)
NOT_INITIALS = frozenset(str.split("""
    PE RE RS IT ICT DT PSHE RSE MFL SEN SEND SENCO SENDCO EAL ESOL TA HOY HOD SLT LSA CP DSL DDSL DSP KS GCSE BTEC
    SATS SAT FSM PP LAC CIN CLA EHCP EHE PRU AP NEET YOT YJS CAMHS GP MP PCSO PC DC DS DI MOD NHS UK US EU UN IS
    ISIS ISIL KKK IRA UVF UDA PKK BNP EDL NF LGBT BAME AQA OCR CEO HR CT CTP CTU MASH LADO WRAP DFE DWP FE HE
    UCAS OK PM AM TV ID AI VR AS IB CS PD EP EPQ IAG AHT DHT HT ECT NQT SRE ASD CPD NCS FGM CME HMG BBC ITV VAT
    WMP GMP NE NW SE SW
"""))
"""Acronyms staff write beside a class or year group ("PE in year 9", "the SENCO in Y7"): not a child's initials."""
_REFERENCE = re.compile(r"\b(?:ref|reference|case|crime|incident|log|upn|uln|urn|crn|mrn|nominal|hospital|patient"
                        r"|mosaic|referral|id|pnc|cad|passport|brp|occurrence|file|liquidlogic"
                        r"|(?:student|pupil|account|claim)(?=\s+(?:no|number)\b))\b"
                        r"(?:\s+(?:no|number|num|ref|reference|id)\b)?\.?\s*(?:is\s+|was\s+)?[:#]?\s*"
                        r"(?P<ref>[A-Za-z]*\d[A-Za-z0-9/-]*(?: \d{3,})?|[A-Za-z0-9][A-Za-z0-9/-]*)", re.IGNORECASE)
_NOT_A_PERSON = re.compile(r"\b(?:minutes|policy|ofsted|foi|register|contract|invoice|course|meeting|charity|company"
                           r"|school|tender|grant|agenda|item|circular|guidance|inspection|module|document)\W+(?:\w+\W+)?$",
                           re.IGNORECASE)
"""Words before "ref", "ID" or "URN" that make it an organisation's or a document's ("Ofsted ref 123456",
"minutes ref PB-23-07", "Teams meeting ID 382 194 557"), not a person's or a case's."""
_YEAR = re.compile(r"(?:19|20)\d\d(?:[/-](?:19|20)?\d\d)?")
"""A year or a span of years ("2017/18"): not a reference..."""
_YEAR_IN = re.compile(r"(?<!\d)(?:19|20)\d\d(?:[/-](?:19|20)?\d\d)?(?!\d)")
"""...nor the digits of one inside a reference ("minutes BM-2024-07")."""
_NHS_CUE = re.compile(r"\bnhs\s*(?:no|number|num|#)?\.?\s*(?:is\s+|was\s+|[:=-]\s*)?"
                      r"(?P<number>\d{3}[ -]?\d{3}[ -]?\d{4})(?!\d)", re.IGNORECASE)


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
        street = match.group("street").lower() in _ONLY_STREETS
        if not any(w.lower() in _COUNTED or w.lower() in _NOT_HOMES or _PLURAL_ACRONYM.fullmatch(w)
                   or (w.islower() and w in COMMON_WORDS and not (street and w in _STREET_NAMES)) for w in words):
            yield "address", match.start(), match.end()
    yield from (("address", m.start(), m.end()) for m in _FLAT.finditer(text))
    if not _MEETING.search(text):  # "Channel panel in room 4 in Civic House": a meeting room, not a resident's
        yield from (("address", m.start(), m.end()) for m in _ROOM.finditer(text))


def _plates(text: str) -> Iterable[Span]:
    for match in _PLATE.finditer(text):
        letters = re.findall(r"[A-Za-z]+", match.group(0))
        if match.group(0).isupper() or not any(w.lower() in COMMON_WORDS or w.lower() in STOPWORDS for w in letters):
            yield "vehicle", match.start(), match.end()  # not "so15 has a team"
    for match in _PLATE_CUE.finditer(text):
        plate = match.group("plate")
        first = plate.split()[0].lower()
        if " " in plate and (first in STOPWORDS or first in COMMON_WORDS):
            continue  # "registration at 8.45", "registration in 9C", "registration for Y7"
        if any(c.isdigit() for c in plate) and any(c.isalpha() for c in plate) and not _YEAR.fullmatch(plate):
            yield "vehicle", match.start("plate"), match.end("plate")


def _handles(text: str) -> Iterable[Span]:
    if "@" in text:
        yield from (("handle", m.start(), m.end()) for m in _AT_HANDLE.finditer(text)
                    if not _NOT_HANDLES.fullmatch(m.group(0)[1:]))  # "panel @2pm"
    if "u/" in text:
        yield from (("handle", m.start(), m.end()) for m in _REDDIT.finditer(text))
    lowered = text.lower()
    if not any(word in lowered for word in _PLATFORM_WORDS):  # most messages name no platform: skip the search
        return
    for platform in _PLATFORM.finditer(text):
        if platform.group(0).lower() in _EVERYDAY_CUES and not (
                _NOUN_BEFORE.search(text, 0, platform.start()) or _NOUN_AFTER.match(text, platform.end())):
            continue
        for word in list(_HANDLE_LIKE.finditer(text, platform.end(), platform.end() + 80))[:HANDLE_REACH]:
            handle = word.group(0).rstrip(".")
            if text[word.start() - 1] == "#" or _NOT_HANDLES.fullmatch(handle):
                continue  # a hashtag ("#BlackoutChallenge"), a time or a year group
            if _unusual(handle):
                yield "handle", word.start(), word.start() + len(handle)
                break


def _unusual(word: str) -> bool:
    """A word no one writes in prose: with an underscore, letters and digits, a dot inside or a capital inside."""
    odd = "_" in word or _INTERNAL_CAPITAL.search(word) or re.search(r"[a-z]\.[a-z]", word) \
        or (any(c.isdigit() for c in word) and any(c.isalpha() for c in word))
    return bool(odd) and word.lower() not in _PLATFORM_NAMES and word.lower() not in COMMON_WORDS


_TIMES = frozenset(("AM", "PM"))
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s|\n)\s*$")
"""Where dotted "A.M."/"P.M." open a sentence ("A.M. in 11HS asked..."): a child's initials, not the time of day
that "9 A.M. in Y10", "nine A.M. in Year 7", "Mon A.M. - Year 7 assembly" or "Timetable: A.M. 10B" give."""


def _initials(text: str) -> Iterable[Span]:
    for match in _INITIALS.finditer(text):
        letters = match.group("letters")
        bare = letters.replace(".", "").upper()
        if bare in _not_initials() and not (bare in _TIMES and "." in letters and (
                _SENTENCE_START.search(text, 0, match.start()) or _PERSON_BEFORE.search(text, 0, match.start()))):
            continue  # an acronym or a time; but "A.M. in 11HS asked" and "pupil P.M. (Y9)" are a child's
        if _CLASS_AFTER.match(text, match.end()) or _PERSON_BEFORE.search(text, 0, match.start()):
            yield "initials", match.start(), match.end()


def _references(text: str) -> Iterable[Span]:
    for match in _REFERENCE.finditer(text):
        reference = match.group("ref")
        digits = sum(c.isdigit() for c in _YEAR_IN.sub("", reference))
        if digits >= 4 and not _NOT_A_PERSON.search(text, max(0, match.start() - 40), match.start()):
            yield "reference", match.start("ref"), match.end("ref")


@cache
def _not_initials() -> frozenset[str]:
    """NOT_INITIALS and every acronym in the glossary (its terms and synonyms in capitals)."""
    from knowledge.glossary import parse_glossary  # the glossary's loader, only when a message has capitals

    entries, _errors = parse_glossary(CONTENT_DIR / "glossary.yaml")
    acronyms = {form.replace(" ", "").upper() for entry in entries for form in (entry.term, *entry.synonyms)
                if form.replace(" ", "").isupper()}
    return NOT_INITIALS | frozenset(acronyms)
