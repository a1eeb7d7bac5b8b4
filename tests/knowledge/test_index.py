"""What the index records about a passage beyond its words."""

import pytest

from knowledge.index import _fields, _labels, kinds_of


def test_list_item_labels_are_read_as_sub_headings():
    text = ("You may wish to consider:\n- Strategic oversight \u2013\n  - briefing members\n"
            "- **Reputation:** Venue owners may want to know.\n- A plain item with no label.")
    assert _labels(text) == {"strateg", "oversight", "reput"}


def test_a_label_word_on_many_passages_is_a_format_not_a_topic(kb):
    index = kb._searcher.index
    summaries = [n for n, p in enumerate(index.passages) if "**Outcome:**" in p.text]
    assert len(summaries) > 2
    assert not any("outcom" in index.topic[n] for n in summaries)


def _numbered(index, suffix: str) -> int:
    return next(n for n, p in enumerate(index.passages) if p.id.endswith(suffix))


def test_a_passage_under_a_question_heading_answers_it_unless_it_asks_questions_too(kb):
    index = kb._searcher.index
    assert index.asks[_numbered(index, "who-should-be-involved/1")] == 0  # "Who should be involved?"
    assert index.asks[_numbered(index, "4-1-do-you-have-an-agreed-process-in-place-for/1")] > 0.5  # prompts


def test_case_study_pairs_are_told_from_pairs_the_rest_of_the_guidance_uses(kb):
    index = kb._searcher.index
    assert ("prevent", "board") in index.general_pairs
    assert ("dawah", "stall") not in index.general_pairs and ("dawah", "stall") in index.pairs


def test_a_document_is_known_by_its_year(kb):
    """"The 2016 letter", "the 2018 toolkit": the year a document is dated is one of its passages' words."""
    index = kb._searcher.index
    number = _numbered(index, "introduction/1")
    assert "2018" not in index.passages[number].text and "2018" in index.terms[number]
    assert kb.ask("does the 2018 toolkit replace the prevent duty guidance").kind == "passage"


def test_a_passage_before_any_heading_does_not_take_the_title_as_its_heading(kb):
    """The title is every passage's own field; as a heading too, a document's opening lines would win every
    question that names the document."""
    index = kb._searcher.index
    opening = [n for n, p in enumerate(index.passages) if not p.heading_path]
    assert opening and all(not index.topic[n] for n in opening)


def test_a_document_is_known_by_its_authors_initials_only(kb):
    """"The OSCT letter", "BCC's slides": a publisher's initials are its passages' words; its everyday words
    are not, or "office" would cover any question about an office."""
    index = kb._searcher.index
    letter = _numbered(index, "peer-support-letter-2016/purpose-of-the-letter/1")
    assert "osct" in index.terms[letter]
    assert "bcc" in index.terms[_numbered(index, "scrutiny-slides-2018/progress-in-education/1")]
    title = _fields(index.passages[letter], (), kb.glossary)["title"]
    assert index.passages[letter].doc_publisher.startswith("Home Office") and "offic" not in title


def test_a_question_naming_a_documents_author_is_answered_by_its_passages(kb):
    """The 2016 letter never says "Home Office" but the Home Office wrote it; "office" alone is not its author."""
    index = kb._searcher.index
    letter = [n for n, p in enumerate(index.passages) if p.doc_id == "peer-support-letter-2016"]
    assert all(index.author_masks[("home", "offic")] >> n & 1 for n in letter)
    assert ("offic",) not in index.author_masks
    answer = kb.ask("What did the Home Office peer support offer for councils include?")
    assert answer.kind == "passage" and answer.hits[0].passage.doc_id == "peer-support-letter-2016"
    assert kb.ask("whats the action plan for the office move").kind == "none"


@pytest.mark.parametrize(("text", "kinds"), [
    ("45% of schools have had training", {"number", "percent"}),
    ("nine per cent of referrals", {"number", "percent"}),
    ("at least two WRAP trained officers", {"number"}),  # a count in words
    ("two-tier areas", set()),
    ("write to prevent@example.gov.uk by March 2019", {"email", "date", "link", "number"}),
    ("the panel meets every month", {"frequency"}),
    ("a two-day course", {"duration"}),
    ("As a result, the event was cancelled", {"outcome"}),
    ("- 680 accredited trainers in schools", {"number"}),  # a list item opening with a figure
    ("the course costs £40, or is free for members", {"money", "number"}),
    ("1.2 Is there a board?\n- a) a plan", set()),  # numbering is not a figure
    ("Panels should be chaired by the local authority", {"members"}),  # who sits on it
    ("with representation from all relevant sectors, such as health", {"members"}),
    ("All partners named as subject to the Prevent Duty should sit on the board", {"members"}),
    ("There should be a robust understanding among panel members", set()),  # members, not who they are
])
def test_the_kinds_of_fact_a_text_states(text, kinds):
    assert kinds_of(text) == kinds
