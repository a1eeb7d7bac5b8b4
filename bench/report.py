"""Turn the collected figures into docs/benchmarks.md (tables) and docs/benchmarks-latency.svg (chart).

Every section copes with a part that failed or was skipped: it says so in place of its table, so one
broken benchmark never hides the others. Targets are reported as met or not; nothing here fails a build.
"""

import math
from pathlib import Path

from bench import chart

CHART_NAME = "benchmarks-latency.svg"
SERVER_NAMES = {"ours": "Prevent Signpost", "echo": "echo bot (same SDK setup)", "bare": "bare aiohttp"}
TARGETS = {"dev_hit1": 0.90, "hit1_over_bm25": 0.30, "p50_vs_echo": 1.5, "throughput_vs_echo": 0.6,
           "cold_start_s": 2.0, "memory_mb": 200.0}


def fmt(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:,.{digits}f}"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in rows), ""]


def _failed(section: dict) -> list[str]:
    if "error" in section:
        return [f"_This benchmark failed: {section['error']}_", ""]
    if "skipped" in section:
        return [f"_Skipped: {section['skipped']}._", ""]
    return []


def _met(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**not met**")


# -- header and targets --------------------------------------------------------------------------------

def header(results: dict) -> list[str]:
    s = results["stamp"]
    commit = s["commit"] + (" with uncommitted changes" if s["uncommitted_changes"] else "")
    lines = ["# Benchmarks", "",
             "Written by `make bench` (`python -m bench.run_all" + (" --smoke" if results.get("smoke") else "")
             + "`). Benchmarks report figures and never fail a build; rerun to refresh this page.", "",
             f"- **Date**: {s['date']}; **commit** {commit}; whole run {fmt(results.get('duration_s'), 0)} s",
             f"- **Machine**: {s['cpu']}, {s['cores']} cores, {fmt(s['memory_gib'])} GiB RAM, {s['os']}",
             f"- **Python**: {s['implementation']} {s['python']}",
             "- **Load average** (1 min) before each part: "
             + ", ".join(f"{name} {fmt(value, 2)}" for name, value in results.get("load_averages", {}).items())
             + f"; at the end {fmt(results.get('load_average_end'), 2)}. Every timing shares the 2 cores with "
             "the load client and with anything else running: above about 1, other work was competing.", ""]
    if results.get("smoke"):
        lines += ["**Smoke run**: tiny request counts, for checking the scripts work. These are not real "
                  "figures.", ""]
    return lines


def targets(results: dict) -> list[str]:
    rows = []
    retrieval = results.get("retrieval", {})
    dev = retrieval.get("sets", {}).get("dev", {}).get("scores", {})
    if dev.get("ours"):
        hit1 = dev["ours"]["hit1"]
        rows.append(["retrieval hit@1, dev set", "≥ 0.90", fmt(hit1, 3), _met(hit1 >= TARGETS["dev_hit1"])])
        if dev.get("BM25"):
            gap = hit1 - dev["BM25"]["hit1"]
            rows.append(["hit@1 above BM25, dev set", "≥ 0.30", fmt(gap, 3), _met(gap >= TARGETS["hit1_over_bm25"])])
    service = results.get("service", {})
    for row in service.get("ratios", []):
        c = row["concurrency"]
        rows.append([f"p50 vs echo bot, concurrency {c}", "≤ 1.5×", f"{fmt(row['p50_vs_echo'], 2)}×",
                     _met(row["p50_vs_echo"] <= TARGETS["p50_vs_echo"])])
        rows.append([f"throughput vs echo bot, concurrency {c}", "≥ 0.6×", f"{fmt(row['throughput_vs_echo'], 2)}×",
                     _met(row["throughput_vs_echo"] >= TARGETS["throughput_vs_echo"])])
    ours = service.get("servers", {}).get("ours")
    if ours:
        rows.append(["cold start to ready (median of runs)", "≤ 2 s", f"{fmt(ours['cold_start_s'], 2)} s",
                     _met(ours["cold_start_s"] <= TARGETS["cold_start_s"])])
        rss = ours["memory_mb"].get("VmRSS")
        rows.append(["resident memory after the run", "≤ 200 MB", f"{fmt(rss, 0)} MB",
                     _met(rss is not None and rss <= TARGETS["memory_mb"])])
    for name, run in results.get("load", {}).items():
        if "error" in run:
            rows.append([f"load test ({name})", "0 errors, 0 lost", "failed", "**not met**"])
            continue
        lost = run["mismatched"] + run["cross_talk"] + run.get("unfinished_quick_checks", 0) + \
            run.get("kill_report", {}).get("lost_after_kill", 0)
        rows.append([f"load test{' with kill' if run['kill'] else ''}: errors, lost or crossed", "0",
                     f"{run['errors'] + run['bot_log_errors']} errors, {lost} lost or crossed", _met(run["ok"])])
    return ["## Targets", "", *table(["what", "target", "measured", ""], rows)]


# -- sections ------------------------------------------------------------------------------------------

def quality(results: dict) -> list[str]:
    lines = ["## Answer quality", "", "### The judge: ../shared/eval/score.py against a bot process", ""]
    judged = results.get("quality", {})
    failed = _failed(judged)
    if failed:
        lines += failed
    else:
        rows = []
        for run in judged["runs"]:
            s = run["summary"]
            cells = [f"{s[c][0]}/{s[c][1]}" if s[c][1] else "–" for c in ("kb", "none", "urgent", "not_urgent")]
            rows.append([run["set"], run["mode"], *cells, fmt(s["kb_p50_ms"])])
        lines += ["A fresh bot process (`python app.py`, SQLite state) scored by the shared judge: replies through "
                  "a loopback connector (`connector`, as Teams) or in the HTTP response (`expect`, "
                  "deliveryMode expectReplies). kb: cited and an expected phrase in the first 900 characters. "
                  "The held-back sets (bench/heldback/) were written blind from the source documents and are never "
                  "tuned against: they are the estimate for unseen staff questions; the held-out and blind sets have "
                  "been used to tune.", "",
                  *table(["set", "mode", "kb", "none", "urgent", "not urgent", "kb p50 ms"], rows)]
    lines += ["### Retrieval: our search against BM25 and rapidfuzz over the same passages", ""]
    retrieval = results.get("retrieval", {})
    failed = _failed(retrieval)
    if failed:
        return lines + failed
    lines += [f"All rankers rank the same {retrieval['passages']} passages, loaded once in this run. A passage is "
              "relevant when its heading path or text contains one of the question's expected phrases (case, "
              "quotes, Markdown and whitespace folded): a passage is a paragraph or list with its heading path, "
              "and an answer shows both. The last column judges the text alone (stricter). Questions that no "
              "passage answers (the glossary does) are left out. "
              "Ours is `KnowledgeBase.search`; BM25 is `bm25s` (k1 1.5, b 0.75) over each passage's title, "
              "headings and text, lower-cased, split on non-alphanumerics, English stopwords removed; "
              "rapidfuzz is `process.extract` with `fuzz.token_set_ratio` over the same text. MRR counts the "
              "first relevant passage in the top 10.", ""]
    for name, note in retrieval.get("missing", {}).items():
        lines += [f"- {name}: {note}."]
    lines += [""]
    rows = []
    for set_name, figures in retrieval["sets"].items():
        for ranker, s in figures["scores"].items():
            strict = figures.get("text_only_hit1", {}).get(ranker)
            rows.append([set_name, f"{s['n']} of {figures['questions']}", ranker, fmt(s["hit1"], 3), fmt(s["hit3"], 3),
                         fmt(s["mrr"], 3), fmt(strict, 3) if strict is not None else "–"])
    return lines + table(["set", "questions judged", "ranker", "hit@1", "hit@3", "MRR@10", "hit@1, text only"], rows)


def service(results: dict, chart_name: str) -> list[str]:
    lines = ["## Service speed", ""]
    figures = results.get("service", {})
    failed = _failed(figures)
    if failed:
        return lines + failed
    lines += [f"HTTP round trips to `/api/messages`, {figures['requests']} requests per concurrency level after a "
              f"warm-up, each server its own Python process, loaded from an aiohttp client in the bench process. "
              f"The three servers run side by side and the requests are split over {figures.get('rounds', 1)} "
              "rounds that take the servers in turn (a different one first each round), so a change in the "
              "shared machine's load falls on all of them alike; each level's figures pool its rounds. "
              "Requests are expectReplies activities carrying the dev set's questions; each concurrent worker "
              "is one user in one conversation sending its next message when the last is answered. "
              "The **echo bot** (`bench/echo_bot.py`) has our process setup without our bot: the same settings, "
              "SDK patches, HTTP edge (`bot.http_app.messages_handler`), `CloudAdapter` with "
              "`ConfigurationBotFrameworkAuthentication`, typing middleware, per-conversation lock, JSON turn "
              "log and SQLite `ConversationState`/`UserState` used as ours uses them on a question (the "
              "conversation's state read, both saved when changed). The **bare** server is an aiohttp handler "
              "returning fixed JSON. Our bot runs with `RATE_LIMIT_PER_MINUTE=0`; otherwise defaults.", ""]
    rows = []
    for name, server in figures["servers"].items():
        for level in server["levels"]:
            lat = level["latency"]
            rows.append([SERVER_NAMES.get(name, name), str(level["concurrency"]), fmt(lat["p50"]), fmt(lat["p95"]),
                         fmt(lat["p99"]), fmt(level["throughput"], 0), fmt(level.get("cpu_ms_per_request"), 2),
                         str(level["errors"])])
    lines += table(["server", "concurrency", "p50 ms", "p95 ms", "p99 ms", "requests/s", "server CPU ms/request",
                    "errors"], rows)
    lines += [f"![p50 latency with whiskers to p95, and throughput, per server and concurrency]({chart_name})", ""]
    rows = [[str(r["concurrency"]), f"{fmt(r['p50_vs_echo'], 2)}×", f"{fmt(r['throughput_vs_echo'], 2)}×",
             f"{fmt(r.get('cpu_vs_echo'), 2)}×", f"{fmt(r['p50_vs_bare'], 1)}×", f"{fmt(r['throughput_vs_bare'], 2)}×"]
            for r in figures["ratios"]]
    lines += ["Prevent Signpost as a multiple of each baseline (p50 and CPU: lower is better; throughput: higher is "
              "better). Server CPU per request is read from each server's /proc/<pid>/stat around its own bursts: "
              "unlike latency and throughput it leaves out the load client's share of the two cores, so it moves "
              "far less between runs.",
              "", *table(["concurrency", "p50 ÷ echo", "throughput ÷ echo", "CPU ÷ echo", "p50 ÷ bare",
                          "throughput ÷ bare"], rows)]
    rows = []
    for name, server in figures["servers"].items():
        starts = ", ".join(fmt(s, 2) for s in server["cold_starts"])
        first = fmt(server["first_start_s"], 2) if server.get("first_start_s") is not None else "–"
        rows.append([SERVER_NAMES.get(name, name), f"{fmt(server['cold_start_s'], 2)} ({starts})", first,
                     fmt(server["memory_mb"].get("VmRSS"), 0), fmt(server["memory_mb"].get("VmHWM"), 0)])
    lines += ["Cold start is process start to the first 200 from `/readyz` (median, each run listed), with the "
              "knowledge index cache a previous start wrote; the first start after a content or code change "
              "builds the index instead (measured once, with the cache removed). Memory is read from "
              "`/proc/<pid>/status` after the last level.", "",
              *table(["server", "cold start s", "first start, no index cache, s", "VmRSS MB", "peak VmHWM MB"],
                     rows)]
    return lines


def search(results: dict) -> list[str]:
    lines = ["## Search", ""]
    figures = results.get("search", {})
    failed = _failed(figures)
    if failed:
        return lines + failed
    ask = figures["ask_ms"]
    builds = ", ".join(fmt(b, 2) for b in figures["builds"])
    rows = [[f"`KnowledgeBase.ask`, {figures['questions']} questions × {figures['rounds']} rounds",
             fmt(ask["p50"], 2) + " ms", fmt(ask["p99"], 2) + " ms", fmt(ask["mean"], 2) + " ms"],
            [f"index build, `load_knowledge_base(cache_dir=None)` ({figures['passages']} passages; runs: {builds} s)",
             fmt(figures["build_s"], 2) + " s (median)", "", ""],
            ["the same from the on-disk index cache, `load_knowledge_base()` (runs: "
             + ", ".join(fmt(c, 3) for c in figures.get("cached", [])) + " s)",
             fmt(figures.get("cached_s"), 3) + " s (median)", "", ""]]
    return [*lines, "In process, no HTTP: every question of every set (answerable and out of scope), after a "
            "warm-up round.", "", *table(["what", "p50", "p99", "mean"], rows)]


def load(results: dict) -> list[str]:
    lines = ["## Load test: holding up under load", "",
             "`bench/load_test.py`: concurrent conversations through the real HTTP endpoint of a bot process "
             "(SQLite state, default settings), replies POSTed to a loopback connector in the bench process. "
             "Each conversation is one user sending its messages back to back, with no think time: knowledge "
             "questions, a referral walk-through (\"referral\" then each card's answer button) and a quick check "
             "(\"quick check\" then a rating for each question, submitted with the card's own button data). "
             "Afterwards the SQLite file is read: each conversation's saved ratings must be exactly those it sent "
             "and had acknowledged, each answered by its own user. The kill variant SIGKILLs the bot once 60 % "
             "of messages are acknowledged, checks that every rating acknowledged so far is on disk, restarts "
             "the bot on the same database, and lets every conversation re-send what was cut off and carry on "
             "until its quick check is finished (so it sends more than planned). Its throughput counts the "
             "time the bot was down.", ""]
    runs = results.get("load", {})
    rows = []
    for run in runs.values():
        if "error" in run:
            rows.append(["failed: " + run["error"][:80]] + [""] * 11)
            continue
        lat = run["latency"]
        rows.append([f"{run['conversations']} × {run['messages_each']}" + (" + kill" if run["kill"] else ""),
                     f"{run['acknowledged']} ({run['planned']})", str(run["answered"]),
                     str(run["errors"] + run["bot_log_errors"]), str(run["interrupted"]),
                     fmt(lat["p50"], 0), fmt(lat["p95"], 0), fmt(lat["p99"], 0), fmt(run["throughput"], 0),
                     fmt(run["seconds"], 1), f"{run['mismatched']} / {run['cross_talk']}",
                     str(run["quick_checks_finished"])])
    lines += table(["conversations × messages", "acknowledged (planned)", "answered", "errors",
                    "cut off by kill", "p50 ms", "p95 ms", "p99 ms", "messages/s", "seconds",
                    "saved ≠ sent / crossed", "quick checks finished"], rows)
    for run in runs.values():
        report = run.get("kill_report") or {}
        if "lost_after_kill" in report:
            lines += [f"Kill: after {report['acknowledged_before_kill']} acknowledged messages "
                      f"({report['ratings_acknowledged_before_kill']} ratings); ratings acknowledged but missing "
                      f"on disk after the kill: **{report['lost_after_kill']}**. Restart to ready "
                      f"{fmt(report['restart_to_ready_s'], 2)} s, down {fmt(report['downtime_s'], 2)} s in all; "
                      f"{run['unfinished_quick_checks']} conversations failed to finish their quick check.", ""]
        elif report:
            lines += [f"Kill: {report.get('skipped', report)}", ""]
    for run in runs.values():
        logged = run.get("bot_log_error_examples") or []
        if logged:
            lines += [f"Errors the bot logged{' (kill run)' if run.get('kill') else ''}, the first "
                      f"{len(logged)}: " + "; ".join(f"`{line}`" for line in logged), ""]
    typing = [run.get("typing_indicators", 0) for run in runs.values() if "error" not in run]
    if typing:
        lines += [f"Typing indicators the bot also sent (`bot.typing`, for turns over 0.5 s): "
                  f"{', '.join(str(t) for t in typing)}.", ""]
    return lines


def write(results: dict, out_dir: Path, observations: list[str]) -> tuple[Path, Path | None]:
    """Write benchmarks.md (and the chart, when there are service figures) into out_dir."""
    out_dir.mkdir(parents=True, exist_ok=True)
    chart_path = None
    figures = results.get("service", {})
    if "servers" in figures:
        chart_path = out_dir / CHART_NAME
        chart_path.write_text(latency_chart(figures), encoding="utf-8")
    lines = [*header(results), *targets(results), *quality(results), *service(results, CHART_NAME),
             *search(results), *load(results), "## Observations", "", *observations, ""]
    report_path = out_dir / "benchmarks.md"
    report_path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    return report_path, chart_path


def latency_chart(figures: dict) -> str:
    servers = figures["servers"]
    groups = [f"c = {level}" for level in figures["levels"]]
    names = {SERVER_NAMES.get(name, name): name for name in servers}
    latency = chart.Panel("p50 latency (whisker: p95)", "milliseconds", groups,
                          {label: [lv["latency"]["p50"] for lv in servers[n]["levels"]] for label, n in names.items()},
                          {label: [lv["latency"]["p95"] for lv in servers[n]["levels"]] for label, n in names.items()})
    throughput = chart.Panel("throughput", "requests per second", groups,
                             {label: [lv["throughput"] for lv in servers[n]["levels"]] for label, n in names.items()})
    return chart.render([latency, throughput], caption="c: concurrent clients")
