"""Fixed user-facing wording (help, welcome, errors) loaded from messages.yaml."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge import CONTENT_DIR
from knowledge.errors import ContentError, InvalidContent

MESSAGES_FILE = CONTENT_DIR / "messages.yaml"
REQUIRED = ("help", "greeting", "welcome_channel", "not_ready", "unknown_card", "nothing_to_cancel",
            "cancelled", "too_long", "empty", "error", "not_saved", "slow_down", "feedback_thanks", "thanks")
HELP_REQUIRED = ("title", "intro", "emergency", "privacy", "commands")


@dataclass(frozen=True)
class Messages:
    """The bot's fixed wording; `text(key, **values)` fills placeholders."""

    data: dict[str, Any]

    def text(self, key: str, **values: Any) -> str:
        template = self.data[key]
        return template.format(**values) if values else template

    @property
    def help(self) -> dict[str, Any]:
        return self.data["help"]


def check_messages(path: Path = MESSAGES_FILE) -> list[ContentError]:
    """Every missing or malformed entry in the messages file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        return [ContentError(path, f"cannot read: {error}")]
    if not isinstance(data, dict):
        return [ContentError(path, "must be a mapping")]
    errors = [ContentError(path, "missing", field=key) for key in REQUIRED if key not in data]
    help_block = data.get("help")
    if isinstance(help_block, dict):
        errors += [ContentError(path, "missing", field=f"help.{key}") for key in HELP_REQUIRED
                   if key not in help_block]
    elif "help" in data:
        errors.append(ContentError(path, "must be a mapping", field="help"))
    errors += [ContentError(path, "must be text", field=key) for key in REQUIRED
               if key != "help" and key in data and not isinstance(data[key], str)]
    return errors


def load_messages(path: Path = MESSAGES_FILE) -> Messages:
    """Load and validate the messages file (raises InvalidContent)."""
    errors = check_messages(path)
    if errors:
        raise InvalidContent(errors)
    return Messages(yaml.safe_load(path.read_text(encoding="utf-8")))
