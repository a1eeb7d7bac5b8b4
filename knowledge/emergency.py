"""The emergency guard: does a message describe real, imminent danger that needs 999 now?

The bot runs `detect_emergency` on every incoming message, before anything else and in any state. It fires when a
message describes danger (bombs or explosives, weapons, an attack or planned offence, a threat to life, travel to
join a terrorist group or go to a conflict zone) together with someone real doing or planning it (a person,
something said, found or posted, a time soon); it stays quiet for questions about guidance, training, policy or
definitions, for hypotheticals ("what if someone ..."), for figurative speech ("killing it", "shoot me an email"),
and for travel with a harmless purpose. Bomb-making materials count together (two with a time soon, three alone, one
with a threat), and a risk to a person's own life with nothing else in the message is its own category
("self_harm"), whose card leaves out the Anti-Terrorist Hotline. The vocabulary lives in `knowledge/emergency.yaml`.
Typos are forgiven: a word that is not English (the shared everyday lists plus the words the corrector is known to
collide with) becomes the vocabulary word one edit away (two from eight letters), and a few real-word slips are
fixed by their context ("going to shot up"). The decision is rules over named concepts, so every hit can be
explained. The text itself is never logged or stored: a match carries only the category and the vocabulary terms (or
concept names) that matched.
"""

import re
import re._parser as sre_parse
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from knowledge.common_words import COMMON_WORDS, ENGLISH_WORDS
from knowledge.emergency_model import THRESHOLD, load_model
from knowledge.pattern_words import WordKeyedPatterns, first_words, leading_texts
from knowledge.text import STOPWORDS, WordMemo, forget_typed_words, is_known_word, literal_union

RULES_FILE = Path(__file__).with_name("emergency.yaml")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser reads the vocabulary ten times faster
_DANGER = ("suspicious", "explosive", "weapon", "harm", "offence", "life", "place", "group")
_CONCEPTS = (*_DANGER, "travel", "join", "intent", "possession", "soon", "departing", "threat", "report", "benign",
             "past", "joke", "help", "info_words", "study_words", "precursor", "no_return", "fight", "self_harm",
             "groomed", "someday", "omen", "others", "lately")
_RIGHT_NOW = re.compile(r"\b(?:now|right now|at the moment|as we speak|currently|today|tonight|still here)\b")
_HOLDING = re.compile(r"\b(?:has|have|is carrying|are carrying|is holding|is waving|is brandishing)"
                      r" (?:a|an|got a|got an) (?:\w+ )?(?:knife|gun|machete|blade|axe|weapon|sword|crossbow|hammer)\b")
_CLAUSE_WORDS = frozenset(("who", "when", "whenever", "if", "whether", "where"))
"""Someone holding a weapon as the message is written ("a lad outside the mosque has a big knife"): happening now,
even in a message that also asks a question."""
_BARE_NOW = re.compile(r"\b(?<!right )(?<!just )now\b")
_YEAR_MENTIONED = re.compile(r"\b(?:in|from|since|back in|during) ((?:19|20)\d\d)\b")
_CONTRACTIONS = (
    (r"\b(he|she|it|who|someone|somebody|there|that)'s (got|been|had)\b", r"\1 has \2"),
    (r"\bwon'?t\b", "will not"), (r"\bcan'?t\b", "can not"), (r"n't\b", " not"), (r"'ll\b", " will"),
    (r"'re\b", " are"), (r"'m\b", " am"), (r"'ve\b", " have"), (r"'d\b", " would"),
    (r"\b(he|she|it|that|there|who|what|where|someone|somebody)'s\b", r"\1 is"), (r"'s\b", ""),
    (r"\bhes\b", "he is"), (r"\bshes\b", "she is"), (r"\btheyre\b", "they are"), (r"\bim\b", "i am"),
    (r"\bdont\b", "do not"), (r"\bdidnt\b", "did not"), (r"\bive\b", "i have"), (r"\bhell\b(?= \w+ing)", "he will"),
)
# Precompiled once. The fixes run in order, each only when the message holds what its matches start with.
_CONTRACTION_FIXES = tuple((re.compile(pattern), replacement) for pattern, replacement in _CONTRACTIONS)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_TOKEN = re.compile(r"[a-z0-9]+")
_GOT_BEEN = re.compile(r"\b(he|she|it|there|who|someone|somebody) is (got|been)\b")
_EXISTS = re.compile(r"\bthere (?:is|are|was|were|has been) (?:a|an|some)\b")
_NEEDED = (*_DANGER, "threat", "precursor", "fight", "groomed", "self_harm")  # without one of these nothing can fire
MATERIALS = 2
"""Different bomb-making materials named together ("fertiliser bags and pressure cookers"): two are an emergency
with a time soon, three with none, one with a threat or harm. (Two alone are not: a caretaker's toolbox has
nails and wires, a DT project a timer and wires.)"""
_STILL = re.compile(r"\bstill (?:has|have|got|carrying|carries|in|there|here|outside|at|planning|says|saying|talking"
                    r"|threatening)\b|\b(?:again|another|right now|currently|at the moment)\b"
                    r"|\b(?:he|she|they) (?:is|are) (?:in|at|outside|here|there|banging|waving|holding|pointing)\b")


