"""What a question asks for, and whether a passage gives it.

Whatever the question, a year, a figure ("the maximum", "the budget"), a kind of fact ("what percentage") or a
word the guidance never uses ("is there a template for...") that it asks for must be in the passage; a name asked
for ("what's the web form called") must be one the passage gives, and a person's name ("the name of the Prevent
coordinator for...") needs a passage that names someone; a count asked for by the thing counted ("how many
officers...") must be stated in a sentence naming that thing; a sum of money asked for ("how much funding...") must
be stated, or the thing said to be free; a fine asked about ("can a school be fined") must be mentioned; a length
asked for ("how long does a Channel meeting last") must be given as a length of time, how often something happens
must be said in its section, and a chair asked about ("who chairs the board") must be named as a chair, not only
by a synonym ("oversight"). A passage about the subject that lacks the fact answers another question. A level,
count, date or change asked for as it stands now ("the current threat level", "the deadline this year"), a count
or date of late ("last year") that the passage does not tie to a place the question names, and who holds a post
now ("the current minister") are never answered: the documents date from 2016 to 2018.
"""

import re
from typing import TypeVar

from knowledge.index import Index
from knowledge.query import Concept, Query
from knowledge.text import STOPWORDS, stem

_YEAR = re.compile(r"(?:19|20)\d\d")
_FIGURE = re.compile(r"\b(?!(?:19|20)\d\d\b)([1-9]\d+)\b"
                     r"(?! ?(?:years?|yrs?|yo|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|percent|per cent|pupils|"
                     r"people|staff)\b)")
"""A number above 9 that is not a year, an age, a length of time or a head count (a school year, "a year 10 pupil",
is read as a pupil before this: see `knowledge.query`): "benchmark 5" and "section 7" name the toolkit's parts; "the
22 factors" and "section 42" name facts a passage holds or does not ("s.47")."""
QUANTITY_STEMS = frozenset(stem(w) for w in str.split("""maximum average total cost price salary wage penalty quorum
    quorate age"""))
"""Words asking for a figure ("the minimum age", "what does it cost", "quorate"): a passage that never uses
them (or a synonym) does not give the figure, however well it covers the rest ("a Channel panel")."""
PENALTY_WORDS = frozenset(("fined", "fines"))
"""A fine asked about in words that cannot mean anything else ("can a school be fined", "fines for schools"; not
"it's fine"): a passage that never mentions a fine does not say whether there is one."""
LENGTH_KINDS = frozenset(("duration", "date", "frequency"))
"""What a "how long" question may be answered with: a length of time, a date to count from, or how often."""
_HOW_LONG_IS = re.compile(r"\bhow long (?:(?:is|are|was|were) (?!it been|they been|(?:it|they) (?:kept|held|stored))"
                          r"|(?:does|do|did|will|would) (?:[a-z]+ ){1,5}?(?:last|take)\b)")
"""Asking the length of a thing ("how long is the e-learning", "how long does a WRAP session last"): only a
length of time answers, not how often it happens ("meeting monthly") nor a date."""
_EMAIL_ADDRESS = re.compile(r"\be ?mail (?:address|addresses)\b|\bwhat e ?mail\b")
_WHEN = re.compile(r"^(?:.*? )?(?:when (?:was|did)|what year|which year|what date|since when)\b")
"""Asking for a date (not "when should we refer", which asks for the circumstances)."""
_NAME_ASKED = re.compile(r"\bname of\b"
                         r"|^(?:.*? )?what(?: is|s)? (?:it|this|that|the|a|an|they)\b(?: [a-z0-9]+){0,5} called\b")
