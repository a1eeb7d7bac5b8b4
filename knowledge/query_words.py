"""The word lists that query analysis reads: Prevent's subject words and names, the senses a name can be
used in, question-word typos, and the phrasings that say what kind of fact a question wants."""

import re

from knowledge.text import stem, typed_phrase_stems

STRONG_WORDS = frozenset(stem(w) for w in str.split("""
    radicalisation radicalise radicalised radicalising radicaliser radical radicals deradicalisation extremism
    extremist extreme terrorism terrorist terror counterterrorism proscribed ideology ideologies ideological
    islamist islamism jihad jihadi jihadist daesh isis isil dawah safeguarding safeguard vulnerable
    vulnerability susceptible grooming groomed hate nazi neo-nazi supremacist fascist selfassessment syria
    iraq returnee returnees
"""))
"""Words that name Prevent's own subject matter: a question using one is about Prevent or safeguarding."""
GENERAL_STEMS = frozenset(stem(w) for w in ("safeguarding", "safeguard", "vulnerable", "vulnerability", "susceptible",
                                             "hate"))
"""Subject words shared with safeguarding at large ("an older person being financially abused"): a question
strong only through these and lesser names needs a confident hit, as one using a lesser name does."""
NAME_WORDS = frozenset(("prevent", "channel", "wrap", "dovetail", "hydra", "contest"))
"""Everyday words that are also the names of Prevent things: strong when used as a name ("prevent training",
"referral to prevent", "what is channel"), everyday words when used as a verb or in another sense ("prevent
my screen locking", "channel 4", "wrap a present")."""
INTENTS = (
    ("number", ("how many", "how much", "number of", "what number", "what percentage", "what proportion")),
    ("frequency", ("how often", "how frequently", "how regularly", "frequency", "how many times")),
    ("duration", ("how long", *(f"how {speed} {verb}" for speed in ("quickly", "soon")
                                 for verb in ("do", "does", "should", "must", "will", "can", "is", "are")),
                  "what timescale", "what timescales", "what timeframe", "within how many")),
    ("date", ("what date", "what year", "deadline", "by when", "what day", "closing date", "since when")),
    ("email", ("email", "e mail", "mailbox", "email address", "contact", "who do i ask", "who can i ask",
               "who should i ask", "who to ask", "who do we ask", "who can we ask")),
    ("outcome", ("turn out", "turned out", "end up", "ended up", "what happened", "did it work", "did that work",
                 "actually work", "how did it go", "what difference", "what impact", "end result", "the result",
                 "the results")),
    ("phone", ("phone number", "telephone number", "number to call", "number to ring", "contact number",
               "direct line", "helpline number", "mobile number", "direct number", "number do i ring",
               "number do i call", "number should i ring", "number should i call")),
    ("link", ("link", "url", "website", "web site", "webpage", "web page", "where can i find", "where do i find",
              "where is", "where are", "download", "online")),
    ("signatory", ("who signed the", "who signed that", "who signed this", "who wrote the letter",
                   "who wrote that letter", "who wrote this letter", "who sent the letter", "who sent that letter",
                   "who sent this letter", "who is the letter from", "who was the letter from", "letter written by",
                   "letter sent by", "letter signed by")),
    ("members", ("membership", "who sits on", "who should sit on", "who should be on", "who has to be on",
                 "who needs to be on", "who is on", "who are on", "made up of", "who goes to", "composition of",
                 "who is represented", "who should be represented")),
    ("obligation", ("be made to", "made to take part", "made to attend", "made to go", "made to engage", "forced to",
                    "force them", "force someone", "force him", "force her", "compulsory", "have to take part",
                    "have to go", "has to go", "have to attend", "has to attend", "is it optional",
                    "is it voluntary", "is channel voluntary", "voluntary or", "can they refuse", "can he refuse",
                    "can she refuse", "say no", "opt out", "refuse", "turn it down", "do they have to",
                    "does he have to", "does she have to", "legally required", "legal requirement", "obliged")),
    ("legality", ("allowed", "legal", "lawful", "illegal", "unlawful", "permitted", "against the law",
                  "breaking the law", "discrimination", "discriminatory")),
)
"""Question phrasings and the kind of fact (see `knowledge.index.KINDS`) they ask for."""
INTENT_CUES = (*((kind, re.compile(" (?:" + "|".join(re.escape(cue) for cue in cues) + ") "))
                 for kind, cues in INTENTS),
               ("outcome", re.compile(" what did (?:[a-z]+ ){1,4}do | did (?:[a-z]+ ){1,4}work | in the end ")))
