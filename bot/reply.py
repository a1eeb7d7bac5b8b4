"""A platform-neutral reply: what the bot wants to say, before it becomes a Bot Framework activity.

Features render their results into `Reply` objects (plain text, Adaptive Card dicts, entity dicts and
suggested-action titles) so that they can be tested without the SDK; `bot.activities` turns them into
activities.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Suggestion:
    """A suggested action or card button: the title shown and the text or value it sends back."""

    title: str
    value: str | dict | None = None


@dataclass(frozen=True)
class Reply:
    """One message to send: text, Adaptive Cards (dicts), entities (dicts) and suggested actions."""

    text: str = ""
    cards: tuple[dict, ...] = ()
    entities: tuple[dict, ...] = ()
    suggestions: tuple[Suggestion, ...] = field(default_factory=tuple)
    summary: str = ""
