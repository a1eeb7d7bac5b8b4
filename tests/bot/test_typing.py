"""Typing indicators go to a connector when a turn is slow, never for expectReplies, and a connector that
refuses one costs neither the turn nor an error in the log."""

import asyncio
import logging

from botbuilder.core import TurnContext
from botbuilder.core.adapters import TestAdapter
from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, ConversationAccount

from bot.typing import TypingIndicator


class RefusingTypingAdapter(TestAdapter):
    """A connector that resets the connection for every typing indicator (as one under load may)."""

    async def send_activities(self, context, activities):
        if any(a.type == ActivityTypes.typing for a in activities):
            raise ConnectionResetError(104, "Connection reset by peer")
        return await super().send_activities(context, activities)


async def _turn(delivery_mode: str | None, *, seconds: float = 0.1, adapter: TestAdapter | None = None,
                after: float = 0.05) -> list:
    adapter = adapter or TestAdapter()
    adapter.use(TypingIndicator(delay=0.01, period=0.03))

    async def slow(context: TurnContext) -> None:
        await asyncio.sleep(seconds)
        await context.send_activity("done")

    activity = Activity(type=ActivityTypes.message, text="hi", channel_id="msteams", delivery_mode=delivery_mode,
                        conversation=ConversationAccount(id="c"), from_property=ChannelAccount(id="u"),
                        recipient=ChannelAccount(id="b"))
    await adapter.process_activity(activity, slow)
    await asyncio.sleep(after)
    return [a.type for a in adapter.activity_buffer]


async def test_slow_turn_sends_typing_first_and_again_each_period():
    sent = await _turn(None)
    assert sent[0] == ActivityTypes.typing
    assert sent.count(ActivityTypes.typing) >= 2 and sent[-1] == ActivityTypes.message


async def test_no_typing_after_the_turn_has_ended():
    sent = await _turn(None, after=0.15)
    assert sent[-1] == ActivityTypes.message  # the ticker stopped with the turn


async def test_a_quick_turn_sends_no_typing():
    assert await _turn(None, seconds=0) == [ActivityTypes.message]


async def test_expect_replies_turn_sends_no_typing():
    assert ActivityTypes.typing not in await _turn("expectReplies")


async def test_a_refused_typing_indicator_is_logged_as_info_and_the_turn_goes_on(caplog):
    errors: list = []
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(lambda _loop, context: errors.append(context))
    with caplog.at_level(logging.INFO, logger="bot.typing"):
        sent = await _turn(None, adapter=RefusingTypingAdapter())
    assert sent == [ActivityTypes.message]
    refused = [r for r in caplog.records if r.name == "bot.typing"]
    assert refused and all(r.levelno == logging.INFO and r.error == "ConnectionResetError" for r in refused)
    assert not errors  # no "Task exception was never retrieved"
