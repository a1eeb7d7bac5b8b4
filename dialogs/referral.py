"""The "referral" flow: a walk-through of the local referral pathway (Notice, Check, Share).

Started by "referral", "I'm worried about someone" and "how do I make a Prevent referral?" with options {} (or
{"area": id} to use an area without asking), and by a message voicing a worry about someone and asking what to
do (`knowledge.concern.is_concern`) with {"concern": True}, which opens with a line saying why. It picks the user's
area (remembered in the profile under "area"; asked once when more than one area is configured), then walks
the area's pathway with `dialogs.pathway_engine`: the emergency gate first (yes: the emergency card and stop),
who the concern is about, the check with a lead, how to share, and what happens next, ending with a summary
card. Each step takes card buttons ({"action": "flow", "answer": id}) or typed answers, plus back, start again
and cancel.

State is a plain dict: {"stage": "walk", "area": id, "version": stamp, "step": id, "history": [...]}. If
the area's content changed since the walk-through started, it restarts politely from the beginning.
"""

from collections.abc import Mapping
from typing import Any

from bot.cards.referral import step_card, summary_card
from bot.cards.safety import emergency_replies
from bot.reply import Reply
from dialogs import pathway_engine as engine
from dialogs.contacts import ask_area, chosen_area, current_area, is_cancel, remember_area
from dialogs.flow import Turn, UserInput
from knowledge.area_model import Area, Pathway
from knowledge.areas import AreaDirectory

CANCELLED = "OK, I've stopped the referral walk-through. Say \"referral\" to start again at any time."
RESTARTED = "The referral guidance for {name} was updated while we were talking, so let's start again."
NOT_UNDERSTOOD = "Sorry, I didn't catch that. Tap a button or type one of: {options}. You can also say back, " \
                 "start again or cancel."
STALE_BUTTON = "That button belongs to an earlier question. Here is where we are now:"
CONCERN_INTRO = "It sounds like you're worried about someone. Let's go through how to raise it, step by step."


