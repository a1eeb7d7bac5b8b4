"""The typing indicator, only where a channel can show it, and never at the cost of a turn.

When a message turn takes longer than `delay`, "typing…" is sent to the activity's connector, then again
every `period` until the turn ends, as the SDK's ShowTypingMiddleware does. Two differences:
- For `deliveryMode: expectReplies` the replies travel back in the HTTP response and the caller has no
  connector to receive a typing indicator, so none is sent (it would only be a stray outgoing request).
- The SDK's middleware sends each indicator as a task nobody awaits, so a connector that refuses one (a
  reset connection under load) leaves "Task exception was never retrieved" at error level in the log.
  Here the indicators are sent by one task per turn that handles a failed send (logged at info level: the
  indicator is cosmetic, the turn goes on) and is stopped when the turn ends, so none is sent after it.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable

from botbuilder.core import BotAdapter, Middleware, TurnContext
from botbuilder.schema import Activity, ActivityTypes, DeliveryModes
from botframework.connector.auth import ClaimsIdentity, SkillValidation

log = logging.getLogger(__name__)


class TypingIndicator(Middleware):
    """Sends "typing…" while a slow message turn delivered through a connector is under way."""

    def __init__(self, delay: float = 0.5, period: float = 2.0):
        if delay < 0 or period <= 0:
            raise ValueError("the delay must be at least 0 and the period more than 0 seconds")
        self._delay = delay
        self._period = period

    async def on_turn(self, context: TurnContext, logic: Callable[[], Awaitable]):
        activity = context.activity
        if activity.delivery_mode == DeliveryModes.expect_replies or activity.type != ActivityTypes.message \
                or _is_skill(context):
            return await logic()
        typing = asyncio.create_task(self._keep_typing(context))
        try:
            return await logic()
        finally:
            typing.cancel()

    async def _keep_typing(self, context: TurnContext) -> None:
        await asyncio.sleep(self._delay)
        while True:
            await _send_typing(context)
            await asyncio.sleep(self._period)


async def _send_typing(context: TurnContext) -> None:
    typing = TurnContext.apply_conversation_reference(
        Activity(type=ActivityTypes.typing, relates_to=context.activity.relates_to),
        TurnContext.get_conversation_reference(context.activity))
    try:
        await context.adapter.send_activities(context, [typing])
    except Exception as error:  # cancellation is not an Exception: it still stops the task
        log.info("typing indicator not sent", extra={"error": type(error).__name__})


def _is_skill(context: TurnContext) -> bool:
    """A bot called as a skill by another bot sends no typing indicator (as the SDK's middleware)."""
    identity = context.turn_state.get(BotAdapter.BOT_IDENTITY_KEY)
    return isinstance(identity, ClaimsIdentity) and SkillValidation.is_skill_claim(identity.claims)
