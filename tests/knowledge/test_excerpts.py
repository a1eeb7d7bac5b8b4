"""What of a long passage an answer quotes."""

from knowledge.excerpts import _item_start, excerpt, sentence


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
