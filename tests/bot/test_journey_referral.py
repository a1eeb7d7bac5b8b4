"""The referral walk-through and "who do I contact now?" end to end over HTTP, as a new user meets them.

Each test drives the real aiohttp app (create_app) through the loopback Bot Connector, as Teams does, and
the button journeys again through deliveryMode expectReplies. Buttons are pressed by reading the
Action.Submit data from the card the bot actually sent and posting it as `value` with no text. Every
card received is checked against the Adaptive Card 1.5 schema (tests.helpers.journeys.Journey).
Contact times are judged in Europe/London from an injected UTC clock.
"""

from datetime import UTC, datetime

import pytest

from tests.helpers.channel import TeamsClient, all_text
from tests.helpers.journeys import (
    FixedClock,
    Journey,
    find_submits,
    newest_card,
    open_urls,
    share_knowledge_base,
)

WEDNESDAY_10AM_BST = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)  # 10:00 in London (BST)
EXAMPLE_NOTICE = "Example contacts: Example Borough Council is made-up sample content."
PREVENT_LEAD = "Example Borough Council Prevent lead"
GATE = "First: is this an emergency?"
WHO = "Who is the concern about?"
CHECK = "Check: have you talked it through with your lead?"
TALK = "Talk it through with your safeguarding or Prevent lead"
REMAINS = "Does the concern remain?"
NEXT = "What happens next"
CANCELLED = "OK, I've stopped the referral walk-through."


@pytest.fixture(autouse=True)
def _one_knowledge_base(monkeypatch):
    share_knowledge_base(monkeypatch)


@pytest.fixture
async def referral_bot(start_bot, settings):
    return await start_bot(settings, clock=FixedClock(WEDNESDAY_10AM_BST))


@pytest.fixture
def journey(referral_bot, session, connector) -> Journey:
    """A new user in personal chat; replies reach the loopback connector, as in Teams."""
    return Journey(TeamsClient(referral_bot.url, session, connector))


@pytest.fixture(params=["loopback", "expect_replies"])
def either_journey(request, referral_bot, session, connector) -> Journey:
    """The same, and again with deliveryMode expectReplies (replies in the HTTP response)."""
    return Journey(TeamsClient(referral_bot.url, session, connector if request.param == "loopback" else None))


def title_of(replies: list[dict]) -> str:
    """The bold title of the newest card (the step's title)."""
    card = newest_card(replies)
    return next(b["text"] for b in card["body"] if b.get("type") == "TextBlock" and b.get("size") == "Medium")


def route_facts(replies: list[dict]) -> dict[str, str]:
    """The "Your route" FactSet of a summary card."""
    card = newest_card(replies)
    fact_sets = [b for b in card["body"] if b.get("type") == "FactSet"]
    assert len(fact_sets) == 1, "the summary card shows the route taken as one FactSet"
    return {fact["title"]: fact["value"] for fact in fact_sets[0]["facts"]}


# -- button journeys --------------------------------------------------------------------------------

ROUTES = {
    "child": ("A child \\(under 18\\)", "Share: refer to the police Prevent team and the MASH",
              ["Example County Children's Services front door (MASH)"], "tel:+441632960200", "mailto:mash@example.org"),
    "adult": ("An adult \\(18 or over\\)", "Share: refer to the police Prevent team",
              ["Example County Adult Social Care front door"], "tel:+441632960210", "mailto:adults@example.org"),
    "adult_with_children": ("An adult living with children",
                            "Share: the police Prevent team, and the MASH for the children",
                            ["Example County Children's Services front door (MASH)"], "tel:+441632960200",
                            "mailto:mash@example.org"),
}


