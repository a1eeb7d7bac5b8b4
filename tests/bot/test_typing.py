"""Typing indicators go to a connector when a turn is slow, never for expectReplies."""

import asyncio

from botbuilder.core import TurnContext
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, ConversationAccount

from bot.typing import TypingIndicator


async def _turn(delivery_mode: str | None) -> list:
    adapter = TestAdapter()
    adapter.use(TypingIndicator(delay=0.01, period=1.0))

    async def slow(context: TurnContext) -> None:
        await asyncio.sleep(0.1)
        await context.send_activity("done")

    activity = Activity(type=ActivityTypes.message, text="hi", channel_id="msteams", delivery_mode=delivery_mode,
                        conversation=ConversationAccount(id="c"), from_property=ChannelAccount(id="u"),
                        recipient=ChannelAccount(id="b"))
    await adapter.process_activity(activity, slow)
    await asyncio.sleep(0.05)
    return [a.type for a in adapter.activity_buffer]


async def test_slow_turn_sends_typing_first():
    assert (await _turn(None))[0] == ActivityTypes.typing


async def test_expect_replies_turn_sends_no_typing():
    assert ActivityTypes.typing not in await _turn("expectReplies")
