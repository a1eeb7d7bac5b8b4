"""The question sets the benchmarks draw on: the shared dev set, the project's held-out and blind sets, and
the held-back sets in bench/heldback/ (written blind and never tuned against: the estimate for unseen
questions).

Each set is the score.py format ({kb: [{q, expect}], none: [...], urgent: [...], not_urgent: [...]}).
A set whose file is missing is simply left out, so the benchmarks run wherever the repository does.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO.parent / "shared" / "eval"
SCORE_SCRIPT = SHARED_EVAL / "score.py"
SET_FILES = {
    "dev": SHARED_EVAL / "dev_questions.yaml",
    "held-out": REPO / "tests" / "knowledge" / "heldout_questions.yaml",
    "blind": REPO / "tests" / "knowledge" / "blind_questions.yaml",
    "held-back 29": REPO / "bench" / "heldback" / "heldback_29.yaml",
    "held-back 30": REPO / "bench" / "heldback" / "heldback_30.yaml",
    "held-back 31": REPO / "bench" / "heldback" / "heldback_31.yaml",
    "held-back 32": REPO / "bench" / "heldback" / "heldback_32.yaml",
}


@dataclass(frozen=True)
class KbQuestion:
    """A question the knowledge base should answer, with the phrases any right answer contains."""

    text: str
    expect: tuple[str, ...]


@dataclass(frozen=True)
class QuestionSet:
    name: str
    path: Path
    kb: tuple[KbQuestion, ...]
    none: tuple[str, ...]


def load_set(name: str, path: Path) -> QuestionSet:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    kb = tuple(KbQuestion(item["q"], tuple(item["expect"])) for item in data.get("kb") or [])
    return QuestionSet(name, path, kb, tuple(data.get("none") or []))


def available_sets() -> list[QuestionSet]:
    """Every question set whose file exists, dev first."""
    return [load_set(name, path) for name, path in SET_FILES.items() if path.is_file()]


def kb_questions() -> list[str]:
    """Knowledge questions for load: the dev set's, or the held-out set's when the dev set is absent."""
    sets = {s.name: s for s in available_sets()}
    chosen = sets.get("dev") or sets.get("held-out")
    return [q.text for q in chosen.kb] if chosen else ["what is the prevent duty"]
