"""Plain-English observations drawn from the figures of one run: what is slow, and why.

Each observation is computed from the figures it cites, so it stays true when they change; where one
depends on a figure that is missing (a section failed or was skipped) it is left out.
"""

from bench.report import fmt


def _retrieval(results: dict) -> list[str]:
    sets = results.get("retrieval", {}).get("sets", {})
    dev = sets.get("dev", {}).get("scores", {})
    if not dev.get("ours"):
        return []
    out = []
    others = ", ".join(f"{name} {fmt(s['hit1'], 3)}" for name, s in dev.items() if name != "ours")
    out.append(f"- **Retrieval**: on the dev set our search puts a relevant passage first for "
               f"{fmt(dev['ours']['hit1'], 3)} of questions ({others}). Across the sets the gap to the baselines "
               "comes from what they lack: curated alternate phrasings, glossary expansion of acronyms, stemming "
               "and typo correction, and a reranker that prefers passages about the subject over passing mentions.")
    judged = {run["set"]: run["summary"]["kb"] for run in results.get("quality", {}).get("runs", [])
              if run["mode"] == "connector"}
    if "dev" in judged and judged["dev"][1]:
        ok, n = judged["dev"]
        out.append(f"- The judge scores {ok}/{n} dev answers as hits while retrieval hit@1 is "
                   f"{fmt(dev['ours']['hit1'], 3)}: an answer is more than the top passage (a glossary "
                   "definition, an excerpt chosen from inside a long passage, a choice between close passages), "
                   "and the judge reads its first 900 characters. Retrieval hit@1 is the stricter measure.")
    return out


def _service(results: dict) -> list[str]:
    figures = results.get("service", {})
    servers = figures.get("servers", {})
    if not {"ours", "echo", "bare"} <= servers.keys():
        return []
    ours, echo, bare = (servers[n]["levels"] for n in ("ours", "echo", "bare"))
    ask = results.get("search", {}).get("ask_ms", {}).get("p50")
    extra = ours[0]["latency"]["p50"] - echo[0]["latency"]["p50"]
    out = [f"- **Per turn, one user at a time**: our bot answers in {fmt(ours[0]['latency']['p50'])} ms (p50), the "
           f"echo bot in {fmt(echo[0]['latency']['p50'])} ms and a bare aiohttp handler in "
           f"{fmt(bare[0]['latency']['p50'])} ms. Our bot's extra {fmt(extra)} ms is its own work: "
           + (f"the search itself ({fmt(ask, 2)} ms p50 in process), " if ask is not None else "")
           + "then routing, the emergency and personal-data guards, rendering the answer card, and the SDK "
           "copying and serialising that larger activity into the response (search is the larger part: counted "
           "with valgrind, it is about two thirds of the instructions our bot adds to a turn). The echo bot's "
           f"{fmt(echo[0]['latency']['p50'] - bare[0]['latency']['p50'])} ms over bare is the SDK's fixed cost "
           "per turn: msrest deserialising the activity, building a connector client and a user-token client "
           "for every turn (even with `bot/sdk_patches.py`), and reading the conversation's state on the store's "
           "worker thread, as ours does."]
    top = ours[-1]
    out.append(f"- **Under concurrency** the bot is CPU-bound on one event loop: throughput levels off at about "
               f"{fmt(max(level['throughput'] for level in ours), 0)} requests/s and extra concurrency turns into "
               f"queueing (p50 {fmt(top['latency']['p50'])} ms at {top['concurrency']} concurrent). One Python "
               "process uses one core; on this 2-core machine the other runs the load client. More throughput "
               "means more processes (with a shared store: see docs/scaling.md), not more concurrency.")
    cold = {n: servers[n]["cold_start_s"] for n in servers}
    search = results.get("search", {})
    build, cached = search.get("build_s"), search.get("cached_s")
    if build is not None:
        first = servers["ours"].get("first_start_s")
        out.append(f"- **Cold start** {fmt(cold['ours'], 2)} s with the index cache (loading it takes about "
                   f"{fmt(cached, 3)} s in process), {fmt(first, 2)} s on the first start after a change, which "
                   f"builds the index (about {fmt(build, 2)} s in process). The echo bot, which imports the same SDK "
                   f"and aiohttp stack but loads no content, starts in {fmt(cold['echo'], 2)} s; a bare aiohttp "
                   f"process in {fmt(cold['bare'], 2)} s. Most of the rest is imports the echo bot does without "
                   "(`python -X importtime -c 'import app'` shows them): `botbuilder.dialogs`, whose prompts pull in "
                   "the Recognizers-Text date and number packages, and `holidays`; then the other content files.")
    memory = {n: servers[n]["memory_mb"].get("VmRSS") for n in servers}
    if all(memory.values()):
        out.append(f"- **Memory**: {fmt(memory['ours'], 0)} MB resident against the echo bot's "
                   f"{fmt(memory['echo'], 0)} MB and bare aiohttp's {fmt(memory['bare'], 0)} MB: the SDK stack "
                   "accounts for most of it, our content, index and caches for the difference.")
    return out


def _load(results: dict) -> list[str]:
    out = []
    for run in results.get("load", {}).values():
        if "error" in run or not run["throughput"]:
            continue
        if not run["kill"]:
            in_flight = run["conversations"] / run["throughput"] * 1000
            out.append(f"- **Load test**: {run['conversations']} conversations with no think time keep "
                       f"{run['conversations']} messages in flight, so latency is mostly queueing: "
                       f"{run['conversations']} ÷ {fmt(run['throughput'], 0)} messages/s ≈ {fmt(in_flight, 0)} ms, "
                       f"against a measured mean of {fmt(run['latency']['mean'], 0)} ms (Little's law).")
            typing = run.get("typing_indicators", 0)
            if typing:
                out.append(f"- Over those {run['acknowledged']} turns the bot also sent {typing} typing indicators: "
                           "queued turns take longer than the typing middleware's 0.5 s delay, so it adds outgoing "
                           "POSTs to the connector just when the bot is busiest.")
        report = run.get("kill_report") or {}
        if "lost_after_kill" in report:
            out.append(f"- **Kill**: {report['lost_after_kill']} of {report['ratings_acknowledged_before_kill']} "
                       "acknowledged ratings were missing after SIGKILL (each turn's state is committed to "
                       "SQLite before the HTTP 200 is sent); "
                       f"{run['interrupted']} requests in flight were cut off and re-sent after the restart "
                       f"({fmt(report['restart_to_ready_s'], 2)} s to ready).")
    return out


def observations(results: dict) -> list[str]:
    """Bullet points for the report's last section."""
    found = _retrieval(results) + _service(results) + _load(results)
    return found or ["- No figures to comment on: see the sections above."]
