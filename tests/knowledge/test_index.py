"""What the index records about a passage beyond its words."""

from knowledge.index import _labels


def test_list_item_labels_are_read_as_sub_headings():
    text = ("You may wish to consider:\n- Strategic oversight \u2013\n  - briefing members\n"
            "- **Reputation:** Venue owners may want to know.\n- A plain item with no label.")
    assert _labels(text) == {"strateg", "oversight", "reput"}


def test_a_label_word_on_many_passages_is_a_format_not_a_topic(kb):
    index = kb._searcher.index
    summaries = [n for n, p in enumerate(index.passages) if "**Outcome:**" in p.text]
    assert len(summaries) > 2
    assert not any("outcom" in index.topic[n] for n in summaries)
