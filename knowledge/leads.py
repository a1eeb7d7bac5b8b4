"""How an answer reads from the start of its passage, worked out once per passage when the content loads.

An answer without an excerpt shows its passage continued with the next passages of its section, up to about
ANSWER_CHARS and cut at a sentence: a short section reads whole (the hit is still in it), a passage shorter
than SHORT_LEAD that ends its own section reads on into its first subsection, and a long list split in
chunks does not repeat its lead-in. The same text is shown for every question that lands on the passage,
so the knowledge base prepares it for all passages at load (about 10 ms), with its plain form for citation
abstracts, instead of on every answer.
"""

from collections.abc import Callable
from dataclasses import dataclass

from knowledge.model import Passage
from knowledge.text import cut_at_sentence, plain

ANSWER_CHARS = 700
SHORT_LEAD = 250
"""A passage shorter than this that ends its own section continues into the next subsection."""


@dataclass(frozen=True)
class Lead:
    """What an answer shows of a passage: its text (Markdown), whether the section holds more, and the text
    without Markdown."""

    text: str
    more: bool
    plain: str


def read_on(passage: Passage, following: tuple[Passage, ...], section_text: Callable[[str], str],
            limit: int = ANSWER_CHARS) -> Lead:
    """The lead of `passage`, given the passages of its section and subsections in order (`following`) and
    the whole text of a passage's section by passage id."""
    start = next((i for i, p in enumerate(following) if p.id == passage.id), 0)
    own = [p for p in following if p.heading_path == passage.heading_path]
    if start and sum(len(p.text) + 2 for p in own) <= limit:
        start = 0  # a short section reads best whole; the hit is still in it
        passage = own[0]
    text = passage.text
    for nxt in following[start + 1:]:
        if len(text) >= limit:
            break
        if nxt.heading_path != passage.heading_path:
            if len(text) >= SHORT_LEAD:
                break
            # a one-line section introduction reads on into its first subsection
            text += "\n\n**" + nxt.heading_path[-1] + "**"
            passage = nxt
        text += "\n" + _continuation(text, nxt.text)
    body, cut = cut_at_sentence(text, limit)
    longer = len(section_text(passage.id)) > len(body) + 20
    return Lead(body, cut or longer, plain(body))


def _continuation(shown: str, following: str) -> str:
    """The next passage to append: without the lead-in line it repeats (a long list split in chunks)."""
    lead, _sep, rest = following.partition("\n")
    if rest and lead.rstrip().endswith(":") and lead in shown:
        return rest
    return "\n" + following
