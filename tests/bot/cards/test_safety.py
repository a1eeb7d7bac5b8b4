"""Tests for bot.cards.safety: the emergency card and the personal-data reminder."""

import pytest

from bot.cards.safety import emergency_replies, personal_data_reminder
from knowledge.emergency import detect_emergency
from tests.helpers.card_schema import assert_valid_card


@pytest.mark.parametrize("resume", [True, False])
def test_emergency_card(resume):
    replies = emergency_replies(detect_emergency("kid said he's making a bomb"), resume_available=resume)
    first = replies[0]
    lines = first.text.splitlines()
    assert lines[0].startswith("Call 999 now")
    assert first.text.index("999") < first.text.index("0800 789 321") < first.text.index("DSL")
    card = first.cards[0]
    assert_valid_card(card)
    urls = [a["url"] for a in card["actions"] if a["type"] == "Action.OpenUrl"]
    assert urls == ["tel:999", "tel:+44800789321", "https://www.gov.uk/ACT"]
    submits = [a["data"] for a in card["actions"] if a["type"] == "Action.Submit"]
    # in a flow: back to where it was; otherwise on to the referral walk-through, never a dead end
    way_on = {"action": "flow", "reprompt": True} if resume else {"action": "command", "command": "referral"}
    assert submits == [way_on]
    assert [a["type"] for a in card["actions"]][:3] == ["Action.OpenUrl"] * 3  # 999 first, the way on last


@pytest.mark.parametrize("resume", [True, False])
def test_a_risk_to_someones_own_life_gets_999_and_the_dsl_not_the_terrorism_hotline(resume):
    replies = emergency_replies(detect_emergency("a pupil told me she is going to kill herself tonight"), resume)
    first = replies[0]
    assert first.text.startswith("Call 999 now") and "DSL" in first.text and "stay with the person" in first.text
    assert "Anti-Terrorist" not in first.text and "0800 789 321" not in first.text
    card = first.cards[0]
    assert_valid_card(card)
    assert [a["url"] for a in card["actions"] if a["type"] == "Action.OpenUrl"] == ["tel:999"]
    submits = [a["data"] for a in card["actions"] if a["type"] == "Action.Submit"]
    assert {"action": "command", "command": "contacts"} in submits
    assert ({"action": "flow", "reprompt": True} in submits) is resume
    assert {"action": "command", "command": "referral"} not in submits  # not a Prevent referral


def test_emergency_card_without_a_match():
    assert emergency_replies(None, resume_available=False)[0].text.startswith("Call 999 now")


def test_personal_data_reminder_is_short_and_plain():
    reply = personal_data_reminder()
    assert "names or identifying details" in reply.text and "secure referral route" in reply.text
    assert len(reply.text) < 400 and not reply.cards
