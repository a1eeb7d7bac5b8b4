"""The Teams bot: turn plumbing, welcome, and routing each message to a command, a flow or the answers.

Order of work for every message, whatever state the conversation is in:
1. the emergency guard (999 first, then an offer to carry on), on any text, however long;
2. over-long text gets a polite request for something shorter; then the per-user rate limit (after
   the guard, so an emergency is never slowed down);
3. card submits by their "action", text by the command table (bot.router);
4. an active flow (referral, assessment) gets anything that is not a command that replaces it;
5. everything else is a question for the knowledge base;
6. a reminder when the text looked like it held personal data.
"""

import logging
import time
from dataclasses import replace
from http import HTTPStatus

from botbuilder.core import ActivityHandler, CardFactory, InvokeResponse, MessageFactory, TurnContext
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.dialogs import DialogContext, DialogSet
from botbuilder.schema import ChannelAccount, DeliveryModes, ThumbnailCard
from botbuilder.schema.teams import (
    MessagingExtensionAttachment,
    MessagingExtensionQuery,
    MessagingExtensionResponse,
    MessagingExtensionResult,
)

from bot.activities import to_activity
from bot.cards.common import answered_card, answered_label
from bot.cards.help import help_reply, main_suggestions, welcome_reply
from bot.cards.search_results import search_results
from bot.features import Features
from bot.keyed_locks import KeyedLocks
from bot.logs import conversation_hash
from bot.rate_limit import RateLimiter
from bot.reply import Reply
from bot.router import Route, route
from bot.services import Services
from bot.storage.sqlite_store import EtagConflict, StorageUnavailable
from bot.turn_input import MAX_TEXT_LENGTH, Incoming, read_incoming
from dialogs.flow import Turn, UserInput
from dialogs.flow_dialog import FlowDialog

log = logging.getLogger(__name__)

# Commands that start a flow: (flow name, start options from the route's arguments).
FLOW_STARTS = {
    "referral": ("referral", lambda args: {"concern": True} if args.get("concern") else {}),
    "after_referral": ("referral", lambda args: {"after_referral": True}),
    "contacts": ("contacts", lambda args: {}),
    "change_area": ("contacts", lambda args: {"change_area": True}),
    "quick_check": ("assessment", lambda args: {"mode": "quick"}),
    "full_assessment": ("assessment", lambda args: {"mode": "full"}),
    "assess_benchmark": ("assessment", lambda args: {"mode": "benchmark", "benchmark": int(args["benchmark"])}),
    "check_question": ("assessment", lambda args: {"mode": "question", "question": args["question"]}),
    "resume": ("assessment", lambda args: {"mode": "resume"}),
}
# Commands answered in one reply; they leave an active flow where it was.
ONE_SHOT = ("help", "greeting", "thanks", "show_benchmark", "list_benchmarks", "export", "results", "national_contact")


