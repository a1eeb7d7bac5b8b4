"""Words staff type that the bot does not know (a name, a one-off) are not kept in memory after a question.

The per-word memos (stems, typo correction, the emergency guard's spelling) keep only the words of the shipped
stem table and the guard's own vocabulary; the question itself is dropped once answered.
"""

from knowledge.emergency import detect_emergency
from knowledge.emergency_reading import _correct
from knowledge.text import SCRATCH_WORDS, WordMemo, forget_typed_words, is_known_word, stem

NAME = "quellingford"  # typed as a surname: in no content and no word list
MESSAGE = f"my pupil {NAME} keeps watching extremist videos, what should I do"


def _memo(bound_lookup) -> dict:
    """The memo dict behind a `WordMemo(...).__getitem__`."""
    memo = bound_lookup.__self__
    assert isinstance(memo, WordMemo)
    return memo


def test_the_stem_table_defines_the_known_words():
    assert is_known_word("pupil") and is_known_word("radicalization")  # folded to the British spelling
    assert is_known_word("the")
    assert not is_known_word(NAME)


def test_a_name_in_a_question_is_not_kept_by_the_word_memos(kb):
    corrector = kb._searcher.corrector
    memos = [_memo(lookup) for lookup in (stem, corrector.correct, corrector.known)]
    for memo in memos:
        memo.clear()  # only a memo: emptied, it fills again as words are looked up
    answer = kb.ask(MESSAGE)
    assert answer.kind == "passage"
    for memo in memos:
        assert NAME not in memo and NAME not in memo._scratch
        assert "pupil" in memo  # known words still are: the look-up stays a dictionary hit


def test_a_name_in_a_message_is_not_kept_by_the_emergency_guard():
    detect_emergency(f"{NAME} has a knife and says he will stab someone tonight")
    memo = _memo(_correct)
    assert NAME not in memo and NAME not in memo._scratch
    assert "knife" in memo


def test_a_memo_gives_the_same_answer_for_words_it_does_not_keep():
    calls = []

    def shout(word: str) -> str:
        calls.append(word)
        return word.upper()

    memo = WordMemo(shout, admit=lambda word: word == "known")
    assert [memo["known"], memo["known"], memo["other"], memo["other"]] == ["KNOWN", "KNOWN", "OTHER", "OTHER"]
    assert calls == ["known", "other"]  # an unknown word is worked out once while its message is handled...
    assert dict(memo) == {"known": "KNOWN"}
    forget_typed_words()  # ...and forgotten after it
    assert memo["other"] == "OTHER" and calls == ["known", "other", "other"]
    assert memo._scratch == {"other": "OTHER"}
    forget_typed_words()
    assert memo._scratch == {}


def test_the_scratch_memo_is_bounded_when_nothing_forgets():
    memo = WordMemo(str.upper, admit=lambda word: False)
    for number in range(SCRATCH_WORDS * 3):
        memo[f"word{number}"]
    assert len(memo._scratch) <= SCRATCH_WORDS


def test_the_question_is_not_kept_once_answered(kb):
    kb.ask(MESSAGE)
    assert kb._searcher._last is None
    kb.search(MESSAGE)
    assert kb._searcher._last is None