@dataclass(frozen=True)
class EmergencyMatch:
    """Why a message looks like an emergency: a category and the vocabulary terms that matched."""

    category: str
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Rules:
    concepts: WordKeyedPatterns  # per concept its phrases (one pattern), then its own patterns
    phrases: dict[str, re.Pattern[str]]
    figurative: re.Pattern[str]
    figurative_parts: WordKeyedPatterns  # one group, to tell when no figurative phrase can be in a message
    guidance_question: re.Pattern[str]
    agents: re.Pattern[str]
    generic_agents: re.Pattern[str]
    hypothetical: re.Pattern[str]
    not_hypothetical: re.Pattern[str]
    question_start: re.Pattern[str]
    misspellings: dict[str, str]
    context_fixes: WordKeyedPatterns
    context_replacements: tuple[str, ...]
    vocabulary: frozenset[str]
    english: frozenset[str]
    targets: tuple[str, ...]
    danger_words: frozenset[str]
    short_targets: tuple[str, ...]


@cache
def _contraction_fixes() -> tuple[tuple[re.Pattern[str], str, frozenset[str] | None], ...]:
    """The contraction fixes in order, each with the texts one of which every match starts with."""
    return tuple((pattern, replacement, None if (heads := leading_texts(list(sre_parse.parse(pattern.pattern)))) is None
                  or "" in heads else frozenset(heads)) for pattern, replacement in _CONTRACTION_FIXES)


def _phrase_pattern(phrases: list[str], trie: bool = False) -> str:
    """Any of the phrases as whole words, the longest first where several start at one place (as a trie,
    factored by shared prefixes, when only the match matters and not its pattern's first words)."""
    ordered = sorted({" ".join(str(p).lower().split()) for p in phrases}, key=len, reverse=True)
    union = literal_union(ordered) if trie else "|".join(re.escape(p) for p in ordered)
    return r"(?<![a-z0-9])(?:" + union + r")(?![a-z0-9])"


def _fill(pattern: str, slots: dict[str, str]) -> str:
    """A pattern with {roles} and {objects} filled in."""
    for name, alternatives in slots.items():
        pattern = pattern.replace("{" + name + "}", alternatives)
    return pattern


def _any(patterns: list[str], slots: dict[str, str]) -> re.Pattern[str]:
    """One regular expression for a list of them, with {roles} and {objects} filled in."""
    return re.compile("|".join(f"(?:{_fill(p, slots)})" for p in patterns))


