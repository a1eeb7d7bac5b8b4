"""The "assessment" Flow, driven through the Flow API as the bot drives it: card submits (value, no text),
typed ratings with typos, supporting details with the personal-data guard, why/back/skip/pause/cancel,
resume after a restart (a fresh flow over memory that went through JSON) and a group chat."""

import importlib
import json
import sys
import types
from datetime import UTC, datetime, timedelta

import pytest

from dialogs import assessment_engine as engine
from dialogs.assessment import AssessmentFlow, parse_rating
from dialogs.flow import Turn, UserInput
from knowledge.benchmark import load_benchmark
from tests.helpers.card_schema import assert_valid_card

T0 = datetime(2025, 5, 3, 10, 15, tzinfo=UTC)
PERSONAL = "Met Jane Smith (jane.smith@example.com, 07700 900123) about her son"
CLEAN = "Board minutes from March show the plan was agreed and reviewed."


@pytest.fixture(scope="module")
def benchmark():
    return load_benchmark()


@pytest.fixture(autouse=True)
def personal_data(monkeypatch):
    """Use knowledge.personal_data; until it lands, a stand-in that flags emails and phone numbers."""
    try:
        importlib.import_module("knowledge.personal_data")
    except ModuleNotFoundError:
        stub = types.ModuleType("knowledge.personal_data")
        stub.find_personal_data = lambda text: ["personal"] if "@" in text or "07700" in text else []
        monkeypatch.setitem(sys.modules, "knowledge.personal_data", stub)


class Chat:
    """One conversation: memory and flow state survive between turns only as JSON, as in storage."""

    def __init__(self, benchmark, conversation_type="personal", *, validate_cards=True):
        self.validate_cards = validate_cards
        self.flow = AssessmentFlow(benchmark)
        self.memory: dict = {}
        self.state: dict | None = None
        self.conversation_type = conversation_type
        self.now = T0
        self.turns = 0

    def _input(self, text, value, user):
        self.now += timedelta(minutes=1)
        return UserInput(text=text, value=value, now=self.now, user_id=f"id-{user}", user_name=user,
                         conversation_type=self.conversation_type, memory=json.loads(json.dumps(self.memory)))

    def _apply(self, turn: Turn) -> Turn:
        self.turns += 1
        assert turn.memory is not None, "memory is returned every turn"
        self.memory = json.loads(json.dumps(turn.memory))
        self.state = json.loads(json.dumps(turn.state)) if turn.state is not None else None
        for reply in turn.replies:
            for card in reply.cards:
                if self.validate_cards:
                    assert_valid_card(card)
        return turn

    def start(self, options, user="Alex Wilber", text="") -> Turn:
        return self._apply(self.flow.start(options, self._input(text, None, user)))

    def say(self, text, user="Alex Wilber") -> Turn:
        assert self.state is not None, "no flow is active"
        return self._apply(self.flow.resume(self.state, self._input(text, None, user)))

    def press(self, user="Alex Wilber", **data) -> Turn:
        assert self.state is not None, "no flow is active"
        return self._apply(self.flow.resume(self.state, self._input("", {"action": "flow", **data}, user)))

    def restart(self, benchmark):
        """A new process: a fresh flow object; only the stored memory and dialog state survive."""
        self.flow = AssessmentFlow(benchmark)


def texts(turn: Turn) -> str:
    """Every text and card TextBlock in a turn's replies, joined."""
    out = []
    for reply in turn.replies:
        out.append(reply.text)
        for card in reply.cards:
            out.extend(_blocks(card.get("body", [])))
    return "\n".join(t for t in out if t)


def _blocks(elements):
    for element in elements:
        if element.get("type") == "TextBlock":
            yield element["text"]
        for key in ("items", "columns"):
            yield from _blocks(element.get(key, []))


def actions(turn: Turn) -> list[dict]:
    return [a for reply in turn.replies for card in reply.cards for a in card.get("actions", [])]


def current_question(chat: Chat) -> str:
    step = engine.step(chat.memory["current"])
    return f"{step.question_id}:{step.stage}"


def test_quick_check_with_card_submits_takes_eleven_turns(benchmark):
    chat = Chat(benchmark)
    turn = chat.start({"mode": "quick"}, text="quick check")
    assert "Question 1 of 10 — benchmark 1" in texts(turn)
    assert [a["data"] for a in actions(turn)] == [
        {"action": "flow", "rating": r, "question": "1.1"} for r in ("not_started", "developing", "achieving", "skip")]
    for headline in engine.question_ids(benchmark, "quick"):
        assert chat.state is not None
        assert current_question(chat) == f"{headline}:rating"
        turn = chat.press(rating="developing", question=headline)
    assert chat.state is None
    assert chat.turns == 11
    assert "Overall: 50%" in texts(turn)
    assert chat.memory["current"] is None
    (done,) = chat.memory["completed"]
    assert done["mode"] == "quick" and done["status"] == "complete"
    assert all(a["details"] == "" for a in done["answers"].values())


