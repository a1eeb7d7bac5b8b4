"""Read what the user sent: text with only the bot's own @mention removed, or a card submit's value."""

import re
from dataclasses import dataclass
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity

MAX_TEXT_LENGTH = 4000


@dataclass(frozen=True)
class Incoming:
    """The user's message for this turn: clean text ("" for card submits) and the submit value."""

    text: str
    value: dict[str, Any] | None
    user_id: str
    user_name: str
    conversation_id: str
    conversation_type: str

    @property
    def action(self) -> str | None:
        """The submit's "action" key, when this turn is a card button press."""
        if self.value and isinstance(self.value.get("action"), str):
            return self.value["action"]
        return None


def _mention_fields(entity: Any) -> tuple[str | None, str | None]:
    """(mentioned id, mention text) of a mention entity, or (None, None) for anything else."""
    data = entity.serialize() if hasattr(entity, "serialize") else entity
    if not isinstance(data, dict):
        return None, None
    extra = getattr(entity, "additional_properties", None) or {}
    data = {**extra, **data}
    if str(data.get("type", "")).lower() != "mention":
        return None, None
    mentioned = data.get("mentioned")
    mentioned_id = mentioned.get("id") if isinstance(mentioned, dict) else None
    mention_text = data.get("text") if isinstance(data.get("text"), str) else None
    if not mention_text and isinstance(mentioned, dict) and isinstance(mentioned.get("name"), str):
        mention_text = f"<at>{mentioned['name']}</at>"
    return mentioned_id, mention_text


def strip_own_mention(text: str, entities: list, bot_id: str) -> str:
    """Remove the bot's own @mention from the text; other people's mentions stay as their names."""
    for entity in entities:
        mentioned_id, mention_text = _mention_fields(entity)
        if mentioned_id == bot_id and mention_text:
            text = text.replace(mention_text, " ")
    return re.sub(r"</?at>", "", text)


def read_incoming(context: TurnContext) -> Incoming:
    """Strip the bot's @mention (other mentions stay), and tolerate missing text, value or ids."""
    activity: Activity = context.activity
    text = activity.text if isinstance(activity.text, str) else ""
    recipient_id = activity.recipient.id if activity.recipient is not None else None
    if text and recipient_id and isinstance(activity.entities, list):
        text = strip_own_mention(text, activity.entities, recipient_id)
    value = activity.value if isinstance(activity.value, dict) else None
    sender = activity.from_property
    conversation = activity.conversation
    return Incoming(
        text=text.strip(),
        value=value,
        user_id=(sender.id if sender and isinstance(sender.id, str) else "") or "",
        user_name=(sender.name if sender and isinstance(sender.name, str) else "") or "",
        conversation_id=(conversation.id if conversation and isinstance(conversation.id, str) else "") or "",
        conversation_type=(conversation.conversation_type if conversation and conversation.conversation_type
                           else "personal"),
    )
