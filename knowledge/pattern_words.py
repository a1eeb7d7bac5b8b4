"""What a regular expression's match must start with, so a message can skip the patterns that cannot match it.

Python's `re` tries a long alternation branch by branch at every position of a message, so the emergency
guard's vocabulary (dozens of patterns, hundreds of phrases) would cost far more than the message's few
words. Three cheap pre-checks are read off the parsed patterns once, at start-up:
- `first_words`: a pattern anchored at a word start (`\\b`, `^` or a look-behind) whose first word is one of
  a finite set of literal spellings ("blow", "blowing", "blows" for `\\bblow(?:ing|s)? `) can only match a
  message holding one of those words;
- `required_texts`: literal texts every match holds somewhere (" is killing me" after any first word);
- `leading_texts`: the literal text every match starts with, one per alternative, for patterns that are not
  anchored at a word start ("n't").
`WordKeyedPatterns` uses the first two: it keeps groups of patterns and, per message, runs only those whose
first word the message holds (a look-up per word, not a scan per pattern) and whose required texts it holds.
"""

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterable, Mapping, Sequence

_MAX_SPELLINGS = 5000
_START = "^"  # marks a partial first word as anchored at a word start (no letter of it read yet)


class _Unbounded(Exception):
    """The first word cannot be told as a finite set of literal spellings."""


def _is_letter_class(items: list) -> bool:
    """A look-ahead body like `[a-z0-9]`: one class of letters or digits."""
    return len(items) == 1 and items[0][0] is sre.IN and any(
        op is sre.RANGE and arg[0] <= ord("a") and arg[1] >= ord("z") for op, arg in items[0][1])


def _walk(items: Sequence, partial: set[str]) -> tuple[set[str], set[str]]:
    """Read parsed pattern items from the partial first words so far: the words completed (followed by a
    space, a word boundary or a look-ahead refusing a letter) and those still being spelled."""
    done: set[str] = set()
    for op, arg in items:
        if not partial:
            break
        unanchored = "" in partial
        if op is sre.LITERAL or (op is sre.IN and all(member_op is sre.LITERAL for member_op, _ in arg)):
            characters = [chr(arg)] if op is sre.LITERAL else [chr(member) for _, member in arg]
            if unanchored or (" " in characters and _START in partial):
                raise _Unbounded
            if " " in characters:
                if len(characters) > 1:
                    raise _Unbounded
                done |= partial
                partial = set()
            else:
                partial = {p + c for p in partial for c in characters}
        elif op is sre.AT and arg in (sre.AT_BOUNDARY, sre.AT_BEGINNING, sre.AT_BEGINNING_STRING):
            if partial == {""}:
                partial = {_START}
            elif unanchored or _START in partial:
                raise _Unbounded
            elif arg is sre.AT_BOUNDARY:
                done |= partial
                partial = set()
            else:
                raise _Unbounded
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, body = arg
            if direction < 0 and op is sre.ASSERT_NOT and partial == {""} and _is_letter_class(list(body)):
                partial = {_START}  # (?<![a-z0-9]): a word starts here
            elif direction > 0 and op is sre.ASSERT_NOT and not unanchored and _START not in partial \
                    and _is_letter_class(list(body)):
                done |= partial  # (?![a-z0-9]) after letters: the word ends here
                partial = set()
            elif direction < 0 and partial != {_START}:
                raise _Unbounded
            # any other look-ahead only narrows what matches, never what the first word can be
        elif op is sre.SUBPATTERN:
            _group, add_flags, del_flags, body = arg
            if add_flags or del_flags:
                raise _Unbounded
            finished, partial = _walk(list(body), partial)
            done |= finished
        elif op is sre.BRANCH:
            following: set[str] = set()
            for alternative in arg[1]:
                finished, still = _walk(list(alternative), set(partial))
                done |= finished
                following |= still
            partial = following
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[1] <= 1:
            finished, still = _walk(list(arg[2]), set(partial))
            done |= finished
            partial = still | (partial if arg[0] == 0 else set())
        else:
            raise _Unbounded
        if len(done) + len(partial) > _MAX_SPELLINGS:
            raise _Unbounded
    return done, partial


def first_words(pattern: str) -> frozenset[str] | None:
    """Every word a match of `pattern` can start with (a word ends at a space or a word boundary), or None
    when the pattern is not anchored at a word start or its first word is not a finite set of spellings."""
    try:
        return _first_words(list(sre_parse.parse(pattern)))
    except re.error:
        return None


def _first_words(items: list) -> frozenset[str] | None:
    try:
        done, partial = _walk(items, {""})
    except _Unbounded:
        return None
    if partial or not done or _START in done:
        return None  # a first word running on to the end of the pattern could be the start of a longer one
    return frozenset(word.removeprefix(_START) for word in done)


def leading_texts(items: list) -> set[str] | None:
    """The literal text every match of parsed pattern items starts with (one string per alternative), or None
    when that cannot be told: zero-width assertions are skipped, groups and alternatives looked into."""
    for position, (op, arg) in enumerate(items):
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.LITERAL:
            run = []
            for next_op, next_arg in items[position:]:
                if next_op is not sre.LITERAL:
                    break
                run.append(chr(next_arg))
            return {"".join(run)}
        if op is sre.IN and all(member_op is sre.LITERAL for member_op, _ in arg):
            return {chr(member) for _, member in arg}
        if op is sre.SUBPATTERN and not arg[1] and not arg[2]:
            return leading_texts(list(arg[3]))
        if op is sre.BRANCH:
            alternatives = [leading_texts(list(alternative)) for alternative in arg[1]]
            return None if None in alternatives else set().union(*alternatives)
        return None
    return None


