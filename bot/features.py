"""Feature glue: answers, safety guards and one-shot commands, as Replies for the bot to send.

Everything here is a thin call into plain-Python content and renderers; the bot decides when to call.
"""

import logging

from bot.cards.answers import render_answer, render_more
from bot.cards.assessment import render_benchmark, render_benchmark_list, render_results
from bot.cards.export import export_link_reply
from bot.cards.referral import national_contact_reply
from bot.cards.safety import emergency_replies, personal_data_reminder
from bot.feedback import FeedbackCounter
from bot.reply import Reply
from bot.reports import ReportStore
from bot.router import Route
from bot.services import Services
from dialogs.assessment_report import export_csv, export_markdown
from knowledge.areas import national_contact
from knowledge.emergency import detect_emergency
from knowledge.personal_data import find_personal_data

log = logging.getLogger(__name__)


class Features:
    """Turns routes and card submits into Replies using the content and engines in Services."""

    def __init__(self, services: Services):
        self._services = services
        self._messages = services.messages
        self._knowledge = services.knowledge
        self._benchmark = services.content["benchmark"]
        self._feedback = FeedbackCounter(services.storage)
        self.reports = ReportStore(services.storage, services.clock)

    def emergency_replies(self, text: str, resume_available: bool) -> list[Reply]:
        """The emergency card when the text reports an urgent risk; empty otherwise."""
        match = detect_emergency(text)
        if match is None:
            return []
        log.warning("emergency guidance shown")
        return emergency_replies(match, resume_available)

    def personal_data_replies(self, text: str) -> list[Reply]:
        """A short reminder when the text looked like it held personal data; empty otherwise."""
        findings = find_personal_data(text)
        if not findings:
            return []
        log.info("personal data reminder", extra={"kinds": sorted({f.kind for f in findings})})
        return [personal_data_reminder()]

    def answer(self, question: str) -> list[Reply]:
        """The knowledge base's answer to a question (cited), or a plain "I don't know" with routes."""
        return render_answer(self._knowledge.ask(question), self._knowledge)

    def flow_finished_replies(self) -> list[Reply]:
        """What to say when a button belongs to a conversation step that has already finished."""
        return [Reply(text="That step has already finished. Type help to see what I can do.")]

    async def on_submit(self, value: dict) -> list[Reply]:
        """Card submits other than commands, questions and flow answers."""
        action = value.get("action")
        passage_id = value.get("passage")
        if action == "more" and isinstance(passage_id, str) and self._knowledge.passage(passage_id):
            return render_more(self._knowledge, passage_id)
        if action == "feedback" and isinstance(passage_id, str) and self._knowledge.answers_to(passage_id):
            await self._feedback.record(passage_id, value.get("helpful") is True)
            return [Reply(text=self._messages.text("feedback_thanks"))]
        return []

    async def one_shot(self, target: Route, assessment_memory: dict, base_url: str) -> list[Reply]:
        """Commands answered in one reply: a benchmark, the list, results, export, a national contact."""
        if target.name == "show_benchmark":
            return render_benchmark(self._benchmark, int(target.args["benchmark"]))
        if target.name == "list_benchmarks":
            return render_benchmark_list(self._benchmark)
        if target.name == "results":
            return render_results(self._benchmark, assessment_memory)
        if target.name == "export":
            return await self._export(assessment_memory, base_url)
        if target.name == "national_contact":
            contact = national_contact(target.args["contact"])
            return [national_contact_reply(contact, self._services.clock())]
        return [Reply(text=self._messages.text("empty"))]

    async def _export(self, memory: dict, base_url: str) -> list[Reply]:
        table = export_markdown(memory, self._benchmark)
        if not table:
            return [Reply(text="There is no assessment to export in this conversation yet. "
                               "Type quick check to start one.")]
        token = await self.reports.create(export_csv(memory, self._benchmark))
        return [Reply(text=table), export_link_reply(f"{base_url}/reports/{token}")]
