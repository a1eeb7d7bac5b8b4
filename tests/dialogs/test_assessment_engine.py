"""dialogs.assessment_engine: question order per mode, stepping (rating, details, back, skip), the RAG
rules at their boundaries, summaries, priorities, comparison, migration and the memory layout."""

import json
from fractions import Fraction

import pytest

from dialogs import assessment_engine as engine
from knowledge.benchmark import load_benchmark

WHO, WHEN = "Alex Wilber", "2025-05-03T10:15:00+00:00"
C, G = "compliance", "good_practice"


@pytest.fixture(scope="module")
def benchmark():
    return load_benchmark()


def _run(benchmark, mode, responses, *, number=None, question=None, previous=None):
    """Start an assessment and apply responses; returns (state, last result)."""
    state = engine.start(benchmark, mode, who=WHO, when=WHEN, number=number, question=question)
    result = engine.step(state)
    for response in responses:
        state, result = engine.answer(benchmark, state, response, who=WHO, when=WHEN, previous=previous)
    return state, result


def _rate_all(benchmark, mode, ratings, *, number=None, details=False, when=WHEN):
    """Rate every question of a mode from a {qid: rating} map (default developing), no details."""
    state = engine.start(benchmark, mode, who=WHO, when=when, number=number)
    result = engine.step(state)
    while isinstance(result, engine.Step):
        if result.stage == "details":
            response = engine.Details("")
        else:
            response = engine.Rating(ratings.get(result.question_id, "developing"))
        state, result = engine.answer(benchmark, state, response, who=WHO, when=when)
    return state, result


@pytest.mark.parametrize("mode, kwargs, expected", [
    ("quick", {}, ["1.1", "2.1", "3.1", "4.1", "5.1", "6.1", "7.1", "8.1", "9.1", "10.2"]),
    ("benchmark", {"number": 7}, [f"7.{i}" for i in range(1, 10)]),
    ("benchmark", {"number": 4}, ["4.1", "4.2"]),
    ("question", {"question": "5.2"}, ["5.2"]),
])
def test_question_order_per_mode(benchmark, mode, kwargs, expected):
    assert engine.question_ids(benchmark, mode, **kwargs) == expected


def test_full_mode_asks_all_38_in_toolkit_order(benchmark):
    ids = engine.question_ids(benchmark, "full")
    assert len(ids) == 38
    assert ids == sorted(ids, key=lambda q: tuple(int(p) for p in q.split(".")))


@pytest.mark.parametrize("mode, kwargs", [
    ("benchmark", {"number": 11}), ("benchmark", {"number": None}), ("benchmark", {"number": "seven"}),
    ("question", {"question": "3.9"}), ("question", {}), ("everything", {}),
])
def test_unknown_targets_raise(benchmark, mode, kwargs):
    with pytest.raises(engine.AssessmentError):
        engine.start(benchmark, mode, who=WHO, when=WHEN, **kwargs)


def test_state_is_plain_json_and_carries_the_content_version(benchmark):
    state, _ = _run(benchmark, "benchmark", [engine.Rating("developing"), engine.Details("Board minutes")],
                    number=2)
    assert json.loads(json.dumps(state)) == state
    assert state["content_id"] == benchmark.id
    assert state["content_version"] == benchmark.version
    assert state["answers"]["2.1"] == {"rating": "developing", "details": "Board minutes", "by": WHO, "at": WHEN}


def test_details_follow_a_rating_in_benchmark_mode(benchmark):
    state, step = _run(benchmark, "benchmark", [engine.Rating("achieving")], number=7)
    assert step == engine.Step("7.1", "details", 1, 9)
    state, step = engine.answer(benchmark, state, engine.Details("Induction covers it"), who=WHO, when=WHEN)
    assert step == engine.Step("7.2", "rating", 2, 9)


@pytest.mark.parametrize("mode, kwargs", [("quick", {}), ("question", {"question": "5.2"})])
def test_no_details_in_quick_or_single_question_mode(benchmark, mode, kwargs):
    _, result = _run(benchmark, mode, [engine.Rating("achieving")], **kwargs)
    assert not isinstance(result, engine.Step) or result.stage == "rating"


def test_skip_rates_na_and_asks_no_details(benchmark):
    state, step = _run(benchmark, "benchmark", [engine.Skip()], number=6)
    assert state["answers"]["6.1"]["rating"] == "skip"
    assert step == engine.Step("6.2", "rating", 2, 2)


def test_skip_at_details_means_no_details(benchmark):
    state, step = _run(benchmark, "benchmark", [engine.Rating("developing"), engine.Skip()], number=6)
    assert state["answers"]["6.1"]["details"] == ""
    assert step.question_id == "6.2"


@pytest.mark.parametrize("responses, expected", [
    ([engine.Back()], engine.Step("9.1", "rating", 1, 3)),
    ([engine.Rating("developing"), engine.Back()], engine.Step("9.1", "rating", 1, 3)),
    ([engine.Rating("developing"), engine.Details(""), engine.Back()], engine.Step("9.1", "rating", 1, 3)),
    ([engine.Skip(), engine.Rating("achieving"), engine.Back()], engine.Step("9.2", "rating", 2, 3)),
])
def test_back(benchmark, responses, expected):
    _, step = _run(benchmark, "benchmark", responses, number=9)
    assert step == expected


