"""The help card and the welcome: what the bot can do, with a button for each main task."""

from dataclasses import replace

from bot.cards.common import adaptive_card, command_button, text_block
from bot.reply import Reply, Suggestion
from knowledge.messages import Messages

MAIN_TASKS = ("referral", "contacts", "quick check", "show benchmarks")


def main_suggestions() -> tuple[Suggestion, ...]:
    """Suggested actions for the main tasks (shown in personal chat)."""
    return tuple(Suggestion(title=task.capitalize(), value=task) for task in MAIN_TASKS)


def help_reply(messages: Messages) -> Reply:
    """A short card of what the bot does, its emergency line and the privacy reminder."""
    content = messages.help
    body = [
        text_block(content["title"], weight="Bolder", size="Medium"),
        text_block(content["intro"]),
        text_block(content["emergency"], weight="Bolder", color="Attention"),
        text_block(content["privacy"], is_subtle=True),
    ]
    for item in content["commands"]:
        example = f' — try "{item["example"]}"' if item["example"] else ""
        body.append(text_block(f"• {item['title']}{example}", spacing="Small"))
    actions = [command_button(item["title"], item["command"]) for item in content["commands"] if item["command"]]
    return Reply(
        cards=(adaptive_card(body, actions, fallback=content["intro"]),),
        summary=content["title"],
    )


def welcome_reply(messages: Messages) -> Reply:
    """The one-off welcome for a new personal install: the help card, with the main tasks as suggestions."""
    return replace(help_reply(messages), suggestions=main_suggestions())
