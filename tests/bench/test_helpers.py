"""The benchmarks' small parts on tiny inputs: percentiles, relevance, rankers, the load plan, saved state."""

import json
import math
import sqlite3
import xml.etree.ElementTree as ET

import pytest

from bench import chart
from bench.load_state import read_assessments
from bench.load_test import plan, submit_actions
from bench.retrieval import relevant, score, tokenise
from bench.stats import latency_ms, percentile
from knowledge.base import Passage


def passage(number: int, text: str) -> Passage:
    return Passage(id=f"p{number}", doc_id="d", doc_title="Doc", heading_path=("Doc", f"Section {number}"),
                   text=text, source_url="", superseded_note=None, section_id=f"s{number}")


def test_percentiles_interpolate_between_ranks():
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([5], 99) == 5
    assert math.isnan(percentile([], 50))
    assert latency_ms([0.001, 0.002, 0.003])["p50"] == pytest.approx(2.0)


def test_a_passage_is_relevant_when_it_contains_an_expected_phrase_folded():
    passages = [passage(0, "The **Channel** panel  meets\nmonthly."), passage(1, "Nothing here.")]
    assert relevant(passages, ["channel panel meets monthly"]) == {0}
    assert relevant(passages, ["weekly"]) == set()


def test_scores_count_the_first_relevant_passage():
    ranked = {"a": [3, 1], "b": [2, 0, 5], "c": [9]}
    figures = score(lambda q: ranked[q], [("a", {3}), ("b", {5}), ("c", {1})])
    assert (figures.hit1, figures.hit3, figures.n) == (pytest.approx(1 / 3), pytest.approx(2 / 3), 3)
    assert figures.mrr == pytest.approx((1 + 1 / 3) / 3)


def test_the_baseline_tokeniser_lower_cases_splits_and_drops_stopwords():
    assert tokenise("Who chairs the Channel-panel?", frozenset({"the", "who"})) == ["chairs", "channel", "panel"]


def test_bm25_ranks_a_tiny_corpus_as_expected():
    pytest.importorskip("bm25s")
    from bench.retrieval import bm25_ranker

    passages = [passage(0, "Venue hire and room bookings."), passage(1, "The Channel panel chair."),
                passage(2, "Training for panel members and the Channel chair.")]
    rank = bm25_ranker(passages)
    assert rank("who chairs the channel panel")[0] == 1
    assert rank("room bookings") == [0]
    assert rank("zebra") == []


@pytest.mark.parametrize("messages, expected", [
    (2, ["quick", "rating"]),
    (6, ["question", "referral", "step", "quick", "rating", "rating"]),
    (20, ["question"] * 2 + ["referral"] + ["step"] * 5 + ["question", "quick"] + ["rating"] * 10),
])
def test_the_load_plan_mixes_questions_a_referral_walk_and_a_quick_check(messages, expected):
    assert plan(messages) == expected


def test_submit_actions_are_read_from_every_card():
    replies = [{"attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": {"actions": [
        {"type": "Action.Submit", "data": {"action": "flow", "rating": "achieving", "question": "1.1"}},
        {"type": "Action.OpenUrl", "url": "https://example.org"}]}}]}, {"text": "no card"}]
    assert submit_actions(replies) == [{"action": "flow", "rating": "achieving", "question": "1.1"}]


def test_saved_assessments_are_read_from_the_sqlite_file(tmp_path):
    db = tmp_path / "state.db"
    with sqlite3.connect(db) as connection:
        connection.execute("CREATE TABLE state (key TEXT PRIMARY KEY, etag TEXT, data TEXT, updated_at REAL)")
        current = {"mode": "quick", "answers": {"1.1": {"rating": "developing", "by": "A"}}}
        done = {"mode": "quick", "answers": {"1.1": {"rating": "skip", "by": "B"}, "2.1": {"rating": "achieving",
                                                                                        "by": "B"}}}
        rows = [("msteams/conversations/a:1", {"flow_memory": {"assessment": {"current": current}}}),
                ("msteams/conversations/a:2", {"flow_memory": {"assessment": {"current": None, "completed": [done]}}}),
                ("msteams/conversations/a:3", {"dialog_state": {}}),
                ("msteams/users/29:x", {"profile": {}})]
        connection.executemany("INSERT INTO state VALUES (?, 'e', ?, 0)", [(k, json.dumps(v)) for k, v in rows])
    saved = read_assessments(db)
    assert saved.keys() == {"a:1", "a:2", "a:3"}
    assert saved["a:1"].ratings == {"1.1": "developing"} and not saved["a:1"].complete
    assert saved["a:2"].complete and saved["a:2"].answered_by == {"B"}
    assert saved["a:3"] is None


def test_the_chart_is_svg_with_a_bar_per_value():
    panel = chart.Panel("p50", "ms", ["c = 1", "c = 8"], {"ours": [10.0, 20.0], "echo": [5.0, float("nan")]},
                        {"ours": [12.0, 30.0], "echo": [6.0, float("nan")]})
    root = ET.fromstring(chart.render([panel]))
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.find("{http://www.w3.org/2000/svg}title")
            is not None]
    assert len(bars) == 4
    assert chart.nice_ticks(93) == [0, 20, 40, 60, 80, 100]


def test_server_cpu_per_request_pools_the_rounds_and_is_compared_with_the_echo_bot():
    from bench.service_speed import Batch, pooled, ratios

    ours = pooled(1, [Batch([0.004, 0.005], 0, 1.0, cpu_seconds=0.006), Batch([0.004], 1, 1.0, cpu_seconds=0.003)])
    assert ours.cpu_ms_per_request == pytest.approx(3.0)  # 9 ms of CPU over the 3 answered requests
    echo = pooled(1, [Batch([0.002, 0.002, 0.002], 0, 1.0, cpu_seconds=0.006)])
    servers = {name: {"levels": [level.__dict__]} for name, level in (("ours", ours), ("echo", echo), ("bare", echo))}
    assert ratios(servers)[0]["cpu_vs_echo"] == pytest.approx(1.5)


def test_a_running_process_reports_its_cpu_time(tmp_path):
    import subprocess
    import sys
    import time

    from bench.servers import ServerProcess

    server = ServerProcess(("-c", "pass"), {}, tmp_path / "log")
    assert server.cpu_seconds() == 0.0  # not started
    server.process = subprocess.Popen([sys.executable, "-c", "sum(range(3_000_000)); input()"], stdin=subprocess.PIPE)
    try:
        time.sleep(0.5)
        assert server.cpu_seconds() > 0.0
    finally:
        server.process.kill()
        server.process.wait()