"""Per fact kind, one pattern finding any of its cues as whole words (in " "-padded text); and "what did Waltham
Forest do about...", which asks what was done, so what came of it, as do "did Hounslow's scheme work" and "what
happened in the end"."""
HOW_FAR = re.compile(r" how much (?=(?:we|were|i|im|they|theyre|you|he|she|should|can|to|of it|of this|involvement) )")
""""How much" asking how far ("how much we're supposed to get involved"), not for a figure: taken out before the
intent cues are read."""
CUE_WORDS = {"many": "", "much": "", "often": "", "frequently": "", "regularly": "", "long": "", "deadline": "date",
             "frequency": "frequency", "email": "email", "mailbox": "email", "contact": "email", "link": "link",
             "url": "link", "website": "link", "webpage": "link", "download": "link", "percentage": "percent",
             "percent": "percent", "proportion": "percent"}
"""Words that only say what kind of fact is wanted: dropped from the concepts (""), or covered by a passage
that states that kind of fact ("email" by an address) as well as by the word itself."""
NAME_AFTER = frozenset(("is", "was", "does", "did", "about", "in", "on", "for", "of", "with", "under", "into", "by",
                        "via", "from", "the", "our", "their", "your", "whats", "what", "re", "doing",
                        "deliver", "delivering", "delivers", "run", "running", "runs"))
"""Words after which "prevent" (or "channel", "wrap") is a name: "is prevent...", "referral to prevent"."""
QUESTION_TYPOS = {"wat": "what", "wot": "what", "wht": "what", "waht": "what", "whta": "what", "hw": "how",
                  "hwo": "how", "wen": "when", "wer": "where", "wher": "where", "whn": "when", "wich": "which",
                  "shud": "should", "cud": "could", "wud": "would", "r": "are", "u": "you", "ppl": "people",
                  "ment": "meant"}
"""Misspelt question words, put right before typo correction (which cannot tell "wat" from "want")."""
SUBJECT_STEMS = frozenset(stem(w) for w in ("refer", "referral", "referrals", "referring"))
"""Everyday English words that in this bot name its subject: making a referral is what staff come for."""
ABOUT_QUESTIONS = frozenset(stem(w) for w in ("selfassessment", "question", "questions", "prompts", "checklist"))
"""Words that make the self-assessment's question lists fair answers."""
ACTORS = frozenset(("i", "we", "you", "they", "staff", "councils", "schools", "partners", "officers"))
"""Who "how do/can/should X ..." questions are about; the next word is the action asked about."""
LIGHT_VERBS = frozenset(("keep", "make", "get", "do", "have", "use", "find", "know", "deal", "handle", "go", "take",
                         "give", "put", "ensure", "stay", "sort", "work", "ask", "pass", "tell", "raise"))
"""Verbs that say little on their own: a passage need not use them to answer "how do we keep X ..."."""
NAME_STEMS = frozenset(stem(w) for w in NAME_WORDS)
CORE_NAMES = frozenset(("prevent", "channel"))  # the bot's whole subject: as a name, about Prevent
EXAMPLE_STEMS = frozenset(stem(w) for w in ("example", "examples", "case", "study", "studies", "instance",
                                            "illustration", "model", "approach", "area", "areas", "other"))
"""Words asking how somewhere else did it: case studies are then fair answers."""
NAME_BEFORE = frozenset(("in", "into", "at", "for", "and", "or", "is", "was", "be", "been", "mean", "means", "apply",
                         "applies", "say", "says", "require", "requires", "work", "works", "across", "within"))
"""Words before which "prevent" (or "channel") is a name, not a verb: "mention Prevent in documents", "write
Prevent into contracts", "should Prevent be in our plan" (a verb's object is never "be")."""
WEAK_FORMS = frozenset(("extreme", "radical", "radicals", "terror"))
"""Forms of subject words with everyday senses ("extreme heat", "radical change", "a little terror")."""
EVERYDAY_NEAR = frozenset(("teams", "tv", "television", "youtube", "slack", "whatsapp", "radio", "sky", "english",
                           "tunnel", "islands", "ferry", "gift", "cling", "bubble", "tortilla"))
"""Words beside which (one before, two after) a Prevent name is used in another sense: "a Teams channel", "a
channel in Teams", "cling wrap" (unless the name and the next word are a compound the documents use)."""
MEDIA_WORDS = frozenset(("teams", "tv", "television", "telly", "youtube", "slack", "whatsapp", "radio", "freeview",
                         "netflix", "podcast"))
"""Anywhere in a message, words that make "channel" a Teams, TV or radio channel (unless the documents use the
compound: "channel panel")."""
VERB_AFTER = frozenset(("to", "i", "we", "you", "they", "can", "could", "how", "would", "should", "will",
                        "help", "must", "might", "do", "and", "or", "not", "cannot", "cant", "ways"))
"""Words after which "prevent" is a verb when an object follows ("how to prevent the flu")."""
DOCUMENT_STEMS = frozenset(stem(w) for w in ("guidance", "toolkit", "document", "section", "chapter", "page",
                                             "paragraph"))
"""Words naming the documents themselves ("what does the guidance say about..."): a passage need not use
them to answer."""


