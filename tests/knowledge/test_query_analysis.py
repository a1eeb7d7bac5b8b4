"""How typed questions become concepts, and how passages are indexed and quoted: the details that decide
whether a plainly worded staff question finds its passage."""

import pytest

from knowledge.excerpts import excerpt, sentence
from knowledge.index import _labels


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


def test_list_item_labels_are_read_as_sub_headings():
    text = ("You may wish to consider:\n- Strategic oversight \u2013\n  - briefing members\n"
            "- **Reputation:** Venue owners may want to know.\n- A plain item with no label.")
    assert _labels(text) == {"strateg", "oversight", "reput"}


def _numbered(kb, suffix: str) -> int:
    return next(n for n, p in enumerate(kb._searcher.index.passages) if p.id.endswith(suffix))


def test_an_excerpt_starts_at_the_list_item_holding_the_answering_sentence(kb):
    index = kb._searcher.index
    number = _numbered(kb, "additional-training/2")
    last = len(index.spans[number]) - 1  # the bullet's second sentence ("Elected members will often be...")
    shown = excerpt(index, number, last)
    assert "- Elected members should have access to WRAP" in shown
    assert sentence(index, number, last).startswith("…- Elected members should have access to WRAP")
