"""The personal data guard: spot identifying details that must not be typed into Teams.

`find_personal_data(text)` returns the kind and position of each finding: a name given with an age or a
date of birth ("John Smith, 15", "my pupil Ahmed who is 14"), a person's name after "called"/"named", a
common first name with a surname ("John Smith", "connor mcguire": a listed surname, a capitalised word or a
word English does not use), after a word for a person or about someone ("my pupil aisha", "worried about
Declan"), before what they said or did ("Ahmed says..."), before a class or an age ("Rhys (Year 11) has")
or before a description ("Aleksander, the lad in 11T"; names from knowledge/person_names.yaml, in any spelling
with accents, less the public figures listed there and saints), two or three capitalised words that can only be a
name before a class or an age ("João Ferreira in Year 8"), a nickname ("everyone calls him Smudge"), a description
that fits one child ("the only girl in Year 8 at ..."), personal email addresses, postcodes, National
Insurance numbers, dates of birth, phone and NHS numbers (`knowledge.phone_numbers`: not a national contact's, a
freephone or a landline named as an organisation's), and the identifiers of `knowledge.identifiers` (addresses,
vehicle registrations, handles, initials with a class, reference numbers). The bot answers a finding with a
short reminder and never logs or keeps the text. Team mailboxes and the mailboxes the content gives are not
flagged either: staff quote them when asking about them. Tuned for few
false alarms on ordinary questions ("what is benchmark 5?", "section 4.2", "Channel panel membership");
measured on blind lists in tests/knowledge/personal_data_blind.yaml.
"""

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from knowledge.common_words import COMMON_WORDS, ENGLISH_WORDS
from knowledge.english_words import known_or_misspelt, wordfreq_words
from knowledge.identifiers import identifiers
from knowledge.mailboxes import EMAIL, public_mailboxes, team_mailbox
from knowledge.person_names import Names, person_names
from knowledge.phone_numbers import phone_and_nhs_numbers
from knowledge.query_words import bare_word
from knowledge.text import STOPWORDS


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind and where it is in the text (start, end)."""

    kind: str
    start: int
    end: int


_PEOPLE = (r"pupil|student|client|service user|young person|child|kid|boy|girl|lad|son|daughter|tenant|"
           r"resident|learner|patient|customer|man|woman|colleague|person|brother|sister|mum|dad|mother|"
           r"father|neighbour|friend|teenager|resident")
_NAME = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_NOT_NAMES = frozenset((
    "I", "I'm", "A", "An", "The", "This", "That", "My", "Our", "Your", "His", "Her", "Their", "We", "You",
    "He", "She", "They", "It", "What", "When", "Where", "Who", "Why", "How", "Which", "Can", "Could",
    "Should", "Would", "Will", "Is", "Are", "Do", "Does", "Did", "Has", "Have", "Hi", "Hello", "Thanks",
    "Please", "Yes", "No", "Not", "Dear", "Prevent", "Channel", "Panel", "MASH", "DSL", "DSP", "NRF", "CTP",
    "CTU", "Police", "Council", "Toolkit", "Section", "Benchmark", "Year", "Years", "Form", "Act", "Monday",
    "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December", "England",
    "Wales", "UK", "Britain", "London", "Home", "Office", "Early", "Help", "Teams", "Example", "Borough",
    "County", "Sixth", "Key", "Stage", "Level", "Room", "Class", "Group", "Team", "Local", "Authority",
    "GCSE", "Children", "Adults", "Social", "Under", "Over", "About", "Since", "After", "Before", "From",
    "Until", "Only", "Just", "Also", "And", "But", "Or", "So", "If", "Then", "Than", "Around", "Nearly",
    "Almost", "Page", "Chapter", "Schedule", "Article", "Paragraph", "Part", "Step", "Question", "Item",
    "Option", "Number", "Version", "Phase", "Grade", "Tier"
))
_NOT_NAME_WORDS = frozenset((
    "who", "is", "whos", "aged", "age", "has", "had", "was", "in", "at", "on", "from", "and", "with",
    "said", "says", "here", "there", "now", "today", "keeps", "currently", "just", "lives", "been", "being",
    "will", "would", "can", "could", "should"
))
_DATE = (r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b"
         r"|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{4}\b")

_NOT_NICKNAME = (r"(?!(?:It|This|That|The|A|An|Prevent|Channel|Keeping|Working|Miss|Sir|Mr|Mrs|Ms|Dr|Mx|Teacher"
                 r"|Boss|Guidance)\b)")
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("email", EMAIL),
    ("ni_number", re.compile(
        r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
        re.IGNORECASE)),
    ("ni_number", re.compile(
        r"\b(?:NI|NINO|national insurance)\b(?: (?:number|no\.?|num))?(?: is)?\s*[:#-]?\s*"
        r"(?P<value>[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D])\b", re.IGNORECASE)),  # named as one, in any letters
    ("postcode", re.compile(r"\b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-HJKPSTUW\d]?|GIR) ?\d[ABD-HJLNP-UW-Z]{2}\b",
                            re.IGNORECASE)),
    ("date_of_birth", re.compile(
        r"\b(?:dob|d\.o\.b\.?|date of birth|born(?: on| in)?|birthday(?: is)?)\s*[:\-]?\s*(?:" + _DATE
        + r"|(?:19|20)\d{2}\b)", re.IGNORECASE)),
    ("name_with_age", re.compile(
        rf"\b(?P<name>{_NAME}(?: {_NAME})?)(?P<cue>\s*,\s*|\s*\(\s*|\s+(?:who is|who's|whos|aged?|age|is)\s+|\s+)"
        r"(?:aged?\s+)?(?P<age>\d{1,2})\b(?P<tail>\s*(?:\)|years? old|yrs? old|yo\b|y/o))?")),
    ("name_with_age", re.compile(
        rf"\b(?:my|our|a|the|this)\s+(?:{_PEOPLE})\s+(?P<name>[a-z][a-z'-]+)(?P<cue>\s*,\s*|\s*\(\s*|"
        r"\s+(?:who is|who's|whos|aged?|is)\s+)(?P<age>\d{1,2})\b", re.IGNORECASE)),
    ("name_with_age", re.compile(
        rf"\b(?P<age>\d{{1,2}})\s*(?:years? old|yrs? old|yo|year-old)\s+(?:(?:{_PEOPLE})\s+)?(?:called|named)\s+"
        rf"(?P<name>{_NAME})", re.IGNORECASE)),
    ("name", re.compile(rf"\b(?:{_PEOPLE})\s+(?:called|named)\s+{_NAME}", re.IGNORECASE)),
    ("nickname", re.compile(  # a person's: "call him", "the lad they call", "he goes by", "a lad nicknamed"; not
        # "kids call Childline", "our policy goes by Keeping Children Safe", "the estate nicknamed Beirut", a title
        # ("kids call her Miss") or guidance ("she goes by Prevent guidance")
        r"\b(?:(?i:lad|boy|girl|kid|man|woman|one|pupil|student|person) (?:who |that )?(?i:they|everyone|people|kids"
        r"|others|mates|friends|lads|girls|boys|we|staff) call(?:s|ed)? "
        r"|(?i:they|everyone|everybody|people|kids|others|mates|friends|lads|girls|boys|we|staff|pupils|students)"
        r"(?:['’]re|['’]ve)?(?: all| now| just| still| started| have started)? (?i:call(?:s|ed|ing)?|nicknamed)"
        r" (?:him|her) )(?:['\"‘“][A-Za-z]|" + _NOT_NICKNAME + r"[A-Z])[a-z]+"
        r"|\b(?i:he|she|who|lad|boy|girl|kid|man|woman|(?:he|she)['’]s)(?: now| also| just)? (?:goes by|nicknamed)"
        r"(?: the (?:name|nickname))? ['\"‘“]?" + _NOT_NICKNAME + r"[A-Z][a-z]+"
        r"|\b(?i:his|her) (?:nickname|street name)(?: is|['’]s)? ['\"‘“]?" + _NOT_NICKNAME + r"[A-Z][a-z]+")),
    ("titled_name", re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.? (?!(?:Men|Martens|Word|Who|Bean)\b){_NAME}")),
)
_ANY_DIGIT = re.compile(r"\d")
_NOT_PLACES = frozenset(("Prevent", "Channel", "Teams", "England", "Wales", "Britain", "UK", "Europe", "TikTok",
                         "Instagram", "Snapchat", "YouTube", "Facebook", "Twitter", "Discord", "Roblox", "Telegram",
                         "WhatsApp", "Reddit", "Christmas", "Easter", "Eid", "Diwali", "Ramadan", "Halloween",
                         "Hanukkah", "Vaisakhi"))
"""Capitalised words after "in", "at" or "on" that are no place a child can be found by: platforms and festivals."""
_NOT_A_PLACE = _NOT_NAMES | _NOT_PLACES


def find_personal_data(text: str) -> list[Finding]:
    """Every piece of personal data found in `text`, in order; never logs or keeps the text."""
    if not text:
        return []
    found: list[Finding] = []
    has_digit, lowered = _ANY_DIGIT.search(text) is not None, text.lower()
    for kind, pattern in _PATTERNS:
        if not _may_match(kind, text, lowered, has_digit):
            continue
        for match in pattern.finditer(text):
            if kind == "name_with_age" and not _plausible_name_age(match):
                continue
            if kind == "email" and team_mailbox(match.group(0), _is_listed_name):
                continue
            found.append(Finding(kind, *match.span("value" if "value" in pattern.groupindex else 0)))
    if has_digit:
        found.extend(Finding(kind, start, end) for kind, start, end in phone_and_nhs_numbers(text))
    found.extend(Finding(kind, start, end) for kind, start, end in identifiers(text, has_digit))
    found.extend(_typed_names(text, has_digit or "year" in lowered or "yr" in lowered))
    if "only" in lowered:
        found.extend(_singled_out(text))
    return _without_overlaps(found)


_ONLY_ONE = re.compile(r"\b(?i:the only) (?:[\w'-]+ ){0,3}?(?i:boy|girl|lad|pupil|student|child|kid"
                       r"|twins|teenager|learner|young person|resident|tenant|patient|client|family)s?\b"
                       r"|\b(?i:the only) (?:[\w'-]+ ){0,3}?(?i:children|families|young people)\b")
_SPECIFIC_PLACE = re.compile(r"\b(?:(?i:year|yr|y) ?\d{1,2}\b|\d{1,2}(?![AP]M\b|[GK]\b)[A-Z]{1,3}\b"
                             r"|(?i:at|in|from|on) (?:St\.? )?(?P<place>(?!(?i:year|yr)\b)[A-Z][a-z]+)\b)")  # a class
_SENTENCE = re.compile(r"[^.?!]+")
_HEAD_AFTER = re.compile(r"\s*(?:$|[^\w\s'’]|(?P<word>[A-Za-z]+)\b(?!['’]))")


def _describes_one(sentence: str, only: re.Match[str]) -> bool:
    """Whether "the only ... <child>" is the person themself: the child word heads the phrase, with no "for a",
    "place a" before it ("the only option for a young person", "the only place a tenant can report") and no noun
    it names a service by after it ("the only family hub", "the only pupil referral unit", "the only girls' school",
    "the only young person's service")."""
    between = only.group(0).split()[2:-1]
    if any(word.lower() in STOPWORDS for word in between):
        return False
    after = _HEAD_AFTER.match(sentence, only.end())
    if after is None:
        return False  # "girls' school", "young person's service"
    word = (after.group("word") or "").lower()
    return not word or word in STOPWORDS or word in _SAID_OR_DID or word.endswith(("ing", "ed")) \
        or after.group("word")[0].isupper()


def _singled_out(text: str) -> Iterable[Finding]:
    """A description that fits one person: "the only <child> ..." with a class or a named place in the same sentence
    ("The only Year 9 boy at St Bede's with a prosthetic leg", "the only twins in the school" after "in 5C"); not a
    time ("before 8am") for a class."""
    for sentence in _SENTENCE.finditer(text):
        only = next((m for m in _ONLY_ONE.finditer(sentence.group(0)) if _describes_one(sentence.group(0), m)), None)
        if only is None:
            continue
        for place in _SPECIFIC_PLACE.finditer(sentence.group(0)):
            if place.group("place") is None or place.group("place") not in _NOT_A_PLACE:
                yield Finding("description", sentence.start() + only.start(), sentence.start() + only.end())
                break


_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ANY_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-])*")
"""A word in any alphabet's letters ("Wiśniewski", "Siobhán"), for a message that is not all ASCII."""
_UNDECOMPOSED = str.maketrans({"ł": "l", "ı": "i", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})
"""Letters that lose no accent in Unicode's decomposition, as the name lists spell them."""
_PARTICLES = frozenset(("ni", "nic", "mac", "mc", "o", "bin", "ibn", "bint", "van", "von", "de", "da", "ap", "al",
                        "el"))
