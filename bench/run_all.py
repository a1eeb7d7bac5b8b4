"""Run every benchmark in one go and write docs/benchmarks.md (and docs/benchmarks-latency.svg).

    python -m bench.run_all                 # full size: a few minutes on 2 cores
    python -m bench.run_all --smoke         # tiny sizes, to check the scripts work (tests/bench)

Sections run one after another, never two at once (they would compete for the cores). A section that
fails is reported as failed in the page, and the others still run; the exit status is 0 either way
unless --strict is given, because benchmarks never fail a build on speed. The raw figures are also
written as JSON (default artifacts/bench/results.json) for anyone who wants to compare runs.
"""

import argparse
import json
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import load_test, quality, retrieval, search_speed, service_speed
from bench.machine import load_average, stamp
from bench.observations import observations
from bench.questions import REPO, available_sets
from bench.report import write

FULL = {"requests": 1500, "warmup": 30, "starts": 3, "rounds": 5, "service_rounds": 5, "builds": 3,
        "conversations": 200, "messages": 20, "level_time_limit": 90.0, "load_time_limit": 600.0}
SMOKE = {"requests": 16, "warmup": 4, "starts": 1, "rounds": 1, "service_rounds": 1, "builds": 1,
         "conversations": 5, "messages": 6, "level_time_limit": 20.0, "load_time_limit": 60.0, "search_limit": 40}


def _section(name: str, work: Callable[[], dict], loads: dict[str, float]) -> dict:
    loads[name] = load_average()
    print(f"[bench] {name} (load average {loads[name]:.2f}) ...", flush=True)
    started = time.perf_counter()
    try:
        result = work()
    except Exception as error:  # one broken benchmark must not hide the others' figures
        traceback.print_exc()
        result = {"error": f"{type(error).__name__}: {error}"[:300]}
    print(f"[bench] {name} done in {time.perf_counter() - started:.1f} s", flush=True)
    return result


def wait_for_quiet(seconds: float, threshold: float = 1.0) -> float:
    """Wait up to `seconds` for the 1-minute load average to drop below `threshold`; returns it."""
    deadline = time.monotonic() + seconds
    while load_average() >= threshold and time.monotonic() < deadline:
        print(f"[bench] load average {load_average():.2f}: waiting for a quieter machine", flush=True)
        time.sleep(min(15.0, max(0.0, deadline - time.monotonic())))
    return load_average()


def run(smoke: bool = False, workdir: Path | None = None) -> dict:
    """Every benchmark; returns all figures (sections that failed carry {"error": ...})."""
    size = SMOKE if smoke else FULL
    started = time.perf_counter()
    loads: dict[str, float] = {}
    results: dict = {"stamp": stamp(), "smoke": smoke, "sizes": size, "load_averages": loads}
    sets = available_sets()[:1] if smoke else None
    results["retrieval"] = _section("retrieval", lambda: retrieval.run(sets), loads)
    results["quality"] = _section("answer quality", lambda: quality.run(quick=smoke, workdir=workdir), loads)
    results["search"] = _section("search speed", lambda: search_speed.run(
        size["rounds"], size["builds"], size.get("search_limit")), loads)
    results["service"] = _section("service speed", lambda: service_speed.run(
        size["requests"], size["starts"], warmup=size["warmup"], time_limit=size["level_time_limit"],
        workdir=workdir, rounds=size["service_rounds"]), loads)
    results["load"] = {
        name: _section(f"load test{' with kill' if kill else ''}", lambda kill=kill: load_test.run(
            size["conversations"], size["messages"], kill, workdir=workdir, time_limit=size["load_time_limit"]),
            loads)
        for name, kill in (("plain", False), ("kill", True))}
    results["duration_s"] = time.perf_counter() - started
    results["load_average_end"] = load_average()
    return results


def failures(results: dict) -> list[str]:
    """Sections that failed, and load-test correctness checks that did not pass."""
    failed = [name for name in ("retrieval", "quality", "search", "service") if "error" in results.get(name, {})]
    for name, run in results.get("load", {}).items():
        if "error" in run or not run.get("ok"):
            failed.append(f"load:{name}")
    return failed


def main() -> int:
    """Run everything, write the page, the chart and the JSON figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks the scripts, not the speed")
    parser.add_argument("--out-dir", type=Path, help="where benchmarks.md and the chart go "
                        "(default docs/, or artifacts/bench-smoke/ with --smoke)")
    parser.add_argument("--json", type=Path, help="where the raw figures go (default: beside the page for --smoke, "
                        "else artifacts/bench/results.json)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a section failed or a load check failed")
    parser.add_argument("--from-json", type=Path, metavar="RESULTS",
                        help="run nothing: rewrite the page and chart from figures saved by an earlier run")
    parser.add_argument("--wait-for-quiet", type=float, default=0, metavar="SECONDS",
                        help="first wait up to this long for the load average to fall below 1")
    args = parser.parse_args()
    if args.from_json:
        results = json.loads(args.from_json.read_text(encoding="utf-8"))
        page, chart = write(results, args.out_dir or REPO / "docs", observations(results))
        print(f"[bench] wrote {page}" + (f" and {chart}" if chart else ""))
        return 0
    if args.wait_for_quiet:
        wait_for_quiet(args.wait_for_quiet)
    out_dir = args.out_dir or (REPO / "artifacts" / "bench-smoke" if args.smoke else REPO / "docs")
    json_path = args.json or (out_dir / "results.json" if args.smoke else REPO / "artifacts" / "bench" / "results.json")
    results = run(smoke=args.smoke)
    page, chart = write(results, out_dir, observations(results))
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print(f"[bench] wrote {page}" + (f" and {chart}" if chart else "") + f"; figures in {json_path}")
    failed = failures(results)
    if failed:
        print(f"[bench] failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
