"""Adaptive Cards for the Delivery Benchmark: a benchmark, the list, a question, details, the summary.

Pure functions from content and plain assessment state to card dicts and Replies; no SDK. Content from
knowledge/benchmark.yaml is shown as written; anything a person typed (supporting details, names) goes
through `escape_markdown` so it cannot add links, emphasis or layout. Rating buttons send
{"action": "flow", "rating": <rating>, "question": <id>}; the question id lets the flow ignore a button
pressed on an older card. A `note` passed to a card is the bot's own wording: callers escape any typed
text they put in it.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.cards.common import adaptive_card, command_button, escape_markdown, submit, text_block
from bot.reply import Reply
from dialogs import assessment_engine as engine
from knowledge.benchmark import Benchmark, Question, Standard

RATING_BUTTONS = (
    ("Not yet started", "not_started"),
    ("Developing", "developing"),
    ("Achieving", "achieving"),
    ("Skip (n/a)", "skip"),
)
RAG_LABELS = {"red": "Red", "amber": "Amber", "green": "Green", "not_assessed": "Not assessed"}
RAG_COLOURS = {"red": "Attention", "amber": "Warning", "green": "Good", "not_assessed": "Default"}
CHANGE_LABELS = {"improved": "improved", "worse": "worse", "same": "no change"}
COMMAND_HINT = "Type why for the toolkit's prompts, or back, skip, pause or cancel."


def kind_tag(question: Question) -> str:
    """"Compliance" or "Good practice", for compact lists."""
    return "Compliance" if question.is_compliance else "Good practice"


def progress_line(step: engine.Step, number: int) -> str:
    """"Question 4 of 9 — benchmark 7"."""
    return f"Question {step.index} of {step.total} — benchmark {number}"


def when_label(iso: str | None) -> str:
    """A short date and time ("3 May 2025, 10:15") from an ISO timestamp; escaped as given otherwise."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return escape_markdown(iso)
    return f"{moment.day} {moment:%b %Y, %H:%M}"


def by_label(answer: Mapping[str, Any]) -> str:
    """"Alex Wilber, 3 May 2025, 10:15" for an answer's who and when, escaped."""
    parts = [escape_markdown(answer.get("by") or ""), when_label(answer.get("at"))]
    return ", ".join(p for p in parts if p)


def _ask_guidance(standard: Standard) -> dict:
    return submit("Read the guidance", {"action": "ask", "query": standard.section.title})


def _prompts(question: Question) -> list[dict]:
    if not question.prompts:
        return [text_block("The toolkit gives no prompts for this question.", is_subtle=True)]
    return [text_block(f"• {prompt}", spacing="Small") for prompt in question.prompts]


def _section_line(standard: Standard) -> str:
    return f"Toolkit section {standard.section.number}: {standard.section.title}"


def question_card(benchmark: Benchmark, step: engine.Step, *, answer: Mapping[str, Any] | None = None,
                  note: str = "", explain: bool = False) -> dict:
    """The rating card: progress line, kind, question text and the four rating buttons."""
    question = benchmark.question(step.question_id)
    standard = benchmark.standard(question.benchmark)
    body = [text_block(note, is_subtle=True)] if note else []
    body += [
        text_block(progress_line(step, standard.number), is_subtle=True, spacing="None"),
        text_block(f"{standard.number}. {standard.short_name}", weight="Bolder"),
        text_block(question.kind_label, color="Attention" if question.is_compliance else "Accent",
                   spacing="Small"),
        text_block(f"{question.id} {question.text}", size="Medium"),
    ]
    if answer:
        rating = engine.RATING_LABELS[answer["rating"]]
        body.append(text_block(f"Saved rating: {rating} ({by_label(answer)})", is_subtle=True))
    if explain:
        body.append(text_block("What to consider (the toolkit's supporting details prompts):",
                               weight="Bolder", spacing="Medium"))
        body += _prompts(question)
        body.append(text_block(_section_line(standard), is_subtle=True))
    body.append(text_block(COMMAND_HINT, is_subtle=True, spacing="Medium"))
    actions = [submit(title, {"action": "flow", "rating": value, "question": question.id})
               for title, value in RATING_BUTTONS]
    if explain:
        actions.append(_ask_guidance(standard))
    fallback = f"{progress_line(step, standard.number)}. {question.id} {question.text} " \
               "Reply not started, developing, achieving or n/a."
    return adaptive_card(body, actions, fallback=fallback)