@cache
def load_rules(path: Path = RULES_FILE) -> _Rules:
    """Compile the vocabulary in emergency.yaml (once per process)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    raw = dict(data["concepts"], info_words=data["info_words"], study_words=data["study_words"])
    slots = {"roles": "(?:" + "|".join(data["roles"]) + ")",
             "objects": "(?:" + "|".join(re.escape(str(o)) for o in data["objects"]) + ")"}
    words = {w for phrases in raw.values() for p in phrases for w in str(p).lower().split()}
    words |= set(data["typo_targets"])
    typo_prone = (*_DANGER, "travel", "join", "soon", "benign", "info_words", "study_words")
    targets = {str(p).lower() for c in typo_prone for p in raw[c] if " " not in str(p)}
    targets |= set(data["typo_targets"]) | {str(o) for o in data["objects"] if " " not in str(o)}
    danger = frozenset(str(p).lower() for c in _DANGER for p in raw[c] if " " not in str(p))
    openers = "|".join(re.escape(str(o)) for o in sorted(data["openers"], key=len, reverse=True))
    starts = "|".join(re.escape(str(q)) for q in sorted(data["question_starts"], key=len, reverse=True))
    concepts = WordKeyedPatterns({name: [_phrase_pattern(raw[name], trie=True)]
                                  + [_fill(p, slots) for p in data["patterns"].get(name, ())] for name in _CONCEPTS})
    return _Rules(
        concepts=concepts,
        phrases={name: re.compile(_phrase_pattern(raw[name])) for name in (*_DANGER, "precursor", "self_harm")},
        figurative=_any(data["figurative"], slots),
        figurative_parts=WordKeyedPatterns({"figurative": [_fill(p, slots) for p in data["figurative"]]}),
        guidance_question=_any(data["guidance_question"], slots),
        agents=_any(data["agents"], slots),
        generic_agents=_any(data["generic_agents"], slots),
        hypothetical=_any(data["hypothetical"], slots),
        not_hypothetical=_any(data["not_hypothetical"], slots),
        question_start=re.compile(rf"^(?:(?:{openers})\s+)*(?:{starts})\b"),
        misspellings={str(k).lower(): str(v).lower() for k, v in data["misspellings"].items()},
        context_fixes=WordKeyedPatterns({"fix": [pattern for pattern, _ in data["context_fixes"]]}),
        context_replacements=tuple(replacement for _, replacement in data["context_fixes"]),
        vocabulary=frozenset(words),
        english=frozenset(COMMON_WORDS | ENGLISH_WORDS | STOPWORDS
                          | {str(w).lower() for w in data["protected"] + data["protected_found"]}),
        targets=tuple(sorted(w for w in targets if len(w) >= 4 and w.isalpha())),
        danger_words=danger,
        short_targets=tuple(data["short_typo_targets"]),
    )


def prepare(text: str, rules: _Rules | None = None) -> str:
    """Normalise a message for matching: lower case, contractions expanded, typos of vocabulary words fixed."""
    rules = rules or load_rules()
    text = text.lower().translate(_QUOTES)
    tokens = _TOKEN.findall(text)
    bare = _apostrophe_free_words()
    if "'" in text or bare is None or not bare.isdisjoint(tokens):
        for pattern, replacement, heads in _contraction_fixes():
            if heads is None or any(head in text for head in heads):  # a fix whose first text is absent can't apply
                text = pattern.sub(replacement, text)
        tokens = _TOKEN.findall(text)
    said = _fix_in_context(" ".join([_correct(token) for token in tokens]), rules)
    return _GOT_BEEN.sub(r"\1 has \2", said)


def _fix_in_context(said: str, rules: _Rules) -> str:
    """The context fixes applied in order, each to what the one before wrote, trying only those that could
    start at one of its words."""
    fixes, number = rules.context_fixes, 0
    while later := [n for n in fixes.candidates(said).get("fix", ()) if n >= number]:
        number = later[0]
        said = fixes.patterns["fix"][number].sub(rules.context_replacements[number], said)
        number += 1
    return said


@cache
def _apostrophe_free_words() -> frozenset[str] | None:
    """The words a contraction fix that needs no apostrophe can start at ("dont", "wont"), or None when a fix
    cannot be told: any other fix needs an apostrophe in the message."""
    words: set[str] = set()
    for pattern, _ in _CONTRACTION_FIXES:
        spellings = first_words(pattern.pattern)
        if spellings is None:
            heads = leading_texts(list(sre_parse.parse(pattern.pattern)))
            if not heads or not all("'" in head for head in heads):
                return None
        words |= {word for word in spellings or () if "'" not in word}
    return frozenset(words)


def _correct_token(token: str) -> str:
    """The word meant: a known misspelling's fix, a dropped final g restored, or the nearest vocabulary word."""
    rules = load_rules()
    if token in rules.misspellings:
        return rules.misspellings[token]
    if len(token) < 3 or not token.isalpha() or token in rules.vocabulary:
        return token
    if len(token) > 3 and token.endswith("in") and token not in COMMON_WORDS:  # "goin", "makin", "threatnin"
        restored = token + "g"
        if restored in rules.vocabulary or restored in COMMON_WORDS:
            return restored
        if nearest := _nearest(restored, rules):
            return nearest
    if token in rules.english or _number_of_known(token, rules):
        return token
    return _nearest(token, rules) or token


