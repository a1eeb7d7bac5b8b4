"""Shared pieces for every Adaptive Card the bot sends.

Card buttons are `Action.Submit` with a data dict; Teams sends the data back as a message with `value`
and no text. Every submit carries an `"action"` key naming what it does, which the router reads:

    {"action": "command", "command": "help"}           run a chat command as if typed
    {"action": "flow", ...}                            an answer to the active conversation step
    {"action": "feedback", "passage": id, "helpful": bool}
    {"action": "more", "passage": id}                  the whole passage or section
    {"action": "ask", "query": text}                   ask the knowledge base this question

`flow` submits carry whatever the flow needs (for example `"answer": "yes"` or `"rating": "achieving"`).
"""

from typing import Any

CARD_VERSION = "1.5"
SCHEMA_URL = "http://adaptivecards.io/schemas/adaptive-card.json"


def adaptive_card(body: list[dict], actions: list[dict] | None = None, *, fallback: str = "") -> dict:
    """An Adaptive Card 1.5 dict with the given body elements and actions."""
    card: dict[str, Any] = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA_URL,
        "version": CARD_VERSION,
        "body": body,
    }
    if actions:
        card["actions"] = actions
    if fallback:
        card["fallbackText"] = fallback
    return card


def text_block(text: str, *, weight: str | None = None, size: str | None = None, wrap: bool = True,
               is_subtle: bool = False, color: str | None = None, spacing: str | None = None) -> dict:
    """A wrapped TextBlock; optional styling uses the schema's own names."""
    block: dict[str, Any] = {"type": "TextBlock", "text": text, "wrap": wrap}
    if weight:
        block["weight"] = weight
    if size:
        block["size"] = size
    if is_subtle:
        block["isSubtle"] = True
    if color:
        block["color"] = color
    if spacing:
        block["spacing"] = spacing
    return block


def fact_set(facts: list[tuple[str, str]]) -> dict:
    """A FactSet of (title, value) pairs."""
    return {"type": "FactSet", "facts": [{"title": t, "value": v} for t, v in facts]}


def submit(title: str, data: dict, *, style: str | None = None) -> dict:
    """An Action.Submit button; `data` must carry an "action" key (see module docstring)."""
    action: dict[str, Any] = {"type": "Action.Submit", "title": title, "data": data}
    if style:
        action["style"] = style
    return action


def command_button(title: str, command: str) -> dict:
    """A button that runs a chat command as if the user had typed it."""
    return submit(title, {"action": "command", "command": command})


def open_url(title: str, url: str) -> dict:
    """An Action.OpenUrl button (tel:, mailto: and https: links)."""
    return {"type": "Action.OpenUrl", "title": title, "url": url}


ANSWER_KEYS = ("rating", "answer", "choice", "details", "area")


def answered_label(value: dict) -> str | None:
    """A readable record of a flow button press ("Developing", "A child"), or None for other submits."""
    for key in ANSWER_KEYS:
        chosen = value.get(key)
        if isinstance(chosen, str) and chosen:
            label = chosen.replace("_", " ").replace("-", " ").capitalize()
            question = value.get("question")
            return f"question {question}: {label}" if isinstance(question, str) and question else label
    return None


def answered_card(label: str) -> dict:
    """What an answered card becomes: a one-line record of the choice, with no buttons left."""
    return adaptive_card([text_block(f"✓ Answered: {escape_markdown(label)}", is_subtle=True)], fallback=label)


def escape_markdown(text: str) -> str:
    """Neutralise Markdown a user typed so it shows as text, never as links, emphasis or layout."""
    out = []
    for ch in text:
        if ch in "\\`*_{}[]()<>#+!|~":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out).replace("\r", " ").replace("\n", " ")
