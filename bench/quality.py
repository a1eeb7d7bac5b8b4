"""Answer quality from the outside: the shared judge (../shared/eval/score.py) against a bot process.

The bot is started for the run (`python app.py`, SQLite state in a temporary folder) and scored in both
delivery modes the judge has: `connector` (replies POSTed to a loopback connector, as Teams does) and
`expect` (deliveryMode expectReplies, replies in the HTTP response). The dev set is scored in both modes;
the held-out, blind and held-back sets in connector mode (skipped with --quick). The judge's own figures are captured
from its --json output. When score.py is absent the section is skipped with a note.

    python -m bench.quality [--quick]
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.questions import SCORE_SCRIPT, SET_FILES
from bench.servers import BOT, ServerProcess

CATEGORIES = ("kb", "none", "urgent", "not_urgent")


def score(url: str, mode: str, set_path: Path | None = None, timeout: float = 300.0) -> dict:
    """Run score.py once; returns its summary ({kb: [ok, n], ..., kb_p50_ms})."""
    command = [sys.executable, str(SCORE_SCRIPT), "--url", url, "--mode", mode, "--json"]
    if set_path is not None:
        command += ["--set", str(set_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"score.py failed ({done.returncode}): {done.stderr[-1500:]}")
    return json.loads(done.stdout)["summary"]


def plan(quick: bool) -> list[tuple[str, str, Path | None]]:
    """(set name, mode, set file) for each run; None means the judge's default (dev) set."""
    runs: list[tuple[str, str, Path | None]] = [("dev", "connector", None), ("dev", "expect", None)]
    if not quick:
        runs += [(name, "connector", path) for name, path in SET_FILES.items() if name != "dev" and path.is_file()]
    return runs


def run(quick: bool = False, workdir: Path | None = None) -> dict:
    """Start the bot, score every planned run, stop the bot; {"skipped": reason} when score.py is absent."""
    if not SCORE_SCRIPT.is_file():
        return {"skipped": f"{SCORE_SCRIPT} not found"}
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        bot = ServerProcess(BOT, {"SQLITE_PATH": str(Path(folder) / "state.db")}, Path(folder) / "bot.log")
        bot.start()
        try:
            runs = [{"set": name, "mode": mode, "summary": score(bot.url, mode, path)}
                    for name, mode, path in plan(quick)]
        finally:
            bot.stop()
    return {"runs": runs}


def main() -> int:
    """Print the judge's figures for each set and mode."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the dev set only")
    args = parser.parse_args()
    results = run(quick=args.quick)
    if "skipped" in results:
        print(f"skipped: {results['skipped']}")
        return 0
    for item in results["runs"]:
        summary = item["summary"]
        cells = "  ".join(f"{c} {summary[c][0]}/{summary[c][1]}" for c in CATEGORIES if summary[c][1])
        print(f"{item['set']:<9} {item['mode']:<9} {cells}  kb p50 {summary['kb_p50_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