"""Asking for the name of something ("the name of the referral form", "what's the web form called")."""
_PERSON_ASKED = re.compile(r"\bname of (?:the |our |a |an |their |your )?"
                           r"(?:(?!(?:of|for|that|who|which|the|on|in|at|to|about|with)\b)[a-z0-9]+ ){0,5}?"
                           r"(?:officer|co ?ordinator|lead|manager|reviewer|minister|chair|director|person|presenter|"
                           r"advis[eo]r|secretary)s?\b|\bwho (?:was|is) the (?:[a-z]+ ){0,3}?"
                           r"(?:officer|person|presenter|speaker|advis[eo]r|co ?ordinator|manager|director|secretary"
                           r"|chair|chairman|chairperson|reviewer|commissioner|champion|(?<!to )lead|(?<!to )head)"
                           r" (?:that|who|for|of|in|at|supporting|running|leading|chairing|covering)\b"
                           r"|\bwho (?:was|is) the (?:current |present |new )?(?:[a-z]+ )?minister\b")
"""Asking for a person's name ("the name of the Prevent coordinator for...", "who was the officer that presented",
"who is the Prevent coordinator for Leicester City", "who is the senior adviser supporting the peers", "who is the
independent reviewer of Prevent", "who is the national Prevent lead for counter terrorism policing")."""
_PERSON_NAMED = re.compile(r"\b(?:Sir|Dame|Rt Hon|Dr|Mr|Mrs|Ms|Cllr|Councillor) [A-Z][a-z]+"
                           r"|\b(?!(?:Home|Prevent|Channel|Local|County|City|Borough|District|Counter|Community|"
                           r"Safeguarding|Office)\b)[A-Z][a-z]+ [A-Z][a-z]+, (?:Director|Head|Chief|Chair|Minister|"
                           r"Secretary)\b")
"""A person named in a passage, by title ("Sir Philip Rutnam") or with a post ("..., Director of Prevent"): the
documents name almost no one, and a passage that names no one cannot give the name asked for."""
_QUOTED_TITLE = re.compile(r"[\"“][A-Z][^\"”]{2,60}[\"”]")
"""A quoted title in a passage ("Going to Extremes"): a name it gives."""
_NAMED_ACT = re.compile(r"\bthe ((?:(?!the\b)[a-z0-9]+ ){1,5})act\b")
"""An Act named in a question ("the Online Safety Act"): a passage that lacks its name speaks of another law."""
_RETENTION = re.compile(r"\bhow long\b(?=.* (?:keep|kept|retain|retained|store|stored|hold|held)\b)"
                        r"(?=.* (?:records?|data|files?|information|notes|details|documents|forms|paperwork|"
                        r"minutes)\b)")
RETAIN_STEMS = frozenset(stem(w) for w in ("keep", "kept", "retain", "store", "hold", "held", "record", "records"))
"""Asked how long something is kept, only a sentence giving a length of time for keeping or records answers."""


_ASKED_FOR = re.compile(r"^(?:.*? )?(?:(?:what|which|whats)(?: (?:is|was|are|were|s))?(?: (?:the|a|an))?"
                        r"|how (?:many|much)(?: (?:is|are|was|were) (?:the|a|an))?|is there (?:a|an|any))"
                        r" ((?:[a-z0-9]+ ){0,3}?)"
                        r"(?:of|for|does|do|did|can|could|should|would|will|is|are|was|were|must|has|have|per|if|when)\b")
"""The usual ways to ask for one thing: "what is the pass mark for...", "what percentage of...", "how many
officers does...", "how much is the fine if...", "is there a template for..."; the group is the words naming
the thing."""
FIGURE_STEMS = QUANTITY_STEMS | frozenset(stem(w) for w in str.split("""budget fee fine rate mark score minimum funding
    grant"""))
"""Words naming a figure: asked for ("what was the budget for..."), a passage that never uses them does not
give it. Only as the thing asked for: elsewhere in a message they set the scene ("it's fine", "rated low")."""
FRAME_STEMS = frozenset(stem(w) for w in str.split("sort kind type list way value point argument reason purpose idea "
                                                   "case benefit piece bit wording"))
"""Words that frame a question rather than name what it asks for ("what sort of background...")."""
_NOW = re.compile(r"\b(?:right now|at the moment|this (?:week|month|year)|today|current|currently|at present|as of now|"
                  r"nowadays|these days)\b")
