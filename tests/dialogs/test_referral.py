"""Transcripts of the "referral" flow through the Flow API: every branch, typed answers, card submits,
back, start again, cancel, re-prompts, content changes and area choice."""

from datetime import datetime
from pathlib import Path

import pytest

from dialogs.referral import ReferralFlow
from knowledge.areas import SHIPPED_LOCAL_DIR, load_areas
from knowledge.opening_hours import LONDON
from tests.helpers.card_schema import assert_valid_card


def card_text(turn) -> str:
    parts = []
    for reply in turn.replies:
        parts.append(reply.text)
        for card in reply.cards:
            parts.extend(_texts(card))
    return "\n".join(parts)


def _texts(node) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if node.get("type") == "TextBlock" else []
        if node.get("type") == "FactSet":
            found += [f"{f['title']}: {f['value']}" for f in node["facts"]]
        if node.get("type") in ("Action.Submit", "Action.OpenUrl"):
            found.append(node["title"])
        return found + [t for key, value in node.items() if key != "text" for t in _texts(value)]
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


def buttons(turn) -> dict[str, dict]:
    found: dict[str, dict] = {}

    def visit(node):
        if isinstance(node, dict):
            if node.get("type") == "Action.Submit":
                found[node["title"]] = node["data"]
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    for reply in turn.replies:
        visit(list(reply.cards))
    return found


def open_urls(turn) -> list[str]:
    urls: list[str] = []

    def visit(node):
        if isinstance(node, dict):
            if node.get("type") == "Action.OpenUrl":
                urls.append(node["url"])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    for reply in turn.replies:
        visit(list(reply.cards))
    return urls


@pytest.fixture
def chat(transcript, example_areas):
    def make(**kwargs):
        return transcript(ReferralFlow(example_areas), **kwargs)
    return make


def assert_cards_valid(conversation):
    for turn in conversation.turns:
        for reply in turn.replies:
            for card in reply.cards:
                assert_valid_card(card)


def test_start_goes_straight_to_the_emergency_gate_with_one_area(chat):
    c = chat()
    turn = c.start()
    assert c.state["step"] == "danger" and c.state["area"] == "example-borough"
    assert "is this an emergency" in card_text(turn)
    assert buttons(turn)["Yes"] == {"action": "flow", "answer": "yes", "step": "danger"}
    assert {"Start again", "Cancel"} <= set(buttons(turn)) and "Back" not in buttons(turn)
    assert "999" not in card_text(turn)[:400]  # starting a referral is not emergency guidance
    assert "Example contacts" in card_text(turn)


def test_started_by_a_worried_message_it_says_why_before_the_emergency_gate(chat):
    c = chat()
    turn = c.start({"concern": True}, text="a pupil keeps watching extremist videos, what should I do")
    text = card_text(turn)
    assert c.state["step"] == "danger"
    assert text.index("It sounds like you're worried about someone") < text.index("is this an emergency")
    assert "worried" not in card_text(chat().start())  # started by "referral", no such line
    assert_cards_valid(c)


def test_started_by_a_worried_message_it_says_why_before_asking_for_the_area(transcript, two_areas):
    c = transcript(ReferralFlow(two_areas))
    turn = c.start({"concern": True})
    assert c.state["stage"] == "area"
    text = card_text(turn)
    assert text.index("It sounds like you're worried about someone") < text.index("Which council area")


@pytest.mark.parametrize("answer", ["yes", "not_sure"])
def test_emergency_gate_shows_the_emergency_card_and_stops(chat, answer):
    c = chat()
    c.start()
    turn = c.click(answer=answer)
    assert c.state is None
    first = turn.replies[0].text
    assert first.splitlines()[0].startswith("Call 999 now")
    assert "0800 789 321" in first and "DSL" in first
    assert "Carry on where I was" not in buttons(turn)
    assert "tel:999" in open_urls(turn)


@pytest.mark.parametrize(("typed", "outcome", "expect"), [
    (["no", "he's 15", "yes", "yes", "next"], "What happens next", ["MASH", "Channel", "voluntary"]),
    (["no", "an adult", "yes", "yes", "next"], "What happens next", ["Adult Social Care", "Channel"]),
    (["no", "a dad", "yep", "yes", "continue"], "What happens next", ["for the children", "Channel"]),
    (["no", "adult", "no", "I've talked to them", "no"], "No Prevent referral for now", ["Record the concern"]),
    (["no", "adult", "not sure", "talked", "not sure"], "Ask for advice before deciding", ["without naming"]),
    (["nope", "under 18", "nah", "can't reach anyone"], "If you can't reach your lead", ["Emergency Duty Team"]),
])
def test_every_branch_by_typed_answers(chat, typed, outcome, expect):
    c = chat()
    c.start()
    seen = ""
    for text in typed:
        turn = c.say(text)
        seen += card_text(turn)
    assert c.state is None
    final = card_text(turn)
    assert outcome in final
    for phrase in expect:
        assert phrase in seen
    assert "Your route" in final and "Example contacts" in final
    assert_cards_valid(c)


def test_summary_card_has_route_tap_to_call_and_open_status(chat):
    c = chat()
    c.start()
    for answer in ("no", "child", "yes", "yes", "next"):
        turn = c.click(answer=answer)
    text = card_text(turn)
    assert "About: A child (under 18)" in text and "Discussed with a lead: Yes" in text
    urls = open_urls(turn)
    assert "tel:+441632960300" in urls and "mailto:prevent.referrals@example.org" in urls
    assert "Open now until 17:00" in text
    assert buttons(turn)["Start again"] == {"action": "command", "command": "referral"}


