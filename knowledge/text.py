"""Text normalisation shared by the index and the query side: tokens, spelling folding and stems.

The same `analyse` runs over the content and over what staff type, so any mapping here only has to be
consistent, not linguistically perfect: American spellings are folded to British ones
(radicalization -> radicalisation), hyphenated words give their parts and the joined form
(e-learning -> e, learning, elearning), and Snowball stems are cached because the vocabulary is small.
`segments` splits a passage into sentences and list lines, for sentence-level matching and excerpts.
"""

import json
import re
import weakref
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import snowballstemmer

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
_MARKUP = re.compile(r"[*_`#>]+")

STOPWORDS = frozenset(str.split(
    """
    a about above after again against all am an and any are aren as at be because been before being
    below between both but by can cannot could couldn did didn do does doesn doing don down during each
    few for from further had hadn has hasn have haven having he her here hers herself him himself his how
    i if in into is isn it its itself just let me more most my myself no nor not now of off on once only
    or other our ours ourselves out over own same shan she should shouldn so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was
    wasn we were weren what when where which while who whom why will with won wouldn would you your yours
    yourself yourselves also may might must shall us get got please tell know want need needs like ok
    okay hi hello thanks thank does anyone anything something one ever yes whats whos hows wheres
    etc eg ie e.g i.e via per doesnt dont cant wont isnt arent wasnt werent didnt shouldnt couldnt wouldnt
    hasnt havent hadnt mustnt youre theyre were thats theres lets whos im ive id weve youve theyve youll theyll
    youd theyd shes itll aint whove ought
    """
))
"""Function words and chat filler: dropped before ranking ("wht is the ctu" keeps only "ctu")."""

_FOLD_WORDS = {
    "program": "programme", "programs": "programmes", "center": "centre", "centers": "centres",
    "catalog": "catalogue", "judgment": "judgement", "judgments": "judgements", "enroll": "enrol",
    "enrollment": "enrolment", "defense": "defence", "offense": "offence", "offenses": "offences",
    "license": "licence", "licenses": "licences", "licensing": "licencing", "gray": "grey",
    "counseling": "counselling", "traveling": "travelling", "traveled": "travelled", "focused": "focussed",
    "fulfill": "fulfil", "favor": "favour", "behavior": "behaviour", "behaviors": "behaviours",
    "behavioral": "behavioural", "neighbor": "neighbour", "neighbors": "neighbours", "color": "colour",
    "honor": "honour", "labor": "labour", "organization": "organisation", "jewelry": "jewellery",
    "mom": "mum", "pediatric": "paediatric", "practice": "practise", "leics": "leicestershire",
    "jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june", "jul": "july",
    "aug": "august", "sept": "september", "oct": "october", "nov": "november", "dec": "december",
}
_FOLD_SUFFIX = re.compile(r"(i|y)z(e|es|ed|er|ers|ing|ation|ations|ational)$")

# Stems that Snowball leaves apart although staff use them interchangeably.
_STEM_MERGE = {
    "referr": "refer", "radic": "radicalis", "extremist": "extrem", "extremis": "extrem",
    "terrorist": "terror", "terrorist-rel": "terror", "vulnerabl": "vulner", "e-learn": "elearn",
    "counter-terror": "counterterror", "safeguard": "safeguard", "councillor": "councillor",
    "children": "child", "peopl": "person", "individu": "person", "membership": "member",
    "product": "produc", "advic": "advis",
    # irregular past forms of verbs staff ask with ("were partners told", "who was it sent to"): Snowball
    # leaves them whole; a form with an everyday sense of its own ("left", "saw", "led", "felt") stays
    "told": "tell", "said": "say", "made": "make", "took": "take", "taken": "take", "gave": "give",
    "given": "give", "came": "come", "went": "go", "gone": "go", "knew": "know", "known": "know",
    "thought": "think", "brought": "bring", "sent": "send", "kept": "keep", "held": "hold", "met": "meet",
    "paid": "pay", "wrote": "write", "written": "write", "spoke": "speak", "spoken": "speak", "chose": "choos",
    "chosen": "choos", "shown": "show", "seen": "see", "began": "begin", "begun": "begin", "heard": "hear",
    "taught": "teach", "sought": "seek", "built": "build", "understood": "understand", "found": "find",
}