"""Words between a first name and a capitalised surname ("Siobhán Ní Bhriain", "Rhys ap Gwilym", "Yusuf bin Hamid")."""
_PERSON_WORDS = frozenset(_PEOPLE.split("|")) | {"service", "user", "young"}
_SAID_OR_DID = frozenset((
    "says", "said", "has", "is", "keeps", "kept", "told", "was", "wants", "wanted", "posted", "posts", "shared", "in",
    "who", "aged", "from", "hes", "shes", "lives", "lived", "thinks", "thought", "feels", "goes", "went", "gets",
    "got", "does", "did", "watches", "watched", "drew", "draws", "wrote", "writes", "shouted", "threatened", "sent",
    "makes", "made", "refuses", "refused", "asked", "came", "comes", "attends", "stays", "needs", "seems", "likes",
    "believes", "talks", "talked", "spoke", "mentioned", "admitted", "disclosed", "showed", "brought", "messaged",
    "ran", "joined", "knows", "started", "tried", "plays", "played", "turned", "became", "sits", "sat", "might",
    "may", "could", "would", "will", "wont", "cant", "isnt", "hasnt", "doesnt", "didnt", "should", "must", "also",
    "still", "never", "always", "meet", "meets", "needs"))
"""Words after a first name that make it someone's: what they said or did ("Ahmed says", "abdi lives with")."""
_ABOUT_SOMEONE = frozenset(("about", "with", "called", "named", "told", "tell", "asked", "ask", "saw", "met", "refer",
                            "referring", "referred", "for"))