@pytest.mark.parametrize("who", list(ROUTES))
async def test_walk_through_by_buttons_ends_with_a_summary_to_act_on(either_journey, who):
    journey = either_journey
    button, share_title, route_contacts, route_tel, route_mail = ROUTES[who]
    replies = await journey.say("referral")
    assert title_of(replies) == GATE
    assert "Back" not in journey.buttons(), "nothing to go back to at the first step"
    assert {"Yes", "No", "Not sure", "Start again", "Cancel"} <= set(journey.buttons())

    assert title_of(await journey.click("No")) == WHO
    assert title_of(await journey.click(button)) == CHECK
    assert title_of(await journey.click("Yes")) == REMAINS
    replies = await journey.click("Yes")
    assert title_of(replies) == share_title
    share_text = all_text(replies)
    for contact in ("Example Police Prevent team (Counter Terrorism Policing)", *route_contacts):
        assert contact in share_text
    assert "Open now until 17:00" in share_text

    replies = await journey.click("What happens next\\?")
    assert title_of(replies) == NEXT
    text = all_text(replies)
    assert "Channel" in text and "voluntary" in text
    facts = route_facts(replies)
    assert facts["Emergency"] == "No"
    assert facts["About"] == button.replace("\\", "")
    assert facts["Discussed with a lead"] == "Yes"
    assert "Contacts in Example Borough Council (it's 10:00 on Wednesday)" in text
    for contact in (PREVENT_LEAD, "Example Police Prevent team (Counter Terrorism Policing)", *route_contacts):
        assert contact in text
    urls = open_urls(replies)
    assert {"tel:+441632960100", "tel:+441632960300", route_tel} <= set(urls)
    assert {"mailto:prevent@example.org", "mailto:prevent.referrals@example.org", route_mail} <= set(urls)
    assert EXAMPLE_NOTICE in text and "reach no one" in text
    assert journey.buttons() == ["Start again"]

    replies = await journey.click("Start again")
    assert title_of(replies) == GATE, "the summary's Start again begins a new walk-through"


async def test_every_card_on_the_walk_through_is_valid_and_says_contacts_are_examples(journey):
    await journey.say("I'm worried about someone")
    steps = [("No", WHO), ("An adult living with children", CHECK), ("No", TALK),
             ("I've talked to them", REMAINS), ("Yes", None), ("What happens next\\?", NEXT)]
    for button, expected in steps:
        replies = await journey.click(button)
        if expected:
            assert title_of(replies) == expected
        assert EXAMPLE_NOTICE in all_text(replies), f"the card after {button!r} must say contacts are examples"
    assert journey.cards_seen == len(steps) + 1


async def test_talk_to_lead_step_shows_who_is_open_now_with_tap_to_call(journey):
    await journey.say("referral")
    await journey.click("No")
    await journey.click("A child.*")
    replies = await journey.click("Not sure who that is")
    assert title_of(replies) == TALK
    text = all_text(replies)
    assert "Example Borough Council Designated Safeguarding Lead" in text
    assert PREVENT_LEAD in text
    assert "Open now until 17:30" in text and "Open now until 17:00" in text
    assert {"tel:+441632960110", "tel:+441632960100", "mailto:safeguarding@example.org"} <= set(open_urls(replies))

    replies = await journey.click("I can't reach anyone")
    assert title_of(replies) == "If you can't reach your lead"
    assert "Example County Emergency Duty Team" in all_text(replies)
    assert "tel:101" in open_urls(replies)


# -- typed answers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("answers", "outcome", "about"), [
    (["no", "he's 15", "yep", "yep", "what happens next"], NEXT, "A child (under 18)"),
    (["nope", "under 18", "not sure", "done", "yes", "next"], NEXT, "A child (under 18)"),
    (["no", "an adult", "yes", "not sure"], "Ask for advice before deciding", "An adult (18 or over)"),
    (["no", "she's 42", "yeah", "no"], "No Prevent referral for now", "An adult (18 or over)"),
    (["not an emergency", "parent", "yes", "yes", "ok"], NEXT, "An adult living with children"),
], ids=["child-aged-15", "under-18-not-sure", "adult-not-sure", "adult-aged-42-resolved", "parent"])
async def test_typed_answers_walk_the_same_pathway(journey, answers, outcome, about):
    await journey.say("how do I make a Prevent referral?")
    assert title_of(journey.last) == GATE
    for answer in answers:
        replies = await journey.say(answer)
        assert "Sorry, I didn't catch that" not in all_text(replies), f"{answer!r} was not understood"
    assert title_of(journey.last) == outcome
    assert route_facts(journey.last)["About"] == about
    assert EXAMPLE_NOTICE in journey.text


