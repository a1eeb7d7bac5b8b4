"""The Delivery Benchmark self-assessment as pure functions over a plain-dict state.

An assessment is a dict of primitives (JSON-safe, so it survives any storage and a restart) carrying the
content id and version it was started under. `start` builds one, `answer` takes a rating, supporting
details, "back" or "skip" and returns the new state with the next step, or the summary when the last
question is answered. Scoring and comparison read finished (or part-finished) states.

Ratings: not_started (0 points), developing (1), achieving (2); skip means "not applicable" and is left
out of every figure. An Expectation of compliance weighs 2, a Good practice activity 1.

RAG rules for one benchmark, over its rated (not skipped) questions:
- not assessed: nothing rated;
- red: any Expectation of compliance is Not yet started, or the weighted score is below 50%;
- green: every Expectation of compliance is Achieving and the weighted score is at least 75%;
- amber: everything else.
A compliance gap is an Expectation of compliance rated Not yet started or Developing. Priorities are
the benchmarks that are not green, most serious first: red before amber, then more compliance gaps
(Not yet started before Developing), then the lower score, then the lower number.

Comparison with an earlier assessment looks, per benchmark, only at questions rated in both (so a quick
check can be compared with a full assessment): more points is improved, fewer is worse, equal is same.

Layouts (all JSON-safe). An assessment: {schema, id, content_id, content_version, mode, benchmark,
questions: [ids], position, stage: "rating"|"details", answers: {id: {rating, details, by, at}}, status:
"in_progress"|"paused"|"complete", started_at, started_by, updated_at, completed_at}. The flow's
conversation memory: {schema, current: <assessment in progress or None>, completed: [<assessment>, ...]}
with at most KEEP_COMPLETED completed ones, oldest first.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from knowledge.benchmark import Benchmark, Section

SCHEMA = 1
RATINGS = ("not_started", "developing", "achieving", "skip")
RATING_LABELS = {
    "not_started": "Not yet started",
    "developing": "Developing",
    "achieving": "Achieving",
    "skip": "Skipped (n/a)",
}
POINTS = {"not_started": 0, "developing": 1, "achieving": 2}
WEIGHTS = {"compliance": 2, "good_practice": 1}
MODES = ("quick", "benchmark", "full", "question")
DETAIL_MODES = ("benchmark", "full")
RED_BELOW = Fraction(1, 2)
GREEN_FROM = Fraction(3, 4)
RAG_ORDER = ("red", "amber", "green", "not_assessed")
KEEP_COMPLETED = 5


MODE_LABELS = {"quick": "Quick check", "full": "Full self-assessment", "question": "Single question"}


class AssessmentError(ValueError):
    """An impossible request: unknown mode, benchmark or question, or an answer at the wrong stage."""


@dataclass(frozen=True)
class Rating:
    """A rating for the current question: one of RATINGS."""

    value: str


@dataclass(frozen=True)
class Details:
    """Supporting details for the current question: text, "" for none, None to keep what is saved."""

    text: str | None


@dataclass(frozen=True)
class Back:
    """Go back one step."""


@dataclass(frozen=True)
class Skip:
    """Skip: rate the question n/a, or give no details."""


Response = Rating | Details | Back | Skip


@dataclass(frozen=True)
class Step:
    """What to ask next: a question's rating or its supporting details, and where we are."""

    question_id: str
    stage: str
    index: int
    total: int


@dataclass(frozen=True)
class StandardScore:
    """One benchmark's result: counts per rating, RAG, weighted percent and the questions to work on."""

    number: int
    counts: Mapping[str, int]
    rag: str
    percent: int | None
    compliance_gaps: tuple[str, ...]
    to_improve: tuple[str, ...]


@dataclass(frozen=True)
class Priority:
    """A benchmark to work on first, with the toolkit section and a case study to read."""

    number: int
    rag: str
    question_ids: tuple[str, ...]
    section: Section
    case_study: Section