def test_button_presses_without_the_question_key_apply_to_the_current_question(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    chat.press(rating="achieving")
    assert chat.memory["current"]["answers"]["1.1"]["rating"] == "achieving"


@pytest.mark.parametrize("typed, rating", [
    ("not started", "not_started"), ("Not yet started", "not_started"), ("not strated", "not_started"),
    ("dev", "developing"), ("developing", "developing"), ("devloping", "developing"),
    ("achieved", "achieving"), ("acheiving", "achieving"), ("Achieving!", "achieving"), ("achived", "achieving"),
    ("n/a", "skip"), ("N/A", "skip"), ("not applicable", "skip"), ("skip", "skip"),
])
def test_typed_ratings_with_typos(benchmark, typed, rating):
    assert parse_rating(typed) == rating
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    chat.say(typed)
    assert chat.memory["current"]["answers"]["1.1"]["rating"] == rating
    assert current_question(chat) == "2.1:rating"


@pytest.mark.parametrize("typed", ["started", "not sure", "maybe", "hello there", "ok"])
def test_unclear_text_re_asks_without_saving(benchmark, typed):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    turn = chat.say(typed)
    assert "I didn't catch a rating" in texts(turn)
    assert chat.memory["current"]["answers"] == {}
    assert "Question 1 of 10" in texts(turn)


def test_benchmark_mode_asks_for_details_with_the_toolkit_prompts(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "benchmark", "benchmark": 7})
    for _ in range(3):
        chat.press(rating="achieving")
        chat.press(details="none")
    turn = chat.press(rating="developing")
    assert "Question 4 of 9 — benchmark 7 · supporting details" in texts(turn)
    assert "Does the organisation reach out to primary schools" in texts(turn)
    assert [a["title"] for a in actions(turn)] == ["No details"]
    turn = chat.say(CLEAN)
    assert chat.memory["current"]["answers"]["7.4"]["details"] == CLEAN
    assert "Question 5 of 9 — benchmark 7" in texts(turn)


def test_personal_data_in_details_is_not_stored(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "full"})
    chat.press(rating="developing")
    turn = chat.say(PERSONAL)
    assert "I haven't saved that" in texts(turn)
    assert "don't put names or identifying details in Teams" in texts(turn)
    assert PERSONAL not in json.dumps(chat.memory)
    assert PERSONAL not in json.dumps(chat.state)
    assert current_question(chat) == "1.1:details"
    chat.press(details="none")
    assert current_question(chat) == "1.2:rating"
    assert chat.memory["current"]["answers"]["1.1"]["details"] == ""


def test_a_personal_data_flag_from_the_bot_is_treated_the_same(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "benchmark", "benchmark": 3})
    chat.press(rating="achieving")
    turn = chat.press(personal_data=True)
    assert "I haven't saved that" in texts(turn)
    assert current_question(chat) == "3.1:details"


@pytest.mark.parametrize("typed", ["no details", "none", "n/a", "skip"])
def test_typed_no_details(benchmark, typed):
    chat = Chat(benchmark)
    chat.start({"mode": "benchmark", "benchmark": 3})
    chat.press(rating="achieving")
    chat.say(typed)
    assert current_question(chat) == "3.2:rating"
    assert chat.memory["current"]["answers"]["3.1"] == {
        "rating": "achieving", "details": "", "by": "Alex Wilber", "at": "2025-05-03T10:17:00+00:00"}


@pytest.mark.parametrize("typed", ["why?", "what does this mean?", "Why", "explain"])
def test_why_shows_the_prompts_and_the_toolkit_section(benchmark, typed):
    chat = Chat(benchmark)
    chat.start({"mode": "benchmark", "benchmark": 2})
    turn = chat.say(typed)
    shown = texts(turn)
    assert "Does this board steer, guide and approve Prevent activity" in shown
    assert "Is the board chaired at the appropriate strategic level?" in shown
    assert "Toolkit section 2: Multi-Agency Partnership Board" in shown
    assert {"action": "ask", "query": "Multi-Agency Partnership Board"} in [a["data"] for a in actions(turn)]
    assert current_question(chat) == "2.1:rating"


def test_back_and_skip(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "benchmark", "benchmark": 9})
    turn = chat.say("back")
    assert "This is the first question" in texts(turn)
    chat.say("skip")
    assert chat.memory["current"]["answers"]["9.1"]["rating"] == "skip"
    assert current_question(chat) == "9.2:rating"
    chat.say("developing")
    chat.say("back")
    assert current_question(chat) == "9.2:rating"
    turn = chat.say("back")
    assert current_question(chat) == "9.1:rating"
    assert "Saved rating: Skipped (n/a)" in texts(turn)


