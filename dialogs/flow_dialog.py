"""A thin botbuilder Dialog around any plain-Python Flow (see dialogs.flow).

The dialog keeps the flow's state dict in its own dialog-instance state, so the SDK persists it with the
conversation; everything else (reading the user's input, sending replies, saving memory and profile)
is done by the host, which is the bot.
"""

from typing import Any, Protocol

from botbuilder.core import TurnContext
from botbuilder.dialogs import Dialog, DialogContext, DialogTurnResult

from dialogs.flow import Flow, Turn, UserInput

STATE_KEY = "flow_state"


class FlowHost(Protocol):
    """What a FlowDialog needs from the bot around it."""

    async def user_input(self, context: TurnContext, flow_name: str) -> UserInput:
        """This turn's input, with the flow's memory and the user's profile."""

    async def apply_turn(self, context: TurnContext, flow_name: str, turn: Turn) -> None:
        """Send the turn's replies and save its memory and profile updates."""


class FlowDialog(Dialog):
    """Runs one Flow as a Dialog: begin → flow.start, continue → flow.resume."""

    def __init__(self, flow: Flow, host: FlowHost):
        super().__init__(flow.name)
        self._flow = flow
        self._host = host

    async def begin_dialog(self, dialog_context: DialogContext, options: Any = None) -> DialogTurnResult:
        user = await self._host.user_input(dialog_context.context, self._flow.name)
        turn = self._flow.start(dict(options or {}), user)
        return await self._finish_turn(dialog_context, turn)

    async def continue_dialog(self, dialog_context: DialogContext) -> DialogTurnResult:
        user = await self._host.user_input(dialog_context.context, self._flow.name)
        state = dialog_context.active_dialog.state.get(STATE_KEY) or {}
        turn = self._flow.resume(state, user)
        return await self._finish_turn(dialog_context, turn)

    async def _finish_turn(self, dialog_context: DialogContext, turn: Turn) -> DialogTurnResult:
        await self._host.apply_turn(dialog_context.context, self._flow.name, turn)
        if turn.state is None:
            return await dialog_context.end_dialog()
        dialog_context.active_dialog.state[STATE_KEY] = turn.state
        return Dialog.end_of_turn