def required_texts(pattern: str, shortest: int = 3, most: int = 8) -> tuple[frozenset[str], ...]:
    """Texts every match of `pattern` contains, read from its top-level sequence: per run of literal text and
    groups of literal alternatives there, the set of texts one of which it holds (`{" is killing me",
    " are killing me"}` in `\\w+ (?:is|are) killing me`). A run with more than `most` spellings gives its
    longest end with few enough; sets holding a text shorter than `shortest` are left out: they rule out too
    little for their cost."""
    try:
        return _required_texts(list(sre_parse.parse(pattern)), shortest, most)
    except re.error:
        return ()


def _required_texts(items: list, shortest: int, most: int) -> tuple[frozenset[str], ...]:
    found, run = [], []
    for item in [*items, None]:  # each run of items that only spell literal text, as its items' spellings
        spellings = None if item is None else _literal_alternatives([item])
        if spellings is not None:
            run.append(spellings)
            continue
        for start in range(len(run)):  # the run, or its longest end with few enough spellings
            texts = _joined(run[start:], most)
            if texts is not None:
                found.append(texts)
                break
        run = []
    return tuple(texts for texts in found if min(map(len, texts)) >= shortest)


def _joined(parts: list[frozenset[str]], most: int) -> frozenset[str] | None:
    """Every text made of one spelling of each part in turn, or None when there would be more than `most`."""
    texts = {""}
    for part in parts:
        if len(texts) * len(part) > most:
            return None
        texts = {t + p for t in texts for p in part}
    return frozenset(texts)


def _literal_alternatives(items: list) -> frozenset[str] | None:
    """The texts a group can match when they are a finite set of literal spellings, else None."""
    texts = {""}
    for op, arg in items:
        if op is sre.LITERAL:
            texts = {t + chr(arg) for t in texts}
        elif op is sre.IN and all(member_op is sre.LITERAL for member_op, _ in arg):
            texts = {t + chr(member) for t in texts for _, member in arg}
        elif op is sre.SUBPATTERN and not arg[1] and not arg[2]:
            inner = _literal_alternatives(list(arg[3]))
            if inner is None:
                return None
            texts = {t + i for t in texts for i in inner}
        elif op is sre.BRANCH:
            branches = [_literal_alternatives(list(alternative)) for alternative in arg[1]]
            if None in branches:
                return None
            texts = {t + b for t in texts for b in frozenset().union(*branches)}
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and arg[1] <= 1:
            inner = _literal_alternatives(list(arg[2]))
            if inner is None:
                return None
            texts = {t + i for t in texts for i in inner | ({""} if arg[0] == 0 else set())}
        else:
            return None
        if len(texts) > _MAX_SPELLINGS:
            return None
    return frozenset(texts)


def _holds_all(text: str, required: tuple[frozenset[str], ...]) -> bool:
    """Whether `text` holds one of the texts of each set in `required`."""
    for texts in required:
        for piece in texts:
            if piece in text:
                break
        else:
            return False
    return True


class WordKeyedPatterns:
    """Named groups of patterns, each group searched as if it were one alternation (`(?:p1)|(?:p2)|...`: the
    leftmost match, the earliest pattern on a tie), running only the patterns that could match a text of
    space-separated words: those one of whose first words it holds (all, where the first word cannot be told)
    and that also holds their required texts (see `first_words`, `required_texts`)."""

    def __init__(self, groups: Mapping[str, Iterable[str]]):
        self.patterns = {name: tuple(re.compile(p) for p in patterns) for name, patterns in groups.items()}
        self._by_word: dict[str, list[tuple[str, int]]] = {}
        self._unkeyed: list[tuple[str, int]] = []
        self._required: dict[tuple[str, int], tuple[frozenset[str], ...]] = {}
        for name, patterns in self.patterns.items():
            for number, pattern in enumerate(patterns):
                items = list(sre_parse.parse(pattern.pattern))  # it compiled, so it parses
                words = _first_words(items)
                if words is None:
                    self._unkeyed.append((name, number))
                for word in words or ():
                    self._by_word.setdefault(word, []).append((name, number))
                required = tuple(texts for texts in _required_texts(items, 3, 8) if texts != words)
                if required:
                    self._required[name, number] = required

    def candidates(self, text: str) -> dict[str, list[int]]:
        """Per group, the numbers of the patterns that could match `text`, in pattern order (a group with none
        is left out)."""
        by_word, every_required = self._by_word, self._required
        keyed = set(self._unkeyed)
        for word in set(text.split()):
            keys = by_word.get(word)
            if keys:
                keyed.update(keys)
        found: dict[str, list[int]] = {}
        for key in sorted(keyed):  # plain loops: this runs a few times on every message
            required = every_required.get(key)
            if required is not None and not _holds_all(text, required):
                continue
            found.setdefault(key[0], []).append(key[1])
        return found

    def search(self, name: str, text: str, candidates: Iterable[int]) -> re.Match[str] | None:
        """The match group `name`'s alternation would find in `text`, trying only `candidates` (see
        `candidates`): no other pattern of the group can match, so none of them can come first."""
        patterns = self.patterns[name]
        best = None
        for number in candidates:
            match = patterns[number].search(text)
            if match is not None and (best is None or match.start() < best.start()):
                best = match
        return best