"""Words before a first name that make it someone's: "worried about Declan", "I told Amira" (and "to" before a
capitalised one: "talk to Declan")."""
_CLASS = (r"(?:(?:year|yr)\.? ?(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen)"
          r"|y ?\d{1,2}|\d{1,2}[a-z]{1,3}|[ps]\d)")
_CLASS_AFTER = re.compile(r"(?: (?!I\b)[A-Z]\.?)?(?i:(?: ?[(\[] ?" + _CLASS + r" ?[)\]]| ?\( ?\d{1,2} ?\)"
                          r"| (?:1\d|2[0-5])(?![.:]\d)(?!\s*(?:to|-|–|or|and)\s*\d)"
                          r"|,? in " + _CLASS + r"\b|, " + _CLASS + r",| - " + _CLASS
                          + r" -| (?:y|yr) ?\d{1,2}\b))"
                          r"(?=\s*(?:$|[.;:!?]|(?:"
                          + "|".join(sorted(_SAID_OR_DID | _ABOUT_SOMEONE | {"at", "on", "to", "who"})) + r")\b))")
"""A year group, class or age straight after a first name (and perhaps an initial), then what they did or the
message's end: "Rhys (Year 11) has drawn", "Fatima B in Y8 at panel", "Kai (10M) said", "Rhys, Year 11, keeps", "Leo
(14) says" (review: not "Matilda (Year 5) and Holes", a book; not "Sofia (Y12 trip...)"). With a capital, a first name
that is also an everyday word counts too ("Jack (Year 11) keeps"; not "Summer (Year 10) exams"). An age alone counts
too ("Rebin Karim 15 at the youth project"; a young person's, 10 to 25, and not a range or a version: not "the
Milton Keynes 16 to 19 college", "Mario Kart 8 at lunch club"), as does a run of words read as a name (`_name_run`)."""
_YEAR_GROUP = re.compile(r"(?i)\b(?:year|yr|y) ?\d|\d[a-z]")
"""A year group or class, not an age: what makes lower-case words English does not use a name before it ("muhamad
ibraheem in y10"; not "benchmark 3 in the toolkit")."""
_APPOSITION = re.compile(r"\s*,\s*(?:the|a|an|our|my|who|aged?|\d)\b")
_NOT_SURNAMES = frozenset((
    "Station", "Line", "Hospital", "Street", "Road", "Palace", "Society", "Trust", "Institute", "Report", "Project",
    "Appeal", "Government", "Park", "School", "College", "University", "Centre", "Center", "House", "Hall", "Church",
    "Mosque", "Court", "Academy", "Review", "Foundation", "Square", "Bridge", "Gate", "Lane", "Way",
))
"""Capitalised words after a first name that make a place or body, not a surname ("Victoria Station")."""
_NAMED_AFTER = frozenset(("Foundation", "Trust", "Day", "Fund", "Award", "Awards", "Centre", "Prize", "Lecture",
                          "Memorial", "Institute", "Society", "Review", "Report", "Act", "Programme", "Scheme",
                          "Building", "Library", "School", "College", "Academy", "Hospital", "Stadium", "Estate"))
