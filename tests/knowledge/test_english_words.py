"""Tests for knowledge.english_words: the shipped English word list and the typo check."""

from knowledge.english_words import WORDS_FILE, english_words, misspelt


def test_the_list_is_lower_case_words_with_its_source_in_the_header():
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and any("CC BY-SA 4.0" in line for line in lines if line.startswith("#"))
    words = english_words()
    assert len(words) > 20000
    assert all(word.isalpha() and word.islower() and word.isascii() for word in words)
    assert {"towers", "kart", "workshop", "lessons"} <= words
    assert not any(word.startswith("#") for word in words)


def test_a_typo_of_a_known_word_is_misspelt_and_a_name_is_not():
    def no_name(word: str) -> bool:
        return False

    assert misspelt("safegaurding", no_name)
    assert not misspelt("ibraheem", no_name)
    assert not misspelt("refer", no_name)  # too short to judge
