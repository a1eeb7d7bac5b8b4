"""bot.cards.assessment: every card is valid Adaptive Card 1.5, shows the right content and buttons, and
escapes what people typed."""

import pytest

from bot.cards import assessment as cards
from bot.reply import Reply
from dialogs import assessment_engine as engine
from knowledge.benchmark import load_benchmark
from tests.helpers.card_schema import assert_valid_card

WHEN = "2025-05-03T10:15:00+00:00"
INJECTION = "[click me](https://evil.example) **bold** <at>x</at>"


@pytest.fixture(scope="module")
def benchmark():
    return load_benchmark()


def _texts(card: dict) -> list[str]:
    out = []

    def walk(elements):
        for element in elements:
            if element.get("type") == "TextBlock":
                out.append(element["text"])
            walk(element.get("items", []))
            walk(element.get("columns", []))

    walk(card["body"])
    return out


def _one_card(replies: list[Reply]) -> dict:
    (reply,) = replies
    (card,) = reply.cards
    assert_valid_card(card)
    return card


@pytest.mark.parametrize("number", range(1, 11))
def test_benchmark_card(benchmark, number):
    card = _one_card(cards.render_benchmark(benchmark, number))
    standard = benchmark.standard(number)
    shown = "\n".join(_texts(card))
    assert standard.statement in shown
    assert standard.outcome in shown
    for question in standard.questions:
        assert f"{question.id} ({question.kind_label}) {question.text}" in shown
    assert standard.case_study.title in shown
    assert [a["data"] for a in card["actions"]] == [
        {"action": "command", "command": f"assess benchmark {number}"},
        {"action": "ask", "query": standard.section.title},
    ]
    assert [a["title"] for a in card["actions"]] == ["Assess this benchmark", "Read the guidance"]


@pytest.mark.parametrize("number", [0, 11, 99])
def test_unknown_benchmark_is_a_plain_answer(benchmark, number):
    (reply,) = cards.render_benchmark(benchmark, number)
    assert not reply.cards
    assert f"There is no benchmark {number}" in reply.text


def test_benchmark_list(benchmark):
    card = _one_card(cards.render_benchmark_list(benchmark))
    rows = [e for e in card["body"] if e["type"] == "Container"]
    assert len(rows) == 10
    assert rows[6]["selectAction"]["data"] == {"action": "command", "command": "benchmark 7"}
    assert "9 compliance" not in "\n".join(_texts(card))
    assert "4 compliance, 5 good practice" in "\n".join(_texts(card))


@pytest.mark.parametrize("question_id", [f"{s}.{q}" for s, n in enumerate([3, 4, 3, 2, 7, 2, 9, 3, 3, 2], 1)
                                         for q in range(1, n + 1)])
def test_question_and_details_cards_for_every_question(benchmark, question_id):
    step = engine.Step(question_id, "rating", 4, 9)
    card = cards.question_card(benchmark, step, explain=True)
    assert_valid_card(card)
    question = benchmark.question(question_id)
    shown = "\n".join(_texts(card))
    assert f"Question 4 of 9 — benchmark {question.benchmark}" in shown
    assert question.kind_label in shown
    assert f"{question_id} {question.text}" in shown
    ratings = [a["data"] for a in card["actions"] if a["data"]["action"] == "flow"]
    assert ratings == [{"action": "flow", "rating": r, "question": question_id}
                       for r in ("not_started", "developing", "achieving", "skip")]
    assert_valid_card(cards.details_card(benchmark, engine.Step(question_id, "details", 4, 9), saved="x"))


def test_question_card_has_exactly_four_buttons_unless_explaining(benchmark):
    card = cards.question_card(benchmark, engine.Step("1.1", "rating", 1, 10))
    assert [a["title"] for a in card["actions"]] == ["Not yet started", "Developing", "Achieving", "Skip (n/a)"]


