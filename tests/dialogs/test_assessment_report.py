"""dialogs.assessment_report: which assessment is exported, and the Markdown and CSV it becomes."""

import csv
import io

import pytest

from dialogs import assessment_engine as engine
from dialogs.assessment_report import HEADERS, export_csv, export_markdown, latest_assessment, report_rows
from knowledge.benchmark import load_benchmark

WHEN = "2025-05-03T10:15:00+00:00"
NASTY = "See [the plan](https://evil.example) | **urgent** <b>x</b>\nnew line"


@pytest.fixture(scope="module")
def benchmark():
    return load_benchmark()


def _assessment(benchmark, mode, responses, *, number=None, who="Alex Wilber", when=WHEN):
    state = engine.start(benchmark, mode, number=number, who=who, when=when)
    for response in responses:
        state, _ = engine.answer(benchmark, state, response, who=who, when=when)
    return state


@pytest.fixture
def memory(benchmark):
    """A completed quick check, then a benchmark 6 assessment in progress with details."""
    quick = _assessment(benchmark, "quick", [engine.Rating("developing")] * 10,
                        when="2025-04-01T09:00:00+00:00")
    in_progress = _assessment(benchmark, "benchmark",
                              [engine.Rating("achieving"), engine.Details(NASTY)], number=6, who="Sam [x](y)")
    return engine.with_current(engine.with_completed({}, quick), in_progress)


@pytest.mark.parametrize("memory_value", [None, {}, {"schema": 1, "current": None, "completed": []}])
def test_nothing_to_export(memory_value):
    assert latest_assessment(memory_value) is None
    assert export_markdown(memory_value) == ""
    assert export_csv(memory_value) == ""


def test_an_assessment_in_progress_with_answers_is_the_latest(memory):
    assert latest_assessment(memory)["mode"] == "benchmark"


def test_an_empty_assessment_in_progress_falls_back_to_the_latest_completed(benchmark, memory):
    memory = engine.with_current(memory, engine.start(benchmark, "full", who="A", when=WHEN))
    assert latest_assessment(memory)["mode"] == "quick"


def test_rows_cover_every_question_asked(benchmark, memory):
    rows = report_rows(latest_assessment(memory), benchmark)
    assert [(r.question[:3], r.rating) for r in rows] == [("6.1", "Achieving"), ("6.2", "Not answered")]
    assert rows[0].benchmark == "6. Problem solving"
    assert rows[0].who == "Sam [x](y)" and rows[0].when == WHEN
    assert rows[0].details == NASTY.strip()


def test_markdown_table(benchmark, memory):
    text = export_markdown(memory, benchmark)
    lines = text.splitlines()
    assert lines[0] == "# Delivery Benchmark self-assessment"
    assert "Benchmark 6, in progress · 1 of 2 answered" in text
    header = "| " + " | ".join(HEADERS) + " |"
    assert header in lines
    table = lines[lines.index(header):]
    assert table[1] == "| --- | --- | --- | --- | --- | --- |"
    assert len(table) == 4
    row = table[2]
    assert row.startswith("| 6. Problem solving | 6.1 Is there a formal mechanism")
    assert "| Achieving |" in row
    assert "2025-05-03 10:15 |" in row


def test_markdown_escapes_what_people_typed(benchmark, memory):
    row = export_markdown(memory, benchmark).splitlines()[-2]
    assert "[the plan](https" not in row
    assert "\\[the plan\\]\\(https://evil.example\\)" in row
    assert "\\*\\*urgent\\*\\*" in row
    assert "\\<b\\>" in row
    assert "\\| " in row
    assert "Sam \\[x\\]\\(y\\)" in row
    assert row.count(" | ") == 5  # the typed pipe did not add a column


def test_completed_markdown_has_the_overall_figure(benchmark):
    quick = _assessment(benchmark, "quick", [engine.Rating("achieving")] * 5 + [engine.Rating("not_started")] * 5)
    text = export_markdown(engine.with_completed({}, quick), benchmark)
    assert "Quick check, complete · 10 of 10 answered" in text
    assert "Overall: 56% (compliance questions count double)." in text  # 20 of 36 points
    assert text.count("\n| ") == 12  # header, rule and ten rows


def test_csv(benchmark, memory):
    rows = list(csv.reader(io.StringIO(export_csv(memory, benchmark))))
    assert rows[0] == list(HEADERS)
    assert len(rows) == 3
    assert rows[1][:3] == ["6. Problem solving", rows[1][1], "Achieving"]
    assert rows[1][1].startswith("6.1 Is there a formal mechanism or strategy")
    assert rows[1][3] == NASTY.strip()          # CSV keeps the text as typed: csv quoting makes it safe
    assert rows[1][4:] == ["Sam [x](y)", WHEN]
    assert rows[2][2:] == ["Not answered", "", "", ""]


@pytest.mark.parametrize("typed", ["=HYPERLINK(\"http://evil\")", "+1+1", "-2", "@SUM(A1)"])
def test_csv_neutralises_spreadsheet_formulas(benchmark, typed):
    state = _assessment(benchmark, "benchmark", [engine.Rating("achieving"), engine.Details(typed)], number=4,
                        who=typed)
    rows = list(csv.reader(io.StringIO(export_csv(engine.with_current({}, state), benchmark))))
    assert rows[1][3] == "'" + typed
    assert rows[1][4] == "'" + typed


def test_export_loads_the_benchmark_itself_when_not_given(memory):
    assert export_csv(memory).startswith("Benchmark,Question,Rating")
