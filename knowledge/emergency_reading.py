"""How the emergency guard reads a message (see `knowledge.emergency`, which decides).

`load_rules` compiles the vocabulary in `knowledge/emergency.yaml` once per process: per concept, its phrases and
patterns, keyed by the words they can start with (`knowledge.pattern_words`), and the lists of roles, agents,
hypotheticals and figures of speech. `prepare` normalises a message for matching: lower case, contractions
expanded ("he'll" -> "he will"), and typos forgiven: a word that is not English (the shared everyday lists plus the
words the corrector is known to collide with) becomes the vocabulary word one edit away (two from eight letters), and
a few real-word slips are fixed by their context ("going to shot up"). Words are memoised only when known, so a
message's names are not kept.
"""

import re
import re._parser as sre_parse
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from knowledge.common_words import COMMON_WORDS, ENGLISH_WORDS
from knowledge.pattern_words import WordKeyedPatterns, first_words, leading_texts
from knowledge.text import STOPWORDS, WordMemo, is_known_word, literal_union

RULES_FILE = Path(__file__).with_name("emergency.yaml")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser reads the vocabulary ten times faster
DANGER = ("suspicious", "explosive", "weapon", "harm", "offence", "life", "place", "group")
CONCEPTS = (*DANGER, "travel", "join", "intent", "possession", "soon", "departing", "threat", "report", "benign",
             "past", "joke", "help", "info_words", "study_words", "precursor", "no_return", "fight", "self_harm",
             "groomed", "someday", "omen", "others", "lately", "dealt_with", "rehearsal", "peril")
_CONTRACTIONS = (
    (r"\b(he|she|it|who|someone|somebody|there|that)'s (got|been|had)\b", r"\1 has \2"),
    (r"'s having\b", " is having"),
    (r"\bwon'?t\b", "will not"), (r"\bcan'?t\b", "can not"), (r"n't\b", " not"), (r"'ll\b", " will"),
    (r"\bod'?e?d\b(?<!\bodd)", "overdosed"), (r"\bod'?ing\b", "overdosing"),
    (r"'re\b", " are"), (r"'m\b", " am"), (r"'ve\b", " have"), (r"'d\b", " would"),
    (r"\b(he|she|it|that|there|who|what|where|someone|somebody)'s\b", r"\1 is"), (r"'s\b", ""),
    (r"\bhes\b", "he is"), (r"\bshes\b", "she is"), (r"\btheyre\b", "they are"), (r"\bim\b", "i am"),
    (r"\bdont\b", "do not"), (r"\bdidnt\b", "did not"),
    (r"\b(is|are|was|were|has|have|could|would|does)nt\b", r"\1 not"), (r"\bive\b", "i have"),
    (r"\bhell\b(?= \w+ing)", "he will"),
)
# Precompiled once. The fixes run in order, each only when the message holds what its matches start with.
_CONTRACTION_FIXES = tuple((re.compile(pattern), replacement) for pattern, replacement in _CONTRACTIONS)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
_TOKEN = re.compile(r"[a-z0-9]+")
_GOT_BEEN = re.compile(r"\b(he|she|it|there|who|someone|somebody) is (got|been)\b")

@dataclass(frozen=True)
class Rules:
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
def load_rules(path: Path = RULES_FILE) -> Rules:
    """Compile the vocabulary in emergency.yaml (once per process)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    raw = dict(data["concepts"], info_words=data["info_words"], study_words=data["study_words"])
    slots = {"roles": "(?:" + "|".join(data["roles"]) + ")",
             "objects": "(?:" + "|".join(re.escape(str(o)) for o in data["objects"]) + ")"}
    words = {w for phrases in raw.values() for p in phrases for w in str(p).lower().split()}
    words |= set(data["typo_targets"])
    typo_prone = (*DANGER, "travel", "join", "soon", "benign", "info_words", "study_words")
    targets = {str(p).lower() for c in typo_prone for p in raw[c] if " " not in str(p)}
    targets |= set(data["typo_targets"]) | {str(o) for o in data["objects"] if " " not in str(o)}
    danger = frozenset(str(p).lower() for c in DANGER for p in raw[c] if " " not in str(p))
    openers = "|".join(re.escape(str(o)) for o in sorted(data["openers"], key=len, reverse=True))
    starts = "|".join(re.escape(str(q)) for q in sorted(data["question_starts"], key=len, reverse=True))
    concepts = WordKeyedPatterns({name: [_phrase_pattern(raw[name], trie=True)]
                                  + [_fill(p, slots) for p in data["patterns"].get(name, ())] for name in CONCEPTS})
    return Rules(
        concepts=concepts,
        phrases={name: re.compile(_phrase_pattern(raw[name])) for name in (*DANGER, "precursor", "self_harm")},
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


def prepare(text: str, rules: Rules | None = None) -> str:
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


def _fix_in_context(said: str, rules: Rules) -> str:
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


def _number_of_known(token: str, rules: Rules) -> bool:
    """True for the plural of a known word ("pupils", "hoops") or the singular of a vocabulary plural
    ("relative"): a word in its own right, not a typo of its other number."""
    if token + "s" in rules.vocabulary:
        return True
    if not token.endswith("s"):
        return False
    stems = [token[:-1]] + ([token[:-2]] if re.search(r"(?:s|x|z|ch|sh)es$", token) else [])
    return any(stem in rules.vocabulary or stem in rules.english for stem in stems)


def _nearest(token: str, rules: Rules) -> str | None:
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
