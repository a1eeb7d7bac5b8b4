"""Score rendered answers the way ../shared/eval/score.py does, without running the bot.

`reply_text` mirrors the judge's window (message text, then every card string, then suggested-action
titles) and `cited` its citation check, so a question set can be measured through `render_answer`.
"""

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.cards.answers import render_answer
from bot.reply import Reply
from knowledge.base import KnowledgeBase

WINDOW = 900
CITATION_TYPE = "https://schema.org/Message"
CARD_KEYS = ("text", "title", "value", "altText", "subtitle", "placeholder", "label")


def card_strings(node: object, out: list[str]) -> list[str]:
    """Every visible string of a card, in document order (as the judge collects them)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in CARD_KEYS and isinstance(value, str):
                out.append(value)
            else:
                card_strings(value, out)
    elif isinstance(node, list):
        for item in node:
            card_strings(item, out)
    return out


def reply_text(replies: list[Reply]) -> str:
    parts: list[str] = []
    for reply in replies:
        if reply.text:
            parts.append(reply.text)
        for card in reply.cards:
            parts.extend(card_strings(card, []))
        parts.extend(s.title for s in reply.suggestions if s.title)
    return "\n".join(parts)


def cited(replies: list[Reply]) -> bool:
    return any(e.get("type") == CITATION_TYPE and e.get("citation") for r in replies for e in r.entities)


def norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[*_`>#]", "", text)
    return re.sub(r"\s+", " ", text).strip().lower()


@dataclass(frozen=True)
class Result:
    question: str
    ok: bool
    kind: str
    text: str


def load_set(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def score_kb(kb: KnowledgeBase, items: list[dict]) -> list[Result]:
    """Each kb item: cited, and an expected phrase in the first 900 characters."""
    results = []
    for item in items:
        answer = kb.ask(item["q"])
        replies = render_answer(answer, kb)
        text = norm(reply_text(replies))[:WINDOW]
        ok = cited(replies) and any(norm(e) in text for e in item["expect"])
        results.append(Result(item["q"], ok, answer.kind, text[:200]))
    return results


def score_none(kb: KnowledgeBase, questions: list[str]) -> list[Result]:
    """Each none item: no citation entity in the replies."""
    results = []
    for question in questions:
        answer = kb.ask(question)
        replies = render_answer(answer, kb)
        results.append(Result(question, not cited(replies), answer.kind, norm(reply_text(replies))[:200]))
    return results