"""Words after a full name that make it a body named after someone ("the Jack Petchey Foundation")."""
_POST_NOMINALS = frozenset(("KC", "QC", "MP", "MEP", "MSP", "MS", "OBE", "MBE", "CBE", "DBE", "KBE"))
"""Letters after a full name that make it a public figure's ("Jonathan Hall KC", "Jo Cox MP")."""
_HONOURED = frozenset(("st", "saint", "sir", "dame", "lord", "lady", "baroness", "baron", "king", "queen", "prince",
                       "princess"))
"""Words before a first name that make it a saint's or a public figure's ("St George's", "Sir David Amess")."""


def _typed_names(text: str, class_possible: bool) -> Iterable[Finding]:
    """A common first name typed with a surname ("John Smith", "aisha begum", "connor mcguire"), after a word for
    a person or about someone ("my pupil aisha", "worried about Declan"), before what the person said or did
    ("Ahmed says...", "abdi lives with") or before a description ("Aleksander, the polish lad"). A first name that
    is also an everyday word counts only when typed with a capital; after "St" it is a saint's ("St George's").
    Without a digit, "year" or "yr" (`class_possible`) no class or age follows a name."""
    names = person_names()
    words = _TOKEN if text.isascii() else _ANY_TOKEN
    tokens = [(m.group(0), m.start(), m.end()) for m in words.finditer(text)]
    known: dict[int, bool | None] = {}

    def likeness(at: int) -> bool | None:  # `_name_like` of token `at`, once a message
        if at not in known:
            known[at] = _name_like(tokens[at][0], names)
        return known[at]

    for i, (word, start, end) in enumerate(tokens):
        run = _name_run(tokens, i, likeness) if class_possible else 0
        if run and (after_run := _CLASS_AFTER.match(text, tokens[run - 1][2])) \
                and (word[0].isupper() or (_YEAR_GROUP.search(after_run.group(0)) and not any(known_or_misspelt(
                    _unaccented(bare_word(typed)), _is_listed_name) for typed, *_ in tokens[i:run]))) \
                and (_unaccented(bare_word(word)).lower(), _unaccented(bare_word(tokens[i + 1][0])).lower()) \
                not in names.public:  # not "Tommy Robinson in Year 10 keeps coming up": a public figure's name
            yield Finding("name", start, tokens[run - 1][2])  # "Jordan Whitfield in 10B", "muhamad ibraheem in y10"
            continue
        key = _unaccented(bare_word(word))
        first = key.split("-")[0]  # "Ellie-Mae", "Kerry-Ann"
        if i and key in names.surnames and key not in names.first and key not in COMMON_WORDS \
                and key not in ENGLISH_WORDS and _unlisted_first_name(tokens[i - 1][0], word, names):
            yield Finding("name", tokens[i - 1][1], end)  # "bartek kowalczyk", "Hodan Warsame"
            continue
        if first not in names.first or (first in names.also_words and not word[0].isupper()):
            continue
        before = tokens[i - 1][0].lower().rstrip(".") if i else ""
        if before in _HONOURED:
            continue
        typed_after = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        after = _unaccented(bare_word(typed_after))
        if after in _PARTICLES and i + 2 < len(tokens) and tokens[i + 2][0][:1].isupper() and word[0].isupper() \
                and first not in names.also_words:
            earlier = _unaccented(bare_word(tokens[i - 1][0])) if i else ""
            if not {(earlier, key), (key, after)} & names.public:
                yield Finding("name", start, tokens[i + 2][2])  # "Siobhán Ní Bhriain", not "Osama bin Laden"
            continue
        if _full_name(word, first, typed_after, after, names):
            if (i + 2 < len(tokens) and (tokens[i + 2][0] in _NAMED_AFTER or tokens[i + 2][0] in _POST_NOMINALS)
                    and typed_after[:1].isupper()) or (key, after.split("-")[0]) in names.public:
                continue  # "the Anne Frank Trust", "the Lee Rigby murder"
            yield Finding("name", start, tokens[i + 1][2])
        elif before in _PERSON_WORDS or (word[0].isupper() and _CLASS_AFTER.match(text, end)) \
                or (first not in names.also_words and (
                    after in _SAID_OR_DID or before in _ABOUT_SOMEONE or _APPOSITION.match(text, end)
                    or (before == "to" and word[0].isupper()) or _CLASS_AFTER.match(text, end)
                    or (word[0].isupper() and word.lower() != bare_word(word)))):
            yield Finding("name", start, end)  # "my pupil aisha", "Ahmed says", "Mohammed's brother"


