"""What of a passage to show: an excerpt of a long passage from the sentence that answers, after its
lead-in; a runner-up's answering sentence; or, for a question about a long list split in chunks as a whole,
a digest of its items. Segments are the index's sentences and list lines; `which` is the segment that
covers the question best (see `knowledge.search`)."""

import re

from knowledge.index import Index
from knowledge.leads import ANSWER_CHARS
from knowledge.text import cut_at_sentence

EXCERPT_CHARS = 600
"""A passage longer than this is shown from the sentence that answers, after its lead-in."""
LEAD_CHARS = 220
ALSO_CHARS = 260
ALSO_MAX_CHARS = ANSWER_CHARS
"""A runner-up's sentence is shown to ALSO_CHARS at least, and on where the answer leaves room, but never
longer than an answer."""
TOLD_LAST = frozenset({"outcome"})
"""Kinds of fact a passage tells last: the first "as a result" of a case study is often what was done, and
whether it worked comes at the end."""
_BULLET = re.compile(r"[ \t]*[-*][ \t]")


def sentence(index: Index, number: int, which: int, limit: int = ALSO_CHARS, run_on: int = 0) -> str:
    """The answering sentence of a passage and what follows it, up to `limit` characters (or `run_on`, for
    a caller that cuts it to the room it has: it starts where a `limit` one would)."""
    text = index.passages[number].text
    spans = index.spans[number]
    if not spans:
        return ""
    start = spans[_item_start(text, spans, which, limit)][0]
    window, _cut = cut_at_sentence(text[start:spans[-1][1]], max(limit, run_on))
    return ("…" + window if start > 0 else window).strip()


def excerpt(index: Index, number: int, which: int, limit: int = EXCERPT_CHARS,
            asked: frozenset[str] = frozenset()) -> str:
    """The part of a long passage that answers: its lead-in, then the best segment onwards ("" = all); or,
    when the question asks for a kind of fact (`asked`, e.g. "outcome") that a later segment states past
    what the answer shows, as much as fits from the best segment through that one."""
    text = index.passages[number].text
    spans = index.spans[number]
    if len(text) <= limit or not spans:
        return ""
    if asked and (window := _through_asked(index, number, which, asked)):
        return window
    if spans[which][1] <= limit:
        return ""
    which = _item_start(text, spans, which, limit - LEAD_CHARS - 4)
    context = index.contexts[number]
    lead_end = context or spans[0][1]
    lead = text[:lead_end].rstrip() if (which > 0 or context) and lead_end <= LEAD_CHARS else ""
    room = limit - len(lead) - 4
    start = spans[which][0]
    end = start
    for _span_start, span_end in spans[which:]:
        end = span_end  # the segment that overflows is still cut at a sentence inside it
        if span_end - start > room:
            break
    window, _cut = cut_at_sentence(text[start:end], room)
    if not lead:
        return "…" + window if start > 0 else window
    if start <= lead_end + 1:
        return f"{lead}\n{window}"
    return f"{lead}\n{window}" if lead.endswith(":") and window.startswith(("-", "*")) \
        else f"{lead} … {window}"


def _through_asked(index: Index, number: int, which: int, asked: frozenset[str]) -> str:
    """From the earliest segment that still fits, through the first segment after `which` stating a kind of
    fact asked for that the plain answer would cut ("did it work": "...have had no further issues"), and on
    while it fits; when the two are too far apart for all between, the two alone ("" when `which` states it
    already, unless it is a kind told last; when no segment does; or when the two do not fit)."""
    text, spans, kinds = index.passages[number].text, index.spans[number], index.segment_kinds[number]
    if asked & kinds[which] and not asked & TOLD_LAST:
        return ""  # the best segment states the fact asked for
    target = next((i for i in range(which + 1, len(spans)) if asked & kinds[i] and spans[i][1] > ANSWER_CHARS), None)
    if target is None:
        return ""
    room = ANSWER_CHARS - 1  # the leading "…"
    first = next((i for i in range(which + 1) if spans[target][1] - spans[i][0] <= room), None)
    if first is None:  # too far apart to show all between: the best segment, then the one asked for
        best, told = (text[start:end].strip() for start, end in (spans[which], spans[target]))
        if len(best) + len(told) + 5 > room:
            return ""
        return f"{'…' if spans[which][0] > 0 else ''}{best} … {told}"
    last = target
    while last + 1 < len(spans) and spans[last + 1][1] - spans[first][0] <= room:
        last += 1
    window = text[spans[first][0]:spans[last][1]].strip()
    return "…" + window if spans[first][0] > 0 else window


def _item_start(text: str, spans: tuple[tuple[int, int], ...], which: int, budget: int) -> int:
    """The first segment of the list item holding segment `which`: a later sentence of a bullet reads
    as an answer only with the sentence that opens it ("- Elected members should have access to WRAP...
    Elected members will often be..."). It goes back no further than keeps segment `which` starting
    within the first half of `budget` characters, so the answering sentence is not crowded out."""
    line_start = text.rfind("\n", 0, spans[which][0]) + 1
    if not _BULLET.match(text, line_start):
        return which
    first = which
    while first > 0 and spans[first - 1][0] >= line_start and spans[which][0] - spans[first - 1][0] <= budget // 2:
        first -= 1
    return first


ITEM_CHARS = 120
"""A list item in a digest is shown by its opening sentence, cut to at most this many characters (at a
sentence, else at a word)."""


def list_chunks(index: Index, number: int) -> range:
    """The passages of the long list a passage opens when it was split in chunks that repeat its lead-in
    (see `knowledge.index.Index.contexts`); an empty range for any other passage."""
    contexts, passages = index.contexts, index.passages
    end = number + 1
    while end < len(passages) and contexts[end] and passages[end].heading_path == passages[number].heading_path:
        end += 1
    return range(number, end) if end - number >= 2 and not contexts[number] else range(0)


def digest(index: Index, number: int, which: int, limit: int = ANSWER_CHARS) -> str:
    """For a question answered by the lead-in of a long list ("what are good ways to engage communities"),
    the lead-in and the opening sentence of each item across the list's chunks ("" = not such a question):
    the items are the answer, and the first chunk alone would show only the first of them."""
    chunks = list_chunks(index, number)
    if not chunks:
        return ""
    lead_end = index.contexts[chunks[1]]
    spans = index.spans[number]
    if not spans or spans[which][0] >= lead_end:
        return ""  # the question is answered by an item, which the passage shows as it is
    lines = [index.passages[number].text[:lead_end].rstrip()]
    for chunk in chunks:
        text = index.passages[chunk].text
        for start, end in index.spans[chunk]:
            if start < (lead_end if chunk == number else index.contexts[chunk]):
                continue
            line_start = text.rfind("\n", 0, start) + 1
            if not _BULLET.match(text, line_start) or text[line_start:start].strip(" \t-*"):
                continue  # a later sentence of an item, or text that is not an item
            item = text[start:end].strip()
            marker = _BULLET.match(item)
            item, _cut = cut_at_sentence(item[marker.end():] if marker else item, ITEM_CHARS)
            lines.append("- " + item)
    shown = "\n".join(lines)
    return cut_at_sentence(shown, limit)[0] if len(lines) > 2 else ""