_LATELY = re.compile(r"\blast (?:week|month|year)\b")
"""Of late: with a count or date asked for, a figure after the documents unless they give it for a place named."""
_STATE = re.compile(r"\b(?:levels?\b(?! of)|changed?\b|status\b)")
"""With a word for now (see `_NOW`), words asking for something that changes over time ("the threat level", not
"the level of training")."""
_NOW_REACH = 60
"""How near a word for now must be to the changing thing (characters): "what's the current national terrorism
threat level", not "I chair Channel this month ... immigration status is unclear" (scene-setting)."""
_WHO_NOW = re.compile(r"\bwho(?: is| s| are)(?: the)? current\b")
"""Asking who holds a post today ("who is the current minister for..."): a person the documents cannot name."""
_WHO_CHAIRS = re.compile(r"^(?:.*? )?who (?:(?:should|shall|will|would|can|could|must|has to|is going to|is meant to|"
                         r"is supposed to|does|do|is|s) )?(?:be )?chair(?:s|ed|ing)?\b")
"""Asking who chairs something ("who chairs...", "who should be chairing...")."""
CHAIR = stem("chair")
MONEY_STEMS = frozenset(stem(w) for w in str.split("""fund funding money cost price pay paid salary wage budget grant
    fee spend charge"""))
"""Words that make "how much" ask for a sum of money."""


_ASKED_ON = re.compile(r"^(?:.*? )?(?:what|which|whats)(?: (?:is|was|are|were|s))? (?:the|a|an) "
                       r"((?:[a-z0-9]+ ){1,3}?)on\b")
"""A thing asked for "on" something ("what is the pass mark on the e-learning"), when `_ASKED_FOR` finds none."""
PEOPLE_STEMS = frozenset(stem(w) for w in str.split("""people person staff practitioners delegates attendees
    participants professionals workers volunteers peers"""))
"""Words for people: a count of any of them answers "how many people..."."""
_PLACE_WORDS = frozenset(("in", "at", "across", "within", "from"))
_NUMBER_OF = re.compile(r"\bnumber of ((?:[a-z0-9]+ ){1,2}?)(?:from|in|at|across|for|made|by|per|who|that|were|are)\b")
"""What a count is of, asked without "how many" ("number of Channel referrals from schools")."""
_COUNT = re.compile(r"\b(?!(?:19|20)\d\d\b)\d[\d,]*\b|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|"
                    r"twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|dozens?)\b"
                    r"(?![- ](?:tier|way|fold|thirds?|stage|step|sided|(?:minute|hour|day|week|month|year)s?\b))",
                    re.IGNORECASE)
_PART_NUMBER = re.compile(r"\b(?:[1-9]|10)\.[1-9]\b(?![\d%])|\b(?:section|benchmark|chapter|paragraph|question)s? \d+",
                          re.IGNORECASE)
"""A count in a sentence: a number that is not a year ("in 2017") or a part of the toolkit ("7.1", "section 7")."""
_HOW_MANY = re.compile(r"\bhow many ((?:[a-z0-9]+ ){1,2}?)(?:usually |normally |typically |generally |actually )?"
                       r"(?:sit|attend|attended|go|went|come|came|work|are|is|were|was|do|did|does|have|has|had|get|got|in|on|at|per"
                       r"|saw|see|seen|watched|received|receive|took|take|taken|completed|complete|joined|join|visited"
                       r"|reached|engaged|been)\b")
"""What a count is of, when `_ASKED_FOR` finds no verb after it ("how many people usually sit on...")."""
_DEFINITION_ASKED = re.compile(r"\bdefinitions?\b|\bhow (?:is|are) (?:[a-z]+ ){1,4}defined\b|\bdefined as\b")
"""Asking for a definition ("the legal definition of extremism"): the passage must give one, not just use the word."""
_OURS = re.compile(r"\bour (?:own )?(?:county|council|area|borough|district|authority|region|city|town|county council|"
                   r"school|schools|college|team|trust|force|service|partnership|board|panel)\b")