@pytest.mark.parametrize(("typed", "about"), [
    ("she is 17", "A child (under 18)"),
    ("year 9 pupil", "A child (under 18)"),
    ("he's 18", "An adult (18 or over)"),
    ("my colleague", "An adult (18 or over)"),
    ("a mum of two", "An adult living with children"),
    ("a dad in his 30s", "An adult living with children"),
    ("they're 40 and have kids", "An adult living with children"),
])
async def test_who_the_concern_is_about_can_be_typed(journey, typed, about):
    await journey.say("referral")
    await journey.say("no")
    await journey.say(typed)
    await journey.say("yes")
    replies = await journey.say("no")
    assert title_of(replies) == "No Prevent referral for now"
    assert route_facts(replies)["About"] == about


async def test_an_answer_it_cannot_read_re_asks_the_same_step_with_the_options(journey):
    await journey.say("referral")
    await journey.say("no")
    replies = await journey.say("it's complicated")
    text = all_text(replies)
    assert "Sorry, I didn't catch that" in text
    assert "A child (under 18) / An adult (18 or over) / An adult living with children" in text
    assert title_of(replies) == WHO


# -- back, start again, cancel, stale buttons -------------------------------------------------------


async def test_back_changes_an_answer_and_the_summary_shows_the_corrected_route(journey):
    await journey.say("referral")
    await journey.click("No")
    await journey.click("A child.*")
    assert title_of(await journey.click("Back")) == WHO
    assert title_of(await journey.say("go back")) == GATE
    assert "Back" not in journey.buttons()
    await journey.say("no")
    await journey.click("An adult \\(18 or over\\)")
    await journey.say("yes")
    await journey.say("yes")
    replies = await journey.click("What happens next\\?")
    assert route_facts(replies)["About"] == "An adult (18 or over)"
    assert "Adult Social Care" in all_text(replies)


@pytest.mark.parametrize("how", ["button", "typed"])
async def test_start_again_returns_to_the_emergency_gate(journey, how):
    await journey.say("referral")
    await journey.say("no")
    await journey.say("child")
    replies = await (journey.click("Start again") if how == "button" else journey.say("start again"))
    assert title_of(replies) == GATE
    assert "Back" not in journey.buttons(), "start again forgets the earlier answers"
    replies = await journey.say("no")
    assert title_of(replies) == WHO


@pytest.mark.parametrize("how", ["button", "typed", "typed stop"])
async def test_cancel_stops_the_walk_through(journey, how):
    await journey.say("referral")
    await journey.say("no")
    old = journey.last
    if how == "button":
        replies = await journey.click("Cancel")
    else:
        replies = await journey.say("cancel" if how == "typed" else "stop")
    assert CANCELLED in all_text(replies)
    assert not replies[0].get("attachments")

    replies = await journey.submit(next(data for title, data in find_submits(old) if title.startswith("A child")))
    assert "already finished" in all_text(replies), "a button from the cancelled walk-through does nothing"
    replies = await journey.say("cancel")
    assert "There's nothing to cancel." in all_text(replies)


async def test_a_button_from_a_card_two_steps_back_is_refused(journey):
    who = await journey.say("referral")
    await journey.click("No")
    who = journey.last
    await journey.click("A child.*")
    replies = await journey.submit(next(data for title, data in find_submits(who) if title.startswith("An adult")))
    assert "That button belongs to an earlier question" in all_text(replies)
    assert title_of(replies) == CHECK, "the walk-through stays where it was"