_stemmer = snowballstemmer.stemmer("english")
STEM_CACHE = Path(__file__).resolve().parent / "stem_cache.yaml"
"""Word -> Snowball stem for the content's vocabulary (pure Python Snowball is slow: ~0.5 ms a word).
A stem depends only on the word and the stemmer version, so the table is never stale, only incomplete;
`python -m knowledge.stem_cache` refreshes it after content edits."""


def stemmer_version() -> str:
    """The installed snowballstemmer version, which stamps the stem cache."""
    try:
        return version("snowballstemmer")
    except PackageNotFoundError:
        return "unknown"


def _load_stem_cache() -> dict[str, str]:
    try:
        text = STEM_CACHE.read_text(encoding="utf-8")
        data = json.loads("".join(line for line in text.splitlines(True) if not line.startswith("#")))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("snowballstemmer") != stemmer_version():
        return {}
    stems = data.get("stems")
    return stems if isinstance(stems, dict) else {}


_CACHED_STEMS = _load_stem_cache()


def snowball(word: str) -> str:
    """The raw Snowball stem of a word, from the shipped cache when it has it."""
    cached = _CACHED_STEMS.get(word)
    return cached if cached is not None else _stemmer.stemWord(word)


def fold(word: str) -> str:
    """British spelling of a lower-case word (radicalization -> radicalisation)."""
    word = _FOLD_WORDS.get(word, word)
    if len(word) > 5:
        word = _FOLD_SUFFIX.sub(lambda m: m.group(1) + "s" + m.group(2), word)
    return word


def is_known_word(word: str) -> bool:
    """A word of the shipped stem table (the content's words and the everyday words queries are checked
    against) or a stopword: a word of the language the bot knows, not a name or a one-off typed by staff."""
    return word in STOPWORDS or fold(word) in _CACHED_STEMS


def known_words() -> frozenset[str]:
    """The words of the shipped stem table: the content's and the everyday words queries are checked against."""
    return frozenset(_CACHED_STEMS)


class WordMemo(dict):
    """A one-word function's results for the known words (`admit`, by default `is_known_word`) it has been
    asked about. A name or other identifying detail staff type is kept only while their message is handled
    (in a scratch memo, for the several look-ups one message makes of it) and dropped by
    `forget_typed_words`, which the searcher and the emergency guard call when they are done with a message;
    a least-recently-used cache would keep it (for days, on a quiet bot) in process memory. Known words are
    finite, so the memo needs no size limit; the scratch memo holds at most SCRATCH_WORDS. Call it through
    `__getitem__`: a known word is then a dictionary look-up in C."""

    def __init__(self, function: Callable[[str], Any], admit: Callable[[str], bool] = is_known_word):
        super().__init__()
        self._function = function
        self._admit = admit
        self._scratch: dict[str, Any] = {}
        _MEMOS[:] = [ref for ref in _MEMOS if ref() is not None] + [weakref.ref(self)]

    def __missing__(self, word: str) -> Any:
        scratch = self._scratch
        value = scratch.get(word, _UNSEEN)
        if value is not _UNSEEN:
            return value
        value = self._function(word)
        if self._admit(word):
            self[word] = value
        else:
            if len(scratch) >= SCRATCH_WORDS:
                scratch.clear()
            scratch[word] = value
        return value


SCRATCH_WORDS = 256
_UNSEEN = object()
_MEMOS: "list[weakref.ref[WordMemo]]" = []


def forget_typed_words() -> None:
    """Drop every memo's words that are not the bot's own: called when a message has been handled."""
    for ref in _MEMOS:
        memo = ref()
        if memo is not None:
            memo._scratch.clear()


def _stem(word: str) -> str:
    stemmed = snowball(fold(word))
    return _STEM_MERGE.get(stemmed, stemmed)


stem: Callable[[str], str] = WordMemo(_stem).__getitem__
"""The folded Snowball stem of one lower-case word, with a few domain merges (known words memoised)."""


def plain(text: str) -> str:
    """Text without Markdown links (their label is kept), emphasis or heading marks."""
    return _MARKUP.sub("", _LINK.sub(r"\1", text) if "[" in text else text)  # most text has no link