def _name_run(tokens: list[tuple[str, int, int]], i: int, likeness: Callable[[int], bool | None]) -> int:
    """Where a run of words that can only be a name, starting at token i, ends (0 if none): two or three capitalised
    words that are names or no English word ("João Ferreira", "Pham Duc Anh"), or two lower-case words English does
    not use ("muhamad ibraheem"; one could be an English word the word lists lack, "the suffragettes (Year 9)").
    `_CLASS_AFTER` then decides: "... in Year 8 wrote"; for lower-case words, that neither is a known word or a typo
    of one (`known_or_misspelt`: "refferal proceedure in year 10"), asked only then, as it is the slow part."""
    capitalised = likeness(i)
    if capitalised is False:  # any two side by side: "refferal muhamad ibraheem in y10" holds one
        return i + 2 if i + 1 < len(tokens) and _next_to(tokens[i], tokens[i + 1]) and likeness(i + 1) is False \
            else 0
    if i and likeness(i - 1) is True and _next_to(tokens[i - 1], tokens[i]):
        return 0  # not the run's first word
    if capitalised is None or (i and tokens[i - 1][0].lower().rstrip(".") in _HONOURED):
        return 0
    end = i + 1
    while end < len(tokens) and end - i < 3 and _next_to(tokens[end - 1], tokens[end]) \
            and likeness(end) is capitalised:
        end += 1
    return end if (end - i >= 2 if capitalised else end - i == 2) else 0