@dataclass(frozen=True)
class Summary:
    """An assessment's scores, priorities and (when there was an earlier one) the change per benchmark."""

    standards: tuple[StandardScore, ...]
    counts: Mapping[str, int]
    percent: int | None
    rag_counts: Mapping[str, int]
    compliance_gaps: tuple[tuple[str, str], ...]
    priorities: tuple[Priority, ...]
    changes: Mapping[int, str]
    previous_at: str | None


def question_ids(benchmark: Benchmark, mode: str, *, number: int | None = None,
                 question: str | None = None) -> list[str]:
    """The questions a mode asks, in order; AssessmentError for an unknown mode, benchmark or question."""
    if mode == "quick":
        return [s.headline.id for s in benchmark.standards]
    if mode == "full":
        return [q.id for q in benchmark.questions()]
    if mode == "benchmark":
        try:
            return [q.id for q in benchmark.standard(int(number or 0)).questions]
        except (KeyError, TypeError, ValueError):
            raise AssessmentError(f"no benchmark {number!r}") from None
    if mode == "question":
        if not question or not benchmark.has_question(question):
            raise AssessmentError(f"no question {question!r}")
        return [question]
    raise AssessmentError(f"unknown mode {mode!r}")


def start(benchmark: Benchmark, mode: str, *, who: str, when: str, number: int | None = None,
          question: str | None = None) -> dict:
    """A new assessment state for a mode ("quick", "benchmark" with number, "full", "question")."""
    ids = question_ids(benchmark, mode, number=number, question=question)
    return {
        "schema": SCHEMA,
        "id": f"{when}/{mode}/{uuid.uuid4().hex[:8]}",
        "content_id": benchmark.id,
        "content_version": benchmark.version,
        "mode": mode,
        "benchmark": int(number) if mode == "benchmark" and number else None,
        "questions": ids,
        "position": 0,
        "stage": "rating",
        "answers": {},
        "status": "in_progress",
        "started_at": when,
        "started_by": who,
        "updated_at": when,
        "completed_at": None,
    }


def step(state: Mapping[str, Any]) -> Step | None:
    """The current step, or None when every question has been answered."""
    ids = state["questions"]
    position = state["position"]
    if position >= len(ids):
        return None
    return Step(ids[position], state["stage"], position + 1, len(ids))


def mode_label(state: Mapping[str, Any]) -> str:
    """"Quick check", "Benchmark 7", "Full self-assessment" or "Single question"."""
    if state["mode"] == "benchmark":
        return f"Benchmark {state.get('benchmark')}"
    return MODE_LABELS.get(state["mode"], "Self-assessment")


def answered_count(state: Mapping[str, Any]) -> int:
    """How many of the assessment's questions have a rating (n/a included)."""
    return sum(1 for qid in state["questions"] if qid in state["answers"])


def answer(benchmark: Benchmark, state: Mapping[str, Any], response: Response, *, who: str, when: str,
           previous: Mapping[str, Any] | None = None) -> tuple[dict, Step | Summary]:
    """Apply one response; return the new state and the next step, or the summary when finished."""
    new = _copy(state)
    current = step(new)
    if current is None:
        raise AssessmentError("the assessment has no question left to answer")
    if isinstance(response, Skip):
        response = Rating("skip") if current.stage == "rating" else Details("")
    if isinstance(response, Back):
        if current.stage == "details":
            new["stage"] = "rating"
        elif new["position"] > 0:
            new["position"] -= 1
        return new, step(new) or current
    new["updated_at"] = when
    if isinstance(response, Rating):
        if response.value not in RATINGS:
            raise AssessmentError(f"unknown rating {response.value!r}")
        saved = new["answers"].get(current.question_id, {})
        new["answers"][current.question_id] = {
            "rating": response.value,
            "details": saved.get("details", ""),
            "by": who,
            "at": when,
        }
        if new["mode"] in DETAIL_MODES and response.value != "skip":
            new["stage"] = "details"
            return new, step(new) or current
    elif isinstance(response, Details):
        if current.stage != "details":
            raise AssessmentError("supporting details are only taken after a rating")
        entry = new["answers"][current.question_id]
        if response.text is not None:
            entry["details"] = response.text.strip()
        if response.text:
            entry["by"], entry["at"] = who, when
    new["position"] += 1
    new["stage"] = "rating"
    following = step(new)
    if following is not None:
        return new, following
    new["status"] = "complete"
    new["completed_at"] = when
    return new, summarise(benchmark, new, previous)