def test_going_back_keeps_saved_details_unless_replaced(benchmark):
    responses = [engine.Rating("developing"), engine.Details("Quarterly review"), engine.Back(),
                 engine.Rating("achieving"), engine.Details(None)]
    state, _ = _run(benchmark, "benchmark", responses, number=9)
    assert state["answers"]["9.1"]["rating"] == "achieving"
    assert state["answers"]["9.1"]["details"] == "Quarterly review"


def test_details_at_the_rating_stage_is_refused(benchmark):
    state = engine.start(benchmark, "full", who=WHO, when=WHEN)
    with pytest.raises(engine.AssessmentError):
        engine.answer(benchmark, state, engine.Details("text"), who=WHO, when=WHEN)


def test_answer_does_not_change_the_state_it_was_given(benchmark):
    state = engine.start(benchmark, "quick", who=WHO, when=WHEN)
    before = json.dumps(state)
    engine.answer(benchmark, state, engine.Rating("achieving"), who=WHO, when=WHEN)
    assert json.dumps(state) == before


def test_the_last_answer_completes_with_a_summary(benchmark):
    state, result = _rate_all(benchmark, "quick", {})
    assert isinstance(result, engine.Summary)
    assert state["status"] == "complete" and state["completed_at"] == WHEN
    assert engine.step(state) is None
    assert len(result.standards) == 10


@pytest.mark.parametrize("rated, rag, score", [
    ([], "not_assessed", None),
    ([(C, "skip"), (G, "skip")], "not_assessed", None),
    ([(C, "achieving")], "green", Fraction(1)),
    ([(C, "developing")], "amber", Fraction(1, 2)),
    ([(C, "not_started")], "red", Fraction(0)),
    ([(G, "achieving")], "green", Fraction(1)),
    ([(G, "developing")], "amber", Fraction(1, 2)),
    ([(G, "not_started")], "red", Fraction(0)),
    # exactly 50% is not red; just under is
    ([(G, "achieving"), (G, "not_started")], "amber", Fraction(1, 2)),
    ([(G, "developing"), (G, "not_started")], "red", Fraction(1, 4)),
    ([(C, "achieving"), (G, "not_started"), (G, "not_started")], "amber", Fraction(1, 2)),
    ([(C, "achieving"), (G, "not_started"), (G, "not_started"), (G, "not_started")], "red", Fraction(2, 5)),
    # exactly 75% with no compliance gap is green; a compliance Developing never is
    ([(G, "achieving"), (G, "developing")], "green", Fraction(3, 4)),
    ([(C, "achieving"), (G, "developing"), (G, "developing")], "green", Fraction(3, 4)),
    ([(C, "achieving"), (C, "achieving"), (C, "achieving"), (G, "not_started")], "green", Fraction(6, 7)),
    ([(C, "achieving"), (C, "achieving"), (G, "developing"), (G, "not_started")], "green", Fraction(3, 4)),
    ([(C, "achieving"), (G, "developing"), (G, "developing"), (G, "not_started")], "amber", Fraction(3, 5)),
    ([(C, "achieving"), (C, "developing"), (G, "achieving")], "amber", Fraction(4, 5)),
    # any compliance Not yet started is red however good the rest
    ([(C, "not_started"), (C, "achieving"), (C, "achieving"), (G, "achieving")], "red", Fraction(5, 7)),
    ([(C, "achieving"), (C, "skip"), (G, "skip")], "green", Fraction(1)),
])
def test_rag_rules(rated, rag, score):
    assert engine.rag_status(rated) == (rag, score)


def test_summary_counts_gaps_and_priorities(benchmark):
    ratings = {"5.1": "not_started", "5.2": "developing", "5.3": "achieving", "5.4": "skip",
               "5.5": "not_started", "5.6": "achieving", "5.7": "achieving"}
    _, summary = _rate_all(benchmark, "benchmark", ratings, number=5)
    (score,) = summary.standards
    assert score.number == 5
    assert dict(score.counts) == {"not_started": 2, "developing": 1, "achieving": 3, "skip": 1, "unanswered": 0}
    assert score.rag == "red"
    assert score.compliance_gaps == ("5.1", "5.2", "5.5")
    assert summary.compliance_gaps == (("5.1", "not_started"), ("5.5", "not_started"), ("5.2", "developing"))
    (priority,) = summary.priorities
    assert priority.number == 5 and priority.question_ids == ("5.1", "5.5", "5.2")
    assert priority.section.title == "Channel Panel"
    assert priority.case_study.title == "Channel Case Study"


