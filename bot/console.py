"""Chat with the bot in a terminal (`make chat`): the same app and SDK pipeline, no Teams needed.

The console serves the bot on a free loopback port inside this process and talks to it as a channel
would, using `deliveryMode: expectReplies` so the replies come back in the HTTP response. Cards are
printed as text; type a button's number to press it, or type anything else to send it as a message.
"""

import asyncio
import sys
import uuid
from datetime import UTC, datetime

from aiohttp import ClientSession, web

from app import create_app
from bot.console_render import Choice, format_choices, render_activity
from bot.settings import load_settings

USER = {"id": "console-user", "name": "Console user"}
BOT = {"id": "signpost-bot", "name": "Prevent Signpost"}


def build_activity(conversation_id: str, service_url: str, text: str | None = None,
                   value: dict | None = None) -> dict:
    """A Teams-like personal-chat message from the console user."""
    activity = {
        "type": "message", "id": uuid.uuid4().hex, "timestamp": datetime.now(UTC).isoformat(),
        "channelId": "msteams", "serviceUrl": service_url, "from": USER, "recipient": BOT,
        "conversation": {"id": conversation_id, "conversationType": "personal"},
        "deliveryMode": "expectReplies", "locale": "en-GB",
    }
    if text is not None:
        activity["text"] = text
    if value is not None:
        activity["value"] = value
    return activity


async def _post(session: ClientSession, url: str, activity: dict) -> list[dict]:
    async with session.post(url, json=activity) as response:
        if response.status >= 400:
            return [{"type": "message", "text": f"(the bot answered HTTP {response.status})"}]
        payload = await response.json(content_type=None) if response.content_length != 0 else {}
    return [a for a in (payload or {}).get("activities", []) if a.get("type") == "message"]


def _show(activities: list[dict]) -> list[Choice]:
    choices: list[Choice] = []
    for activity in activities:
        lines, offered = render_activity(activity)
        for line in lines:
            print(f"bot> {line}")
        choices.extend(offered)
    for line in format_choices(choices):
        print(line)
    return choices


async def chat() -> None:
    """Run the bot in-process and hold a conversation on standard input and output."""
    settings = load_settings()
    app = create_app(settings)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # the free port the OS chose
    url = f"http://127.0.0.1:{port}/api/messages"
    conversation_id = f"console-{uuid.getnode():x}"
    print("Prevent Signpost console. Type help, a question, or a number to press a button. Ctrl-D to quit.")
    print("Please don't type names or details that could identify anyone.")
    loop = asyncio.get_running_loop()
    try:
        async with ClientSession() as session:
            choices: list[Choice] = []
            while True:
                try:
                    line = await loop.run_in_executor(None, input, "you> ")
                except EOFError:
                    break
                line = line.strip()
                if not line:
                    continue
                picked = choices[int(line) - 1] if line.isdigit() and 0 < int(line) <= len(choices) else None
                if picked and picked.url:
                    print(f"bot> open {picked.url}")
                    continue
                if picked and picked.value is not None:
                    activity = build_activity(conversation_id, "http://127.0.0.1/", value=picked.value)
                else:
                    activity = build_activity(conversation_id, "http://127.0.0.1/",
                                              text=picked.text if picked else line)
                choices = _show(await _post(session, url, activity))
    finally:
        await runner.cleanup()


def main() -> int:
    """Entry point for `python -m bot.console`."""
    try:
        asyncio.run(chat())
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