NAMED_ACRONYM_LETTERS = 4
"""A word in capitals at least this long is a name ("GCHQ"); a shorter one is as often a local abbreviation."""
_EDGE_PUNCTUATION = ".,;:!?()[]\"'‘’“”"
_TYPED_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.?!:;]\s+|\n\s*)([A-Za-z][A-Za-z'’-]*)")


def typed_capitals(text: str) -> tuple[set[str], set[str]]:
    """The words of a message typed with capitals, lower-cased: those capitalised after its first word ("ask
    Channel") or in capitals anywhere ("WRAP - what is it"), none in a message all in capitals; and those
    typed as names: capitalised, not as a sentence's first word, and not in capitals unless as long as
    NAMED_ACRONYM_LETTERS ("Wagner" and "GCHQ", not "LLR", which is as often a local abbreviation)."""
    if not any(character.islower() for character in text):
        return set(), set()
    words = [w.strip(_EDGE_PUNCTUATION) for w in text.split()]
    capitalised = {bare_word(w) for i, w in enumerate(words) if (i and w[:1].isupper()) or (len(w) > 1 and w.isupper())}
    opening = {bare_word(w) for w in _SENTENCE_START.findall(text)}
    proper = {bare_word(w) for w in _TYPED_WORD.findall(text)
              if w[:1].isupper() and (not w.isupper() or len(w) >= NAMED_ACRONYM_LETTERS)} - opening
    return capitalised, proper


def bare_word(word: str) -> str:
    """A typed word as the query's tokens have it: lower case, without a possessive or apostrophes
    ("Australia's" -> australia)."""
    word = word.lower().replace("’", "'")
    return (word[:-2] if word.endswith("'s") else word).replace("'", "")


def intents_of(words: list[str]) -> frozenset[str]:
    """The kinds of fact a question asks for ("when" only as its first word: "when was...", not "what happens
    when")."""
    text = HOW_FAR.sub(" ", " " + " ".join(words) + " ")
    found = {kind for kind, cues in INTENT_CUES if cues.search(text)}
    if words[:1] == ["when"]:
        found.add("date")
    return frozenset(found)


LATIN_ABBREVIATION = re.compile(r"\b(?:e\.g|i\.e|etc)\b\.?", re.IGNORECASE)
""""e.g.", "i.e.", "etc.": not words of the question ("e" and "g" would be two things it asks about)."""
SCHOOL_YEAR = re.compile(r"\b(?<!past )(?<!last )(?<!this )(?<!next )(?<!each )(?<!per )years? "
                         r"(?:[7-9]|1[0-3])(?:(?:,| and| or| to| &|-) ?(?:[7-9]|1[0-3]))*\b"
                         r"(?! (?:olds?|months?|weeks?|days?)\b)", re.IGNORECASE)
""""A year 10 pupil", "years 10 and 11": secondary-school pupils, not a year ("the past year") nor a figure ("10");
"the past year 12 schools..." keeps its figure. Read as "pupil" even before "student" ("a pupil student"): the
extra word costs nothing and ranks the pupil's passages."""
REFUSAL = re.compile(r"\b(?:(?:does|do|did|will|would|wo|is|are)(?:n['’]?t| not)|wont|never) "
                     r"(?:(?:want to|wanting to|give|giving) )?(?:consent|consenting)\b"
                     r"|\b(?:(?:does|do|did|will|would|wo)(?:n['’]?t| not)|wont|never) agree to\b", re.IGNORECASE)
""""Doesn't consent", "won't agree to", "not giving consent": a refusal, which the guidance words as consent "not
given" and staff also as "refuses consent". Read as "refuses consent", so the question is not taken for one about
consent granted. ("Without consent" and "don't agree with" are left alone: sharing without consent and disagreeing
are other questions.)"""


_INTRODUCTION = re.compile(r"^\W*(?:(?:hi|hello|hiya|morning|afternoon)\W+)?(?:i'?m|i am|we'?re|we are|as)\s+"
                           r"(?:an?\s+|the\s+|one of the\s+)?(?P<who>[^.,;!?]{3,80}?)"
                           r"(?=\s+(?:and|but|so|who|in|at|for|with)\s|\s*[.,;!?]|\s+-\s)")
INTRODUCTION_WEIGHT = 0.3
"""A message that opens by saying who is asking ("I'm a family support worker and I've just been handed this
toolkit...", "we're a small district inside a county...") asks about what follows: words found only in that
opening weigh this share of their weight, so the asker's job does not choose the passage (tuning sets +14 -5,
held-back sets +1 -0 when added; 0.2 and 0.5 did less)."""


def introduced_only(text: str) -> frozenset[str]:
    """The stems of a message's opening self-introduction that the rest of it does not use, or none."""
    lowered = text.lower()
    found = _INTRODUCTION.match(lowered)
    if found is None:
        return frozenset()
    return frozenset(typed_phrase_stems(found.group("who"))) - frozenset(typed_phrase_stems(lowered[found.end():]))
