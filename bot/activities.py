"""Turn platform-neutral Replies into Bot Framework activities (the only place that does)."""

from typing import ClassVar

from botbuilder.core import MessageFactory
from botbuilder.schema import ActionTypes, Activity, Attachment, CardAction, Entity, SuggestedActions

from bot.reply import Reply, Suggestion

ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"


class MessageEntity(Entity):
    """A schema.org Message entity (Teams citations): keeps the JSON-LD keys msrest would drop."""

    _attribute_map: ClassVar[dict] = {
        "type": {"key": "type", "type": "str"},
        "at_type": {"key": "@type", "type": "str"},
        "at_context": {"key": "@context", "type": "str"},
        "at_id": {"key": "@id", "type": "str"},
        "additional_type": {"key": "additionalType", "type": "[str]"},
        "citation": {"key": "citation", "type": "object"},
    }

    def __init__(self, *, data: dict) -> None:
        super().__init__(type=data.get("type"))
        self.at_type = data.get("@type")
        self.at_context = data.get("@context")
        self.at_id = data.get("@id")
        self.additional_type = data.get("additionalType")
        self.citation = data.get("citation")

    def __deepcopy__(self, memo: dict) -> "MessageEntity":
        return self  # see CardAttachment

    def plain_json(self) -> dict:
        return _plain_json(self)


class CardAttachment(Attachment):
    """An Adaptive Card attachment that the SDK's copy of the outgoing activity shares instead of copying.

    `TurnContext.send_activities` deep-copies every activity it sends: for an answer, its card and citation
    entity made that copy take about three times as long as a plain text reply's. Both are built fresh for
    one activity and nothing (bot, SDK or middleware) changes them afterwards, so sharing is safe.
    """

    def __deepcopy__(self, memo: dict) -> "CardAttachment":
        return self

    def plain_json(self) -> dict:
        """What msrest makes of it (see `bot.sdk_patches`), without its reflection."""
        return _plain_json(self)


def _plain_json(model: Attachment | Entity) -> dict:
    """A model's wire JSON: each set attribute under its key, as it is. The values are the plain JSON data
    the card and citation builders made for this one activity (shared, like the models, see
    `CardAttachment`), so msrest's copy of them would be equal and is not made."""
    return {spec["key"]: value for name, spec in model._attribute_map.items()
            if (value := getattr(model, name, None)) is not None}


def _entity(data: dict) -> Entity:
    if data.get("type") == "https://schema.org/Message":
        return MessageEntity(data=data)
    return Entity().deserialize(data)


def _card_action(suggestion: Suggestion) -> CardAction:
    if isinstance(suggestion.value, dict):
        return CardAction(type=ActionTypes.message_back, title=suggestion.title, text=suggestion.title,
                          display_text=suggestion.title, value=suggestion.value)
    return CardAction(type=ActionTypes.im_back, title=suggestion.title, value=suggestion.value or suggestion.title)


def to_activity(reply: Reply, *, suggestions: bool = True) -> Activity:
    """One message activity for a Reply; suggested actions only where the channel shows them."""
    if reply.cards:
        attachments = [CardAttachment(content_type=ADAPTIVE_CARD, content=card) for card in reply.cards]
        activity = MessageFactory.list(attachments, reply.text or None) if len(attachments) > 1 \
            else MessageFactory.attachment(attachments[0], reply.text or None)
    else:
        activity = MessageFactory.text(reply.text)
    if reply.summary:
        activity.summary = reply.summary
    if reply.entities:
        activity.entities = [_entity(entity) for entity in reply.entities]
    if suggestions and reply.suggestions:
        activity.suggested_actions = SuggestedActions(actions=[_card_action(s) for s in reply.suggestions])
    return activity
