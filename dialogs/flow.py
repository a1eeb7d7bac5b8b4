"""The contract between a conversation flow and the bot: plain data in, plain data out.

A flow (the referral walk-through, the self-assessment) is a pair of pure functions over a plain-dict
state. The bot hands it what the user said as a `UserInput` and gets back a `Turn`: the new state (None
when the flow has finished) and the replies to send. Flows never touch the SDK; `dialogs.flow_dialog`
wraps any flow as a botbuilder Dialog, which persists the state between turns.

Two more plain dicts give a flow memory beyond one run:
- `memory`: kept per conversation under the flow's name (saved assessments, for example). In a group
  chat or channel that is shared by everyone in it.
- `profile`: kept per user across conversations (the chosen area, for example).
A Turn returns a new dict for either to replace it, or None to leave it alone.

Every flow must answer `value == {"action": "flow", "reprompt": True}` by re-sending its current step
(the bot sends it after an interruption, such as the emergency card, when the user chooses to carry on).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from bot.reply import Reply


@dataclass(frozen=True)
class UserInput:
    """What the user sent this turn, with who they are, the time and the flow's saved memory."""

    text: str
    value: Mapping[str, Any] | None
    now: datetime
    user_id: str = ""
    user_name: str = ""
    conversation_type: str = "personal"
    memory: Mapping[str, Any] = field(default_factory=dict)
    profile: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Turn:
    """The flow's answer: its next state (None when finished), replies, and memory/profile updates."""

    state: dict | None
    replies: tuple[Reply, ...]
    memory: dict | None = None
    profile: dict | None = None


class Flow(Protocol):
    """A multi-turn conversation as pure functions over plain-dict state."""

    name: str

    def start(self, options: Mapping[str, Any], user: UserInput) -> Turn:
        """Begin the flow; `options` come from the command that started it."""

    def resume(self, state: dict, user: UserInput) -> Turn:
        """Take the user's next message (text or card value) and move the flow on."""