def _known_token(token: str) -> bool:
    """A word the guard knows (its own vocabulary and misspellings, or the bot's): memoised; a name is not."""
    rules = load_rules()
    return token in rules.vocabulary or token in rules.misspellings or is_known_word(token)


_correct = WordMemo(_correct_token, _known_token).__getitem__


def _number_of_known(token: str, rules: _Rules) -> bool:
    """True for the plural of a known word ("pupils", "hoops") or the singular of a vocabulary plural
    ("relative"): a word in its own right, not a typo of its other number."""
    if token + "s" in rules.vocabulary:
        return True
    if not token.endswith("s"):
        return False
    stems = [token[:-1]] + ([token[:-2]] if re.search(r"(?:s|x|z|ch|sh)es$", token) else [])
    return any(stem in rules.vocabulary or stem in rules.english for stem in stems)


def _nearest(token: str, rules: _Rules) -> str | None:
    """The vocabulary word one edit away (two from eight letters), keeping the first letter unless the typo
    is the common kind that loses it: a silent first letter dropped ("nife") or the first two swapped.
    Words of four letters only become danger words with the same first letter ("bomd"), and words of three
    only the few short danger words with a letter missing ("bmb")."""
    if len(token) == 3:
        return next((t for t in rules.short_targets if t[0] == token[0]
                     and any(t[:i] + t[i + 1:] == token for i in range(1, 4))), None)
    limit = 2 if len(token) >= 8 else 1
    found = process.extract(token, rules.targets, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=8)
    for target, _distance, _index in sorted(found, key=lambda f: (f[1], f[0][0] != token[0])):
        if len(token) == 4 and (target not in rules.danger_words or target[0] != token[0]):
            continue  # "bomd" is a bomb, but "weed" is not a "week"
        if (target[0] == token[0] or (len(target) == len(token) + 1 and target[1:].startswith(token[:2]))
                or target[:2] == token[1::-1]):
            return target
    return None


def detect_emergency(text: str) -> EmergencyMatch | None:
    """An EmergencyMatch when the message describes real danger needing 999 now, else None."""
    try:
        return _detect(text)
    finally:
        forget_typed_words()  # the message's words the guard does not know are kept only while it reads


def normalise(text: str, rules: _Rules | None = None) -> str:
    """A message as the guard reads it: `prepare`d, with figures of speech ("killing it") blanked out."""
    rules = rules or load_rules()
    said = prepare(text, rules)
    if rules.figurative_parts.candidates(said):  # blank "killing it" out, when a figurative phrase may be there
        said = rules.figurative.sub(" ", said)
    return " ".join(said.split())


def _detect(text: str) -> EmergencyMatch | None:
    if not text or not text.strip():
        return None
    rules = load_rules()
    said = normalise(text, rules)
    found = _Found(said, rules)
    has = _Has(found)
    if not any(has[name] for name in _NEEDED):
        return None  # no danger at all: the ordinary question
    agent = rules.agents.search(said)
    generic = rules.generic_agents.search(said) is not None
    category = _category(said, has, someone=agent is not None or generic or has["report"],
                         materials=_materials(said, rules, has))
    if category is None or _suppressed(said, rules, has, found, agent.start() if agent else None, generic):
        if load_model().probability(said) < THRESHOLD:
            return None  # the rules and the learned second opinion agree: not an emergency
        category = _likely_category(said, has)
    return EmergencyMatch(category=category, terms=_terms(said, rules, has))