class ReferralFlow:
    """The referral walk-through over an area's pathway (plain-dict state, no SDK)."""

    name = "referral"

    def __init__(self, areas: AreaDirectory):
        self.areas = areas

    def start(self, options: Mapping[str, Any], user: UserInput) -> Turn:
        """Begin at the emergency gate, asking for the user's area first if it isn't known."""
        area = self.areas.get(options.get("area")) or current_area(self.areas, user.profile)
        intro = CONCERN_INTRO if options.get("concern") else ""
        after = bool(options.get("after_referral"))
        if area is None or not self.areas.pathway_for(area.id):
            prompt = "Which council area do you work in? The referral route depends on it."
            return ask_area(self.areas, {"tries": 0, "after_referral": after}, f"{intro} {prompt}" if intro else prompt)
        return self._begin(area, user, intro=intro, after_referral=after)

    def resume(self, state: dict, user: UserInput) -> Turn:
        """Move the walk-through on by one answer, control or re-prompt."""
        if state.get("stage") == "area":
            return self._resume_area(state, user)
        area = self.areas.get(state.get("area"))
        if area is None or not self.areas.pathway_for(area.id):
            return ask_area(self.areas, {"tries": 0}, "Your area's settings have changed. Which council area "
                                                       "do you work in?")
        if state.get("version") != self.areas.content_version(area.id):
            return self._begin(area, user, intro=RESTARTED.format(name=area.name))
        pathway = self.areas.pathway_for(area.id)
        assert pathway is not None
        value = user.value or {}
        try:
            step = engine.current_step(pathway, state)
            if value.get("reprompt"):
                return self._show(area, state, user)
            answer = str(value["answer"]) if value.get("answer") else None
            pressed_on = value.get("step")
            if answer and isinstance(pressed_on, str) and pressed_on != step.id:
                return self._older_button(area, pathway, state, user, pressed_on, answer)
            if answer is None:
                reading = engine.interpret(pathway, step, user.text)
                answer = reading.control or reading.option
            if answer is None:
                labels = " / ".join(o.label for o in step.options)
                return self._show(area, state, user, intro=NOT_UNDERSTOOD.format(options=labels))
            if answer == "cancel":
                return Turn(state=None, replies=(Reply(text=CANCELLED),))
            if answer == "restart":
                return self._begin(area, user)
            if answer == "back":
                return self._show(area, {**state, **engine.back(pathway, state)}, user)
            if step.option(answer) is None:
                return self._show(area, state, user, intro=STALE_BUTTON)
            return self._show(area, {**state, **engine.answer(pathway, state, answer)}, user)
        except engine.PathwayStateError:
            return self._begin(area, user, intro=RESTARTED.format(name=area.name))

    def _older_button(self, area: Area, pathway: Pathway, state: dict, user: UserInput, step_id: str,
                      answer: str) -> Turn:
        """A button from an earlier card: an emergency answer still gets the emergency card (safety
        first); anything else re-shows where the walk-through is now."""
        earlier = pathway.steps.get(step_id)
        option = earlier.option(answer) if earlier is not None and earlier.kind == "question" else None
        target = pathway.steps.get(option.next) if option is not None else None
        if target is not None and target.kind == "outcome" and target.emergency:
            return Turn(state=state, replies=tuple(emergency_replies(None, resume_available=True)))
        return self._show(area, state, user, intro=STALE_BUTTON)

    def _resume_area(self, state: dict, user: UserInput) -> Turn:
        if is_cancel(user):
            return Turn(state=None, replies=(Reply(text=CANCELLED),))
        if (user.value or {}).get("reprompt"):
            return ask_area(self.areas, state)
        area = chosen_area(self.areas, user)
        if area is None:
            tries = int(state.get("tries", 0)) + 1
            if tries >= 3:
                return Turn(state=None, replies=(Reply(text="I couldn't match that to an area, so I've stopped. "
                                                            "Say \"change area\" to pick one."),))
            return ask_area(self.areas, {**state, "tries": tries},
                            "I couldn't match that to an area. Which council area do you work in?")
        turn = self._begin(area, user, intro=f"Your area is {area.name}. Say \"change area\" to switch.",
                           after_referral=bool(state.get("after_referral")))
        return Turn(state=turn.state, replies=turn.replies, profile=remember_area(user.profile, area))

    def _begin(self, area: Area, user: UserInput, intro: str = "", after_referral: bool = False) -> Turn:
        """The walk-through from its first step, or (for "what happens after a referral?") the area's outcome
        step saying what happens next, when its pathway names one."""
        pathway = self.areas.pathway_for(area.id)
        assert pathway is not None
        at = (engine.after_referral_state(pathway) if after_referral else None) or engine.start_state(pathway)
        state = {"stage": "walk", "area": area.id, "version": self.areas.content_version(area.id), **at}
        return self._show(area, state, user, intro=intro)

    def _show(self, area: Area, state: dict, user: UserInput, intro: str = "") -> Turn:
        """Render the current step: a question card, the emergency card, or the summary at an outcome."""
        pathway = self.areas.pathway_for(area.id)
        assert pathway is not None
        step = engine.current_step(pathway, state)
        example = self.areas.is_example(area.id)
        if step.kind == "outcome" and step.emergency:
            return Turn(state=None, replies=tuple(emergency_replies(None, resume_available=False)))
        if step.kind == "outcome":
            contacts = [self._contact_now(area, cid, user) for cid in engine.contacts_on_route(pathway, state)]
            card = summary_card(area, step, engine.route_taken(pathway, state), contacts, user.now,
                                example=example)
            return Turn(state=None, replies=(Reply(text=intro, cards=(card,), summary=step.title),))
        contacts = [self._contact_now(area, cid, user) for cid in step.contacts]
        card = step_card(area, step, contacts, user.now, can_go_back=bool(state.get("history")),
                         example=example, intro=intro)
        return Turn(state=state, replies=(Reply(cards=(card,), summary=step.title),))

    def _contact_now(self, area: Area, contact_id: str, user: UserInput):
        return self.areas.contact_now(area.id, self.areas.contact(area.id, contact_id), user.now)
