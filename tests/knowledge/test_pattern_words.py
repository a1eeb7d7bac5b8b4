"""Pattern pre-checks: the first words and required texts read off a pattern, and searching only the patterns a
message's words leave possible, which must find what the whole alternation finds."""

import random
import re

import pytest

from knowledge.emergency_reading import load_rules
from knowledge.pattern_words import WordKeyedPatterns, first_words, required_texts


@pytest.mark.parametrize(("pattern", "words"), [
    (r"\bblow(?:ing|s)? (?:\w+ ){1,3}up\b", {"blow", "blowing", "blows"}),
    (r"(?<![a-z0-9])(?:pipe bomb|bombs?|ied)(?![a-z0-9])", {"pipe", "bomb", "bombs", "ied"}),
    (r"\b(?:he|she)'s (?:got|been)\b", {"he's", "she's"}),
    (r"\b(?!(?:he|she)\b)(?:kill|murder)\b", {"kill", "murder"}),
    (r"\bhell\b(?= \w+ing)", {"hell"}),
])
def test_first_words_of_a_pattern_anchored_at_a_word_start(pattern, words):
    assert first_words(pattern) == words


@pytest.mark.parametrize("pattern", [
    r"n't\b",                        # not anchored at a word start
    r"\bbomb",                       # "bomb" could begin "bombastic"
    r"\b\d{1,2} ?(?:am|pm)\b",       # a number, not a spelling
    r"\b\w+ (?:is|are) killing me",  # any word first
    r"\b(?:a|b)+ c",                 # a repeat
])
def test_no_first_words_where_they_cannot_be_told(pattern):
    assert first_words(pattern) is None


def test_required_texts_come_from_the_top_level_sequence():
    assert required_texts(r"\b\w+ (?:is|are) killing me\b") == (frozenset({" is killing me", " are killing me"}),)
    assert required_texts(r"\b(?:to|will) (?:shot|soot)\b") == (frozenset({"to shot", "to soot", "will shot",
                                                                          "will soot"}),)
    assert required_texts(r"\bab (?:\w+ )?cd\b") == (frozenset({"ab "}),)  # "cd" is too short to be worth it


def _alternation(patterns):
    return re.compile("|".join(f"(?:{p})" for p in patterns))


PATTERNS = [r"\bblow(?:ing|s)? (?:\w+ ){1,3}up\b", r"(?<![a-z0-9])(?:bomb|bombs|blow)(?![a-z0-9])",
            r"\b\w+ (?:is|are) killing me\b", r"\b\d{1,2} ?(?:am|pm)\b", r"\bgoing to (?:shot|kill)\b"]
WORDS = ["blow", "blowing", "it", "up", "bomb", "bombs", "the", "is", "killing", "me", "9", "am", "going", "to",
         "kill", "shot", "he"]


def test_searching_the_candidates_finds_what_the_whole_alternation_finds():
    keyed = WordKeyedPatterns({"group": PATTERNS})
    whole = _alternation(PATTERNS)
    rng = random.Random(3)
    for _ in range(3000):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 9)))
        expected = whole.search(text)
        found = keyed.search("group", text, keyed.candidates(text).get("group", ()))
        assert (found and (found.start(), found.group())) == (expected and (expected.start(), expected.group()))


def test_a_message_without_the_words_runs_only_the_patterns_that_are_not_keyed():
    keyed = WordKeyedPatterns({"group": PATTERNS})
    assert keyed.candidates("what training do staff need") == {"group": [3]}  # a time has no first word
    assert keyed.candidates("he said he would blow it up") == {"group": [0, 1, 3]}
    assert keyed.candidates("my team is killing me") == {"group": [2, 3]}
    assert keyed.candidates("my team is killing it") == {"group": [3]}  # its required text is missing


def test_the_emergency_vocabulary_is_almost_all_keyed_by_words():
    """Every concept pattern of the emergency guard but one (a time such as "9am") is run only for messages
    holding one of its first words: a new pattern that is not stays correct, but costs every message."""
    rules = load_rules()
    assert rules.concepts._unkeyed == [("soon", 1)]
    assert rules.context_fixes._unkeyed == []