def test_share_step_says_what_to_include_and_never_in_teams(chat):
    c = chat()
    c.start()
    for answer in ("no", "child", "yes"):
        c.click(answer=answer)
    text = card_text(c.click(answer="yes"))
    assert "National Prevent Referral Form" in text
    assert "Never put names" in text and "Record the concern" in text


def test_out_of_hours_the_lead_step_shows_the_route(chat):
    c = chat(now=datetime(2026, 6, 6, 22, 10, tzinfo=LONDON))
    c.start()
    c.click(answer="no")
    c.click(answer="adult")
    text = card_text(c.click(answer="no"))
    assert "Closed now" in text and "Out of hours, use:" in text and "Emergency Duty Team" in text


def test_back_and_start_again(chat):
    c = chat()
    c.start()
    c.click(answer="no")
    c.click(answer="child")
    turn = c.click(answer="back")
    assert c.state["step"] == "who" and "Back" in buttons(turn)
    c.say("go back")
    assert c.state["step"] == "danger" and c.state["history"] == []
    c.say("no")
    c.say("restart")
    assert c.state["step"] == "danger"


@pytest.mark.parametrize("how", ["typed", "button"])
def test_cancel(chat, how):
    c = chat()
    c.start()
    c.click(answer="no")
    turn = c.say("cancel") if how == "typed" else c.click(answer="cancel")
    assert c.state is None
    assert "stopped" in turn.replies[0].text


def test_not_understood_reprompts_the_same_step(chat):
    c = chat()
    c.start()
    turn = c.say("what's the weather like?")
    assert c.state["step"] == "danger"
    assert "didn't catch that" in card_text(turn) and "Yes / No / Not sure" in card_text(turn)


def test_reprompt_resends_the_current_step(chat):
    c = chat()
    c.start()
    c.click(answer="no")
    turn = c.click(reprompt=True)
    assert c.state["step"] == "who" and "Who is the concern about?" in card_text(turn)


def test_a_button_from_an_earlier_card_is_not_applied(chat):
    c = chat()
    c.start()
    c.click(answer="no")
    c.click(answer="child")
    turn = c.click(answer="adult_with_children")
    assert c.state["step"] == "check" and "earlier question" in card_text(turn)


def test_content_change_mid_conversation_restarts_politely(chat):
    c = chat()
    c.start()
    c.click(answer="no")
    c.state["version"] = "older-content"
    turn = c.click(answer="child")
    assert c.state["step"] == "danger" and "updated" in card_text(turn)


def test_state_is_json_plain(chat):
    import json

    c = chat()
    c.start()
    c.click(answer="no")
    assert json.loads(json.dumps(c.state)) == c.state


@pytest.fixture
def two_areas(tmp_path):
    for path in SHIPPED_LOCAL_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text())
    source = (Path(__file__).parents[1] / "knowledge" / "fixtures" / "areas" / "valid" / "testshire.yaml")
    (tmp_path / "testshire.yaml").write_text(source.read_text())
    return load_areas(tmp_path)


def test_asks_for_the_area_when_several_and_remembers_it(transcript, two_areas):
    c = transcript(ReferralFlow(two_areas))
    turn = c.start()
    assert c.state["stage"] == "area"
    assert buttons(turn)["Example Borough Council"] == {"action": "flow", "area": "example-borough"}
    turn = c.say("testshyre")
    assert c.profile["area"] == "testshire" and c.state["step"] == "gate"
    assert "Your area is Testshire Council" in card_text(turn)
    again = transcript(ReferralFlow(two_areas), profile=c.profile)
    again.start()
    assert again.state["area"] == "testshire"


def test_area_picked_by_button(transcript, two_areas):
    c = transcript(ReferralFlow(two_areas))
    c.start()
    c.click(area="example-borough")
    assert c.profile["area"] == "example-borough" and c.state["step"] == "danger"


def test_unknown_area_three_times_gives_up(transcript, two_areas):
    c = transcript(ReferralFlow(two_areas))
    c.start()
    c.say("Narnia")
    c.say("Gondor")
    turn = c.say("Mordor")
    assert c.state is None and "couldn't match" in turn.replies[0].text


def test_a_non_example_area_has_no_example_notice(transcript, two_areas):
    c = transcript(ReferralFlow(two_areas), profile={"area": "testshire"})
    turn = c.start()
    assert "Example contacts" not in card_text(turn)
    turn = c.say("no")
    assert c.state is None and "Testshire Prevent team" in card_text(turn)


def test_what_happens_after_a_referral_shows_the_areas_outcome_step(chat):
    c = chat()
    turn = c.start({"after_referral": True})
    text = card_text(turn)
    assert c.state is None, "the outcome ends the walk-through"
    assert "What happens next" in text and "police assess every referral first" in text
    assert "is this an emergency" not in text
    assert_cards_valid(c)


def test_what_happens_after_a_referral_asks_the_area_first_when_several(transcript, two_areas):
    c = transcript(ReferralFlow(two_areas))
    c.start({"after_referral": True})
    assert c.state["stage"] == "area"
    turn = c.click(area="example-borough")
    assert c.state is None and "police assess every referral first" in card_text(turn)


def test_an_area_without_an_after_referral_step_starts_its_walk_through(transcript, two_areas):
    c = transcript(ReferralFlow(two_areas))
    c.start({"after_referral": True})
    c.say("testshyre")
    assert c.state["step"] == "gate"  # testshire's pathway names no such step: its first step instead