"""The asker's own organisation: how many of it the documents cannot say ("referrals did our county make")."""


def gives_what_is_asked(index: Index, query: Query, number: int) -> bool:
    """Whether passage `number` gives the kind of fact the question asks for (see the module's docstring), when
    it asks for one; a question asking for none passes."""
    said = " ".join(query.corrected)
    # a pattern that needs a word most questions lack is searched for only when the word is there: a substring
    # test costs a small part of a search, and this runs for every question
    if _asks_for_now(query, said, not query.names.isdisjoint(index.terms[number])):
        return False  # "what is the threat level right now": the documents date from 2016 to 2018
    if "mail" in said and _EMAIL_ADDRESS.search(said) and "email" not in index.kinds[number]:
        return False  # "what email address do I use to report to the CTIRU": the passage gives none
    if "signatory" in query.intents and "signatory" not in index.kinds[number]:
        return False  # "who signed the peer support letter": the passage is not the letter's signature
    if "phone" in query.intents and "phone" not in index.kinds[number]:
        return False  # "what's the direct line for the police Prevent team": the passage gives no number to ring
    if "duration" in query.intents and not _section_states(index, number, LENGTH_KINDS):
        return False  # "how long does a TPIM last": the section names it but gives no length of time
    if "frequency" in query.intents and not _section_states(index, number, frozenset(("frequency",))):
        return False  # "how often do Prevent peers visit a council": the section never says how often
    if "how long" in said and _HOW_LONG_IS.search(said) and "duration" not in index.kinds[number]:
        return False  # "how long does a WRAP session last": the passage says how often, or nothing, not how long
    if ("when" in said or "year" in said or "date" in said) and _WHEN.search(said) \
            and "date" not in index.kinds[number]:
        return False  # "when was National Action proscribed": the passage gives no date
    if "defin" in said and _DEFINITION_ASKED.search(said) and not _defines(index, query, number):
        return False  # "what's the official definition of extremism": the passage uses the word, defines nothing
    if _other_act(index, said, number):
        return False  # "what does the Online Safety Act say": the passage names no such Act
    if "how long" in said and _RETENTION.search(said) and not _states_keeping(index, number):
        return False  # "how long do we keep Channel records": no sentence says how long anything is kept
    if any(_YEAR.fullmatch(c.own[0]) and not c.credit(index.terms[number]) for c in query.concepts):
        return False  # a year the passage never mentions: later figures or events than the documents hold
    if "how many" in said and " and how many" not in said and "number" not in index.kinds[number]:
        return False  # "how many elected member Prevent Champions are there": the passage states no number at all
    if any(not any(term.endswith(figure) for term in index.terms[number]) for figure in _FIGURE.findall(said)):
        return False  # a figure the passage never mentions ("the 22 factors", "section 42"): another subject
    figures = {stem(word) for word in query.corrected if word in PENALTY_WORDS
               or (not word.endswith("ly") and stem(word) in QUANTITY_STEMS)}  # not "totally", not "it's fine"
    if any(c.own[0] in figures and not c.credit(index.terms[number]) for c in query.concepts):
        return False  # a figure the passage never mentions: the documents do not give it
    if ("name" in said or "who" in said) and _PERSON_ASKED.search(said) \
            and not _PERSON_NAMED.search(index.passages[number].text):
        return False  # "what's the name of the Prevent coordinator for Leicester City": the passage names no one
    if ("name" in said or "called" in said) and _NAME_ASKED.search(said) and not _names_other(index, query, number):
        return False  # "what's the web form for reporting extremist content called": the passage names none
    if _chair_by_synonym(index, query, said, number):
        return False  # "who chairs the Dovetail Governance Board": the passage speaks of oversight, not of a chair
    head = _head(said)
    if _asked_for_elsewhere(index, query, head, number):
        return False  # "what is the pass mark for the e-learning": the passage is about it, but not the mark
    if _count_elsewhere(index, query, head, number):
        return False  # "how many Channel referrals were there in 2017": no sentence counts referrals
    # "how much are Prevent peers paid": the passage says what they do, not what they earn
    return not _amount_elsewhere(index, query, said, number)


