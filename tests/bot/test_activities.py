"""Replies become activities: a card answer's attachment and citation are shared by the SDK's copy, not cloned."""

import copy

from botbuilder.core import CardFactory, MessageFactory, TurnContext
from botbuilder.core.serializer_helper import serializer_helper
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount, DeliveryModes

from bot.activities import to_activity
from bot.cards.answers import render_answer
from bot.reply import Reply
from knowledge.base import load_knowledge_base


def _answer_activity() -> Activity:
    kb = load_knowledge_base()
    (reply,) = render_answer(kb.ask("What does Channel aim to do?"), kb)
    assert reply.cards and reply.entities
    return to_activity(reply)


def test_a_copy_shares_the_card_and_citation_and_serialises_the_same():
    activity = _answer_activity()
    copied = copy.deepcopy(activity)
    assert copied is not activity
    assert copied.attachments[0] is activity.attachments[0]
    assert copied.entities[0] is activity.entities[0]
    assert serializer_helper(copied) == serializer_helper(activity)


def test_a_copy_is_as_independent_as_a_generic_deep_copy():
    activity = _answer_activity()
    activity.channel_data = {"notification": {"alert": True}}
    copied = copy.deepcopy(activity)
    assert type(copied) is type(activity)
    assert serializer_helper(copied) == serializer_helper(activity)
    copied.entities.append("another")
    copied.channel_data["notification"]["alert"] = False
    copied.additional_properties["x"] = 1
    copied.text = "changed"
    assert len(activity.entities) == 1 and activity.channel_data["notification"]["alert"] is True
    assert activity.additional_properties == {} and activity.text != "changed"


def test_replies_serialise_as_the_sdk_message_factory_makes_them():
    card = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Hi"}]}
    one, two = CardFactory.adaptive_card(card), CardFactory.adaptive_card(card)
    pairs = [(Reply(text="hello"), MessageFactory.text("hello")),
             (Reply(text="", cards=(card,)), MessageFactory.attachment(one)),
             (Reply(text="look", cards=(card, card)), MessageFactory.list([one, two], "look"))]
    for reply, made in pairs:
        assert serializer_helper(to_activity(reply)) == serializer_helper(made)


def test_card_attachment_serialises_as_the_sdk_factory_would():
    card = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": "Hi"}]}
    ours = to_activity(Reply(text="hello", cards=(card,))).attachments[0]
    assert serializer_helper(ours) == serializer_helper(CardFactory.adaptive_card(card))


async def test_the_sdk_send_leaves_the_shared_card_unchanged():
    activity = _answer_activity()
    before = serializer_helper(activity)
    incoming = Activity(type="message", id="in-1", channel_id="msteams", service_url="https://example.org/",
                        from_property=ChannelAccount(id="29:user"), recipient=ChannelAccount(id="28:bot"),
                        conversation=ConversationAccount(id="a:conversation"),
                        delivery_mode=DeliveryModes.expect_replies)
    context = TurnContext(object(), incoming)
    await context.send_activities([activity])
    (sent,) = context.buffered_reply_activities
    assert sent is not activity and sent.attachments[0] is activity.attachments[0]
    assert sent.conversation.id == "a:conversation" and activity.conversation is None
    assert serializer_helper(activity) == before