def test_names_and_details_are_escaped(benchmark):
    answer = {"rating": "developing", "details": INJECTION, "by": INJECTION, "at": WHEN}
    card = cards.question_card(benchmark, engine.Step("2.1", "rating", 1, 4), answer=answer)
    details = cards.details_card(benchmark, engine.Step("2.1", "details", 1, 4), saved=INJECTION)
    for shown in ("\n".join(_texts(card)), "\n".join(_texts(details))):
        assert "[click me](" not in shown
        assert "\\[click me\\]\\(https://evil.example\\)" in shown
        assert "<at>" not in shown


def _summary_for(benchmark, ratings, previous_ratings=None):
    def run(values, when):
        state = engine.start(benchmark, "quick", who="Alex", when=when)
        for qid in state["questions"]:
            state, result = engine.answer(benchmark, state, engine.Rating(values.get(qid, "developing")),
                                          who="Alex", when=when)
        return state, result

    previous = run(previous_ratings, "2025-04-01T09:00:00+00:00")[0] if previous_ratings is not None else None
    state, _ = run(ratings, WHEN)
    return state, engine.summarise(benchmark, state, previous)


def test_summary_card(benchmark):
    state, summary = _summary_for(benchmark, {"5.1": "not_started", "1.1": "achieving", "6.1": "skip"}, {})
    card = cards.summary_card(benchmark, state, summary)
    assert_valid_card(card)
    shown = "\n".join(_texts(card))
    assert "Quick check: results" in shown
    assert "3 May 2025, 10:15 · 10 of 10 answered" in shown
    assert "Overall: 50% (compliance questions count double) · 1 red, 7 amber, 1 green, 1 not assessed" in shown
    gaps = shown.index("Compliance gaps")
    assert shown.index("5.1 Not yet started") > gaps
    assert shown.index("5.1 Not yet started") < shown.index("2.1 Developing") < shown.index("By benchmark")
    assert "1. Local risk assessment" in shown and "Green 100% · improved" in shown
    assert "Red 0% · worse" in shown
    assert "Not assessed" in shown
    assert "1 compliance gap, 1 developing" in shown
    assert "1 n/a" in shown
    assert "Top priorities" in shown
    assert ("1. Benchmark 5, Channel panel (Red). Start with 5.1. Read toolkit section 5, Channel Panel, and "
            "the case study \"Channel Case Study\" (section 5).") in shown
    assert len([a for a in card["actions"] if a["data"]["action"] == "ask"]) == 3
    assert card["actions"][0]["data"] == {"action": "ask", "query": "Channel Panel"}


def test_summary_card_when_all_green(benchmark):
    state, summary = _summary_for(benchmark, {qid: "achieving" for qid in engine.question_ids(benchmark, "quick")})
    card = cards.summary_card(benchmark, state, summary)
    assert_valid_card(card)
    assert "No priorities: every benchmark assessed is green." in _texts(card)
    assert "actions" not in card


def test_results_one_shot(benchmark):
    (reply,) = cards.render_results(benchmark, {})
    assert "no assessment results" in reply.text
    state, _ = _summary_for(benchmark, {})
    in_progress = engine.start(benchmark, "full", who="Sam", when=WHEN)
    replies = cards.render_results(benchmark, engine.with_current(engine.with_completed({}, state), in_progress))
    assert len(replies) == 2
    assert_valid_card(replies[0].cards[0])
    assert "in progress" in replies[1].text


def test_confirm_card(benchmark):
    card = cards.confirm_card("Discard?", [("Discard it", "discard"), ("Keep going", "resume")])
    assert_valid_card(card)
    assert [a["data"] for a in card["actions"]] == [{"action": "flow", "choice": "discard"},
                                                    {"action": "flow", "choice": "resume"}]


@pytest.mark.parametrize("iso, label", [
    ("2025-05-03T10:15:00+00:00", "3 May 2025, 10:15"),
    ("2025-12-25T08:05:00", "25 Dec 2025, 08:05"),
    ("", ""),
    ("yesterday*", "yesterday\\*"),
])
def test_when_label(iso, label):
    assert cards.when_label(iso) == label
