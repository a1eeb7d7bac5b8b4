"""Feature glue: answers, safety guards and one-shot commands, as Replies for the bot to send."""

from botbuilder.core import TurnContext

from bot.reply import Reply
from bot.router import Route
from bot.services import Services


class Features:
    """Turns routes and card submits into Replies using the content and engines in Services."""

    def __init__(self, services: Services):
        self._services = services
        self._messages = services.messages

    def emergency_replies(self, text: str, resume_available: bool) -> list[Reply]:
        """The emergency card when the text reports an urgent risk; empty otherwise."""
        return []

    def personal_data_replies(self, text: str) -> list[Reply]:
        """A short reminder when the text looked like it held personal data; empty otherwise."""
        return []

    def answer(self, question: str) -> list[Reply]:
        """The knowledge base's answer to a question."""
        return [Reply(text=self._messages.text("not_ready"))]

    def flow_finished_replies(self) -> list[Reply]:
        """What to say when a button belongs to a conversation step that has already finished."""
        return [Reply(text=self._messages.text("unknown_card"))]

    async def on_submit(self, turn_context: TurnContext, value: dict) -> list[Reply]:
        """Card submits other than commands, questions and flow answers."""
        return []

    async def one_shot(self, turn_context: TurnContext, target: Route) -> list[Reply]:
        """Commands answered in one reply (benchmarks, export, results)."""
        return [Reply(text=self._messages.text("not_ready"))]