def test_reprompt_re_sends_the_current_question(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    chat.press(rating="achieving")
    before = json.dumps(chat.memory["current"]["answers"])
    turn = chat.press(reprompt=True)
    assert "Question 2 of 10 — benchmark 2" in texts(turn)
    assert json.dumps(chat.memory["current"]["answers"]) == before


def test_a_button_from_an_older_card_is_not_applied_to_the_current_question(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    chat.press(rating="achieving", question="1.1")
    turn = chat.press(rating="not_started", question="1.1")
    assert "That button was for question 1.1; we're now on 2.1" in texts(turn)
    assert chat.memory["current"]["answers"]["1.1"]["rating"] == "achieving"
    assert "2.1" not in chat.memory["current"]["answers"]


def test_pause_then_resume_after_a_restart(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "benchmark", "benchmark": 7})
    chat.press(rating="achieving")
    chat.say(CLEAN)
    chat.press(rating="developing")
    turn = chat.say("pause")
    assert chat.state is None
    assert "Paused at question 2 of 9" in texts(turn)
    assert chat.memory["current"]["status"] == "paused"
    chat.restart(benchmark)
    chat.now += timedelta(days=1)
    turn = chat.start({"mode": "resume"}, user="Sam Patel", text="resume")
    assert "Picking up where you left off: Benchmark 7, 2 of 9 answered" in texts(turn)
    assert "Question 2 of 9 — benchmark 7 · supporting details" in texts(turn)
    chat.press(details="none", user="Sam Patel")
    assert current_question(chat) == "7.3:rating"
    assert chat.memory["current"]["answers"]["7.1"]["details"] == CLEAN


def test_resume_with_nothing_to_resume_says_so(benchmark):
    chat = Chat(benchmark)
    turn = chat.start({"mode": "resume"})
    assert chat.state is None
    assert "There's no paused or in-progress assessment in this conversation" in texts(turn)


def test_leaving_without_pausing_still_keeps_every_answer(benchmark):
    """Another command can end the dialog at any moment: the answers are already in memory."""
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    chat.press(rating="achieving")
    chat.press(rating="developing")
    chat.state = None
    chat.restart(benchmark)
    chat.start({"mode": "resume"})
    assert current_question(chat) == "3.1:rating"


def test_cancel_asks_before_discarding_answers(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    chat.press(rating="achieving")
    turn = chat.say("cancel")
    assert "Discard this assessment and its 1 answer(s)?" in texts(turn)
    chat.press(choice="resume")
    assert current_question(chat) == "2.1:rating"
    chat.say("cancel")
    turn = chat.press(choice="discard")
    assert chat.state is None and chat.memory["current"] is None
    assert "discarded" in texts(turn)


def test_cancel_before_any_answer_just_stops(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    chat.say("cancel")
    assert chat.state is None and chat.memory["current"] is None


def test_two_colleagues_complete_one_assessment_in_a_group_chat(benchmark):
    chat = Chat(benchmark, conversation_type="groupChat")
    turn = chat.start({"mode": "benchmark", "benchmark": 4}, user="Alex Wilber")
    assert "anyone here can answer" in texts(turn)
    chat.press(rating="achieving", user="Alex Wilber")
    chat.press(details="none", user="Alex Wilber")
    chat.press(rating="developing", user="Sam Patel")
    turn = chat.say("Commissioned support options listed in the plan.", user="Sam Patel")
    assert chat.state is None
    (done,) = chat.memory["completed"]
    assert done["answers"]["4.1"]["by"] == "Alex Wilber"
    assert done["answers"]["4.2"]["by"] == "Sam Patel"
    assert done["answers"]["4.2"]["at"] > done["answers"]["4.1"]["at"]
    assert "Benchmark 4: results" in texts(turn)


def test_starting_again_with_one_in_progress_offers_to_resume(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    chat.press(rating="achieving")
    turn = chat.start({"mode": "full"})
    assert "There's already an assessment in progress" in texts(turn)
    chat.press(choice="resume")
    assert chat.memory["current"]["mode"] == "quick"
    assert current_question(chat) == "2.1:rating"
    chat.start({"mode": "full"})
    chat.say("start new")
    assert chat.memory["current"]["mode"] == "full"
    assert chat.memory["current"]["answers"] == {}


@pytest.mark.parametrize("options, message, active", [
    ({"mode": "benchmark", "benchmark": 12}, "There's no benchmark 12", False),
    ({"mode": "benchmark", "benchmark": "x"}, "There's no benchmark x", False),
    ({"mode": "benchmark", "benchmark": "7"}, "Benchmark 7: 9 questions", True),
    ({"mode": "question", "question": "4.7"}, "There's no question 4.7: questions run from 1.1 to 10.2", False),
    ({"mode": "sideways"}, "I can run a quick check", False),
])
def test_start_options_are_checked(benchmark, options, message, active):
    chat = Chat(benchmark)
    turn = chat.start(options)
    assert message in texts(turn)
    assert (chat.state is not None) == active


def test_a_single_question_with_no_history_is_a_new_assessment(benchmark):
    chat = Chat(benchmark)
    turn = chat.start({"mode": "question", "question": "5.2"})
    assert "Question 1 of 1 — benchmark 5" in texts(turn)
    turn = chat.say("dev")
    assert chat.state is None
    (done,) = chat.memory["completed"]
    assert done["mode"] == "question" and done["answers"]["5.2"]["rating"] == "developing"
    assert "Single question: results" in texts(turn)


def test_a_single_question_is_rated_in_place_in_the_latest_assessment(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    for _ in range(10):
        chat.press(rating="developing")
    chat.start({"mode": "question", "question": "5.1"})
    turn = chat.press(rating="achieving", question="5.1")
    (done,) = chat.memory["completed"]
    assert done["answers"]["5.1"]["rating"] == "achieving"
    assert "Benchmark 5 is now Green" in texts(turn)


def test_a_single_question_is_rated_in_the_assessment_in_progress_that_asks_it(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "benchmark", "benchmark": 5})
    chat.say("pause")
    chat.start({"mode": "question", "question": "5.3"})
    turn = chat.say("achieved")
    assert "in the assessment in progress" in texts(turn)
    assert chat.memory["current"]["answers"]["5.3"]["rating"] == "achieving"
    assert current_question(chat) == "5.1:rating"


def test_a_full_assessment_is_compared_with_the_previous_quick_check(benchmark):
    chat = Chat(benchmark, validate_cards=False)  # every card kind is validated in the other tests
    chat.start({"mode": "quick"})
    for _ in range(10):
        chat.press(rating="developing")
    chat.start({"mode": "full"})
    for number in range(38):
        chat.press(rating="achieving" if number < 20 else "not_started")
        turn = chat.press(details="none")
    assert chat.state is None
    assert chat.turns == 1 + 10 + 1 + 76
    quick, full = chat.memory["completed"]
    summary = engine.summarise(benchmark, full, quick)
    assert summary.changes[1] == "improved"
    assert summary.changes[10] == "worse"
    assert "Full self-assessment: results" in texts(turn)
    assert "1. Local risk assessment" in texts(turn)


def test_the_summary_card_shows_the_comparison(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    for _ in range(10):
        chat.press(rating="developing")
    chat.start({"mode": "quick"})
    for number in range(10):
        turn = chat.press(rating="achieving" if number < 5 else "not_started")
    shown = texts(turn)
    assert "Green 100% · improved" in shown
    assert "Red 0% · worse" in shown
    assert "Change is against the assessment completed" in shown
    assert "Top priorities" in shown


def test_an_assessment_started_under_older_content_carries_on(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    chat.press(rating="achieving")
    chat.memory["current"]["content_version"] = "0"
    chat.memory["current"]["position"] = 0
    turn = chat.start({"mode": "resume"})
    assert "The benchmark questions have been updated" in texts(turn)
    assert current_question(chat) == "2.1:rating"
    assert chat.memory["current"]["content_version"] == benchmark.version


def test_a_state_pointing_at_a_finished_assessment_ends_politely(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    stale = dict(chat.state)
    chat.say("cancel")
    chat.state = stale
    turn = chat.press(rating="achieving")
    assert chat.state is None
    assert "no longer in progress" in texts(turn)


def test_a_question_mid_assessment_gets_the_prompts_and_a_way_out(benchmark):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    turn = chat.say("What is a CTLP?")
    assert "type pause first" in texts(turn)
    assert "How are risks identified (i.e. through the CTLP)?" in texts(turn)
    assert chat.memory["current"]["answers"] == {}


@pytest.mark.parametrize("typed, expected", [("stop", "paused"), ("never mind", None), ("quit", None)])
def test_words_the_bot_routes_as_cancel_reach_the_flow_safely(benchmark, typed, expected):
    chat = Chat(benchmark)
    chat.start({"mode": "quick"})
    chat.say(typed)
    assert chat.state is None
    assert (chat.memory["current"] or {}).get("status") == expected


def test_a_name_that_looks_like_markdown_is_escaped_when_resuming(benchmark):
    chat = Chat(benchmark, conversation_type="channel")
    chat.start({"mode": "quick"}, user="[Click](https://evil.example)")
    chat.press(rating="achieving", user="[Click](https://evil.example)")
    chat.say("pause")
    turn = chat.start({"mode": "resume"}, user="Sam Patel")
    assert "Last answer by \\[Click\\]\\(https://evil.example\\), 3 May 2025, 10:17." in texts(turn)
    assert "[Click](" not in texts(turn)