def details_card(benchmark: Benchmark, step: engine.Step, *, saved: str = "", note: str = "") -> dict:
    """Asks for optional supporting details, showing the toolkit's prompts and a No details button."""
    question = benchmark.question(step.question_id)
    standard = benchmark.standard(question.benchmark)
    body = [text_block(note, is_subtle=True)] if note else []
    body += [
        text_block(f"{progress_line(step, standard.number)} · supporting details", is_subtle=True,
                   spacing="None"),
        text_block(f"Supporting details for {question.id} (optional)", weight="Bolder"),
        text_block("Type a short note of your evidence. The toolkit suggests considering:"),
        *_prompts(question),
        text_block("Don't include names or anything that could identify a person.", weight="Bolder",
                   color="Attention", spacing="Medium"),
    ]
    actions = [submit("No details", {"action": "flow", "details": "none", "question": question.id})]
    if saved:
        body.append(text_block(f"Saved details: {escape_markdown(saved)}", is_subtle=True))
        actions.append(submit("Keep saved details", {"action": "flow", "details": "keep",
                                                     "question": question.id}))
    return adaptive_card(body, actions, fallback=f"Supporting details for {question.id} (optional).")


def confirm_card(text: str, choices: list[tuple[str, str]]) -> dict:
    """A short question with buttons sending {"action": "flow", "choice": <value>}."""
    return adaptive_card([text_block(text)],
                         [submit(title, {"action": "flow", "choice": value}) for title, value in choices],
                         fallback=text)


def benchmark_card(benchmark: Benchmark, number: int) -> dict:
    """One benchmark: statement, outcome, its questions marked compliance or good practice."""
    standard = benchmark.standard(number)
    body = [
        text_block(f"Benchmark {standard.number}: {standard.short_name}", weight="Bolder", size="Medium"),
        text_block(standard.statement),
        text_block(f"Outcome: {standard.outcome}", is_subtle=True),
        text_block("Questions", weight="Bolder", spacing="Medium"),
    ]
    for question in standard.questions:
        body.append(text_block(f"{question.id} ({question.kind_label}) {question.text}", spacing="Small"))
    body.append(text_block(f"{_section_line(standard)}. Case study: {standard.case_study.title} "
                           f"(section {standard.case_study.number}).", is_subtle=True, spacing="Medium"))
    actions = [command_button("Assess this benchmark", f"assess benchmark {standard.number}"),
               _ask_guidance(standard)]
    return adaptive_card(body, actions, fallback=f"Benchmark {standard.number}: {standard.statement}")


def benchmark_list_card(benchmark: Benchmark) -> dict:
    """All ten benchmarks; tapping one shows it."""
    body = [text_block("The Prevent Delivery Benchmark", weight="Bolder", size="Medium"),
            text_block("Tap a benchmark to see its questions.", is_subtle=True)]
    for standard in benchmark.standards:
        counts = {kind: sum(1 for q in standard.questions if q.kind == kind) for kind in ("compliance",
                                                                                           "good_practice")}
        body.append({
            "type": "Container",
            "spacing": "Medium",
            "selectAction": submit(f"Benchmark {standard.number}",
                                   {"action": "command", "command": f"benchmark {standard.number}"}),
            "items": [
                text_block(f"{standard.number}. {standard.short_name}", weight="Bolder"),
                text_block(standard.statement, spacing="None"),
                text_block(f"{counts['compliance']} compliance, {counts['good_practice']} good practice",
                           is_subtle=True, spacing="None"),
            ],
        })
    actions = [command_button("Quick check", "quick check"),
               command_button("Full self-assessment", "self-assessment")]
    return adaptive_card(body, actions, fallback="The ten Prevent Delivery Benchmarks.")


