"""Transcripts of the "contacts" flow: who to contact now by the clock, and choosing or changing the area."""

from datetime import datetime
from pathlib import Path

import pytest

from dialogs.contacts import ContactsFlow, contacts_reply, current_area
from knowledge.areas import SHIPPED_LOCAL_DIR, load_areas
from knowledge.opening_hours import LONDON
from tests.helpers.card_schema import assert_valid_card


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.mark.parametrize(("moment", "expected", "absent"), [
    (at(2026, 6, 3, 10, 0), ["It's 10:00 on Wednesday", "Prevent lead: open now until 17:00, 01632 960 100"],
     ["closed"]),
    (at(2026, 6, 3, 18, 30), ["It's 18:30 on Wednesday", "Prevent lead is closed",
                              "Out of hours, use Police on-call Prevent officer on 101",
                              "ask for the on-call Prevent officer", "Emergency Duty Team on 01632 960 299"], []),
    (at(2026, 6, 6, 22, 10), ["It's 22:10 on Saturday: Example Borough Council Designated Safeguarding Lead is "
                              "closed"], ["open now until"]),
    (at(2026, 12, 25, 10, 0), ["It's 10:00 on Friday 25 December (Christmas Day, a bank holiday)", "is closed"],
     ["open now until 17"]),
    (at(2026, 12, 28, 10, 0), ["(Boxing Day (observed), a bank holiday)", "Prevent team (Counter Terrorism "
                               "Policing) is closed"], []),
])
def test_contacts_now_by_the_clock(example_areas, moment, expected, absent):
    reply = contacts_reply(example_areas, example_areas.get("example-borough"), moment)
    for phrase in expected:
        assert phrase in reply.text
    for phrase in absent:
        assert phrase not in reply.text
    assert "Example contacts" in reply.text
    assert_valid_card(reply.cards[0])
    assert "999" not in reply.text[:400]


def test_flow_with_one_area_answers_at_once(transcript, example_areas):
    c = transcript(ContactsFlow(example_areas))
    turn = c.start(text="who do I call?")
    assert c.state is None
    assert "Who to contact now: Example Borough Council" in turn.replies[0].summary


def test_change_area_with_one_area_says_so(transcript, example_areas):
    c = transcript(ContactsFlow(example_areas))
    turn = c.start({"change_area": True})
    assert c.state is None and "only area" in turn.replies[0].text


@pytest.fixture
def two_areas(tmp_path):
    for path in SHIPPED_LOCAL_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text())
    source = Path(__file__).parents[1] / "knowledge" / "fixtures" / "areas" / "valid" / "testshire.yaml"
    (tmp_path / "testshire.yaml").write_text(source.read_text())
    return load_areas(tmp_path)


def test_asks_for_the_area_then_remembers_it(transcript, two_areas):
    c = transcript(ContactsFlow(two_areas))
    turn = c.start()
    assert c.state["stage"] == "area"
    assert_valid_card(turn.replies[0].cards[0])
    turn = c.say("example boro")
    assert c.state is None and c.profile == {"area": "example-borough"}
    assert "your area is Example Borough Council" in turn.replies[0].text
    assert current_area(two_areas, c.profile).id == "example-borough"


def test_change_area_by_button(transcript, two_areas):
    c = transcript(ContactsFlow(two_areas), profile={"area": "example-borough"})
    c.start({"change_area": True})
    turn = c.click(area="testshire")
    assert c.profile["area"] == "testshire" and "Testshire Prevent team" in turn.replies[1].text


def test_remembered_area_that_no_longer_exists_asks_again(transcript, two_areas):
    c = transcript(ContactsFlow(two_areas), profile={"area": "old-council"})
    c.start()
    assert c.state["stage"] == "area"


def test_cancel_and_reprompt_while_choosing(transcript, two_areas):
    c = transcript(ContactsFlow(two_areas))
    c.start()
    c.click(reprompt=True)
    assert c.state["stage"] == "area"
    turn = c.say("cancel")
    assert c.state is None and "haven't changed" in turn.replies[0].text
