"""How typed questions become concepts: contractions, synonym phrases against glossary words, and the
senses of "Prevent" (name or verb)."""

import pytest


def _concepts(kb, question: str) -> set[tuple[str, ...]]:
    return {c.own for c in kb._searcher.analyse(question).concepts}


@pytest.mark.parametrize("question", ["We've got a lot of supplementary schools locally",
                                      "you've said they'll need training", "she's asked if it ain't optional"])
def test_contractions_typed_without_apostrophes_are_not_subject_words(kb, question):
    stems = {s for own in _concepts(kb, question) for s in own}
    assert not stems & {"weve", "youv", "theyll", "she", "shes", "aint"}, stems


def test_a_synonym_phrase_wins_over_a_shorter_glossary_match_inside_it(kb):
    assert ("prevent", "board") in _concepts(kb, "who needs to be on the prevent board")


@pytest.mark.parametrize("question", ["do we need to write prevent into our contracts with providers",
                                      "should prevent be in our contracts with providers"])
def test_prevent_before_into_or_be_is_the_name(kb, question):
    assert kb._searcher.analyse(question).strong


def test_prevent_as_a_verb_is_still_not_the_name(kb):
    assert not kb._searcher.analyse("how can we prevent damp in the building").strong


def test_a_name_typed_in_capitals_is_the_name_even_first(kb):
    assert kb._searcher.analyse("WRAP - what is it and who is it aimed at?").strong
    assert kb.ask("WRAP - what is it and who is it aimed at?").kind == "passage"


def test_a_message_all_in_capitals_gives_no_sense_of_a_name(kb):
    assert not kb._searcher.analyse("HOW DO I PREVENT MY SCREEN LOCKING").strong
    assert kb.ask("HOW DO I PREVENT MY SCREEN LOCKING").kind == "none"


@pytest.mark.parametrize(("question", "about"), [("what does 5.2 check at channel panel", True),
                                               ("Benchmark 5.1 supporting details", True),
                                               ("how many of the 3,000 staff trained were teachers", False),
                                               ("is version 2.0 of the toolkit out", False),
                                               ("did funding rise 1.5% or £1.5m", False)])
def test_a_question_number_makes_the_self_assessment_questions_fair_answers(kb, question, about):
    assert kb._searcher.analyse(question).about_questions is about


def test_a_capital_that_starts_a_sentence_is_not_a_name(kb):
    query = kb._searcher.analyse("I chair our channel panel. Nobody on the panel knows who to ask")
    assert not any(c.proper for c in query.concepts)
    assert any(c.proper for c in kb._searcher.analyse("why was the Wagner Group proscribed").concepts)


@pytest.mark.parametrize(("question", "named"), [("What role does GCHQ play in counter terrorism?", True),
                                                 ("does LLR have a prevent board", False)])
def test_a_long_acronym_in_capitals_is_a_name_and_a_short_one_may_be_local(kb, question, named):
    assert any(c.proper for c in kb._searcher.analyse(question).concepts) is named


@pytest.mark.parametrize(("typed", "content"), [("take account of", ("consid",)), ("procedure", ("process",)),
                                                 ("frontline", ("front", "line")), ("jihadist", ("daesh",)),
                                                 ("alongside", ("supplement",)), ("banned", ("proscrib",)),
                                                 ("nurse", ("health",)), ("voluntary", ("mandatori",)),
                                                 ("regs", ("regul",)), ("firefighters", ("fire", "rescu")),
                                                 ("demo", ("demonstr",))])
def test_staff_words_reach_the_guidance_words(kb, typed, content):
    (concept,) = [c for c in kb._searcher.analyse(f"prevent {typed}").concepts if c.own != ("prevent",)]
    assert content in concept.alternatives


@pytest.mark.parametrize("question", ["how do I set up a new channel in Microsoft Teams for my project",
                                      "how do I change the channel on the meeting room TV"])
def test_a_teams_or_tv_channel_anywhere_in_the_message_is_not_channel(kb, question):
    assert kb.ask(question).kind == "none"


@pytest.mark.parametrize("question", ["what did the peer review say needs improving, e.g. with the LSCB?",
                                      "what did the peer review say needs improving (i.e. with the LSCB)?"])
def test_latin_abbreviations_are_not_words_of_the_question(kb, question):
    words = [word for concept in kb._searcher.analyse(question).concepts for word in concept.own]
    assert "e" not in words and "g" not in words and "i" not in words and "lscb" in words


@pytest.mark.parametrize("question", ["member engagement group meeting frequency in luton",
                                      "ealing progress reporting frequency"])
def test_frequency_asks_how_often_like_how_often_does(kb, question):
    """"Frequency" names the kind of fact wanted, as "how often" does: a passage stating how often covers it."""
    assert kb.ask(question).kind == "passage"


@pytest.mark.parametrize("question", ["worried about a year 12 student, should I make a prevent referral",
                                      "year 11 student watching extremist videos, what is the referral process"])
def test_a_school_year_is_a_pupil_not_a_year(kb, question):
    """"Year 12" must not match "the past year" of an annual report: the question is about referring a pupil."""
    answer = kb.ask(question)
    assert answer.kind == "passage" and answer.hits[0].passage.id.startswith("toolkit-2018/4-referral-process")


def test_several_school_years_are_pupils_and_a_count_after_the_past_year_stays_a_count(kb):
    assert not {("10",), ("11",)} & _concepts(kb, "how many referrals for years 10 and 11 students")
    assert ("12",) in _concepts(kb, "in the past year 12 schools had training")


@pytest.mark.parametrize(("question", "introduced", "asked"), [
    ("I'm a family support worker and I've just been handed this Prevent toolkit. Is it new rules or just help?",
     "famili", "toolkit"),
    ("We're a small district inside a county - do we need our own prevent plan?", "district", "plan"),
])
def test_words_only_in_the_askers_introduction_weigh_less(kb, question, introduced, asked, monkeypatch):
    """Who is asking is not what they ask about: words found only in an opening "I'm a ..." weigh a share of what
    they would elsewhere; the question's own words keep their weight."""
    import knowledge.query as query_module

    share = query_module.INTRODUCTION_WEIGHT
    weighed = kb._searcher.analyse(question)
    monkeypatch.setattr(query_module, "INTRODUCTION_WEIGHT", 1.0)
    plain = kb._searcher.analyse(question)
    kb._searcher._forget()
    assert share < 1 and weighed.weights[introduced] == pytest.approx(plain.weights[introduced] * share)
    assert weighed.weights[asked] == plain.weights[asked]


def test_an_introduction_word_the_question_uses_again_keeps_its_weight(kb):
    from knowledge.query_words import introduced_only

    assert introduced_only("I'm a DSL at a school - what should a school do first?") == frozenset({"dsl"})
    assert introduced_only("What does the toolkit say about venues?") == frozenset()
