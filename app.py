"""Prevent Signpost: the composition root. `create_app(settings)` builds the aiohttp app; `main()` runs it.

Nothing is built at import time. Content is loaded and validated before the app is returned, so a bad
content file stops start-up with a message naming the file and field.
"""

import logging
import sys
from collections.abc import Callable
from datetime import UTC, datetime

from aiohttp import web
from botbuilder.core import ConversationState, MemoryStorage, Storage, UserState
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

from bot.http_app import MAX_BODY_BYTES, healthz, messages_handler, readyz_handler, serve
from bot.logs import configure_logging
from bot.pages import add_page_routes, load_pages
from bot.reports import report_handler
from bot.sdk_patches import apply_sdk_patches
from bot.services import Services
from bot.settings import Settings, SettingsError, load_settings
from bot.signpost_bot import SignpostBot
from bot.storage.sqlite_store import SqliteStorage
from bot.turn_errors import turn_error_handler
from bot.typing import TypingIndicator
from dialogs.assessment import AssessmentFlow
from dialogs.contacts import ContactsFlow
from dialogs.referral import ReferralFlow
from knowledge.areas import load_areas
from knowledge.base import load_knowledge_base
from knowledge.benchmark import load_benchmark
from knowledge.emergency_card import emergency_wording
from knowledge.emergency_model import load_model
from knowledge.emergency_reading import load_rules
from knowledge.errors import InvalidContent
from knowledge.messages import load_messages
from knowledge.personal_data import load_personal_data_lists

log = logging.getLogger("signpost")
SERVICES = web.AppKey("services", Services)
BOT = web.AppKey("bot", SignpostBot)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def create_storage(settings: Settings) -> Storage:
    """The state store the settings ask for."""
    if settings.storage == "memory":
        return MemoryStorage()
    if settings.storage == "blob":
        from bot.storage.blob_store import create_blob_storage  # needs the Azure SDK only when used

        return create_blob_storage(settings)
    return SqliteStorage(settings.sqlite_path)


def load_content(settings: Settings) -> dict:
    """Load and validate every content file; raises InvalidContent naming each file and field at fault."""
    errors = []
    content = {}
    for name, load in (("messages", load_messages),
                       ("knowledge", lambda: load_knowledge_base(cache_dir=settings.index_cache_dir)),
                       ("benchmark", load_benchmark), ("areas", lambda: load_areas(settings.local_dir))):
        try:
            content[name] = load()
        except InvalidContent as error:
            errors.extend(error.errors)
    if errors:
        raise InvalidContent(errors)
    return content


def create_app(settings: Settings, *, clock: Callable[[], datetime] = _utc_now,
               storage: Storage | None = None) -> web.Application:
    """Build the whole bot: content, state, adapter, bot and HTTP routes."""
    apply_sdk_patches()
    content = load_content(settings)
    # The emergency guard compiles its rules and reads its model on first use (over 0.1 s). Do it now, so the
    # first message, which may be the urgent one, does not wait for it, and a broken file stops start-up instead.
    load_rules()
    load_model()
    emergency_wording()
    load_personal_data_lists()
    messages = content["messages"]
    storage = storage or create_storage(settings)
    flows = (AssessmentFlow(content["benchmark"]), ReferralFlow(content["areas"]), ContactsFlow(content["areas"]))
    services = Services(
        settings=settings,
        messages=messages,
        storage=storage,
        conversation_state=ConversationState(storage),
        user_state=UserState(storage),
        clock=clock,
        knowledge=content["knowledge"],
        flows={flow.name: flow for flow in flows},
        content=content,
    )
    bot = SignpostBot(services)
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(settings))
    adapter.use(TypingIndicator(delay=0.5, period=2.0))
    adapter.on_turn_error = turn_error_handler(messages, bot.clear_dialogs)

    app = web.Application(client_max_size=MAX_BODY_BYTES)
    app[SERVICES] = services
    app[BOT] = bot
    app.router.add_post("/api/messages", messages_handler(adapter, bot, auth_required=not settings.local_mode))
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz_handler(storage))
    app.router.add_get("/reports/{token}", report_handler(bot.reports))
    add_page_routes(app, load_pages())

    async def close_storage(_app: web.Application) -> None:
        close = getattr(storage, "close", None)
        if close:
            await close()

    app.on_cleanup.append(close_storage)
    return app


def main() -> int:
    """Read settings, configure logging, build the app and serve until stopped."""
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level)
    try:
        app = create_app(settings)
    except InvalidContent as error:
        print("Content error(s): the bot cannot start until these are fixed:", file=sys.stderr)
        for item in error.errors:
            print(f"  {item}", file=sys.stderr)
        return 2
    except SettingsError as error:  # found only when the state store is made (an unusable blob container)
        print(f"Configuration error: {error}", file=sys.stderr)
        return 2
    mode = "local mode, no authentication" if settings.local_mode else "authenticated"
    log.info("starting", extra={"host": settings.host, "port": settings.port, "storage": settings.storage,
                                "mode": mode})
    try:
        serve(app, settings.host, settings.port)
    except OSError as error:  # the port is taken (another copy running?) or the address is not this machine's
        print(f"Cannot listen on {settings.host}:{settings.port}: {error.strerror or error}. Is another copy "
              "of the bot running? Set PORT to use another port.", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
