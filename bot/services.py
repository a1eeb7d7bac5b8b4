"""Everything a turn needs, built once by the composition root (app.py) and passed to the bot."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from botbuilder.core import ConversationState, Storage, UserState

from bot.settings import Settings
from dialogs.flow import Flow
from knowledge.messages import Messages


@dataclass(frozen=True)
class Services:
    """The bot's collaborators: settings, state, content and the conversation flows."""

    settings: Settings
    messages: Messages
    storage: Storage
    conversation_state: ConversationState
    user_state: UserState
    clock: Callable[[], datetime]
    knowledge: Any = None
    flows: Mapping[str, Flow] = field(default_factory=dict)
    content: Mapping[str, Any] = field(default_factory=dict)
