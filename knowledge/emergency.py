"""The emergency guard: does a message describe real, imminent danger that needs 999 now?

The bot runs `detect_emergency` on every incoming message, before anything else and in any state. It
fires when a message describes danger (bombs or explosives, weapons, an attack or planned offence, a
threat to life, travel to join a terrorist group or go to a conflict zone) together with someone real
doing or planning it (a person, something said, found or posted, a time soon); it stays quiet for
questions about guidance, training, policy or definitions and for hypotheticals ("what if someone ...").
The vocabulary lives in `knowledge/emergency.yaml`; typos in danger words are forgiven. The text itself
is never logged or stored: a match carries only the category and the vocabulary terms that matched.
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

RULES_FILE = Path(__file__).with_name("emergency.yaml")
_DANGER = ("suspicious", "explosive", "weapon", "harm", "offence", "life", "place", "group")
_CONCEPTS = (*_DANGER, "travel", "join", "intent", "possession", "soon", "report", "info_words", "study_words")
_RIGHT_NOW = ("now", "right now", "at the moment", "as we speak", "currently", "today", "tonight")
_CONTRACTIONS = (
    (r"\bwon'?t\b", "will not"), (r"\bcan'?t\b", "can not"), (r"n't\b", " not"), (r"'ll\b", " will"),
    (r"'re\b", " are"), (r"'m\b", " am"), (r"'ve\b", " have"), (r"'d\b", " would"),
    (r"\b(he|she|it|that|there|who|what|where|someone|somebody)'s\b", r"\1 is"), (r"'s\b", ""),
    (r"\bhes\b", "he is"), (r"\bshes\b", "she is"), (r"\btheyre\b", "they are"), (r"\bim\b", "i am"),
    (r"\bdont\b", "do not"), (r"\bdidnt\b", "did not"), (r"\bive\b", "i have"), (r"\bhell\b(?= \w+ing)", "he will"),
)


@dataclass(frozen=True)
class EmergencyMatch:
    """Why a message looks like an emergency: a category and the vocabulary terms that matched."""

    category: str
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Rules:
    concepts: dict[str, re.Pattern[str]]
    agents: tuple[re.Pattern[str], ...]
    generic_agents: tuple[re.Pattern[str], ...]
    hypothetical: tuple[re.Pattern[str], ...]
    question_start: re.Pattern[str]
    misspellings: dict[str, str]
    known: frozenset[str]
    targets: tuple[str, ...]


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str]:
    ordered = sorted({" ".join(str(p).lower().split()) for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(re.escape(p) for p in ordered) + r")(?![a-z0-9])")


def _with_patterns(phrases: re.Pattern[str], extra: list[str] | tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join([phrases.pattern, *extra])) if extra else phrases


@cache
def load_rules(path: Path = RULES_FILE) -> _Rules:
    """Compile the vocabulary in emergency.yaml (once per process)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw = dict(data["concepts"], info_words=data["info_words"], study_words=data["study_words"])
    words = {w for phrases in raw.values() for p in phrases for w in str(p).lower().split()}
    danger = ("explosive", "weapon", "harm", "life", "place", "group")
    targets = tuple(sorted({str(p).lower() for c in danger for p in raw[c] if " " not in str(p) and len(str(p)) >= 5}
                           | {"tomorrow", "tonight", "travelling", "airport", "threatened", "planning"}))
    return _Rules(
        concepts={name: _with_patterns(_phrase_pattern(raw[name]), data["patterns"].get(name, ()))
                  for name in _CONCEPTS},
        agents=tuple(re.compile(p) for p in data["agents"]),
        generic_agents=tuple(re.compile(p) for p in data["generic_agents"]),
        hypothetical=tuple(re.compile(p) for p in data["hypothetical"]),
        question_start=re.compile(r"^(?:" + "|".join(re.escape(q) for q in data["question_starts"]) + r")\b"),
        misspellings={str(k).lower(): str(v).lower() for k, v in data["misspellings"].items()},
        known=frozenset(words | {str(w).lower() for w in data["protected"]}), targets=targets,
    )


def prepare(text: str, rules: _Rules | None = None) -> str:
    """Normalise a message for matching: lower case, contractions expanded, typos of danger words fixed."""
    rules = rules or load_rules()
    text = re.sub(r"[’‘`]", "'", text.lower())
    for pattern, replacement in _CONTRACTIONS:
        text = re.sub(pattern, replacement, text)
    tokens = re.sub(r"[^a-z0-9]+", " ", text).split()
    return " ".join(_correct(token, rules) for token in tokens)