async def test_yes_on_the_old_emergency_gate_card_is_not_taken_as_an_answer_to_a_later_step(journey):
    gate = await journey.say("referral")
    await journey.click("No")
    await journey.click("A child.*")
    replies = await journey.submit(next(data for title, data in find_submits(gate) if title == "Yes"))
    text = all_text(replies)
    assert REMAINS not in text, "the walk-through must not move on by a button from another question"
    assert "That button belongs to an earlier question" in text or text.startswith("Call 999")


# -- the emergency gate -----------------------------------------------------------------------------


@pytest.mark.parametrize(("how", "answer"), [
    ("typed", "yes"), ("typed", "yep"), ("typed", "not sure"), ("button", "Yes"), ("button", "Not sure"),
])
async def test_emergency_gate_gives_999_first_and_stops(either_journey, how, answer):
    journey = either_journey
    await journey.say("referral")
    replies = await (journey.click(answer) if how == "button" else journey.say(answer))
    assert replies, "the emergency guidance is sent"
    assert replies[0]["text"].startswith("Call 999 now"), replies[0].get("text")
    assert "tel:999" in open_urls(replies)
    assert "Anti-Terrorist Hotline" in all_text(replies)
    assert "Carry on where I was" not in all_text(replies), "the walk-through has ended: nothing to carry on"

    replies = await journey.say("no")
    assert WHO not in all_text(replies), "after the emergency card the walk-through has stopped"


async def test_an_emergency_typed_mid_walk_through_comes_first_and_then_carries_on(journey):
    await journey.say("referral")
    await journey.say("no")
    replies = await journey.say("a pupil says he has a knife in his bag and will stab someone at lunch")
    assert replies[0]["text"].startswith("Call 999 now")
    replies = await journey.click("Carry on where I was")
    assert title_of(replies) == WHO, "carrying on re-asks the step the user was on"
    assert title_of(await journey.say("child")) == CHECK


# -- who do I contact now? --------------------------------------------------------------------------

DSL = "Example Borough Council Designated Safeguarding Lead"
LEAD_OPEN = f"{PREVENT_LEAD}: open now until {{until}}, 01632 960 100."
LEAD_CLOSED = f"{PREVENT_LEAD} is closed. Out of hours, use Police on-call Prevent officer on 101."
DSL_OPEN = f"{DSL}: open now until 17:30, 01632 960 110."
DSL_CLOSED = f"{DSL} is closed. Out of hours, use Example County Emergency Duty Team on 01632 960 299."

MOMENTS = [
    # (UTC moment, London time as the bot should say it, Prevent lead open until (None: closed), DSL open?)
    (datetime(2026, 7, 1, 9, 0, tzinfo=UTC), "10:00 on Wednesday", "17:00", True),
    (datetime(2026, 1, 14, 10, 0, tzinfo=UTC), "10:00 on Wednesday", "17:00", True),
    (datetime(2026, 7, 1, 8, 30, tzinfo=UTC), "09:30 on Wednesday", "17:00", True),
    (datetime(2026, 7, 1, 16, 30, tzinfo=UTC), "17:30 on Wednesday", None, False),
    (datetime(2026, 7, 3, 15, 45, tzinfo=UTC), "16:45 on Friday", None, True),
    (datetime(2026, 7, 1, 17, 30, tzinfo=UTC), "18:30 on Wednesday", None, False),
    (datetime(2026, 1, 14, 18, 30, tzinfo=UTC), "18:30 on Wednesday", None, False),
    (datetime(2026, 7, 4, 21, 10, tzinfo=UTC), "22:10 on Saturday", None, False),
    (datetime(2026, 4, 3, 9, 0, tzinfo=UTC), "10:00 on Friday 3 April (Good Friday, a bank holiday)", None, False),
    (datetime(2026, 12, 25, 10, 0, tzinfo=UTC), "10:00 on Friday 25 December (Christmas Day, a bank holiday)",
     None, False),
    (datetime(2026, 12, 28, 10, 0, tzinfo=UTC),
     "10:00 on Monday 28 December (Boxing Day (observed), a bank holiday)", None, False),
]


