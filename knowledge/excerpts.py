"""What of a passage to show: an excerpt of a long passage from the sentence that answers, after its
lead-in, or a runner-up's answering sentence. Segments are the index's sentences and list lines; `which`
is the segment that covers the question best (see `knowledge.search`)."""

import re

from knowledge.index import Index
from knowledge.text import cut_at_sentence

EXCERPT_CHARS = 600
"""A passage longer than this is shown from the sentence that answers, after its lead-in."""
LEAD_CHARS = 220
ALSO_CHARS = 260
_BULLET = re.compile(r"[ \t]*[-*][ \t]")


def sentence(index: Index, number: int, which: int, limit: int = ALSO_CHARS) -> str:
    """The answering sentence of a passage and what follows it, up to `limit` characters."""
    text = index.passages[number].text
    spans = index.spans[number]
    if not spans:
        return ""
    start = spans[_item_start(text, spans, which, limit)][0]
    window, _cut = cut_at_sentence(text[start:spans[-1][1]], limit)
    return ("…" + window if start > 0 else window).strip()


def excerpt(index: Index, number: int, which: int, limit: int = EXCERPT_CHARS) -> str:
    """The part of a long passage that answers: its lead-in, then the best segment onwards ("" = all)."""
    text = index.passages[number].text
    spans = index.spans[number]
    if len(text) <= limit or not spans:
        return ""
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
