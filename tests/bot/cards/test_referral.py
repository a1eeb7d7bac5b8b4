"""Tests for bot.cards.referral: every card is valid Adaptive Card 1.5 and carries the right actions."""

from datetime import datetime

import pytest

from bot.cards.referral import area_picker_card, contacts_card, status_line, step_card, summary_card
from dialogs import pathway_engine as engine
from knowledge.areas import load_areas
from knowledge.opening_hours import LONDON
from tests.helpers.card_schema import assert_valid_card

NOW = datetime(2026, 6, 6, 22, 10, tzinfo=LONDON)


@pytest.fixture(scope="module")
def areas():
    return load_areas()


def items(areas, ids):
    return [areas.contact_now("example-borough", areas.contact("example-borough", i), NOW) for i in ids]


def test_every_step_card_is_valid(areas):
    area = areas.get("example-borough")
    pathway = areas.pathway_for(area.id)
    for step in pathway.steps.values():
        if step.kind == "question":
            card = step_card(area, step, items(areas, step.contacts), NOW, can_go_back=True, example=True)
            assert_valid_card(card)
            answers = [a["data"]["answer"] for a in card["actions"]]
            assert answers == ["back", "restart", "cancel"]


def test_every_summary_card_is_valid(areas):
    area = areas.get("example-borough")
    pathway = areas.pathway_for(area.id)
    state = engine.answer(pathway, engine.answer(pathway, engine.start_state(pathway), "no"), "child")
    for step in pathway.steps.values():
        if step.kind == "outcome":
            card = summary_card(area, step, engine.route_taken(pathway, state), items(areas, step.contacts), NOW,
                                example=True)
            assert_valid_card(card)


def test_area_picker_and_contacts_cards_are_valid(areas):
    area = areas.get("example-borough")
    assert_valid_card(area_picker_card(list(areas.selectable()), "Which area?"))
    card = contacts_card(area, items(areas, ["borough-prevent-lead", "county-mash"]), NOW, example=True)
    assert_valid_card(card)
    assert card["actions"][1]["data"] == {"action": "command", "command": "change area"}


def test_the_contacts_card_ends_with_999_for_immediate_danger(areas):
    """A lone worker reaching for the contacts at night sees 999 too: after the contacts (asking who to call
    is not itself an emergency), as a line and a tap-to-call button."""
    card = contacts_card(areas.get("example-borough"), items(areas, ["borough-prevent-lead"]), NOW, example=True)
    texts = [block.get("text", "") for block in card["body"]]
    danger = next(i for i, text in enumerate(texts) if text.startswith("Call 999 now if anyone is in immediate danger"))
    assert danger > max(i for i, block in enumerate(card["body"]) if block["type"] == "Container")  # the contacts
    assert card["actions"][-1] == {"type": "Action.OpenUrl", "title": "Call 999", "url": "tel:999"}


@pytest.mark.parametrize(("contact_id", "line"), [
    ("police-on-call", "Open now (24 hours)"),
    ("county-edt", "Open now until Monday at 08:45"),
    ("borough-prevent-lead", "Closed now: opens Monday at 09:00"),
])
def test_status_line(areas, contact_id, line):
    assert status_line(items(areas, [contact_id])[0], NOW) == line
