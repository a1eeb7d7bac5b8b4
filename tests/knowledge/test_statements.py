"""What a passage states in so many words (definitions, what a list is of) and questions asking for just that."""

import pytest

from knowledge.statements import (
    DEFINITION_BOOST,
    LIST_BOOST,
    Statements,
    contents_target,
    definitions,
    list_subjects,
    lists_target,
)
from knowledge.text import analyse


@pytest.mark.parametrize(("text", "subjects"), [
    ("A proactive communications strategy will:\n\n- Explain the purpose", {("proactiv", "communic", "strategi")}),
    ("Action plans should:\n- Outline the role of each local partner", {("action", "plan")}),
    ("A local risk-assessment typically includes:\n- An assessment of the threat", {("risk", "assess")}),
    ("These recommendations should be fed into:\n1. A local risk-assessment.", {("recommend",)}),
    ("Action plans should include: a, b and c.", set()),  # the list runs on in the sentence: no lead-in line
    ("Key findings:\n- a", set()),  # no word saying what the thing does or holds
    ("Channel is a voluntary programme. It helps people.", set()),
])
def test_a_line_leading_into_a_list_names_what_the_list_is_of(text, subjects):
    assert list_subjects(text) == subjects


@pytest.mark.parametrize(("question", "target"), [
    ("what should our prevent comms strategy do", ("comm", "strategi")),
    ("what should a prevent communications strategy actually do", ("communic", "strategi")),
    ("what should go in a prevent partnership action plan", ("action", "plan")),
    ("what does a risk assessment typically include", ("risk", "assess")),
    ("local risk assessment contents", ("risk", "assess")),
    ("whats in an action plan", ("action", "plan")),
    ("what should the action plan do with the risks the ctlp has flagged", ()),  # what it does with one thing
    ("what are the contents of a risk assessment", ("risk", "assess")),
    ("how do i report terrorist content online", ()),  # content, not contents
    ("what is the prevent duty", ()),
    ("who should sit on the board", ()),
])
def test_questions_asking_what_a_thing_does_or_holds(question, target):
    assert contents_target(tuple(question.split())) == target


@pytest.mark.parametrize(("subject", "target", "lists"), [
    (("proactiv", "communic", "strategi"), ("comm", "strategi"), True),  # "comms" is short for "communications"
    (("action", "plan"), ("action", "plan"), True),
    (("communic", "strategi"), ("risk", "assess"), False),
    (("action", "plan"), ("plan",), True),
    (("action", "plan"), ("channel", "panel", "plan", "review"), False),  # a plan, but not the one asked about
    (("partner",), ("action", "plan"), False),
    (("polici",), ("polic",), False),  # police is no clipped policy
    (("risk", "assess"), ("risk", "regist"), False),  # a risk register is not a risk assessment
])
def test_a_list_answers_when_it_is_of_the_thing_asked_about(subject, target, lists):
    assert lists_target(subject, target) is lists


def test_boosts_go_to_passages_defining_or_listing_what_is_asked():
    statements = Statements([frozenset({("channel",)}), frozenset(), frozenset()],
                            [frozenset(), frozenset({("action", "plan")}), frozenset({("channel",)})])
    assert statements.boosts(("channel",), ()) == {0: DEFINITION_BOOST}
    assert statements.boosts((), ("action", "plan")) == {1: LIST_BOOST}
    assert statements.boosts(("channel",), ("channel",)) == {0: DEFINITION_BOOST, 2: LIST_BOOST}
    assert statements.boosts((), ()) == {}


@pytest.mark.parametrize(("text", "defined"), [
    ("Channel is a voluntary, confidential programme.", {("channel",)}),
    ("- Visits: officers or Prevent Peers (a network of Home Office accredited local Prevent officers) can "
     "meet staff.", {("prevent", "peer")}),
    ('Alter Ego delivered the production "Going to Extremes" to schools.', {("go", "extrem")}),
    ("Contact the Home Office (see below) for advice.", set()),  # brackets that define nothing
])
def test_the_terms_a_passage_defines(text, defined):
    assert definitions(text) == defined


def test_analysed_words_match_the_targets_stems():
    assert tuple(analyse("comms strategy")) == ("comm", "strategi")
