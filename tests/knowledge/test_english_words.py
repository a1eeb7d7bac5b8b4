"""Tests for knowledge.english_words: the shipped English word list, its check and the typo check."""

from knowledge.english_words import WORDS_FILE, check_english_words, known_or_misspelt, wordfreq_words


def test_the_list_is_lower_case_words_with_its_source_in_the_header():
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#") and any("CC BY-SA 4.0" in line for line in lines if line.startswith("#"))
    words = wordfreq_words()
    assert len(words) > 20000
    assert {"towers", "kart", "workshop", "lessons"} <= words
    assert check_english_words() == []


def test_a_broken_list_is_a_content_error_naming_the_file_and_line(tmp_path):
    header_only = tmp_path / "english_words.txt"
    header_only.write_text("# a header\n", encoding="utf-8")
    assert "expected at least" in str(check_english_words(header_only)[0])
    bad = tmp_path / "bad.txt"
    bad.write_text("# a header\nhello\nNot-A-Word\n", encoding="utf-8")
    assert str(check_english_words(bad)[0]).startswith(f"{bad}:3")
    assert "cannot read" in str(check_english_words(tmp_path / "missing.txt")[0])


def test_a_typo_of_a_known_word_is_known_or_misspelt_unless_the_word_is_a_name():
    def no_name(word: str) -> bool:
        return False

    assert known_or_misspelt("safegaurding", no_name)
    assert not known_or_misspelt("ibraheem", no_name)
    assert not known_or_misspelt("refer", no_name)  # too short to judge
    assert not known_or_misspelt("safegaurding", lambda word: word.startswith("safegua"))  # the close words are names
