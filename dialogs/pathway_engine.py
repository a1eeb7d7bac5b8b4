"""The referral pathway engine: plain state dicts walked over a `Pathway` graph, no SDK anywhere.

State is a dict of primitives, so any store can persist it:

    {"step": "check", "history": [["danger", "no"], ["who", "child"]]}

`history` holds the (question, answer) pairs given so far; route steps are never stored, because they
follow from an earlier answer. `answer` and `back` return a new state and never change the one given;
`interpret` turns typed text ("yep", "nott sure", "he's 15", "go back") into an option id or a control.
"""

import re
from dataclasses import dataclass

from knowledge.area_model import CONTROL_WORDS, Option, Pathway, Step
from knowledge.area_text import match_phrases, normalise


class PathwayStateError(ValueError):
    """The state does not fit the pathway (a step or answer it doesn't have): restart the walk-through."""


def start_state(pathway: Pathway) -> dict:
    """A fresh walk-through at the pathway's first step."""
    return {"step": _settle(pathway, pathway.start, []), "history": []}


def after_referral_state(pathway: Pathway) -> dict | None:
    """A walk-through standing at the pathway's "what happens after a referral" outcome, or None."""
    return {"step": pathway.after_referral, "history": []} if pathway.after_referral else None


def current_step(pathway: Pathway, state: dict) -> Step:
    """The step the user is on; raises PathwayStateError if the pathway has no such step."""
    step = pathway.steps.get(state.get("step", ""))
    if step is None:
        raise PathwayStateError(f"no step {state.get('step')!r}")
    return step


def answer(pathway: Pathway, state: dict, option_id: str) -> dict:
    """The state after answering the current question with `option_id` (route steps are passed through)."""
    step = current_step(pathway, state)
    option = step.option(option_id)
    if step.kind != "question" or option is None:
        raise PathwayStateError(f"{option_id!r} is not an answer to {step.id!r}")
    history = [*_history(state), [step.id, option.id]]
    return {"step": _settle(pathway, option.next, history), "history": history}


def back(pathway: Pathway, state: dict) -> dict:
    """The state before the last answer (the same state when nothing has been answered yet)."""
    history = _history(state)
    if not history:
        return {"step": current_step(pathway, state).id, "history": []}
    step_id, _ = history[-1]
    return {"step": step_id, "history": history[:-1]}


def is_finished(pathway: Pathway, state: dict) -> bool:
    """True when the walk-through has reached an outcome."""
    return current_step(pathway, state).kind == "outcome"


def route_taken(pathway: Pathway, state: dict) -> list[tuple[Step, Option]]:
    """Each question answered so far, with the option chosen, in order."""
    taken = []
    for step_id, option_id in _history(state):
        step = pathway.steps.get(step_id)
        option = step.option(option_id) if step else None
        if step is None or option is None:
            raise PathwayStateError(f"history names {step_id!r}/{option_id!r}")
        taken.append((step, option))
    return taken


def contacts_on_route(pathway: Pathway, state: dict) -> tuple[str, ...]:
    """Contact ids met along the route and at the current step, first mention first, no repeats."""
    ids: list[str] = []
    steps = [step for step, _ in route_taken(pathway, state)] + [current_step(pathway, state)]
    for step in steps:
        ids.extend(c for c in step.contacts if c not in ids)
    return tuple(ids)


@dataclass(frozen=True)
class Reading:
    """What typed text meant at a step: an option id, a control (back/restart/cancel), or nothing."""

    option: str | None = None
    control: str | None = None


def interpret(pathway: Pathway, step: Step, text: str) -> Reading:
    """Read typed text as an answer to `step` or a control word; typos are forgiven, ties give nothing."""
    said = normalise(text)
    if not said:
        return Reading()
    candidates = [(f"control:{word}", phrase) for word in CONTROL_WORDS
                  for phrase in (word, *pathway.answer_words.get(word, ()))]
    for option in step.options:
        phrases = (option.id.replace("_", " "), normalise(option.label), *option.synonyms,
                   *pathway.answer_words.get(option.id, ()))
        candidates.extend((option.id, p) for p in phrases if p)
    age = stated_age(said)
    found = match_phrases(said, candidates)
    if age is not None:
        found = [m for m in found if _age_fits(step.option(m.key), age)]
    if found:
        top = found[0]
        rivals = {m.key for m in found if (m.covered, m.score) == (top.covered, top.score)}
        if len(rivals) > 1:
            return Reading()
        if top.key.startswith("control:"):
            return Reading(control=top.key.removeprefix("control:"))
        return Reading(option=top.key)
    if age is not None:
        by_age = [o.id for o in step.options if o.age and o.age[0] <= age <= o.age[1]]
        if len(by_age) == 1:
            return Reading(option=by_age[0])
    return Reading()


_AGE_PATTERNS = (
    (re.compile(r"\bunder (\d{1,3})\b"), -1),
    (re.compile(r"\b(?:over|older than) (\d{1,3})\b"), 1),
    (re.compile(r"\b(\d{1,3}) ?(?:years? old|yrs? old|yo|year olds?|yr olds?)\b"), 0),
    (re.compile(r"\b(?:aged?|hes|shes|theyre|he is|she is|they are|is|turned|just turned) (\d{1,3})\b"), 0),
    (re.compile(r"^(\d{1,3})$"), 0),
    (re.compile(r"\b(?:in (?:his|her|their) )(\d)0s\b"), 5),
)


def stated_age(said: str) -> int | None:
    """An age stated in normalised text ("hes 15", "under 18", "a 40 year old"), or None."""
    for pattern, shift in _AGE_PATTERNS:
        match = pattern.search(said)
        if match:
            value = int(match[1]) * (10 if shift == 5 else 1) + shift
            return value if 0 <= value <= 120 else None
    return None


def _age_fits(option: Option | None, age: int) -> bool:
    return option is None or option.age is None or option.age[0] <= age <= option.age[1]


def _settle(pathway: Pathway, step_id: str, history: list[list[str]]) -> str:
    """Follow route steps by earlier answers until a question or outcome."""
    answers = dict((s, o) for s, o in history)
    for _ in range(len(pathway.steps) + 1):
        step = pathway.steps.get(step_id)
        if step is None:
            raise PathwayStateError(f"no step {step_id!r}")
        if step.kind != "route":
            return step_id
        target = dict(step.routes).get(answers.get(step.on or "", ""))
        if target is None:
            raise PathwayStateError(f"route {step_id!r} has no answer to {step.on!r}")
        step_id = target
    raise PathwayStateError("routes loop")


def _history(state: dict) -> list[list[str]]:
    history = state.get("history", [])
    if not isinstance(history, list) or not all(isinstance(h, list | tuple) and len(h) == 2 for h in history):
        raise PathwayStateError("history is not a list of [step, answer] pairs")
    return [[str(s), str(o)] for s, o in history]
