"""`python -m knowledge search "question"`: print ranked passages with confidence and source.

Shows what the bot would decide (`ask`) and the top k passages, as text or JSON, for checking
content edits and alternate phrasings from the command line.
"""

import json
import sys
import time

from knowledge.base import load_knowledge_base
from knowledge.errors import InvalidContent


def run(query: str, k: int = 5, as_json: bool = False) -> int:
    """Print the answer decision and ranked passages; 0 on success, 1 when the content is invalid."""
    try:
        kb = load_knowledge_base()
    except InvalidContent as exc:
        print(exc, file=sys.stderr)
        return 1
    started = time.perf_counter()
    answer = kb.ask(query)
    hits = kb.search(query, k=k)
    elapsed_ms = (time.perf_counter() - started) * 1000
    if as_json:
        print(json.dumps({
            "query": query,
            "version": kb.version,
            "decision": answer.kind,
            "glossary": answer.glossary.id if answer.glossary else None,
            "hits": [{"id": h.passage.id, "score": h.score, "heading": list(h.passage.heading_path),
                      "document": h.passage.doc_title, "source_url": h.passage.source_url,
                      "text": h.passage.text} for h in hits],
        }, indent=1))
        return 0
    print(f"decision: {answer.kind}" + (f" (glossary: {answer.glossary.term})" if answer.glossary else ""))
    for rank, hit in enumerate(hits, start=1):
        path = " › ".join(hit.passage.heading_path) or hit.passage.doc_title
        print(f"{rank}. [{hit.score:.3f}] {hit.passage.id}\n   {path}\n   {hit.passage.doc_title} "
              f"<{hit.passage.source_url}>\n   {hit.passage.text[:160].replace(chr(10), ' ')}")
    print(f"({elapsed_ms:.1f} ms)")
    return 0
