"""The "contacts" flow: who to contact now in the user's area, and choosing (or changing) that area.

The bot starts it for "contacts", "who do I call?", "on call" and "out of hours" with options {}, and for
"change area" with {"change_area": True}. The user's area is remembered in the user profile under
`"area"` (an area id); with a single configured area it is chosen without asking. Contacts are resolved
at `UserInput.now` in Europe/London time: office hours, weekends and England and Wales bank holidays,
following each contact's out-of-hours route when it is closed. The area-picking helpers here are shared
with the referral flow.
"""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.cards.referral import area_picker_card, contact_sentence, contacts_card, example_notice
from bot.reply import Reply, Suggestion
from dialogs.flow import Turn, UserInput
from knowledge.area_model import Area
from knowledge.area_text import normalise
from knowledge.areas import AreaDirectory, ContactNow
from knowledge.opening_hours import describe_moment

PROFILE_AREA = "area"
AREA_PROMPT = "Which council area do you work in?"
_CANCEL_WORDS = {"cancel", "stop", "quit", "exit", "never mind", "nevermind", "forget it"}
_MAX_AREA_TRIES = 3


def current_area(areas: AreaDirectory, profile: Mapping[str, Any]) -> Area | None:
    """The user's remembered area if it is still configured, else the only area, else None."""
    remembered = areas.get(profile.get(PROFILE_AREA))
    if remembered is not None and areas.pathway_for(remembered.id):
        return remembered
    return areas.only_area()


def chosen_area(areas: AreaDirectory, user: UserInput) -> Area | None:
    """The area a user picked this turn: a card button ({"area": id}) or a typed name or alias."""
    value = user.value or {}
    if value.get("area"):
        picked = areas.get(str(value["area"]))
        return picked if picked in areas.selectable() else None
    return areas.find_area(user.text) if user.text.strip() else None


def is_cancel(user: UserInput) -> bool:
    """True when the user asked to stop (typed, or the Cancel button)."""
    value = user.value or {}
    return value.get("answer") == "cancel" or normalise(user.text) in _CANCEL_WORDS


def ask_area(areas: AreaDirectory, state: dict, prompt: str = AREA_PROMPT) -> Turn:
    """A turn asking the user to pick their area (state keeps stage "area")."""
    card = area_picker_card(list(areas.selectable()), prompt)
    return Turn(state={**state, "stage": "area"}, replies=(Reply(cards=(card,), summary=prompt),))


def remember_area(profile: Mapping[str, Any], area: Area) -> dict:
    """The profile with the chosen area recorded."""
    return {**profile, PROFILE_AREA: area.id}


def contacts_now(areas: AreaDirectory, area: Area, now: datetime) -> list[ContactNow]:
    """The area's key contacts with their status at `now` and out-of-hours routes."""
    return [areas.contact_now(area.id, contact, now) for contact in areas.key_contacts(area.id)]


def contacts_reply(areas: AreaDirectory, area: Area, now: datetime) -> Reply:
    """Who to contact now, in plain sentences ("It's 22:10 on Saturday: ... is closed ...") and a card."""
    items = contacts_now(areas, area, now)
    example = areas.is_example(area.id)
    sentences = [contact_sentence(item, now) for item in items]
    text = f"It's {describe_moment(now)}: " + " ".join(sentences)
    if example:
        text += "\n\n" + example_notice(area)
    card = contacts_card(area, items, now, example=example)
    return Reply(text=text, cards=(card,), summary=f"Who to contact now: {area.name}",
                 suggestions=(Suggestion("Make a referral", "referral"), Suggestion("Change area", "change area")))


class ContactsFlow:
    """Who to contact now; asks for the user's area first when it isn't known (or on "change area")."""

    name = "contacts"

    def __init__(self, areas: AreaDirectory):
        self.areas = areas

    def start(self, options: Mapping[str, Any], user: UserInput) -> Turn:
        """Show the contacts now, or ask for the area first ({"change_area": True} always asks)."""
        area = current_area(self.areas, user.profile)
        if options.get("change_area") and len(self.areas.selectable()) > 1:
            return ask_area(self.areas, {"tries": 0}, "Which council area do you work in now?")
        if area is None:
            return ask_area(self.areas, {"tries": 0})
        replies: tuple[Reply, ...] = (contacts_reply(self.areas, area, user.now),)
        if options.get("change_area"):
            replies = (Reply(text=f"{area.name} is the only area configured, so I'll use it."), *replies)
        return Turn(state=None, replies=replies)

    def resume(self, state: dict, user: UserInput) -> Turn:
        """Take the user's area choice and show the contacts."""
        if is_cancel(user):
            return Turn(state=None, replies=(Reply(text="OK, I haven't changed anything."),))
        if (user.value or {}).get("reprompt"):
            return ask_area(self.areas, state)
        area = chosen_area(self.areas, user)
        if area is None:
            tries = int(state.get("tries", 0)) + 1
            if tries >= _MAX_AREA_TRIES:
                return Turn(state=None, replies=(Reply(text="I couldn't match that to an area, so I've stopped. "
                                                            "Say \"change area\" to try again."),))
            return ask_area(self.areas, {**state, "tries": tries},
                            "I couldn't match that to an area. Which council area do you work in?")
        replies = (Reply(text=f"Got it: your area is {area.name}. Say \"change area\" to switch."),
                   contacts_reply(self.areas, area, user.now))
        return Turn(state=None, replies=replies, profile=remember_area(user.profile, area))
