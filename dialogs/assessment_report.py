"""Export a conversation's latest self-assessment as a Markdown table or CSV text.

Plain functions over the assessment flow's memory dict (see `assessment_engine`). The latest assessment
is the one in progress when it has any answers, otherwise the most recently completed one. One row per
question the assessment asks: benchmark, question, rating, supporting details, who answered, when.
Markdown cells are escaped so typed text cannot add links or break the table; CSV cells that a
spreadsheet would read as a formula are prefixed with an apostrophe. The bot serves the CSV itself.
"""

import csv
import io
from collections.abc import Mapping
from dataclasses import astuple, dataclass
from datetime import datetime
from typing import Any

from bot.cards.common import escape_markdown
from dialogs import assessment_engine as engine
from knowledge.benchmark import Benchmark, load_benchmark

HEADERS = ("Benchmark", "Question", "Rating", "Supporting details", "Who", "When")
NOT_ANSWERED = "Not answered"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ReportRow:
    """One question's line in the export."""

    benchmark: str
    question: str
    rating: str
    details: str
    who: str
    when: str


def latest_assessment(memory: Mapping[str, Any] | None) -> dict | None:
    """The assessment an export would show, or None when there is nothing to export."""
    memory = memory or {}
    in_progress = engine.current(memory)
    if in_progress and engine.answered_count(in_progress):
        return in_progress
    done = engine.completed(memory)
    return done[-1] if done else None


def report_rows(assessment: Mapping[str, Any], benchmark: Benchmark) -> list[ReportRow]:
    """The rows for one assessment, in question order; unanswered questions say so."""
    rows = []
    for qid in assessment["questions"]:
        if not benchmark.has_question(qid):
            continue
        question = benchmark.question(qid)
        standard = benchmark.standard(question.benchmark)
        answer = assessment["answers"].get(qid) or {}
        rating = engine.RATING_LABELS.get(answer.get("rating", ""), NOT_ANSWERED)
        rows.append(ReportRow(
            benchmark=f"{standard.number}. {standard.short_name}",
            question=f"{qid} {question.text}",
            rating=rating,
            details=answer.get("details") or "",
            who=answer.get("by") or "",
            when=answer.get("at") or "",
        ))
    return rows


def export_markdown(memory: Mapping[str, Any] | None, benchmark: Benchmark | None = None) -> str:
    """The latest assessment as a Markdown heading, overall figure and table ("" when there is none)."""
    assessment = latest_assessment(memory)
    if assessment is None:
        return ""
    benchmark = benchmark or load_benchmark()
    lines = ["# Delivery Benchmark self-assessment", "", _describe(assessment, benchmark), ""]
    lines += ["| " + " | ".join(HEADERS) + " |", "|" + " --- |" * len(HEADERS)]
    for row in report_rows(assessment, benchmark):
        cells = [*astuple(row)[:5], _short_time(row.when)]
        lines.append("| " + " | ".join(escape_markdown(cell) or " " for cell in cells) + " |")
    return "\n".join(lines) + "\n"


def export_csv(memory: Mapping[str, Any] | None, benchmark: Benchmark | None = None) -> str:
    """The latest assessment as CSV with a header row ("" when there is none)."""
    assessment = latest_assessment(memory)
    if assessment is None:
        return ""
    benchmark = benchmark or load_benchmark()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in report_rows(assessment, benchmark):
        writer.writerow([_csv_safe(cell) for cell in astuple(row)])
    return out.getvalue()


def _describe(assessment: Mapping[str, Any], benchmark: Benchmark) -> str:
    status = "complete" if assessment.get("status") == "complete" else "in progress"
    answered = f"{engine.answered_count(assessment)} of {len(assessment['questions'])} answered"
    parts = [f"{engine.mode_label(assessment)}, {status}", answered,
             f"started {_short_time(assessment.get('started_at'))}"]
    if assessment.get("completed_at"):
        parts.append(f"completed {_short_time(assessment['completed_at'])}")
    parts.append(f"benchmark content version {assessment.get('content_version')}")
    line = escape_markdown(" · ".join(parts))
    if assessment.get("content_version") == benchmark.version:
        summary = engine.summarise(benchmark, assessment)
        if summary.percent is not None:
            line += f"\n\nOverall: {summary.percent}% (compliance questions count double)."
    return line


def _short_time(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _csv_safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell
