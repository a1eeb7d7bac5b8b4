"""Normalisation: spelling folding, stems, tokens and sentence cutting."""

import re

import pytest

from knowledge.text import analyse, cut_at_sentence, fold, literal_union, plain, slugify, stem, words


def test_american_spellings_fold_to_british():
    assert fold("radicalization") == "radicalisation"
    assert fold("organize") == "organise" and fold("program") == "programme"
    assert stem("radicalization") == stem("radicalisation") == stem("radicalised")


def test_inflections_share_a_stem():
    assert stem("referral") == stem("referrals") == stem("refer") == stem("referring")
    assert stem("vulnerable") == stem("vulnerabilities")


def test_irregular_past_forms_share_the_verbs_stem():
    for past, verb in (("told", "tell"), ("taken", "take"), ("written", "write"), ("found", "find"),
                       ("held", "hold"), ("sent", "send")):
        assert stem(past) == stem(verb), past
    for word, other in (("left", "leave"), ("saw", "see"), ("led", "lead")):  # everyday senses of their own
        assert stem(word) != stem(other), word


def test_noun_and_verb_forms_of_advice_share_a_stem_and_leics_is_leicestershire():
    assert stem("advice") == stem("advise") == stem("adviser")
    assert fold("leics") == "leicestershire"
    assert [fold(m) for m in ("feb", "sept", "dec")] == ["february", "september", "december"]


def test_words_split_hyphens_and_drop_possessives():
    assert words("e-learning") == ["e", "learning", "elearning"]
    assert words("the council's plan") == ["the", "council", "plan"]


def test_analyse_drops_stopwords_and_markdown():
    assert analyse("What is **the** [CTLP](https://x.example)?") == ["ctlp"]
    assert plain("[text](https://a.example/b_(c))") == "text"


def test_cut_at_sentence():
    text = "First sentence here. Second sentence is longer than that. Third."
    cut, was_cut = cut_at_sentence(text, 45)
    assert cut == "First sentence here." and was_cut
    assert cut_at_sentence("short", 10) == ("short", False)


def test_slugify():
    assert slugify("4. Referral Process") == "4-referral-process"
    assert len(slugify("x " * 60, 40)) <= 40


def test_segments_split_sentences_and_list_lines():
    from knowledge.text import segments

    text = "Lead in:\n- One item. Second sentence.\n- Another; still one\n\nNext paragraph."
    assert [text[a:b] for a, b in segments(text)] == [
        "Lead in:", "- One item.", "Second sentence.", "- Another; still one", "Next paragraph."]
    assert segments("") == []


@pytest.mark.parametrize("texts", [["bomb", "bombs", "bomber", "knife", "kill"], ["a", "ab", "abc"], ["x.y", "(z)"]])
def test_literal_union_matches_exactly_its_texts(texts):
    pattern = re.compile(literal_union(texts))
    assert all(pattern.fullmatch(text) for text in texts)
    assert not any(pattern.fullmatch(text) for text in ("", "bo", "kil", "abcd", "xzy", "z"))


def test_literal_union_finds_any_of_its_texts_in_a_message():
    pattern = re.compile(literal_union(["bomb", "knife", "kill"]))
    assert pattern.search("he said he has a knife") and not pattern.search("he said nothing")


def test_a_cut_does_not_end_on_the_number_opening_the_next_paragraph_or_list_item():
    text = "It will support delivery of any work.\n\n16. Alter Ego shall deliver further sessions in October."
    assert cut_at_sentence(text, 45) == ("It will support delivery of any work.", True)
    items = "The ten benchmarks are:\n4. There is an agreed referral process.\n5. There is a Channel panel in place."
    assert cut_at_sentence(items, 66)[0].endswith("agreed referral process.")
