"""Cards for the referral walk-through and "who do I contact now?": pure functions from data to dicts.

A step card shows the question, its buttons ({"action": "flow", "answer": <option id>}) and the controls
Back, Start again and Cancel (answers "back", "restart", "cancel"). Contacts are shown with their status
at the given moment and tap-to-call `tel:` / `mailto:` buttons (Action.OpenUrl); a closed contact shows
its out-of-hours route. Cards for an example area say, every time, that its contacts are examples.
"""

from datetime import datetime

from bot.cards.common import adaptive_card, open_url, submit, text_block
from bot.reply import Reply
from knowledge.area_model import Area, Contact, Option, Step, dial_url
from knowledge.areas import ContactNow
from knowledge.emergency_card import emergency_wording
from knowledge.opening_hours import describe, describe_moment, describe_when, status

EXAMPLE_NOTICE = (
    "Example contacts: {name} is made-up sample content. These numbers and addresses reach no one until "
    "your council configures its own."
)
CONTROLS = (("Back", "back"), ("Start again", "restart"), ("Cancel", "cancel"))


def flow_answer(answer: str, step_id: str | None = None) -> dict:
    """The submit data for an answer; the step id lets the flow spot a button pressed on an older card."""
    data = {"action": "flow", "answer": answer}
    if step_id:
        data["step"] = step_id
    return data


def example_notice(area: Area) -> str:
    """The sentence every message built from example contacts carries."""
    return EXAMPLE_NOTICE.format(name=area.name)


def status_line(item: ContactNow, now: datetime) -> str:
    """Whether the contact is open now, in words: "Open now until 17:00", "Closed: opens Monday at 09:00"."""
    state = item.status
    if state.is_open:
        if state.until is None:
            return "Open now (24 hours)"
        return f"Open now until {describe_when(state.until, now)}"
    reason = f" ({state.bank_holiday}, a bank holiday)" if state.bank_holiday else ""
    when = f": opens {describe_when(state.next_open, now)}" if state.next_open else ""
    return f"Closed now{reason}{when}"


def contact_sentence(item: ContactNow, now: datetime) -> str:
    """One plain sentence about a contact now, naming the out-of-hours route when it is closed."""
    contact = item.contact
    if item.status.is_open:
        reach = contact.phone or contact.email or contact.web_form or ""
        return f"{contact.team}: {status_line(item, now).lower()}, {reach}."
    sentence = f"{contact.team} is closed"
    if item.fallback:
        fallback = item.fallback.contact
        sentence += f". Out of hours, use {fallback.team}" + (f" on {fallback.phone}" if fallback.phone else "")
        return sentence + "." + (f" {fallback.note}" if fallback.note else "")
    if item.status.next_open:
        sentence += f" (it opens {describe_when(item.status.next_open, now)})"
    return sentence + "."


def contact_blocks(item: ContactNow, now: datetime) -> list[dict]:
    """Card elements for one contact: name, role, hours, status now, buttons; and its out-of-hours route."""
    contact = item.contact
    lines = [text_block(f"**{contact.team}**", spacing="Medium")]
    if contact.role:
        lines.append(text_block(contact.role, is_subtle=True, spacing="None"))
    details = [status_line(item, now), describe(contact.hours)]
    if contact.phone:
        details.insert(0, contact.phone + (f" (textphone {contact.textphone})" if contact.textphone else ""))
    lines.append(text_block(" · ".join(details), spacing="None",
                            color="Good" if item.status.is_open else "Warning"))
    if contact.note:
        lines.append(text_block(contact.note, spacing="None"))
    buttons = _contact_buttons(contact)
    if buttons:
        lines.append({"type": "ActionSet", "actions": buttons})
    if item.fallback:
        lines.append(text_block("Closed now. Out of hours, use:", weight="Bolder", spacing="Small"))
        lines.extend(contact_blocks(item.fallback, now))
    return [{"type": "Container", "items": lines}]


def _contact_buttons(contact) -> list[dict]:
    buttons = []
    if contact.phone:
        buttons.append(open_url(f"Call {contact.phone}", dial_url(contact.phone)))
    if contact.email:
        buttons.append(open_url("Email", f"mailto:{contact.email}"))
    if contact.web_form:
        buttons.append(open_url("Web form", contact.web_form))
    return buttons


