"""Turn platform-neutral Replies into Bot Framework activities (the only place that does)."""

from copy import deepcopy
from enum import Enum
from typing import ClassVar

from botbuilder.schema import (
    ActionTypes,
    Activity,
    ActivityTypes,
    Attachment,
    AttachmentLayoutTypes,
    CardAction,
    Entity,
    InputHints,
    SuggestedActions,
)

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


class _CopiedByField:
    """A model that deep-copies itself field by field.

    `TurnContext.send_activities` deep-copies every activity it sends. The generic deep copy takes each
    model through `copy`'s reduce protocol and each of its fields through `deepcopy`: 0.27 M instructions
    for an answer's activity (40-odd fields). Most fields are None, text or enumeration members and need
    no copy, so this copy takes them as they are and deep-copies the rest (lists, dicts, models), as
    `deepcopy` would: 0.06 M.
    """

    def __deepcopy__(self, memo: dict):
        twin = object.__new__(type(self))
        memo[id(self)] = twin
        fields = twin.__dict__
        fields.update(self.__dict__)
        for name, value in fields.items():
            if value is not None and type(value) not in _IMMUTABLE and not isinstance(value, Enum):
                fields[name] = deepcopy(value, memo)  # replacing a value, not adding a key, while iterating
        return twin


class OutgoingActivity(_CopiedByField, Activity):
    """A reply activity (see `_CopiedByField`)."""


class _SuggestedActions(_CopiedByField, SuggestedActions):
    pass


class _CardAction(_CopiedByField, CardAction):
    pass


_IMMUTABLE = frozenset({str, int, float, bool})


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


def _card_action(suggestion: Suggestion) -> "_CardAction":
    if isinstance(suggestion.value, dict):
        return _CardAction(type=ActionTypes.message_back, title=suggestion.title, text=suggestion.title,
                          display_text=suggestion.title, value=suggestion.value)
    return _CardAction(type=ActionTypes.im_back, title=suggestion.title, value=suggestion.value or suggestion.title)


def to_activity(reply: Reply, *, suggestions: bool = True) -> Activity:
    """One message activity for a Reply; suggested actions only where the channel shows them."""
    if reply.cards:  # as MessageFactory.attachment and .list make them
        activity = OutgoingActivity(
            type=ActivityTypes.message, attachment_layout=AttachmentLayoutTypes.list, text=reply.text or None,
            attachments=[CardAttachment(content_type=ADAPTIVE_CARD, content=card) for card in reply.cards])
    else:  # as MessageFactory.text
        activity = OutgoingActivity(type=ActivityTypes.message, text=reply.text, input_hint=InputHints.accepting_input)
    if reply.summary:
        activity.summary = reply.summary
    if reply.entities:
        activity.entities = [_entity(entity) for entity in reply.entities]
    if suggestions and reply.suggestions:
        activity.suggested_actions = _SuggestedActions(actions=[_card_action(s) for s in reply.suggestions])
    return activity
