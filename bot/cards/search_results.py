"""Message-extension results ("Search the Prevent toolkit"): cited passages as cards a user can insert.

Pure functions: each result is a small preview (title and text for the results list) and an Adaptive
Card that carries the passage, its source and a link, so what lands in the chat is quoted and cited.
"""

from dataclasses import dataclass

from bot.cards.answers import heading, source_name
from bot.cards.common import adaptive_card, open_url, text_block
from knowledge.base import KnowledgeBase
from knowledge.model import Passage

MAX_RESULTS = 8
PREVIEW_CHARS = 140
CARD_CHARS = 700


@dataclass(frozen=True)
class SearchResult:
    """One message-extension result: a preview for the list and the card that is inserted."""

    title: str
    preview: str
    card: dict


def _cut(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    sentence_end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    return cut[: sentence_end + 1] if sentence_end > limit // 2 else cut.rsplit(" ", 1)[0] + "…"


def passage_card(passage: Passage) -> dict:
    """The card inserted into a chat: heading, the passage, its source and a link to the document."""
    body = [
        text_block(heading(passage), weight="Bolder", wrap=True),
        text_block(_cut(passage.text, CARD_CHARS)),
        text_block(f"Source: {source_name(passage)}", is_subtle=True, spacing="Small"),
    ]
    if passage.superseded_note:
        body.append(text_block(passage.superseded_note, is_subtle=True, spacing="Small"))
    actions = [open_url("Open the source", passage.source_url)] if passage.source_url else []
    return adaptive_card(body, actions, fallback=_cut(passage.text, CARD_CHARS))


def _result(passage: Passage) -> SearchResult:
    return SearchResult(title=heading(passage)[:80], preview=_cut(passage.text, PREVIEW_CHARS),
                        card=passage_card(passage))


def search_results(kb: KnowledgeBase, query: str) -> list[SearchResult]:
    """Cited passages for a query; for an empty query, the best passage for each popular topic."""
    query = (query or "").strip()
    if query:
        hits = [hit for hit in kb.search(query, k=MAX_RESULTS) if hit.score > 0]
        return [_result(hit.passage) for hit in hits]
    results, seen = [], set()
    for topic in kb.popular_topics():
        hits = kb.search(topic, k=1)
        if hits and hits[0].passage.id not in seen:
            seen.add(hits[0].passage.id)
            results.append(_result(hits[0].passage))
    return results[:MAX_RESULTS]