def _likely_category(said: str, has: dict[str, bool]) -> str:
    """For a message the learned model finds urgent though the rules did not fire: the kind of danger its danger
    words name."""
    if has["suspicious"] or has["explosive"] or has["precursor"]:
        return "explosives"
    if has["life"] or has["self_harm"]:
        return "self_harm" if _own_life_only(said, has) else "threat_to_life"
    if has["weapon"]:
        return "weapon"
    return "travel" if has["group"] or has["place"] or has["join"] or has["fight"] else "attack"


class _Found(dict):
    """Each concept's first match in the message, searched for only when a rule first asks about it, and
    then only with the concept's patterns that could start at one of the message's words."""

    def __init__(self, said: str, rules: _Rules) -> None:
        super().__init__()
        self.said, self.rules = said, rules
        self.candidates = rules.concepts.candidates(said)

    def __missing__(self, name: str) -> re.Match[str] | None:
        candidates = self.candidates.get(name)
        match = self[name] = self.rules.concepts.search(name, self.said, candidates) if candidates else None
        return match


class _Has(dict):
    """Whether each concept is in the message, asked of the lazy _Found."""

    def __init__(self, found: _Found) -> None:
        super().__init__()
        self.found = found

    def __missing__(self, name: str) -> bool:
        present = self[name] = self.found[name] is not None
        return present


def _terms(said: str, rules: _Rules, has: dict[str, bool]) -> tuple[str, ...]:
    """The vocabulary phrases that matched; a concept's name where only a pattern did (never the user's words)."""
    terms: list[str] = []
    for name in (*_DANGER, "precursor"):
        matched = [m.group(0) for m in rules.phrases[name].finditer(said)] if has[name] else []
        terms.extend(matched or ([name] if has[name] else []))
    return tuple(dict.fromkeys(terms)) or tuple(name for name in ("threat", "suspicious") if has[name])


def _materials(said: str, rules: _Rules, has: dict[str, bool]) -> int:
    """How many different bomb-making materials the message names."""
    return len({m.group(0) for m in rules.phrases["precursor"].finditer(said)}) if has["precursor"] else 0


def _category(said: str, has: dict[str, bool], someone: bool, materials: int = 0) -> str | None:
    """The kind of danger described, when it comes with someone doing or planning it (`materials`: how many
    bomb-making materials it names)."""
    if _before(said, has) and not (_soon_beyond_now(said, has) or has["intent"]) and _STILL.search(said) is None:
        return None  # something that happened before, nothing planned and nothing still going on
    if has["suspicious"]:
        return "explosives"
    exists = _EXISTS.search(said) is not None
    acting = has["intent"] or has["possession"] or has["soon"] or has["report"] or exists
    threat = has["threat"] and (has["weapon"] or has["explosive"] or has["soon"])
    if has["explosive"] and acting and (someone or has["soon"] or has["threat"]):
        return "explosives"  # with a threat it needs no one named: "the bomb is inside, you have until noon"
    if materials and acting and someone and (has["harm"] or has["threat"] or has["omen"] or materials > MATERIALS
                                             or (materials == MATERIALS and has["soon"])):
        return "explosives"
    if has["life"] and (someone or has["self_harm"]):  # "I want to kill myself" names its own someone
        return "self_harm" if _own_life_only(said, has) else "threat_to_life"
    armed = has["possession"] or has["harm"] or has["intent"] or threat or has["omen"] \
        or (has["report"] and has["soon"])
    if has["weapon"] and armed and (someone or has["soon"] or exists or has["help"]):
        return "weapon"  # "urgent pool changing room man with a blade": opened with a call for help
    if (has["harm"] or threat) and (has["intent"] or has["report"] or has["soon"]) and (someone or has["soon"]):
        return "attack"
    if has["offence"] and has["intent"] and (someone or has["soon"]) and (has["soon"] or has["report"]):
        return "attack"
    fighting = has["group"] or has["join"]
    joining = (has["group"] and (has["join"] or has["travel"])) or (has["place"] and (has["travel"] or has["join"])) \
        or ((has["fight"] or has["groomed"]) and (has["departing"] or has["no_return"]))
    harmless = has["benign"] and not fighting and not has["no_return"]  # a holiday, no group, coming back
    under_way = has["soon"] or has["intent"] or has["join"] or has["departing"]
    # went and came back years ago, or might go one day: not travel under way
    returned = (has["past"] or has["someday"]) and not has["departing"]
    if joining and (someone or has["soon"]) and under_way and not harmless and not returned:
        return "travel"
    return None


