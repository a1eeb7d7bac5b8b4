"""Search speed in process: `KnowledgeBase.ask` per-query latency and index build time.

Every question of every set (kb and none items) is asked `rounds` times, after one unmeasured warm-up
round; the index build is `load_knowledge_base(cache_dir=None)` from the content files, and the cached
load `load_knowledge_base()` reading the on-disk index cache a start-up normally uses, each the median
of `builds` runs.

    python -m bench.search_speed [--rounds 5] [--builds 3]
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

from bench.questions import available_sets
from bench.stats import latency_ms, median
from knowledge.base import load_knowledge_base


def all_questions() -> list[str]:
    return [q for s in available_sets() for q in [k.text for k in s.kb] + list(s.none)]


def run(rounds: int = 5, builds: int = 3, limit: int | None = None) -> dict:
    """Index build times (s) and ask latency (ms) over `limit` questions (all when None)."""
    build_seconds, cached_seconds = [], []
    for _ in range(builds):
        started = time.perf_counter()
        kb = load_knowledge_base(cache_dir=None)
        build_seconds.append(time.perf_counter() - started)
    with tempfile.TemporaryDirectory() as cache_dir:
        load_knowledge_base(cache_dir=Path(cache_dir))  # writes the cache
        for _ in range(builds):
            started = time.perf_counter()
            load_knowledge_base(cache_dir=Path(cache_dir))
            cached_seconds.append(time.perf_counter() - started)
    questions = all_questions()[:limit]
    for question in questions:
        kb.ask(question)
    samples = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            kb.ask(question)
            samples.append(time.perf_counter() - started)
    return {"build_s": median(build_seconds), "builds": build_seconds, "cached_s": median(cached_seconds),
            "cached": cached_seconds, "questions": len(questions),
            "rounds": rounds, "ask_ms": latency_ms(samples), "passages": sum(len(d.passages) for d in kb.documents)}


def main() -> int:
    """Print index build time and per-query latency."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--builds", type=int, default=3)
    args = parser.parse_args()
    results = run(args.rounds, args.builds)
    ask = results["ask_ms"]
    print(f"index build ({results['passages']} passages): median {results['build_s']:.2f} s "
          f"of {len(results['builds'])}; from the index cache: median {results['cached_s']:.3f} s")
    print(f"ask: {results['questions']} questions x {results['rounds']} rounds: p50 {ask['p50']:.2f} ms, "
          f"p99 {ask['p99']:.2f} ms, mean {ask['mean']:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