def set_rating(state: Mapping[str, Any], question_id: str, rating: str, *, who: str, when: str) -> dict:
    """Record a rating for one question in place, without moving the assessment on."""
    if rating not in RATINGS:
        raise AssessmentError(f"unknown rating {rating!r}")
    new = _copy(state)
    saved = new["answers"].get(question_id, {})
    new["answers"][question_id] = {"rating": rating, "details": saved.get("details", ""), "by": who,
                                   "at": when}
    if question_id not in new["questions"]:
        new["questions"].append(question_id)
    new["updated_at"] = when
    return new


def migrate(benchmark: Benchmark, state: Mapping[str, Any]) -> dict:
    """Carry an assessment started under older content over to this version, keeping valid answers."""
    new = _copy(state)
    if new["mode"] == "question":
        ids = [qid for qid in new["questions"] if benchmark.has_question(qid)]
    else:
        try:
            ids = question_ids(benchmark, new["mode"], number=new.get("benchmark"))
        except AssessmentError:
            ids = [qid for qid in new["questions"] if benchmark.has_question(qid)]
    new["questions"] = ids
    new["answers"] = {qid: a for qid, a in new["answers"].items() if benchmark.has_question(qid)}
    new["position"] = next((i for i, qid in enumerate(ids) if qid not in new["answers"]), len(ids))
    new["stage"] = "rating"
    new["content_version"] = benchmark.version
    return new


def rag_status(rated: list[tuple[str, str]]) -> tuple[str, Fraction | None]:
    """RAG and weighted score for (kind, rating) pairs, skips excluded (see the module docstring)."""
    rated = [(kind, rating) for kind, rating in rated if rating in POINTS]
    if not rated:
        return "not_assessed", None
    got = sum(WEIGHTS[kind] * POINTS[rating] for kind, rating in rated)
    best = sum(WEIGHTS[kind] * 2 for kind, _ in rated)
    score = Fraction(got, best)
    compliance = [rating for kind, rating in rated if kind == "compliance"]
    if "not_started" in compliance or score < RED_BELOW:
        return "red", score
    if all(rating == "achieving" for rating in compliance) and score >= GREEN_FROM:
        return "green", score
    return "amber", score


def summarise(benchmark: Benchmark, state: Mapping[str, Any],
              previous: Mapping[str, Any] | None = None) -> Summary:
    """Score an assessment: per benchmark, overall, compliance gaps, top three priorities, changes."""
    answers = state["answers"]
    numbers = sorted({benchmark.question(qid).benchmark for qid in state["questions"]})
    scores = []
    all_rated: list[tuple[str, str]] = []
    for number in numbers:
        questions = [q for q in benchmark.standard(number).questions if q.id in state["questions"]]
        ratings = [(q, answers.get(q.id, {}).get("rating")) for q in questions]
        counts = {r: sum(1 for _, got in ratings if got == r) for r in RATINGS}
        counts["unanswered"] = sum(1 for _, got in ratings if got is None)
        rated = [(q.kind, got) for q, got in ratings if got]
        all_rated.extend(rated)
        rag, score = rag_status(rated)
        gaps = tuple(q.id for q, got in ratings if q.is_compliance and got in ("not_started", "developing"))
        weakest = sorted((q for q, got in ratings if got in ("not_started", "developing")),
                         key=lambda q: (answers[q.id]["rating"] != "not_started", not q.is_compliance))
        scores.append(StandardScore(number, counts, rag, _percent(score), gaps,
                                    tuple(q.id for q in weakest)))
    _, overall = rag_status(all_rated)
    totals = {key: sum(s.counts[key] for s in scores) for key in (*RATINGS, "unanswered")}
    gaps = sorted(((qid, answers[qid]["rating"]) for s in scores for qid in s.compliance_gaps),
                  key=lambda gap: (gap[1] != "not_started", _order(gap[0])))
    return Summary(
        standards=tuple(scores),
        counts=totals,
        percent=_percent(overall),
        rag_counts={rag: sum(1 for s in scores if s.rag == rag) for rag in RAG_ORDER},
        compliance_gaps=tuple(gaps),
        priorities=_priorities(benchmark, scores, answers),
        changes=compare(benchmark, state, previous) if previous else {},
        previous_at=(previous.get("completed_at") or previous.get("updated_at")) if previous else None,
    )