def _before(said: str, has: dict[str, bool]) -> bool:
    """The message tells of something before now: long ago (`past`), lately (`lately`), or in a year before this
    one ("in 2019"; "he leaves in 2027" is to come)."""
    if has["past"] or has["lately"]:
        return True
    this_year = date.today().year
    return any(int(year) < this_year for year in _YEAR_MENTIONED.findall(said))


def _soon_beyond_now(said: str, has: dict[str, bool]) -> bool:
    """A time soon other than a bare "now" ("right now" and "just now" still count), which in a message about the
    past is as often narrative ("he's in prison now", "she's safe now") as a sign that something is happening."""
    if not has["soon"] or _BARE_NOW.search(said) is None:
        return has["soon"]
    return _Has(_Found(" ".join(_BARE_NOW.sub(" ", said).split()), load_rules()))["soon"]


def _holding_now(said: str) -> bool:
    """Someone holding a weapon as the message is written ("a lad outside the mosque has a big knife"), not in a
    clause about who or when ("how do we search a pupil who has a knife", "when a visitor has a weapon")."""
    found = _HOLDING.search(said)
    return found is not None and not _CLAUSE_WORDS.intersection(said[:found.start()].split()[-4:])


_NOT_OWN_LIFE = ("explosive", "weapon", "harm", "group", "place", "threat", "suspicious", "precursor", "join", "fight",
                 "life", "others")


def _own_life_only(said: str, has: dict[str, bool]) -> bool:
    """A risk to someone's own life (suicide, self-harm) with nothing else pointing to danger, terrorism or
    extremism: once the self-harm phrases are taken out ("kill herself" holds "kill"), no danger is left, no one
    else is named ("and his mum", "take the class with him") and no sign of extremism ("for allah", "the jews").
    Anything less clear keeps the card that names the Anti-Terrorist Hotline."""
    if not has["self_harm"] or any(has[name] for name in ("explosive", "weapon", "group", "place", "suspicious")):
        return False  # "a suicide vest": the danger is to others
    rules = load_rules()
    left = _Has(_Found(" ".join(rules.phrases["self_harm"].sub(" ", said).split()), rules))
    return not any(left[name] for name in _NOT_OWN_LIFE)


def _suppressed(said: str, rules: _Rules, has: dict[str, bool], found: dict[str, re.Match[str] | None],
                agent_at: int | None, generic: bool) -> bool:
    """True for hypotheticals, jokes and questions about guidance, training, policy or definitions."""
    danger_at = min((m.start() for n in _DANGER if (m := found[n]) is not None), default=len(said))
    report_at = found["report"].start() if found["report"] else None
    right_now = _RIGHT_NOW.search(said) is not None
    hypothetical = rules.hypothetical.search(rules.not_hypothetical.sub(lambda m: "_" * len(m[0]), said))
    if hypothetical is not None and hypothetical.start() < danger_at:
        real_first = any(at is not None and at < hypothetical.start() for at in (agent_at, report_at))
        if not (real_first or (right_now and (agent_at is not None or generic))):
            return True
    if has["joke"] and not has["soon"]:
        return True
    if rules.guidance_question.search(said) and not (right_now and agent_at is not None):
        return True
    if has["study_words"] and not (has["soon"] and report_at is not None):
        return True
    informational = has["info_words"] or rules.question_start.search(said) is not None
    happening = (report_at is not None and has["soon"]) or (
        right_now and generic and (has["possession"] or has["intent"])) or (
        generic and has["weapon"] and _holding_now(said) and not _before(said, has))
    return informational and not has["help"] and agent_at is None and not happening