def _next_to(word: tuple[str, int, int], following: tuple[str, int, int]) -> bool:
    """Whether two words of a run are typed one space apart: not "Aston Villa 2 Birmingham 1", "Fwd: Radicalisation
    Workshop", "Leeds, Bradford (Y9)"."""
    return following[1] - word[2] == 1


def _name_like(word: str, names: Names) -> bool | None:
    """True for a capitalised word that is a name or no English word, False for a lower-case word English does not
    use (no listed name either: those have their own rules), None for any other word."""
    key = _unaccented(bare_word(word))
    if len(key) < 2 or not key.isalpha() or word in _NOT_NAMES or word.isupper():
        return None
    unknown = key not in COMMON_WORDS and key not in ENGLISH_WORDS and key not in STOPWORDS \
        and key not in wordfreq_words()
    if word[0].isupper():
        listed = key in names.first or key in names.surnames
        return True if (unknown or listed) and word.split("'")[0] not in _NOT_SURNAMES else None
    singular = key[:-1] if key.endswith("s") else key  # "suffragettes", "twins": English in the plural
    return False if unknown and len(key) >= 3 and word.islower() and key not in names.first \
        and key not in names.surnames and key not in _NOT_NAME_WORDS and singular not in COMMON_WORDS \
        and singular not in ENGLISH_WORDS else None