def asked_for(query: Query) -> str:
    """The stem of the thing a question asks for, when it asks in one of the usual ways: the last word of the
    phrase naming it ("pass mark" -> "mark"), or "" (none found, or a framing word such as "sort")."""
    return _head(" ".join(query.corrected))


def _head(said: str) -> str:
    """`asked_for`, given the question's corrected words joined by spaces."""
    named = []
    for find in (_ASKED_FOR.match, _ASKED_ON.match, _HOW_MANY.search, _NUMBER_OF.search):  # until one names it
        found = find(said + " ")
        words = found.group(1).split() if found else []
        cut = next((n for n, w in enumerate(words) if w in _PLACE_WORDS and n > 0), len(words))
        named = [w for w in words[:cut] if w not in STOPWORDS]  # "people in Leicestershire": people
        if named:
            break
    if not named or named[-1].endswith("where"):  # "is there a list somewhere of..."
        return ""
    head = stem(named[-1])
    return "" if head in FRAME_STEMS else head


def _asked_for_elsewhere(index: Index, query: Query, head: str, number: int) -> bool:
    """The thing asked for is a figure, a kind of fact ("percentage", "deadline") or a word the guidance never
    uses ("template"), and the passage neither names it nor states that kind of fact: however well it covers
    the rest, it does not give what was asked. `head` is what `asked_for` gives."""
    if not head:
        return False
    terms, kinds = index.terms[number], index.kinds[number]
    return any(c.own[-1] == head and (not c.known or c.kind or head in FIGURE_STEMS)
               and not c.credit(terms, kinds) and not authored(index, c, number) for c in query.concepts)


def _asks_for_now(query: Query, said: str, named_here: bool) -> bool:
    """A question about a level, a count, a date or a change as it stands today ("the current threat level",
    "the deadline this year", "has it changed this week"), a count or date of late that the passage does not
    tie to a place or body the question names ("how many referrals came from schools last year"; but "how many
    staff did Leicestershire train last year" asks for the Leicestershire report's own figure), or about who
    holds a post now ("who is the current minister"): the documents cannot say. `said` is the question's
    corrected words joined by spaces; `named_here`, whether the passage uses a name the question uses."""
    if "number" in query.intents and "our " in said and _OURS.search(said) is not None:
        return True  # "how many referrals did our county make": the documents hold no one area's own figures
    if "who" in said and _WHO_NOW.search(said) is not None:
        return True
    figure = not {"number", "date"}.isdisjoint(query.intents)
    if figure and not named_here and "last " in said and _LATELY.search(said) is not None:
        return True
    nows = [m.start() for m in _NOW.finditer(said)]
    return bool(nows) and (figure or any(abs(state.start() - now) <= _NOW_REACH for state in _STATE.finditer(said)
                                         for now in nows))


def _count_elsewhere(index: Index, query: Query, head: str, number: int) -> bool:
    """A count is asked for by the thing counted ("how many officers does...", "what number of schools...")
    and no sentence of the passage both states a number and names that thing: the passage gives other
    figures, or none. People counted ("how many people...") are named by any word for people ("15 practitioners")."""
    if "number" not in query.intents:
        return False
    counted = [c for c in query.concepts if not c.kind and c.own[-1] == head] if head else []
    if not counted:
        return False
    people = PEOPLE_STEMS if head in PEOPLE_STEMS else frozenset()
    text = index.passages[number].text
    return not any("number" in kinds and (any(c.credit(terms) for c in counted) or not people.isdisjoint(terms))
                   and _COUNT.search(_PART_NUMBER.sub(" ", text[start:end]))
                   for terms, kinds, (start, end) in zip(index.segment_terms[number], index.segment_kinds[number],
                                                         index.spans[number], strict=True))