def words(text: str) -> list[str]:
    """Lower-case word tokens; possessive 's dropped; hyphenated words give parts and joined form."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    out: list[str] = []
    for match in _WORD.finditer(text):
        token = match.group(0)
        if token.endswith("'s"):
            token = token[:-2]
        token = token.replace("'", "")
        if "-" in token:
            parts = [p for p in token.split("-") if p]
            out.extend(parts)
            out.append("".join(parts))
        elif token:
            out.append(token)
    return out


def content_words(text: str) -> list[str]:
    """Word tokens without stopwords (hyphen parts included)."""
    return [w for w in words(text) if w not in STOPWORDS]


def analyse(text: str) -> list[str]:
    """Stems of the content words of a text: what the index stores and queries match."""
    return [stem(w) for w in content_words(plain(text))]


def phrase_words(text: str) -> list[str]:
    """Word tokens of a short phrase in order, hyphenated words joined only (for phrase matching)."""
    text = text.lower().replace("\u2019", "'")
    out = []
    for match in _WORD.finditer(text):
        token = match.group(0)
        token = token[:-2] if token.endswith("'s") else token
        out.append(token.replace("'", "").replace("-", " "))
    return " ".join(out).split()


def typed_phrase_stems(text: str) -> tuple[str, ...]:
    """Stems of a phrase's content words in order ("Counter-Terrorism unit" -> counter terror unit). For what
    staff typed: not cached, so their phrases are not kept in memory after the turn (nor, by `stem`, any word
    the bot does not know)."""
    return tuple(stem(w) for w in phrase_words(text) if w not in STOPWORDS)


phrase_stems = lru_cache(maxsize=8192)(typed_phrase_stems)
"""The same, cached: for the content's own phrases (glossary terms, synonyms, publishers' names)."""


def slugify(text: str, max_len: int = 40) -> str:
    """A lower-case, hyphenated id fragment, cut at a word boundary."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0]
    return slug or "section"


_SENTENCE_END = re.compile(r"[.!?](?P<gap>[\"')\]]?\s+)(?=[A-Z0-9*\[\"'(-])|\n+")
"""A sentence's end (the gap after its stop) or a line break; a pattern that starts with the stop, not a
look-behind at it, lets the regular expression engine skip to the next stop instead of trying every position."""
_NUMBER_ONLY = re.compile(r"\s*\d{1,3}(?:\.\d{1,3})*\.?")
_SEGMENT_END = re.compile(r"(?<=[.!?;])[\"')\]]?\s+(?=[A-Z0-9*\[\"'(])|\n+")


def segments(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences and list lines of a passage, in order, covering its words."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SEGMENT_END.finditer(text):
        if text[start:match.start()].strip():
            spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def cut_at_sentence(text: str, limit: int) -> tuple[str, bool]:
    """Text cut to at most `limit` characters at a sentence (or line) boundary; and whether it was cut."""
    if len(text) <= limit:
        return text, False
    best = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.start("gap") if match.group("gap") is not None else match.start()
        if end > limit:
            break
        if not _NUMBER_ONLY.fullmatch(text, best, end):  # "16." opening the next paragraph is not a sentence
            best = end
    if best < limit // 3:  # no usable boundary: cut at a word
        best = text.rfind(" ", 0, limit - 1)
        return text[: best if best > 0 else limit - 1].rstrip(" ,;:") + "…", True
    return text[:best].rstrip(), True


def literal_union(texts: Iterable[str]) -> str:
    """A regular expression matching exactly these literal texts, factored by their shared prefixes: a long
    alternation of literals is tried branch by branch at every position of a message, a trie letter by letter."""
    trie: dict[str, dict] = {}
    for text in texts:
        node = trie
        for character in text:
            node = node.setdefault(character, {})
        node[""] = {}  # a text ends here

    def branch(node: dict[str, dict]) -> str:
        options = [re.escape(character) + branch(child) for character, child in sorted(node.items()) if character]
        if not options:
            return ""
        group = options[0] if len(options) == 1 and "" not in node else "(?:" + "|".join(options) + ")"
        return group + "?" if "" in node else group

    return branch(trie)