def load_personal_data_lists() -> None:
    """Read the name lists, the English words and the content's mailboxes now (start-up), not on a first message."""
    person_names()
    wordfreq_words()
    public_mailboxes()


def _is_listed_name(word: str) -> bool:
    names = person_names()
    return word in names.first or word in names.surnames


def _unaccented(word: str) -> str:
    """A word without its accents, as the name lists spell it ("siobhán" -> siobhan, "paweł" -> pawel)."""
    if word.isascii():
        return word
    word = word.translate(_UNDECOMPOSED)
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _unlisted_first_name(typed: str, surname: str, names: Names) -> bool:
    """Whether the word before a listed surname that is no English word ("kowalczyk", not "hall" or "green") is a
    first name the lists lack: both typed in lower case (a capitalised pair is as often a public figure, "Sadiq
    Khan"), a word English does not use, not a listed first name (found already)."""
    key = _unaccented(bare_word(typed))
    return (len(key) >= 3 and key.isalpha() and typed.islower() and surname.islower()
            and typed not in _NOT_NAMES and key not in names.first and key not in COMMON_WORDS
            and key not in ENGLISH_WORDS and key not in STOPWORDS and key not in names.surnames
            and key not in _HONOURED and key not in _ABOUT_SOMEONE and key not in _SAID_OR_DID
            and (key, bare_word(surname)) not in names.public)


def _full_name(word: str, first: str, typed_after: str, after: str, names: Names) -> bool:
    """Whether the word after a first name is a surname: a listed one, a capitalised word that is not a heading or
    a place's last word ("Emre Yilmaz"), or a word English does not use ("connor mcguire")."""
    if after in names.surnames:
        return True
    if not after.replace("-", "").isalpha() or len(after) <= 2 or typed_after.split("'")[0] in _NOT_SURNAMES:
        return False
    unknown = after not in COMMON_WORDS and after not in ENGLISH_WORDS and after not in STOPWORDS
    if word[0].isupper() and typed_after[:1].isupper() and typed_after not in _NOT_NAMES:
        return unknown or first not in names.also_words  # "Roman Empire", "Summer Fair" are not names
    return unknown and first not in names.also_words and after not in _SAID_OR_DID


def _may_match(kind: str, text: str, lowered: str, has_digit: bool) -> bool:
    """What every match of a kind needs, looked for first: most messages have no digit, "@", "called" or "named"."""
    if kind == "email":
        return "@" in text
    if kind == "name":
        return "called" in lowered or "named" in lowered
    if kind == "titled_name":
        return "M" in text or "Dr" in text
    if kind == "nickname":
        return "call" in lowered or "goes by" in lowered or "nickname" in lowered or "street name" in lowered
    return has_digit


def _plausible_name_age(match: re.Match[str]) -> bool:
    """A real name (not a heading word) with an age of a person, marked as an age by its punctuation or words."""
    groups = match.groupdict()
    words = groups["name"].split()
    if match.re.flags & re.IGNORECASE:
        if words[0].lower() in _NOT_NAME_WORDS:
            return False
    elif any(w in _NOT_NAMES for w in words):
        return False
    cue = (groups.get("cue") or "").strip() or (groups.get("tail") or "").strip() or "called" in match.group(0)
    return bool(cue) and 3 <= int(groups["age"]) <= 99


def _without_overlaps(found: list[Finding]) -> list[Finding]:
    """Keep the longest finding where two overlap; return them in text order."""
    kept: list[Finding] = []
    for finding in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and finding.start < kept[-1].end:
            if finding.end - finding.start > kept[-1].end - kept[-1].start:
                kept[-1] = finding
            continue
        kept.append(finding)
    return kept