@pytest.mark.parametrize(("moment", "london", "lead_until", "dsl_open"), MOMENTS,
                         ids=["wed-10-bst", "wed-10-gmt", "wed-0930-bst", "wed-1730-bst", "fri-1645-bst",
                              "wed-1830-bst", "wed-1830-gmt", "sat-2210", "good-friday", "christmas",
                              "boxing-day-substitute"])
async def test_who_to_contact_now_follows_london_office_hours(start_bot, settings, session, connector,
                                                              moment, london, lead_until, dsl_open):
    bot = await start_bot(settings, clock=FixedClock(moment))
    for number, phrase in enumerate(("who do I call?", "contacts", "out of hours")):
        journey = Journey(TeamsClient(bot.url, session, connector, conversation_id=f"a:contacts-{number}"))
        replies = await journey.say(phrase)
        said = replies[0]["text"]
        assert said.startswith(f"It's {london}:"), said
        card_text = all_text([{"attachments": replies[0]["attachments"]}])
        assert "Who to contact now: Example Borough Council" in card_text
        assert f"It's {london}." in card_text
        assert EXAMPLE_NOTICE in said and EXAMPLE_NOTICE in card_text
        assert (DSL_OPEN if dsl_open else DSL_CLOSED) in said, f"{phrase!r} at {london}: {said}"
        if lead_until:
            assert LEAD_OPEN.format(until=lead_until) in said, f"{phrase!r} at {london}: {said}"
            assert "01632 960 100 · Open now until 17:00" in card_text
        else:
            assert LEAD_CLOSED in said, f"{phrase!r} at {london}: {said}"
            assert "Closed now. Out of hours, use:" in card_text
            assert "Police on-call Prevent officer" in card_text and "Open now (24 hours)" in card_text
            assert "tel:101" in open_urls(replies)
        if "bank holiday" in london:
            assert "Closed now (" in card_text and "a bank holiday)" in card_text
        assert {"tel:+441632960100", "mailto:prevent@example.org"} <= set(open_urls(replies))


async def test_contacts_card_buttons_start_a_referral(journey):
    await journey.say("who should I contact")
    replies = await journey.click("Make a referral")
    assert title_of(replies) == GATE


async def test_asking_for_a_phone_number_gets_the_contacts_card_not_a_passage(journey):
    """The guidance holds no team's phone number; the area's contacts do."""
    replies = await journey.say("What's the phone number for the police Prevent team?")
    card_text = all_text([{"attachments": replies[0]["attachments"]}])
    assert "Who to contact now: Example Borough Council" in card_text
    assert "Example Police Prevent team (Counter Terrorism Policing)" in card_text
    assert not any(e.get("citation") for r in replies for e in r.get("entities") or [])


async def test_a_worried_message_asking_what_to_do_gets_the_walk_through_not_a_passage(either_journey):
    replies = await either_journey.say("A pupil in my class keeps watching extremist videos, what should I do?")
    text = all_text(replies)
    assert title_of(replies) == GATE
    assert text.index("It sounds like you're worried about someone") < text.index(GATE)
    assert "999" not in text[:400]  # worry is not an emergency: the gate asks, and 999 follows a Yes
    assert not any(e.get("type") == "https://schema.org/Message" for r in replies for e in r.get("entities") or [])
    replies = await either_journey.click("Yes")
    assert all_text(replies).startswith("Call 999 now")


async def test_the_emergency_card_leads_on_to_the_walk_through_when_it_is_not_an_emergency(journey):
    replies = await journey.say("a lad in my class said he'd shoot up the school")
    assert all_text(replies).startswith("Call 999 now")
    replies = await journey.click("Not an emergency: raise a concern")
    assert title_of(replies) == GATE


async def test_a_worried_answer_typed_inside_the_walk_through_moves_it_on_not_back_to_the_start(journey):
    await journey.say("referral")
    replies = await journey.say("no, but he keeps talking about isis")
    assert title_of(replies) == WHO
    assert "It sounds like you're worried" not in all_text(replies)
