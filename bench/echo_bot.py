"""An echo bot on the same SDK, adapter and process setup as Prevent Signpost: the service-speed baseline.

"Same process setup" here means everything our bot does on each turn except the bot's own work:
- the same settings (`bot.settings.load_settings`), the same SDK patches (`bot.sdk_patches`), JSON logging
  and one `turn` log line per turn;
- the same HTTP edge (`bot.http_app.messages_handler`, /healthz, /readyz) and request size limit;
- the same `CloudAdapter` with `ConfigurationBotFrameworkAuthentication` and `TypingIndicator`;
- the same SQLite store (`SqliteStorage`, its own file), `ConversationState` and `UserState`, as our bot
  uses them on a question: the conversation's state read at the start of the turn (is a flow under way?),
  both saved at its end (a write only when state changed: our bot writes on a conversation's first turn
  and while a flow runs, not when it answers a question);
- the same per-conversation lock (`KeyedLocks`) and `TeamsActivityHandler` dispatch.
What it leaves out is the bot's work: routing, the emergency and personal-data guards, search, cards.
So "ours ÷ echo" measures what our bot adds on top of the SDK; "echo ÷ bare" what the SDK costs.

    PORT=3980 SQLITE_PATH=/tmp/echo.db python -m bench.echo_bot

(Like app.py it is an SDK host, so it imports botbuilder and aiohttp: it lives here, not in bot/.)
"""

import logging
import sys
import time

from aiohttp import web
from botbuilder.core import ConversationState, MessageFactory, TurnContext, UserState
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

from bot.http_app import MAX_BODY_BYTES, healthz, messages_handler, readyz_handler, serve
from bot.keyed_locks import KeyedLocks
from bot.logs import configure_logging, conversation_hash
from bot.sdk_patches import apply_sdk_patches
from bot.settings import Settings, SettingsError, load_settings
from bot.storage.sqlite_store import SqliteStorage
from bot.typing import TypingIndicator

log = logging.getLogger("echo")


class EchoBot(TeamsActivityHandler):
    """Replies with the text it was sent; state is read and saved as SignpostBot does on a question."""

    def __init__(self, conversation_state: ConversationState, user_state: UserState):
        super().__init__()
        self._conversation_state = conversation_state
        self._user_state = user_state
        self._dialog_state = conversation_state.create_property("dialog_state")
        self._locks = KeyedLocks()

    async def on_turn(self, turn_context: TurnContext) -> None:
        started = time.perf_counter()
        conversation_id = turn_context.activity.conversation.id if turn_context.activity.conversation else ""
        async with self._locks.hold(conversation_id):
            await super().on_turn(turn_context)
            await self._conversation_state.save_changes(turn_context)
            await self._user_state.save_changes(turn_context)
        log.info("turn", extra={"conversation": conversation_hash(conversation_id),
                                "activity_type": turn_context.activity.type,
                                "latency_ms": round((time.perf_counter() - started) * 1000, 1), "outcome": "ok"})

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        await self._dialog_state.get(turn_context)  # as SignpostBot: is a flow under way? (none here)
        await turn_context.send_activity(MessageFactory.text(f"You said: {turn_context.activity.text or ''}"))


def create_echo_app(settings: Settings) -> web.Application:
    """The echo bot behind the same HTTP edge, adapter and state as the real bot."""
    apply_sdk_patches()
    storage = SqliteStorage(settings.sqlite_path)
    bot = EchoBot(ConversationState(storage), UserState(storage))
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(settings))
    adapter.use(TypingIndicator(delay=0.5, period=2.0))

    async def on_turn_error(turn_context: TurnContext, error: Exception) -> None:
        log.error("turn failed", exc_info=error)
        await turn_context.send_activity("Sorry, something went wrong.")

    adapter.on_turn_error = on_turn_error
    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app.router.add_post("/api/messages", messages_handler(adapter, bot, auth_required=not settings.local_mode))
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz_handler(storage))

    async def close_storage(_app: web.Application) -> None:
        await storage.close()

    app.on_cleanup.append(close_storage)
    return app


def main() -> int:
    """Serve the echo bot on HOST:PORT (the same variables as the real bot)."""
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    serve(create_echo_app(settings), settings.host, settings.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