def step_card(area: Area, step: Step, contacts: list[ContactNow], now: datetime, *,
              can_go_back: bool, example: bool, intro: str = "") -> dict:
    """A question step: title, text, bullets, contacts with status now, option buttons and controls."""
    body = []
    if intro:
        body.append(text_block(intro, is_subtle=True))
    body.append(text_block(step.title, weight="Bolder", size="Medium"))
    if step.text:
        body.append(text_block(step.text))
    body.extend(text_block(f"- {bullet}", spacing="Small") for bullet in step.bullets)
    for item in contacts:
        body.extend(contact_blocks(item, now))
    if example:
        body.append(text_block(example_notice(area), is_subtle=True, size="Small"))
    body.append({"type": "ActionSet",
                 "actions": [submit(o.label, flow_answer(o.id, step.id), style="positive" if i == 0 else None)
                             for i, o in enumerate(step.options)]})
    controls = [submit(title, flow_answer(answer)) for title, answer in CONTROLS
                if answer != "back" or can_go_back]
    fallback = f"{step.title} " + " / ".join(o.label for o in step.options)
    return adaptive_card(body, controls, fallback=fallback)


def summary_card(area: Area, outcome: Step, route: list[tuple[Step, Option]], contacts: list[ContactNow],
                 now: datetime, *, example: bool) -> dict:
    """The end of the walk-through: what happens now, the route taken, and the contacts with status now."""
    body = [text_block(outcome.title, weight="Bolder", size="Medium")]
    if outcome.text:
        body.append(text_block(outcome.text))
    body.extend(text_block(f"- {action}", spacing="Small") for action in outcome.actions)
    if route:
        body.append(text_block("Your route", weight="Bolder", spacing="Medium"))
        body.append({"type": "FactSet", "facts": [{"title": step.short or step.title, "value": option.label}
                                                  for step, option in route]})
    body.append(text_block(f"Contacts in {area.name} (it's {describe_moment(now)})", weight="Bolder",
                           spacing="Medium"))
    for item in contacts:
        body.extend(contact_blocks(item, now))
    if example:
        body.append(text_block(example_notice(area), is_subtle=True, size="Small"))
    return adaptive_card(body, [submit("Start again", {"action": "command", "command": "referral"})],
                         fallback=outcome.title)


def area_picker_card(areas: list[Area], prompt: str) -> dict:
    """Ask which council area the user works in, with a button per area (answer {"area": id})."""
    body = [text_block(prompt, weight="Bolder"),
            text_block("Tap your area, or type its name. Say \"change area\" later to switch.", is_subtle=True)]
    body.append({"type": "ActionSet",
                 "actions": [submit(a.name, {"action": "flow", "area": a.id}) for a in areas[:6]]})
    return adaptive_card(body, [submit("Cancel", flow_answer("cancel"))], fallback=prompt)


def contacts_card(area: Area, contacts: list[ContactNow], now: datetime, *, example: bool) -> dict:
    """"Who do I contact now?": each key contact with its status and out-of-hours route, then 999."""
    body = [text_block(f"Who to contact now: {area.name}", weight="Bolder", size="Medium"),
            text_block(f"It's {describe_moment(now)}.", is_subtle=True)]
    for item in contacts:
        body.extend(contact_blocks(item, now))
    emergency = emergency_wording()
    body.append(text_block(emergency.first_line, weight="Bolder", color="Attention", spacing="Medium"))
    if example:
        body.append(text_block(example_notice(area), is_subtle=True, size="Small"))
    actions = [submit("Make a referral", {"action": "command", "command": "referral"}),
               submit("Change area", {"action": "command", "command": "change area"}),
               open_url(emergency.call_emergency, dial_url(emergency.emergency_phone))]
    return adaptive_card(body, actions, fallback=f"Who to contact now: {area.name}")


def national_contact_reply(contact: Contact, now: datetime) -> Reply:
    """A national contact asked for by name ("anti-terrorist hotline number"): how to reach it and whether it is
    open now, then 999 for danger (unless that is the contact) and the local routes for a worry about someone."""
    item = ContactNow(contact, status(contact.hours, now))
    body = [*contact_blocks(item, now)]
    emergency = emergency_wording()
    if contact.phone != emergency.emergency_phone:
        body.append(text_block(emergency.first_line, weight="Bolder", color="Attention", spacing="Medium"))
    body.append(text_block("A worry that someone is being drawn into terrorism goes through your local referral "
                           "route: see who to contact now, or make a referral.", is_subtle=True, spacing="Small"))
    actions = [submit("Who to contact now", {"action": "command", "command": "contacts"}),
               submit("Make a referral", {"action": "command", "command": "referral"})]
    sentence = contact_sentence(item, now)
    return Reply(text=sentence, cards=(adaptive_card(body, actions, fallback=sentence),), summary=contact.team)
