"""Render bot activities as terminal text: cards become readable text with numbered buttons."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Choice:
    """A numbered button: what to send back (a submit value, or text for imBack), or a link to show."""

    title: str
    value: dict | None = None
    text: str | None = None
    url: str | None = None


def _card_lines(node: Any, lines: list[str], choices: list[Choice]) -> None:
    if isinstance(node, list):
        for item in node:
            _card_lines(item, lines, choices)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("type")
    if kind == "TextBlock" and node.get("text"):
        lines.append(str(node["text"]))
    elif kind == "RichTextBlock":
        lines.append("".join(str(run.get("text", "")) for run in node.get("inlines", []) if isinstance(run, dict)))
    elif kind == "FactSet":
        lines.extend(f"  {fact.get('title', '')}: {fact.get('value', '')}" for fact in node.get("facts", []))
    elif kind == "Action.Submit":
        choices.append(Choice(title=str(node.get("title", "?")), value=node.get("data") or {}))
    elif kind == "Action.OpenUrl":
        choices.append(Choice(title=str(node.get("title", "link")), url=str(node.get("url", ""))))
    elif kind == "Action.ShowCard":
        _card_lines(node.get("card", {}), lines, choices)
    for key in ("body", "items", "columns", "actions", "inlines"):
        if key in node and kind not in ("RichTextBlock",):
            _card_lines(node[key], lines, choices)


def render_activity(activity: dict) -> tuple[list[str], list[Choice]]:
    """The lines to print and the buttons offered by one message activity."""
    lines: list[str] = []
    choices: list[Choice] = []
    if activity.get("text"):
        lines.append(str(activity["text"]))
    for attachment in activity.get("attachments") or []:
        if isinstance(attachment, dict):
            _card_lines(attachment.get("content"), lines, choices)
    for action in (activity.get("suggestedActions") or {}).get("actions") or []:
        if action.get("type") == "messageBack":
            choices.append(Choice(title=str(action.get("title")), value=action.get("value")))
        else:
            choices.append(Choice(title=str(action.get("title")), text=str(action.get("value") or action.get("title"))))
    return lines, choices


def format_choices(choices: list[Choice]) -> list[str]:
    """Numbered button lines; links show their address instead of a number."""
    out = []
    for number, choice in enumerate(choices, start=1):
        out.append(f"  [{number}] {choice.title}" + (f"  ({choice.url})" if choice.url else ""))
    return out
