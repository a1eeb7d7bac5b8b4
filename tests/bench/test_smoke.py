"""The benchmarks cannot rot: a tiny version of every one runs here, and the load test's checks must pass.

`python -m bench.run_all --smoke` runs every section at toy sizes (a few requests per level, 5
conversations × 6 messages for the load test, with and without the kill) in its own process, as
`make bench` would. Nothing here looks at speed: only that each section produced figures and that the
load test lost nothing, crossed nothing and answered everything.
"""

import ast
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench"
SCRIPTS = ("bare_server", "echo_bot", "load_test", "machine", "quality", "retrieval", "run_all", "search_speed",
           "service_speed")
SECTIONS = ("## Targets", "## Answer quality", "## Service speed", "## Search", "## Load test", "## Observations")


@pytest.fixture(scope="module")
def smoke_run(tmp_path_factory) -> tuple[str, dict, Path]:
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run([sys.executable, "-m", "bench.run_all", "--smoke", "--strict", "--out-dir", str(out),
                           "--json", str(out / "results.json")], cwd=REPO, capture_output=True, text=True,
                          timeout=240, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return (out / "benchmarks.md").read_text(encoding="utf-8"), json.loads((out / "results.json").read_text()), out


@pytest.mark.slow
def test_every_section_produced_figures(smoke_run):
    page, results, _out = smoke_run
    for heading in SECTIONS:
        assert heading in page
    for name in ("retrieval", "search", "service"):
        assert "error" not in results[name], results[name]
    assert "error" not in results["quality"], results["quality"]
    sets = results["retrieval"]["sets"]
    assert sets and all("ours" in figures["scores"] for figures in sets.values())
    for server in ("ours", "echo", "bare"):
        levels = results["service"]["servers"][server]["levels"]
        assert [level["concurrency"] for level in levels] == [1, 8, 32]
        assert all(level["errors"] == 0 and level["latency"]["n"] > 0 for level in levels)


@pytest.mark.slow
@pytest.mark.parametrize("variant", ["plain", "kill"])
def test_the_load_test_loses_nothing_and_answers_everything(smoke_run, variant):
    run = smoke_run[1]["load"][variant]
    assert run["ok"], run
    assert run["errors"] == 0 and run["bot_log_errors"] == 0
    assert run["answered"] == run["acknowledged"] >= run["planned"]
    assert run["mismatched"] == 0 and run["cross_talk"] == 0
    assert run["saved_conversations"] == run["conversations"]
    if variant == "kill":
        report = run["kill_report"]
        assert report["ratings_acknowledged_before_kill"] > 0
        assert report["lost_after_kill"] == 0
        assert run["quick_checks_finished"] == run["conversations"]


@pytest.mark.slow
def test_the_chart_is_well_formed_svg(smoke_run):
    root = ET.parse(smoke_run[2] / "benchmarks-latency.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(root.findall("{http://www.w3.org/2000/svg}rect")) > 9


@pytest.mark.slow
def test_the_bm25_baseline_runs_when_installed(smoke_run):
    pytest.importorskip("bm25s")
    for figures in smoke_run[1]["retrieval"]["sets"].values():
        assert "BM25" in figures["scores"]


@pytest.mark.parametrize("path", sorted(BENCH.glob("*.py")), ids=lambda p: p.name)
def test_every_bench_module_has_a_docstring_and_does_no_work_at_import(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{path.name} needs a module docstring"
    calls = [node for node in tree.body if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)]
    assert not calls, f"{path.name} does work at import time"


@pytest.mark.parametrize("name", SCRIPTS)
def test_every_script_has_a_main(name):
    tree = ast.parse((BENCH / f"{name}.py").read_text(encoding="utf-8"))
    functions = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
    assert "main" in functions, f"bench/{name}.py needs a main()"