def _amount_elsewhere(index: Index, query: Query, said: str, number: int) -> bool:
    """A sum of money is asked for ("how much funding...", "how much are peers paid") and the passage states
    none, nor that the thing is free: it may mention the funding, but not how much."""
    return "number" in query.intents and any(c.own[-1] in MONEY_STEMS for c in query.concepts) \
        and "money" not in index.kinds[number] and " how much " in f" {said} "


def _names_other(index: Index, query: Query, number: int) -> bool:
    """Whether the passage uses a name (a word always capitalised in the sources, or a quoted title) that the
    question does not: only then can it tell the name asked for."""
    if not (index.names & index.terms[number]).issubset(query.stems):
        return True
    return bool(_QUOTED_TITLE.search(index.passages[number].text))


def _other_act(index: Index, said: str, number: int) -> bool:
    """The question names an Act ("the Data Protection Act") whose name the passage does not use."""
    found = _NAMED_ACT.search(said) if " act" in said else None
    if found is None:
        return False
    name = [stem(w) for w in found.group(1).split() if w not in STOPWORDS and len(w) > 2]  # "the CT Act": unsure
    return bool(name) and not all(s in index.terms[number] for s in name)


def _defines(index: Index, query: Query, number: int) -> bool:
    """Whether the passage defines one of the question's subjects ("Channel is a ...") or speaks of a definition."""
    asked = {stem for concept in query.concepts if not concept.everyday for stem in concept.own}
    return any(asked.intersection(phrase) for phrase in index.defines[number]) \
        or any(term.startswith("defin") for term in index.terms[number])


_Ranked = TypeVar("_Ranked")  # knowledge.search.Scored: a passage number, a score, a confidence


def signature_first(index: Index, query: Query, scored: list[_Ranked]) -> list[_Ranked]:
    """Asked who signed a letter (the top hit's document), its signature ("Name, Director of ...") in the top hit's
    place, with the top hit's score; otherwise the ranking as it is."""
    if "signatory" not in query.intents or not scored:
        return scored
    document = index.passages[scored[0].number].doc_id
    signed = next((other for other, passage in enumerate(index.passages)
                   if passage.doc_id == document and "signatory" in index.kinds[other]), None)
    if signed is None:
        return scored
    return [scored[0]._replace(number=signed), *(s for s in scored[1:] if s.number != signed)]


def _section_states(index: Index, number: int, kinds: frozenset[str]) -> bool:
    """Whether the passage, or another of its section (an answer shows a section from its start), states a fact of
    one of these kinds."""
    section = index.passages[number].section_id
    return any(index.kinds[other] & kinds for other, passage in enumerate(index.passages)
               if passage.section_id == section)


def _states_keeping(index: Index, number: int) -> bool:
    """Whether a sentence of the passage gives a length of time and speaks of keeping or of records."""
    return any("duration" in kinds and not RETAIN_STEMS.isdisjoint(terms)
               for terms, kinds in zip(index.segment_terms[number], index.segment_kinds[number], strict=True))


def _chair_by_synonym(index: Index, query: Query, said: str, number: int) -> bool:
    """Asked who chairs something, neither the passage nor the rest of its section (an answer shows a section
    from its start) names a chair, at most a synonym ("oversight", "lead"): it says who oversees or leads,
    which may be someone else."""
    if "who" not in said or _WHO_CHAIRS.match(said) is None or not any(c.own == (CHAIR,) for c in query.concepts):
        return False
    section = index.passages[number].section_id
    return not any(CHAIR in index.terms[other] for other, passage in enumerate(index.passages)
                   if passage.section_id == section)


def authored(index: Index, concept: Concept, number: int) -> bool:
    """Whether the concept names the author of the passage's document ("the Home Office letter")."""
    return bool(index.author_masks.get(concept.own, 0) >> number & 1)
