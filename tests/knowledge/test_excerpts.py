"""What of a long passage an answer quotes."""

import pytest

from knowledge.excerpts import _item_start, digest, excerpt, list_chunks, sentence


def _numbered(kb, suffix: str) -> int:
    return next(n for n, p in enumerate(kb._searcher.index.passages) if p.id.endswith(suffix))


def test_an_excerpt_starts_at_the_list_item_holding_the_answering_sentence(kb):
    index = kb._searcher.index
    number = _numbered(kb, "additional-training/2")
    last = len(index.spans[number]) - 1  # the bullet's second sentence ("Elected members will often be...")
    shown = excerpt(index, number, last)
    assert "- Elected members should have access to WRAP" in shown
    assert sentence(index, number, last).startswith("…- Elected members should have access to WRAP")


def _spans(text: str, *sentences: str) -> tuple[tuple[int, int], ...]:
    return tuple((text.index(s), text.index(s) + len(s)) for s in sentences)


def test_a_later_sentence_of_a_bullet_goes_back_to_the_bullet():
    text = "Lead-in:\n- Members should have WRAP. They are the front line."
    spans = _spans(text, "Lead-in:", "- Members should have WRAP.", "They are the front line.")
    assert _item_start(text, spans, 2, 600) == 1


def test_a_paragraph_opening_in_bold_is_not_a_list_item():
    text = "**Benchmark 1:** The area has a plan. It is reviewed yearly."
    spans = _spans(text, "**Benchmark 1:** The area has a plan.", "It is reviewed yearly.")
    assert _item_start(text, spans, 1, 600) == 1


def test_a_long_opening_sentence_does_not_crowd_out_the_answer():
    opening = "- " + "word " * 60 + "end."
    text = f"{opening} The answer."
    spans = _spans(text, opening, "The answer.")
    assert _item_start(text, spans, 1, 260) == 1
    assert _item_start(text, spans, 1, 1000) == 0


def test_a_question_about_a_split_list_as_a_whole_gets_every_item_by_its_opening_sentence(kb):
    answer = kb.ask("what are some good ways to engage communities on prevent")
    shown = answer.hits[0].excerpt
    assert answer.hits[0].passage.id.endswith("community-engagement/1")
    assert "different ways in which local authorities can engage meaningfully" in shown
    # items from the second and third chunks, which the first chunk alone does not show
    assert "- Organising regular and structured engagement with key community influencers" in shown
    assert "- Have an awareness of local community groups" in shown
    assert len(shown) <= 700


def test_a_digest_keeps_an_items_bold_label_and_drops_only_the_bullet(kb):
    index = kb._searcher.index
    number = _numbered(kb, "non-local-authority-owned-premises/1")
    lead_in = next(i for i, (start, _end) in enumerate(index.spans[number]) if start == 0)
    shown = digest(index, number, lead_in)
    assert "\n- **Health and safety considerations:** Some events" in shown
    assert "\n- **Reputation:**" in shown


def test_a_question_answered_by_one_item_gets_no_digest(kb):
    index = kb._searcher.index
    number = _numbered(kb, "community-engagement/1")
    last = len(index.spans[number]) - 1  # a sentence of the first item
    assert digest(index, number, last) == ""


def test_only_the_first_chunk_of_a_split_list_opens_it(kb):
    index = kb._searcher.index
    first = _numbered(kb, "community-engagement/1")
    assert len(list_chunks(index, first)) == 6
    assert not list_chunks(index, first + 1)
    assert not list_chunks(index, _numbered(kb, "introduction/1"))


def test_did_it_work_shows_how_the_case_study_ended_though_the_passage_is_longer_than_an_answer(kb):
    answer = kb.ask("did the hounslow stall scheme actually work")
    first = answer.hits[0]
    assert first.passage.id.endswith("problem-solving-panel-case-study-hounslow/2")
    assert len(first.passage.text) > 700  # shown whole, the answer would be cut before its last sentence
    assert "have had no further issues with Da'wah stalls" in first.excerpt
    assert "introduced a temporary street traders licensing scheme" in first.excerpt
    assert len(first.excerpt) <= 700


@pytest.mark.parametrize("question", ["did hounslow's licensing scheme work",
                                      "did the hounslow stall scheme work in the end"])
def test_did_x_work_and_in_the_end_ask_how_it_turned_out(kb, question):
    """"did <anything> work" and "in the end" ask for the outcome, as "did it work" does."""
    assert "outcome" in kb._searcher.analyse(question).intents
    assert "have had no further issues with Da'wah stalls" in kb.ask(question).hits[0].excerpt


def test_an_outcome_too_far_from_the_answering_sentence_is_shown_after_it(kb):
    """The case study's outcome opens its last passage; that the lad stayed out of trouble is its last sentence, too
    far for all between to fit: the answer shows the two, with an ellipsis between."""
    first = kb.ask("What happened in the Channel case study with the teenage lad with far right tattoos?").hits[0]
    assert first.passage.id.endswith("channel-case-study/5")
    assert first.excerpt.startswith("The outcome of this multi-agency approach")
    assert " … To date he has not come to the adverse attention of the Police" in first.excerpt
    assert len(first.excerpt) <= 700


def test_a_link_question_answered_by_one_item_of_a_list_of_links_does_not_run_on_to_the_next_link(kb):
    shown = kb.ask("educate against hate website").hits[0].excerpt
    assert "[Educate Against Hate](http://educateagainsthate.com)" in shown
    assert "NHS Prevent website" not in shown


def test_a_runner_ups_sentence_that_may_run_on_starts_where_a_short_one_does(kb):
    index = kb._searcher.index
    for number, spans in enumerate(index.spans):
        for which in range(len(spans)):
            short = sentence(index, number, which)
            longer = sentence(index, number, which, run_on=700)
            assert longer.startswith(short.rstrip(".…")[:200]) and len(short) <= len(longer) <= 701