def compare(benchmark: Benchmark, state: Mapping[str, Any], previous: Mapping[str, Any]) -> dict[int, str]:
    """Per benchmark: "improved", "worse" or "same" against an earlier assessment (common questions)."""
    changes: dict[int, str] = {}
    now, before = state["answers"], previous.get("answers", {})
    for number in sorted({benchmark.question(qid).benchmark for qid in state["questions"]}):
        common = [q for q in benchmark.standard(number).questions
                  if now.get(q.id, {}).get("rating") in POINTS and before.get(q.id, {}).get("rating") in POINTS]
        if not common:
            continue
        delta = sum(POINTS[now[q.id]["rating"]] - POINTS[before[q.id]["rating"]] for q in common)
        changes[number] = "improved" if delta > 0 else "worse" if delta < 0 else "same"
    return changes


def _priorities(benchmark: Benchmark, scores: list[StandardScore], answers: Mapping[str, Any]
                ) -> tuple[Priority, ...]:
    def seriousness(score: StandardScore) -> tuple:
        not_started = sum(1 for qid in score.compliance_gaps if answers[qid]["rating"] == "not_started")
        return (RAG_ORDER.index(score.rag), -not_started, -len(score.compliance_gaps),
                score.percent if score.percent is not None else 0, score.number)

    ranked = sorted((s for s in scores if s.rag in ("red", "amber")), key=seriousness)[:3]
    return tuple(
        Priority(s.number, s.rag, s.to_improve, benchmark.standard(s.number).section,
                 benchmark.standard(s.number).case_study)
        for s in ranked
    )


def _percent(score: Fraction | None) -> int | None:
    return None if score is None else int(score * 100 + Fraction(1, 2))


def _order(question_id: str) -> tuple[int, int]:
    major, minor = question_id.split(".")
    return int(major), int(minor)


def _copy(state: Mapping[str, Any]) -> dict:
    new = dict(state)
    new["questions"] = list(state["questions"])
    new["answers"] = {qid: dict(a) for qid, a in state["answers"].items()}
    return new


def current(memory: Mapping[str, Any]) -> dict | None:
    """The conversation's in-progress (or paused) assessment, if any."""
    found = memory.get("current") if memory else None
    return dict(found) if found else None


def completed(memory: Mapping[str, Any]) -> list[dict]:
    """The conversation's completed assessments, oldest first (at most KEEP_COMPLETED)."""
    return [dict(a) for a in (memory.get("completed") or [])] if memory else []


def with_current(memory: Mapping[str, Any], state: Mapping[str, Any] | None) -> dict:
    """A copy of memory with the in-progress assessment replaced (None to clear it)."""
    return {"schema": SCHEMA, "current": dict(state) if state else None, "completed": completed(memory)}


def with_completed(memory: Mapping[str, Any], state: Mapping[str, Any]) -> dict:
    """A copy of memory with a finished assessment filed (oldest dropped); no longer in progress if it was."""
    kept = [*(a for a in completed(memory) if a.get("id") != state.get("id")), dict(state)][-KEEP_COMPLETED:]
    in_progress = current(memory)
    if in_progress and in_progress.get("id") == state.get("id"):
        in_progress = None
    return {"schema": SCHEMA, "current": in_progress, "completed": kept}
