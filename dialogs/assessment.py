"""The "assessment" Flow: the Delivery Benchmark self-assessment as a conversation.

Start options: {"mode": "quick"} (the headline question of each benchmark, ratings only),
{"mode": "benchmark", "benchmark": 7}, {"mode": "full"} (all questions, with optional supporting details),
{"mode": "question", "question": "5.2"} (rate one question in place) and {"mode": "resume"}.

The assessment itself lives in the conversation's flow memory (see `assessment_engine` for its layout),
saved after every answer, so it survives a pause, a colleague taking over in a group chat or a restart;
the flow state only points at it. Rating one question in place records it in the assessment in progress
when that assessment asks it, otherwise in the latest completed assessment, otherwise in a new one.
Typed supporting details pass the personal-data check before anything is stored.
"""

from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz, process

from bot.cards import assessment as cards
from bot.cards.common import escape_markdown
from bot.reply import Reply
from dialogs import assessment_engine as engine
from dialogs.flow import Turn, UserInput
from knowledge.benchmark import Benchmark, load_benchmark

RATING_WORDS = {
    "not_started": ("not started", "not yet started", "not yet", "not begun", "none yet", "nothing yet",
                    "1"),
    "developing": ("developing", "dev", "develop", "in progress", "partly", "partially", "partial", "2"),
    "achieving": ("achieving", "achieved", "achieve", "achieves", "done", "complete", "fully", "met", "3"),
    "skip": ("n/a", "na", "not applicable", "skip", "4"),
}
COMMAND_WORDS = {
    "back": ("back", "go back", "previous", "undo"),
    "skip": ("skip", "pass", "next", "skip it"),
    "pause": ("pause", "stop", "later", "save", "save for later", "pause assessment"),
    "cancel": ("cancel", "quit", "exit", "abandon", "cancel assessment", "discard", "never mind", "nevermind",
               "start again", "restart"),
    "why": ("why", "what does this mean", "what does that mean", "explain", "more", "more info",
            "what do you mean", "meaning", "prompts"),
}
NO_DETAILS = ("no details", "none", "no", "n/a", "na", "nothing", "no notes", "skip")
CHOICES = {
    "resume": ("resume", "resume it", "continue", "carry on", "keep going", "keep", "no"),
    "replace": ("start new", "new", "start again", "start over", "replace"),
    "discard": ("discard", "yes", "cancel it", "delete"),
}
FUZZY_CUTOFF = 80
MAX_DETAILS = 1000
ASIDE = "Here's what this question is looking for. To ask me about something else, type pause first."
NOT_A_RATING = "I didn't catch a rating. Choose a button, or type not started, developing, achieving or n/a."
PERSONAL_DATA_WARNING = ("I haven't saved that: it looks like it may contain personal details. Please don't put "
                         "names or identifying details in Teams. Describe the evidence in general terms, or "
                         "choose No details.")
_WORD_TO_RATING = {word: rating for rating, words in RATING_WORDS.items() for word in words}
_WORD_TO_COMMAND = {word: name for name, words in COMMAND_WORDS.items() for word in words}


def normalise(text: str | None) -> str:
    """Lower-case, single spaces, straight quotes, no trailing punctuation."""
    return " ".join((text or "").replace("\u2019", "'").lower().split()).rstrip(" .!?")


def parse_rating(text: str | None) -> str | None:
    """A rating from typed text ("dev", "achieved", "n/a", "acheiving"), or None."""
    clean = normalise(text)
    if clean in _WORD_TO_RATING:
        return _WORD_TO_RATING[clean]
    best = process.extractOne(clean, _WORD_TO_RATING.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF) \
        if len(clean) >= 3 else None
    return _WORD_TO_RATING[best[0]] if best else None


def parse_command(text: str | None, *, fuzzy: bool = True) -> str | None:
    """"back", "skip", "pause", "cancel" or "why" from typed text (typos allowed if fuzzy), or None."""
    clean = normalise(text)
    if clean in _WORD_TO_COMMAND:
        return _WORD_TO_COMMAND[clean]
    best = process.extractOne(clean, _WORD_TO_COMMAND.keys(), scorer=fuzz.ratio, score_cutoff=85) \
        if fuzzy and len(clean) >= 4 else None
    return _WORD_TO_COMMAND[best[0]] if best else None


