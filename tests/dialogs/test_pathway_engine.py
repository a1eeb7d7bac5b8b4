"""Table-driven tests for dialogs.pathway_engine over the example pathway graph (plain dicts only)."""

import pytest

from dialogs import pathway_engine as engine


def walk(pathway, answers):
    state = engine.start_state(pathway)
    for option_id in answers:
        state = engine.answer(pathway, state, option_id)
    return state


@pytest.mark.parametrize(("answers", "step"), [
    ([], "danger"),
    (["yes"], "emergency"),
    (["not_sure"], "emergency"),
    (["no"], "who"),
    (["no", "child"], "check"),
    (["no", "child", "yes"], "remains"),
    (["no", "child", "no"], "talk_to_lead"),
    (["no", "child", "not_sure"], "talk_to_lead"),
    (["no", "adult", "no", "cant_reach"], "cant_reach"),
    (["no", "adult", "no", "talked"], "remains"),
    (["no", "child", "yes", "yes"], "share_child"),
    (["no", "adult", "yes", "yes"], "share_adult"),
    (["no", "adult_with_children", "yes", "yes"], "share_family"),
    (["no", "adult", "yes", "no"], "no_referral"),
    (["no", "adult", "yes", "not_sure"], "consult"),
    (["no", "child", "yes", "yes", "next"], "referral_made"),
    (["no", "adult_with_children", "no", "talked", "yes", "next"], "referral_made"),
])
def test_walks(example_pathway, answers, step):
    state = walk(example_pathway, answers)
    assert state["step"] == step
    assert engine.is_finished(example_pathway, state) is (example_pathway.step(step).kind == "outcome")


def test_every_outcome_is_reachable_by_some_walk(example_pathway):
    outcomes = {s.id for s in example_pathway.steps.values() if s.kind == "outcome"}
    reached = set()
    frontier = [engine.start_state(example_pathway)]
    while frontier:
        state = frontier.pop()
        step = engine.current_step(example_pathway, state)
        if step.kind == "outcome":
            reached.add(step.id)
            continue
        frontier.extend(engine.answer(example_pathway, state, o.id) for o in step.options)
    assert reached == outcomes


def test_state_is_plain_data_and_answer_does_not_mutate(example_pathway):
    state = walk(example_pathway, ["no", "child"])
    before = {"step": state["step"], "history": [list(h) for h in state["history"]]}
    engine.answer(example_pathway, state, "yes")
    assert state == before
    assert state == {"step": "check", "history": [["danger", "no"], ["who", "child"]]}


@pytest.mark.parametrize(("answers", "back_to"), [
    ([], "danger"),
    (["no"], "danger"),
    (["no", "child"], "who"),
    (["no", "child", "yes", "yes"], "remains"),  # back over the route step lands on the question
])
def test_back(example_pathway, answers, back_to):
    state = engine.back(example_pathway, walk(example_pathway, answers))
    assert state["step"] == back_to
    assert len(state["history"]) == max(0, len(answers) - 1)


def test_route_taken_and_contacts(example_pathway):
    state = walk(example_pathway, ["no", "child", "no", "talked", "yes", "next"])
    route = [(s.id, o.id) for s, o in engine.route_taken(example_pathway, state)]
    assert route[:2] == [("danger", "no"), ("who", "child")]
    contacts = engine.contacts_on_route(example_pathway, state)
    assert contacts == ("borough-safeguarding", "borough-prevent-lead", "police-prevent", "county-mash")


@pytest.mark.parametrize(("state", "answer_id"), [
    ({"step": "danger", "history": []}, "child"),
    ({"step": "nowhere", "history": []}, "yes"),
    ({"step": "who", "history": "nonsense"}, "child"),
])
def test_bad_state_or_answer_raises(example_pathway, state, answer_id):
    with pytest.raises(engine.PathwayStateError):
        engine.answer(example_pathway, state, answer_id)


@pytest.mark.parametrize(("step", "typed", "option", "control"), [
    ("danger", "yep", "yes", None),
    ("danger", "Yes.", "yes", None),
    ("danger", "yse", "yes", None),
    ("danger", "no", "no", None),
    ("danger", "nope", "no", None),
    ("danger", "not sure", "not_sure", None),
    ("danger", "nott sure", "not_sure", None),
    ("danger", "I'm not sure", "not_sure", None),
    ("danger", "dunno", "not_sure", None),
    ("danger", "go back", None, "back"),
    ("danger", "start again", None, "restart"),
    ("danger", "cancel", None, "cancel"),
    ("danger", "yes and no", None, None),
    ("danger", "banana", None, None),
    ("who", "under 18", "child", None),
    ("who", "he's 15", "child", None),
    ("who", "she is 17", "child", None),
    ("who", "15", "child", None),
    ("who", "a 40 year old man", "adult", None),
    ("who", "in his 20s", "adult", None),
    ("who", "the man is 17", "child", None),
    ("who", "an adult", "adult", None),
    ("who", "adlut", "adult", None),
    ("who", "her dad", "adult_with_children", None),
    ("who", "she's 30 and has kids", "adult_with_children", None),
    ("who", "adult livng with children", "adult_with_children", None),
    ("check", "who is my DSL?", "not_sure", None),
    ("check", "no I haven't", "no", None),
    ("check", "nah not yet", "no", None),
    ("check", "yes I have", "yes", None),
    ("talk_to_lead", "I can't get hold of anyone", "cant_reach", None),
    ("share_child", "what happens next", "next", None),
])
def test_interpret(example_pathway, step, typed, option, control):
    reading = engine.interpret(example_pathway, example_pathway.step(step), typed)
    assert (reading.option, reading.control) == (option, control)


@pytest.mark.parametrize(("said", "age"), [("hes 15", 15), ("under 18", 17), ("over 18", 19),
                                            ("a 40 year old", 40), ("aged 9", 9), ("nothing", None)])
def test_stated_age(said, age):
    assert engine.stated_age(said) == age