def _correct(token: str, rules: _Rules) -> str:
    if token in rules.misspellings:
        return rules.misspellings[token]
    if len(token) < 5 or token in rules.known or token.isdigit():
        return token
    limit = 2 if len(token) >= 8 else 1
    # Typos rarely change the first letter, and requiring it keeps "skilled" from becoming "killed".
    targets = [t for t in rules.targets if t[0] == token[0]]
    found = process.extractOne(token, targets, scorer=DamerauLevenshtein.distance, score_cutoff=limit)
    return found[0] if found else token


def _first(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return match.start() if match else None


def detect_emergency(text: str) -> EmergencyMatch | None:
    """An EmergencyMatch when the message describes real danger needing 999 now, else None."""
    if not text or not text.strip():
        return None
    rules = load_rules()
    said = prepare(text, rules)
    hits = {name: [m.group(0) for m in pattern.finditer(said)] for name, pattern in rules.concepts.items()}
    positions = {name: _first(pattern, said) for name, pattern in rules.concepts.items()}
    agent_at = min((m.start() for p in rules.agents for m in [p.search(said)] if m), default=None)
    generic = any(p.search(said) for p in rules.generic_agents)
    exists = bool(re.search(r"\bthere (is|are|was|were) (a|an|some)\b", said))
    has = {name: bool(found) for name, found in hits.items()}
    someone = agent_at is not None or has["report"] or exists or generic
    category = _category(has, someone, exists)
    if category is None:
        return None
    if _suppressed(said, rules, has, positions, agent_at):
        return None
    terms = tuple(dict.fromkeys(t for name in _DANGER for t in hits[name]))
    return EmergencyMatch(category=category, terms=terms)


def _category(has: dict[str, bool], someone: bool, exists: bool) -> str | None:
    """The kind of danger described, when it comes with someone doing or planning it."""
    if has["suspicious"]:
        return "explosives"
    acting = has["intent"] or has["possession"] or has["soon"] or has["report"] or exists
    if has["explosive"] and acting and (someone or has["soon"]):
        return "explosives"
    if has["life"] and someone:
        return "threat_to_life"
    if has["weapon"] and (has["possession"] or has["harm"] or has["intent"]) and (someone or has["soon"]):
        return "weapon"
    if has["harm"] and (has["intent"] or has["report"] or has["soon"]) and (someone or has["soon"]):
        return "attack"
    if has["offence"] and has["intent"] and (someone or has["soon"]) and (has["soon"] or has["report"]):
        return "attack"
    joining = (has["group"] and (has["join"] or has["travel"])) or (has["place"] and (has["travel"] or has["join"]))
    if joining and someone and (has["soon"] or has["intent"] or has["join"]):
        return "travel"
    return None


def _suppressed(said: str, rules: _Rules, has: dict[str, bool], positions: dict[str, int | None],
                agent_at: int | None) -> bool:
    """True for hypotheticals and questions about guidance, training, policy or definitions."""
    danger_at = min((positions[n] for n in _DANGER if positions[n] is not None), default=len(said))
    hypothetical_at = min((m.start() for p in rules.hypothetical for m in [p.search(said)] if m), default=None)
    report_at = positions["report"]
    if hypothetical_at is not None and hypothetical_at < danger_at:
        real_first = any(at is not None and at < hypothetical_at for at in (agent_at, report_at))
        right_now = any(re.search(rf"\b{w}\b", said) for w in _RIGHT_NOW) and agent_at is not None
        if not (real_first or right_now):
            return True
    if has["study_words"] and not (has["soon"] and report_at is not None):
        return True
    informational = has["info_words"] or rules.question_start.search(said) is not None
    return informational and agent_at is None and not (report_at is not None and has["soon"])


@dataclass(frozen=True)
class EmergencyWording:
    """The emergency card's words from emergency.yaml, with national numbers filled in."""

    title: str
    first_line: str
    lines: tuple[str, ...]
    call_emergency: str
    call_hotline: str
    report_online: str
    resume: str
    emergency_phone: str
    hotline_phone: str
    online_url: str


@cache
def emergency_wording() -> EmergencyWording:
    """The emergency card's wording; phone numbers and links come from knowledge/national.yaml."""
    from knowledge.areas import national_contact

    card = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))["card"]

    def fill(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            return str(getattr(national_contact(match[1]), match[2] or "phone"))

        return re.sub(r"\{([a-z0-9-]+)(?:\.(\w+))?\}", one, str(text))

    return EmergencyWording(
        title=fill(card["title"]), first_line=fill(card["first_line"]),
        lines=tuple(fill(line) for line in card["lines"]), call_emergency=fill(card["call_emergency"]),
        call_hotline=fill(card["call_hotline"]), report_online=fill(card["report_online"]),
        resume=fill(card["resume"]), emergency_phone=str(national_contact("emergency").phone),
        hotline_phone=str(national_contact("anti-terrorist-hotline").phone),
        online_url=str(national_contact("act-online").web_form),
    )