def _choice(user: UserInput) -> str | None:
    if _flow_value(user).get("choice") in CHOICES:
        return _flow_value(user)["choice"]
    clean = normalise(user.text)
    return next((name for name, words in CHOICES.items() if clean in words), None)


def _flow_value(user: UserInput) -> Mapping[str, Any]:
    value = user.value or {}
    return value if value.get("action") == "flow" else {}


def _intent(user: UserInput, stage: str) -> tuple[str | None, str | None]:
    """(command, rating) from a button press or typed text; ratings are only read at the rating stage."""
    value = _flow_value(user)
    if value:
        rating = value.get("rating")
        return value.get("command"), rating if rating in engine.RATINGS else None
    command = parse_command(user.text, fuzzy=stage == "rating")
    return command, parse_rating(user.text) if stage == "rating" and not command else None


def _has_personal_data(text: str) -> bool:
    from knowledge.personal_data import find_personal_data

    return bool(find_personal_data(text))


class AssessmentFlow:
    """The Delivery Benchmark self-assessment (Flow name "assessment")."""

    name = "assessment"

    def __init__(self, benchmark: Benchmark | None = None):
        self.benchmark = benchmark or load_benchmark()

    # -- Flow protocol -------------------------------------------------------------------------------

    def start(self, options: Mapping[str, Any], user: UserInput) -> Turn:
        """Begin an assessment (or resume one) as the options say."""
        memory = dict(user.memory or {})
        mode = options.get("mode", "quick")
        if mode == "resume":
            return self._resume_saved(memory, user)
        if mode == "question":
            return self._start_question(str(options.get("question", "")), memory)
        try:
            engine.question_ids(self.benchmark, mode, number=options.get("benchmark"))
        except engine.AssessmentError:
            return self._end(memory, self._unknown_target(mode, options))
        existing = engine.current(memory)
        if existing and engine.answered_count(existing):
            text = (f"There's already an assessment in progress in this conversation "
                    f"({_describe(existing)}). Resume it, or start the new one and discard it?")
            card = cards.confirm_card(text, [("Resume it", "resume"), ("Start the new one", "replace")])
            return Turn(self._state("confirm_replace", existing, options=dict(options)),
                        (Reply(cards=(card,), summary="Assessment in progress"),), memory)
        return self._begin(dict(options), memory, user)

    def resume(self, state: dict, user: UserInput) -> Turn:
        """Take the next message or button press and move the assessment on."""
        memory = dict(user.memory or {})
        step_name = state.get("step")
        if step_name == "confirm_replace":
            return self._confirm_replace(state, memory, user)
        if step_name == "question":
            return self._rate_in_place(state, memory, user)
        assessment = engine.current(memory)
        if not assessment or assessment["id"] != state.get("assessment"):
            return self._end(memory, "That assessment is no longer in progress here (it may have been "
                                     "finished or cancelled). Type results to see the latest results.")
        assessment, note = self._checked_version(assessment)
        if step_name == "confirm_cancel":
            return self._confirm_cancel(assessment, memory, user)
        return self._answer(assessment, memory, user, note)

    # -- starting ------------------------------------------------------------------------------------

    def _begin(self, options: dict, memory: dict, user: UserInput) -> Turn:
        mode = options.get("mode", "quick")
        assessment = engine.start(self.benchmark, mode, number=options.get("benchmark"),
                                  who=user.user_name, when=_now(user))
        memory = engine.with_current(memory, assessment)
        intro = {"quick": "Quick check: one headline question for each of the 10 benchmarks, ratings only.",
                 "full": f"Full self-assessment: all {len(assessment['questions'])} questions. Each answer "
                         "is saved as you go; type pause to stop and resume to carry on later.",
                 "benchmark": f"Benchmark {assessment['benchmark']}: {len(assessment['questions'])} questions. "
                              "Each answer is saved as you go."}[mode]
        if user.conversation_type != "personal":
            intro += " This assessment belongs to this chat: anyone here can answer, and each answer " \
                     "records who gave it."
        return self._ask(assessment, memory, note=intro)

    def _resume_saved(self, memory: dict, user: UserInput) -> Turn:
        assessment = engine.current(memory)
        if not assessment:
            return self._end(memory, "There's no paused or in-progress assessment in this conversation to "
                                     "resume. Type quick check or self-assessment to start one.")
        assessment, note = self._checked_version(assessment)
        assessment["status"] = "in_progress"
        memory = engine.with_current(memory, assessment)
        if engine.step(assessment) is None:
            return self._finish(assessment, memory)
        latest = max(assessment["answers"].values(), key=lambda a: a.get("at") or "", default=None)
        text = note or f"Picking up where you left off: {_describe(assessment)}."
        if latest:
            text += f" Last answer by {cards.by_label(latest) or 'someone'}."
        return self._ask(assessment, memory, note=text)

    def _start_question(self, question_id: str, memory: dict) -> Turn:
        if not self.benchmark.has_question(question_id):
            ids = [q.id for q in self.benchmark.questions()]
            asked = escape_markdown(question_id) or "(none given)"
            return self._end(memory, f"There's no question {asked}: questions run from {ids[0]} to {ids[-1]}. "
                                     "Type benchmark 5 to see a benchmark's questions.")
        existing = engine.current(memory)
        done = engine.completed(memory)
        if existing and question_id in existing["questions"]:
            target, where = "current", "in the assessment in progress"
            answer = existing["answers"].get(question_id)
        elif done:
            target, where = "completed", "in your latest completed assessment"
            answer = done[-1]["answers"].get(question_id)
        else:
            target, where, answer = "new", "as a new single-question assessment", None
        step = engine.Step(question_id, "rating", 1, 1)
        card = cards.question_card(self.benchmark, step, answer=answer, note=f"Your rating will be saved {where}.")
        state = {"step": "question", "question": question_id, "target": target,
                 "content_version": self.benchmark.version}
        return Turn(state, (Reply(cards=(card,), summary=f"Question {question_id}"),), memory)

    # -- answering -----------------------------------------------------------------------------------

    def _answer(self, assessment: dict, memory: dict, user: UserInput, note: str) -> Turn:
        step = engine.step(assessment)
        if step is None:
            return self._finish(assessment, memory)
        value = _flow_value(user)
        if value.get("reprompt"):
            return self._ask(assessment, memory, note=note)
        if value.get("question") not in (None, step.question_id):
            return self._ask(assessment, memory, note=f"{_stale(value)}; we're now on {step.question_id}.")
        command, rating = _intent(user, step.stage)
        if not (command or rating or value) and step.stage == "rating" and user.text.strip().endswith("?"):
            return self._ask(assessment, memory, explain=True, note=ASIDE)
        if command in ("why", "pause", "cancel") or (command == "back" and step.index == 1 and step.stage == "rating"):
            return self._command(command, assessment, memory, step, user)
        response, warning = self._response(command, rating, step, user, value)
        if response is None:
            return self._ask(assessment, memory, note=warning)
        previous = (engine.completed(memory) or [None])[-1]
        assessment, following = engine.answer(self.benchmark, assessment, response, who=user.user_name,
                                              when=_now(user), previous=previous)
        if isinstance(following, engine.Summary):
            return self._finish(assessment, memory, following)
        rated = f": {engine.RATING_LABELS[response.value]}" if isinstance(response, engine.Rating) else ""
        saved = f"Saved {step.question_id}{rated}." if isinstance(response, engine.Rating | engine.Details) else ""
        return self._ask(assessment, memory, note=saved)

    def _command(self, command: str, assessment: dict, memory: dict, step: engine.Step, user: UserInput) -> Turn:
        if command == "why":
            return self._ask(assessment, memory, explain=True)
        if command == "back":
            return self._ask(assessment, memory, note="This is the first question.")
        if command == "pause":
            assessment = {**assessment, "status": "paused", "updated_at": _now(user)}
            return self._end(engine.with_current(memory, assessment),
                             f"Paused at question {step.index} of {step.total}. Your answers are saved in this "
                             "conversation: type resume to carry on, today or another day.")
        if not engine.answered_count(assessment):
            return self._end(engine.with_current(memory, None), "Cancelled. Nothing had been answered yet.")
        text = f"Discard this assessment and its {engine.answered_count(assessment)} answer(s)? " \
               "To stop and keep them, choose Keep going and then type pause."
        card = cards.confirm_card(text, [("Discard it", "discard"), ("Keep going", "resume")])
        return Turn(self._state("confirm_cancel", assessment), (Reply(cards=(card,)),),
                    engine.with_current(memory, assessment))

    def _response(self, command: str | None, rating: str | None, step: engine.Step, user: UserInput,
                  value: Mapping[str, Any]) -> tuple[engine.Response | None, str]:
        """The engine response for this input, or None with what to tell the user."""
        if command == "back":
            return engine.Back(), ""
        if command == "skip":
            return engine.Skip(), ""
        if rating:
            return engine.Rating(rating), ""
        if step.stage == "rating":
            return None, NOT_A_RATING
        if value.get("details") in ("keep", "none"):
            return engine.Details(None if value["details"] == "keep" else ""), ""
        text = "" if value else (user.text or "").strip()
        if value.get("personal_data") or (text and _has_personal_data(text)):
            return None, PERSONAL_DATA_WARNING
        if not text:
            return None, "Type your supporting details, or choose No details."
        return engine.Details("" if normalise(text) in NO_DETAILS else text[:MAX_DETAILS]), ""

    def _rate_in_place(self, state: dict, memory: dict, user: UserInput) -> Turn:
        question_id = state["question"]
        value = _flow_value(user)
        command, rating = _intent(user, "rating")
        if command in ("cancel", "pause", "back"):
            return self._end(memory, f"Stopped. Question {question_id} was not changed.")
        if value.get("question") not in (None, question_id):
            return self._end(memory, f"{_stale(value)}. Nothing was changed.")
        rating = "skip" if command == "skip" else rating
        if rating is None:
            note = "" if command == "why" or value.get("reprompt") else "Choose a rating, or type cancel."
            card = cards.question_card(self.benchmark, engine.Step(question_id, "rating", 1, 1),
                                       explain=command == "why", note=note)
            return Turn(state, (Reply(cards=(card,)),), memory)
        who, when, label = user.user_name, _now(user), engine.RATING_LABELS[rating]
        existing, done = engine.current(memory), engine.completed(memory)
        if state["target"] == "current" and existing and question_id in existing["questions"]:
            existing = engine.set_rating(existing, question_id, rating, who=who, when=when)
            return self._end(engine.with_current(memory, existing),
                             f"Saved {question_id}: {label}, in the assessment in progress. Type resume to "
                             "carry on with it.")
        if state["target"] == "completed" and done:
            amended = {**engine.set_rating(done[-1], question_id, rating, who=who, when=when), "amended_at": when}
            memory = {**engine.with_current(memory, existing), "completed": [*done[:-1], amended]}
            number = self.benchmark.question(question_id).benchmark
            score = next(s for s in engine.summarise(self.benchmark, amended).standards if s.number == number)
            return self._end(memory, f"Saved {question_id}: {label}, in your latest assessment. Benchmark "
                                     f"{number} is now {cards.RAG_LABELS[score.rag]}.")
        assessment = engine.start(self.benchmark, "question", question=question_id, who=who, when=when)
        assessment, summary = engine.answer(self.benchmark, assessment, engine.Rating(rating), who=who, when=when)
        return self._finish(assessment, memory, summary, lead=f"Saved {question_id}: {label}.")

    # -- confirmations -------------------------------------------------------------------------------

    def _confirm_replace(self, state: dict, memory: dict, user: UserInput) -> Turn:
        choice = _choice(user)
        if choice == "resume":
            return self._resume_saved(memory, user)
        if choice == "replace":
            return self._begin(dict(state.get("options") or {}), engine.with_current(memory, None), user)
        card = cards.confirm_card("Resume the assessment in progress, or start the new one?",
                                  [("Resume it", "resume"), ("Start the new one", "replace")])
        return Turn(state, (Reply(cards=(card,)),), memory)

    def _confirm_cancel(self, assessment: dict, memory: dict, user: UserInput) -> Turn:
        choice = _choice(user)
        if choice == "discard":
            return self._end(engine.with_current(memory, None),
                             f"Cancelled. The {engine.answered_count(assessment)} answer(s) were discarded.")
        if choice == "resume" or _flow_value(user).get("reprompt"):
            return self._ask(assessment, engine.with_current(memory, assessment), note="Carrying on.")
        card = cards.confirm_card("Discard this assessment, or keep going?",
                                  [("Discard it", "discard"), ("Keep going", "resume")])
        return Turn(self._state("confirm_cancel", assessment), (Reply(cards=(card,)),), memory)

    # -- replies -------------------------------------------------------------------------------------

    def _ask(self, assessment: dict, memory: dict, *, note: str = "", explain: bool = False) -> Turn:
        """Re-send the current step (rating card or details card) and keep the flow going."""
        memory = engine.with_current(memory, assessment)
        step = engine.step(assessment)
        if step is None:
            return self._finish(assessment, memory)
        answer = assessment["answers"].get(step.question_id)
        if step.stage == "details":
            card = cards.details_card(self.benchmark, step, saved=(answer or {}).get("details", ""), note=note)
        else:
            card = cards.question_card(self.benchmark, step, answer=answer, note=note, explain=explain)
        summary = cards.progress_line(step, self.benchmark.question(step.question_id).benchmark)
        return Turn(self._state("asking", assessment), (Reply(cards=(card,), summary=summary),), memory)

    def _finish(self, assessment: dict, memory: dict, summary: engine.Summary | None = None, *,
                lead: str = "That's every question.") -> Turn:
        done = [a for a in engine.completed(memory) if a.get("id") != assessment["id"]]
        if summary is None:
            assessment = {**assessment, "status": "complete",
                          "completed_at": assessment.get("completed_at") or assessment.get("updated_at")}
            summary = engine.summarise(self.benchmark, assessment, done[-1] if done else None)
        memory = engine.with_completed(memory, assessment)
        card = cards.summary_card(self.benchmark, assessment, summary)
        replies = (Reply(text=f"{lead} Here are the results (type export for a table of every answer)."),
                   Reply(cards=(card,), summary="Assessment results"))
        return Turn(None, replies, memory)

    def _end(self, memory: dict, text: str) -> Turn:
        return Turn(None, (Reply(text=text),), engine.with_current(memory, engine.current(memory)))

    def _state(self, step: str, assessment: Mapping[str, Any], **extra: Any) -> dict:
        return {"step": step, "assessment": assessment["id"], "content_version": self.benchmark.version,
                **extra}

    def _checked_version(self, assessment: dict) -> tuple[dict, str]:
        if assessment.get("content_version") == self.benchmark.version:
            return assessment, ""
        return engine.migrate(self.benchmark, assessment), (
            "The benchmark questions have been updated since this assessment began. Your answers to "
            "questions that still exist are kept, and I'll carry on from the first unanswered one.")

    def _unknown_target(self, mode: str, options: Mapping[str, Any]) -> str:
        last = self.benchmark.standards[-1].number
        if mode == "benchmark":
            asked = escape_markdown(str(options.get("benchmark")))
            return f"There's no benchmark {asked}: they are numbered 1 to {last}."
        return "I can run a quick check, a full self-assessment or one benchmark (for example assess benchmark 7)."


def _describe(assessment: Mapping[str, Any]) -> str:
    return f"{engine.mode_label(assessment)}, {engine.answered_count(assessment)} of " \
           f"{len(assessment['questions'])} answered"


def _stale(value: Mapping[str, Any]) -> str:
    return f"That button was for question {escape_markdown(str(value['question']))}"


def _now(user: UserInput) -> str:
    return user.now.isoformat(timespec="seconds")
