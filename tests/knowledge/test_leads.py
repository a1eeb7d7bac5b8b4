"""Every passage's lead is prepared at load: what an answer without an excerpt shows of it."""

from knowledge.leads import ANSWER_CHARS


def test_every_passage_has_a_lead_within_the_answer_length(kb):
    for passage in kb._searcher.index.passages:
        lead = kb.lead(passage.id)
        assert lead is not None and lead.text, passage.id
        assert len(lead.text) <= ANSWER_CHARS + 1, passage.id  # "…" after a cut at a word
        assert "**" not in lead.plain and "](http" not in lead.plain, passage.id


def test_a_long_section_is_read_from_the_passage_and_offers_more(kb):
    passage = kb.passage("toolkit-2018/channel-case-study/3")
    lead = kb.lead(passage.id)
    assert lead.text.startswith(passage.text[:80]) and lead.more


def test_a_short_section_reads_whole_from_its_start(kb):
    first, second = kb.section_passages("scrutiny-slides-2018/helping-families-early/2")[:2]
    lead = kb.lead(second.id)
    assert lead.text.startswith(first.text) and second.text in lead.text and not lead.more


def test_an_unknown_passage_has_no_lead(kb):
    assert kb.lead("no-such-document/no-such-section/1") is None