class SignpostBot(TeamsActivityHandler):
    """Routes every activity; the flows, cards and answers it uses are plain Python."""

    def __init__(self, services: Services):
        super().__init__()
        self._services = services
        self._messages = services.messages
        self._locks = KeyedLocks()
        self._dialog_state = services.conversation_state.create_property("dialog_state")
        self._flow_memory = services.conversation_state.create_property("flow_memory")
        self._intro_sent = services.conversation_state.create_property("intro_sent")
        self._profile = services.user_state.create_property("profile")
        self._dialogs = DialogSet(self._dialog_state)
        for flow in services.flows.values():
            self._dialogs.add(FlowDialog(flow, self))
        self._features = Features(services)
        self._rate_limiter = RateLimiter(services.settings.rate_limit_per_minute)

    @property
    def reports(self):
        """The CSV report store, for the /reports route."""
        return self._features.reports

    # -- turn plumbing -----------------------------------------------------------------------

    async def on_turn(self, turn_context: TurnContext) -> None:
        started = time.perf_counter()
        activity = turn_context.activity
        conversation_id = activity.conversation.id if activity.conversation else ""
        outcome = "ok"
        async with self._locks.hold(conversation_id or ""):
            try:
                await super().on_turn(turn_context)
                await self._services.conversation_state.save_changes(turn_context)
                await self._services.user_state.save_changes(turn_context)
            except (StorageUnavailable, EtagConflict) as error:
                outcome = "not_saved"
                log.warning("state not saved", extra={"error": type(error).__name__,
                                                     "conversation": conversation_hash(conversation_id)})
                # When the state could not even be read, the message never reached the emergency guard
                # (it needs the dialog state): 999 must still come first.
                incoming = turn_context.turn_state.get("signpost.incoming")
                if isinstance(incoming, Incoming) and incoming.text and not turn_context.responded:
                    await self.send(turn_context, self._features.emergency_replies(incoming.text, False))
                await turn_context.send_activity(self._messages.text("not_saved"))
        log.info("turn", extra={
            "conversation": conversation_hash(conversation_id),
            "activity_type": activity.type,
            "channel": activity.channel_id,
            "latency_ms": round((time.perf_counter() - started) * 1000, 1),
            "outcome": outcome,
            **({"text": activity.text} if self._services.settings.log_message_text else {}),
        })

    async def clear_dialogs(self, turn_context: TurnContext) -> None:
        """Drop the dialog stack (after an error); saved memory and profile are kept."""
        if await self._dialog_state.get(turn_context) is not None:
            await self._dialog_state.delete(turn_context)
        await self._services.conversation_state.save_changes(turn_context, force=True)

    async def _flow_active(self, turn_context: TurnContext) -> bool:
        """Whether a flow is under way, read without making a dialog context (and without adding an empty
        dialog state to the conversation's state, which the SDK would then hash on every turn)."""
        state = await self._dialog_state.get(turn_context)
        return bool(state is not None and state.dialog_stack)

    async def _open_dialogs(self, turn_context: TurnContext) -> DialogContext:
        """The dialog context, made only when a flow starts or continues."""
        return await self._dialogs.create_context(turn_context)

    async def _drop_finished_flow(self, turn_context: TurnContext) -> None:
        """Remove an empty dialog stack once its flow has ended (and one left by an earlier version)."""
        state = await self._dialog_state.get(turn_context)
        if state is not None and not state.dialog_stack:
            await self._dialog_state.delete(turn_context)

    async def send(self, turn_context: TurnContext, replies: list[Reply] | tuple[Reply, ...]) -> None:
        """Send Replies as activities; suggested actions only in personal chat."""
        if not replies:
            return
        conversation = turn_context.activity.conversation
        personal = not conversation or conversation.conversation_type in (None, "personal")
        await turn_context.send_activities([to_activity(r, suggestions=personal) for r in replies])

    # -- FlowHost ----------------------------------------------------------------------------

    async def user_input(self, turn_context: TurnContext, flow_name: str) -> UserInput:
        incoming: Incoming = turn_context.turn_state["signpost.incoming"]
        memory = await self._flow_memory.get(turn_context, dict)
        profile = await self._profile.get(turn_context, dict)
        return UserInput(
            text=incoming.text, value=incoming.value, now=self._services.clock(),
            user_id=incoming.user_id, user_name=incoming.user_name,
            conversation_type=incoming.conversation_type,
            memory=memory.get(flow_name, {}), profile=profile,
        )

    async def apply_turn(self, turn_context: TurnContext, flow_name: str, turn: Turn) -> None:
        if turn.memory is not None:
            memory = await self._flow_memory.get(turn_context, dict)
            memory[flow_name] = turn.memory
            await self._flow_memory.set(turn_context, memory)
        if turn.profile is not None:
            await self._profile.set(turn_context, dict(turn.profile))
        await self.send(turn_context, turn.replies)

    # -- messages ----------------------------------------------------------------------------

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        incoming = read_incoming(turn_context)
        turn_context.turn_state["signpost.incoming"] = incoming
        active = await self._flow_active(turn_context)
        if incoming.text:
            emergency = self._features.emergency_replies(incoming.text, active)
            if emergency:
                await self.send(turn_context, emergency)
                return
        if len(incoming.text) > MAX_TEXT_LENGTH:
            text = self._messages.text("too_long", length=len(incoming.text), limit=MAX_TEXT_LENGTH)
            await turn_context.send_activity(MessageFactory.text(text))
            return
        if not self._rate_limiter.allow(f"{incoming.conversation_id}|{incoming.user_id}"):
            await self.send(turn_context, [Reply(text=self._messages.text("slow_down"))])
            return
        if incoming.action:
            await self._on_submit(turn_context, incoming, active)
        elif not incoming.text:
            await self.send(turn_context, [Reply(text=self._messages.text("empty"))])
        else:
            await self._on_route(turn_context, route(incoming.text), active)
        await self._drop_finished_flow(turn_context)
        if incoming.text:
            await self.send(turn_context, self._features.personal_data_replies(incoming.text))

    async def _on_submit(self, turn_context: TurnContext, incoming: Incoming, active: bool) -> None:
        value = incoming.value or {}
        action = incoming.action
        if action == "command" and isinstance(value.get("command"), str):
            await self._on_route(turn_context, route(value["command"]), active)
        elif action == "flow":
            if active:
                await (await self._open_dialogs(turn_context)).continue_dialog()
                await self._mark_answered(turn_context, value)
            else:
                await self.send(turn_context, self._features.flow_finished_replies())
        elif action == "ask" and isinstance(value.get("query"), str):
            await self.send(turn_context, self._features.answer(value["query"]))
        else:
            replies = await self._features.on_submit(value)
            await self.send(turn_context, replies or [Reply(text=self._messages.text("unknown_card"))])

    async def _mark_answered(self, turn_context: TurnContext, value: dict) -> None:
        """Replace the card whose button was pressed with a record of the choice (no dead buttons)."""
        activity = turn_context.activity
        label = answered_label(value)
        if not label or not activity.reply_to_id or activity.delivery_mode == DeliveryModes.expect_replies:
            return
        update = MessageFactory.attachment(CardFactory.adaptive_card(answered_card(label)))
        update.id = activity.reply_to_id
        try:
            await turn_context.update_activity(update)
        except Exception as error:  # a channel that can't update cards still has the conversation going
            log.info("card not updated", extra={"error": type(error).__name__})

    async def _on_route(self, turn_context: TurnContext, target: Route, active: bool) -> None:
        if active and target.loose:  # a worry or "who do I call" typed as a flow's answer is that answer
            await (await self._open_dialogs(turn_context)).continue_dialog()
        elif target.name in FLOW_STARTS:
            flow_name, options = FLOW_STARTS[target.name]
            if flow_name not in self._services.flows:
                await self.send(turn_context, [Reply(text=self._messages.text("not_ready"))])
                return
            dialog_context = await self._open_dialogs(turn_context)
            await dialog_context.cancel_all_dialogs()
            await dialog_context.begin_dialog(flow_name, options(target.args))
        elif active and target.name not in ONE_SHOT:
            await (await self._open_dialogs(turn_context)).continue_dialog()
        elif target.name in ("help", "greeting"):
            replies = [help_reply(self._messages)]
            if target.name == "greeting":
                replies.insert(0, Reply(text=self._messages.text("greeting")))
                replies[-1] = replace(replies[-1], suggestions=main_suggestions())
            await self.send(turn_context, replies)
        elif target.name == "thanks":
            await self.send(turn_context, [Reply(text=self._messages.text("thanks"))])
        elif target.name == "cancel":
            await self.send(turn_context, [Reply(text=self._messages.text("nothing_to_cancel"))])
        elif target.name == "empty":
            await self.send(turn_context, [Reply(text=self._messages.text("empty"))])
        elif target.name == "question":
            await self.send(turn_context, self._features.answer(target.args.get("text", "")))
        else:
            memory = await self._flow_memory.get(turn_context, dict)
            replies = await self._features.one_shot(target, memory.get("assessment", {}),
                                                    self._services.settings.base_url)
            await self.send(turn_context, replies)

    # -- invokes -----------------------------------------------------------------------------

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        """Only the message-extension search is an invoke we answer; anything else is not implemented."""
        if turn_context.activity.name == "composeExtension/query":
            return await super().on_invoke_activity(turn_context)
        return InvokeResponse(status=HTTPStatus.NOT_IMPLEMENTED)

    # -- message extension -------------------------------------------------------------------

    async def on_teams_messaging_extension_query(self, turn_context: TurnContext,
                                                 query: MessagingExtensionQuery) -> MessagingExtensionResponse:
        """"Search the Prevent toolkit": cited passages as cards to insert; popular topics when empty."""
        text = ""
        for parameter in (query.parameters or []) if query else []:
            if parameter.name in ("query", "searchText") and isinstance(parameter.value, str):
                text = parameter.value
        attachments = [
            MessagingExtensionAttachment(
                content_type=CardFactory.content_types.adaptive_card, content=result.card,
                preview=CardFactory.thumbnail_card(ThumbnailCard(title=result.title, text=result.preview)),
            )
            for result in search_results(self._services.knowledge, text)
        ]
        return MessagingExtensionResponse(compose_extension=MessagingExtensionResult(
            type="result", attachment_layout="list", attachments=attachments))

    # -- welcome -----------------------------------------------------------------------------

    async def on_conversation_update_activity(self, turn_context: TurnContext) -> None:
        # The Teams handler dereferences channelData.team; clients that send no channelData get the
        # plain handler instead of a crash.
        if turn_context.activity.channel_data:
            await super().on_conversation_update_activity(turn_context)
        else:
            await ActivityHandler.on_conversation_update_activity(self, turn_context)

    async def on_installation_update_add(self, turn_context: TurnContext) -> None:
        await self._welcome(turn_context)

    async def on_members_added_activity(self, members_added: list[ChannelAccount],
                                        turn_context: TurnContext) -> None:
        await self._welcome(turn_context)

    async def _welcome(self, turn_context: TurnContext) -> None:
        """One welcome card per user in personal chat; one short introduction per team or group."""
        conversation = turn_context.activity.conversation
        if conversation is None:
            return
        if conversation.conversation_type in (None, "personal"):
            profile = await self._profile.get(turn_context, dict)
            if profile.get("welcomed"):
                return
            await self._profile.set(turn_context, {**profile, "welcomed": True})
            await self.send(turn_context, [welcome_reply(self._messages)])
        elif not await self._intro_sent.get(turn_context, lambda: False):
            await self._intro_sent.set(turn_context, True)
            await self.send(turn_context, [Reply(text=self._messages.text("welcome_channel"))])