def summary_card(benchmark: Benchmark, state: Mapping[str, Any], summary: engine.Summary) -> dict:
    """The results: overall figure, compliance gaps, each benchmark with counts and RAG, priorities."""
    label = engine.mode_label(state)
    finished = state.get("completed_at") or state.get("updated_at")
    body = [
        text_block(f"{label}: results", weight="Bolder", size="Medium"),
        text_block(f"{when_label(finished)} · {engine.answered_count(state)} of {len(state['questions'])} "
                   f"answered", is_subtle=True, spacing="None"),
        text_block(_overall_line(summary), weight="Bolder"),
    ]
    if summary.compliance_gaps:
        body.append(text_block("Compliance gaps (Expectations of compliance not yet achieved)",
                               weight="Bolder", color="Attention", spacing="Medium"))
        for qid, rating in summary.compliance_gaps:
            body.append(text_block(f"• {qid} {engine.RATING_LABELS[rating]}: {benchmark.question(qid).text}",
                                   spacing="Small"))
    body.append(text_block("By benchmark", weight="Bolder", spacing="Medium"))
    for score in summary.standards:
        body.append(_score_row(benchmark, score, summary.changes.get(score.number)))
    if summary.previous_at:
        body.append(text_block(f"Change is against the assessment completed {when_label(summary.previous_at)}, "
                               "on questions rated both times.", is_subtle=True))
    if summary.priorities:
        body.append(text_block("Top priorities", weight="Bolder", spacing="Medium"))
        for rank, priority in enumerate(summary.priorities, start=1):
            standard = benchmark.standard(priority.number)
            start_with = f" Start with {', '.join(priority.question_ids)}." if priority.question_ids else ""
            body.append(text_block(
                f"{rank}. Benchmark {standard.number}, {standard.short_name} "
                f"({RAG_LABELS[priority.rag]}).{start_with} Read toolkit section {priority.section.number}, "
                f"{priority.section.title}, and the case study \"{priority.case_study.title}\" "
                f"(section {priority.case_study.number}).", spacing="Small"))
    elif summary.standards:
        body.append(text_block("No priorities: every benchmark assessed is green.", spacing="Medium"))
    actions = [submit(f"Read: {p.section.title}"[:60], {"action": "ask", "query": p.section.title})
               for p in summary.priorities]
    return adaptive_card(body, actions or None, fallback=f"{label}: {_overall_line(summary)}")


def _overall_line(summary: engine.Summary) -> str:
    rags = ", ".join(f"{count} {RAG_LABELS[rag].lower()}" for rag, count in summary.rag_counts.items() if count)
    if summary.percent is None:
        return f"Overall: nothing rated yet ({rags or 'no benchmarks'})."
    return f"Overall: {summary.percent}% (compliance questions count double) · {rags}"


def _score_row(benchmark: Benchmark, score: engine.StandardScore, change: str | None) -> dict:
    standard = benchmark.standard(score.number)
    labels = {"achieving": "achieving", "developing": "developing", "not_started": "not started", "skip": "n/a",
              "unanswered": "unanswered"}
    parts = [f"{score.counts[key]} {label}" for key, label in labels.items() if score.counts[key]]
    gaps = len(score.compliance_gaps)
    if gaps:
        parts.insert(0, f"{gaps} compliance gap{'s' if gaps > 1 else ''}")
    status = RAG_LABELS[score.rag] + (f" {score.percent}%" if score.percent is not None else "")
    if change:
        status += f" · {CHANGE_LABELS[change]}"
    return {
        "type": "ColumnSet",
        "spacing": "Small",
        "columns": [
            {"type": "Column", "width": "stretch", "items": [
                text_block(f"{standard.number}. {standard.short_name}", weight="Bolder"),
                text_block(", ".join(parts), is_subtle=True, spacing="None"),
            ]},
            {"type": "Column", "width": "auto", "items": [
                text_block(status, weight="Bolder", color=RAG_COLOURS[score.rag]),
            ]},
        ],
    }


def render_benchmark(benchmark: Benchmark, number: int) -> list[Reply]:
    """The one-shot "benchmark 5" / "what is benchmark 7?" answer."""
    try:
        card = benchmark_card(benchmark, number)
    except KeyError:
        last = benchmark.standards[-1].number
        return [Reply(text=f"There is no benchmark {number}: they are numbered 1 to {last}. "
                           "Type show benchmarks to see them all.")]
    return [Reply(cards=(card,), summary=f"Benchmark {number}")]


def render_benchmark_list(benchmark: Benchmark) -> list[Reply]:
    """The one-shot "show benchmarks" answer."""
    return [Reply(cards=(benchmark_list_card(benchmark),), summary="The Delivery Benchmarks")]


def render_results(benchmark: Benchmark, memory: Mapping[str, Any]) -> list[Reply]:
    """The one-shot "results" answer: the latest completed assessment's summary, or where things stand."""
    done = engine.completed(memory)
    replies = []
    if done:
        latest = done[-1]
        if latest.get("content_version") != benchmark.version:
            latest = engine.migrate(benchmark, latest)
        previous = done[-2] if len(done) > 1 else None
        summary = engine.summarise(benchmark, latest, previous)
        replies.append(Reply(cards=(summary_card(benchmark, latest, summary),), summary="Assessment results"))
    in_progress = engine.current(memory)
    if in_progress:
        replies.append(Reply(text=f"An assessment is in progress here ({engine.answered_count(in_progress)} of "
                                  f"{len(in_progress['questions'])} answered). Type resume to carry on."))
    if not replies:
        replies.append(Reply(text="There are no assessment results in this conversation yet. "
                                  "Type quick check to start one."))
    return replies
