"""The typing indicator, only where a channel can show it.

The SDK's ShowTypingMiddleware sends "typing…" to the activity's serviceUrl when a turn takes longer
than its delay. For `deliveryMode: expectReplies` the replies travel back in the HTTP response and the
caller has no connector to receive a typing indicator, so it would only be a stray outgoing request.
"""

from collections.abc import Awaitable, Callable

from botbuilder.core import ShowTypingMiddleware, TurnContext
from botbuilder.schema import ActivityTypes, DeliveryModes


class TypingIndicator(ShowTypingMiddleware):
    """ShowTypingMiddleware for message turns delivered through a connector only."""

    async def on_turn(self, context: TurnContext, logic: Callable[[TurnContext], Awaitable]):
        activity = context.activity
        if activity.delivery_mode == DeliveryModes.expect_replies or activity.type != ActivityTypes.message:
            return await logic()
        return await super().on_turn(context, logic)