def test_priorities_put_compliance_gaps_first_and_stop_at_three(benchmark):
    ratings = {
        "1.1": "achieving",      # green
        "2.1": "developing",     # amber, one compliance gap (developing)
        "3.1": "not_started",    # red, compliance not started
        "4.1": "not_started",    # red, compliance not started
        "5.1": "developing",     # amber
        "6.1": "not_started",    # red, good practice only: no compliance gap
        "7.1": "achieving", "8.1": "achieving", "9.1": "achieving", "10.2": "achieving",
    }
    _, summary = _rate_all(benchmark, "quick", ratings)
    assert [p.number for p in summary.priorities] == [3, 4, 6]
    assert all(p.rag == "red" for p in summary.priorities)
    assert summary.rag_counts == {"red": 3, "amber": 2, "green": 5, "not_assessed": 0}
    assert [gap[0] for gap in summary.compliance_gaps] == ["3.1", "4.1", "2.1", "5.1"]


def test_no_priorities_when_everything_is_green(benchmark):
    _, summary = _rate_all(benchmark, "quick", {qid: "achieving" for qid in
                                                engine.question_ids(benchmark, "quick")})
    assert summary.priorities == ()
    assert summary.percent == 100


def test_overall_figure_weights_compliance_double(benchmark):
    # 1.1 compliance achieving (4 of 4), 1.2 and 1.3 good practice not started (0 of 2 each): 4/8 = 50%
    _, summary = _rate_all(benchmark, "benchmark", {"1.1": "achieving", "1.2": "not_started",
                                                    "1.3": "not_started"}, number=1)
    assert summary.percent == 50
    assert summary.standards[0].rag == "amber"


def test_a_part_answered_assessment_can_be_summarised(benchmark):
    state, _ = _run(benchmark, "quick", [engine.Rating("achieving"), engine.Rating("skip")])
    summary = engine.summarise(benchmark, state)
    assert summary.counts["unanswered"] == 8
    assert summary.rag_counts["not_assessed"] == 9
    assert summary.percent == 100


@pytest.mark.parametrize("before, after, expected", [
    ("developing", "achieving", "improved"),
    ("achieving", "not_started", "worse"),
    ("developing", "developing", "same"),
])
def test_comparison_with_the_previous_assessment(benchmark, before, after, expected):
    previous, _ = _rate_all(benchmark, "quick", {"7.1": before})
    current, _ = _rate_all(benchmark, "quick", {"7.1": after})
    assert engine.compare(benchmark, current, previous)[7] == expected
    assert engine.summarise(benchmark, current, previous).changes[7] == expected


def test_comparison_uses_only_questions_rated_both_times(benchmark):
    previous, _ = _rate_all(benchmark, "quick", {"6.1": "skip", "7.1": "developing"})
    current, _ = _rate_all(benchmark, "full", {"7.1": "achieving", "7.2": "not_started", "7.3": "not_started"})
    changes = engine.compare(benchmark, current, previous)
    assert changes[7] == "improved"   # only 7.1 is in both
    assert 6 not in changes           # skipped before: nothing to compare
    assert set(changes) == set(range(1, 11)) - {6}


def test_migrate_keeps_answers_to_questions_that_still_exist(benchmark):
    state, _ = _run(benchmark, "quick", [engine.Rating("achieving"), engine.Rating("developing")])
    state["content_version"] = "0"
    state["answers"]["99.1"] = {"rating": "achieving", "details": "", "by": WHO, "at": WHEN}
    migrated = engine.migrate(benchmark, state)
    assert migrated["content_version"] == benchmark.version
    assert set(migrated["answers"]) == {"1.1", "2.1"}
    assert engine.step(migrated) == engine.Step("3.1", "rating", 3, 10)


def test_set_rating_records_in_place_without_moving_on(benchmark):
    state = engine.start(benchmark, "benchmark", number=5, who=WHO, when=WHEN)
    rated = engine.set_rating(state, "5.4", "achieving", who="Sam", when="2025-05-04T09:00:00")
    assert rated["answers"]["5.4"] == {"rating": "achieving", "details": "", "by": "Sam",
                                       "at": "2025-05-04T09:00:00"}
    assert engine.step(rated) == engine.step(state)


def test_memory_keeps_the_last_five_completed(benchmark):
    memory: dict = {}
    for day in range(1, 8):
        when = f"2025-05-0{day}T10:00:00"
        state, _ = _rate_all(benchmark, "quick", {}, when=when)
        memory = engine.with_completed(engine.with_current(memory, state), state)
    assert engine.current(memory) is None
    assert [a["started_at"][:10] for a in engine.completed(memory)] == [f"2025-05-0{d}" for d in range(3, 8)]
    assert json.loads(json.dumps(memory)) == memory


def test_filing_another_assessment_leaves_the_one_in_progress(benchmark):
    in_progress = engine.start(benchmark, "full", who=WHO, when=WHEN)
    single, _ = _rate_all(benchmark, "quick", {}, when="2025-05-05T10:00:00")
    memory = engine.with_completed(engine.with_current({}, in_progress), single)
    assert engine.current(memory)["id"] == in_progress["id"]
    assert engine.completed(memory)[-1]["id"] == single["id"]
