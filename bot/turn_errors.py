"""The one turn error handler: log with a reference and traceback, apologise, clear the broken dialog."""

import logging
import uuid
from collections.abc import Awaitable, Callable

from botbuilder.core import MessageFactory, TurnContext

from bot.logs import conversation_hash
from knowledge.messages import Messages

log = logging.getLogger(__name__)


def turn_error_handler(messages: Messages, clear_dialogs: Callable[[TurnContext], Awaitable[None]]):
    """An `adapter.on_turn_error` that keeps the process serving and the user's saved progress safe."""

    async def on_turn_error(turn_context: TurnContext, error: Exception) -> None:
        reference = uuid.uuid4().hex[:8]
        conversation = turn_context.activity.conversation
        log.error("turn failed", exc_info=error, extra={
            "reference": reference,
            "error": type(error).__name__,
            "conversation": conversation_hash(conversation.id if conversation else None),
        })
        try:
            await turn_context.send_activity(MessageFactory.text(messages.text("error", reference=reference)))
        except Exception:  # the channel itself may be the fault; the log already has the details
            log.warning("apology not sent", extra={"reference": reference})
        try:
            await clear_dialogs(turn_context)
        except Exception:
            log.warning("dialog not cleared", extra={"reference": reference})

    return on_turn_error
