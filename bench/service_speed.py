"""Service speed: HTTP round trips to our bot, an echo bot and a bare aiohttp handler, each its own process.

First each server's cold start (process start to the first 200 from /readyz, median of `starts`), one
server at a time. Then all three run side by side, each gets one unmeasured warm-up, and the requests are
split over `rounds` rounds: in each round every concurrency level is driven against each server in turn,
the starting server rotating from round to round, so a change in the machine's load (this is a shared
2-core machine) falls on all three alike rather than on whichever ran last. A level's figures pool its
rounds. Then each server's resident memory.

Requests are expectReplies activities carrying the dev set's knowledge questions, so the bots' replies
come back in the HTTP response. Their serviceUrl is a loopback connector in this process, which only the
SDK's typing indicator (on a turn slower than 0.5 s) would use. Each concurrent worker is one user in one
conversation, sending its next message as soon as the last is answered. A request counts when it returns
200 with a message reply; anything else is an error. Each burst stops at its request count or its share
of the level's time limit.

The client runs in this process on the same 2 cores as the servers, as it would for any loopback
benchmark: absolute figures include its cost, the ratios between servers share it. Our bot runs with
its default settings except RATE_LIMIT_PER_MINUTE=0 (a benchmark user sends far more than 30 a minute).

    python -m bench.service_speed [--requests 600] [--starts 3] [--rounds 3]
"""

import argparse
import asyncio
import json
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from aiohttp import ClientError, ClientSession, ClientTimeout, TCPConnector

from bench.questions import kb_questions
from bench.servers import BARE, BOT, ECHO_BOT, ServerProcess
from bench.stats import latency_ms, median
from tests.helpers.channel import LoopbackConnector, TeamsClient

LEVELS = (1, 8, 32)
SERVERS = {"ours": BOT, "echo": ECHO_BOT, "bare": BARE}
HEADERS = {"Content-Type": "application/json"}


@dataclass
class Level:
    concurrency: int
    requests: int
    errors: int
    seconds: float
    throughput: float
    latency: dict
    cpu_ms_per_request: float = 0.0
    """The server process's own CPU time (user and system) per answered request: what the server spent on a
    turn, without the load client's share of the machine, which latency and throughput include."""


@dataclass
class Batch:
    """One burst of requests at one concurrency: the raw round-trip times, so rounds can be pooled."""
    latencies: list[float]
    errors: int
    seconds: float
    cpu_seconds: float = 0.0


def _has_message(body: bytes) -> bool:
    try:
        payload = json.loads(body)
    except ValueError:
        return False
    return any(a.get("type") == "message" for a in (payload or {}).get("activities", []))


async def drive(url: str, questions: Sequence[str], total: int, concurrency: int, time_limit: float,
                tag: str, service_url: str) -> Batch:
    """`total` requests from `concurrency` workers (one conversation each); stops early at `time_limit`."""
    issued = 0
    errors = 0
    latencies: list[float] = []
    started = time.perf_counter()
    deadline = started + time_limit
    timeout = ClientTimeout(total=30)
    async with ClientSession(connector=TCPConnector(limit=concurrency), timeout=timeout) as session:

        async def worker(number: int) -> None:
            nonlocal issued, errors
            client = TeamsClient(url, session, conversation_id=f"a:bench-{tag}-{number}-{uuid.uuid4().hex[:8]}",
                                 user_id=f"29:bench-{tag}-{number}")
            while issued < total and time.perf_counter() < deadline:
                text = questions[issued % len(questions)]
                issued += 1
                payload = json.dumps(client.activity(text=text, serviceUrl=service_url)).encode()
                sent = time.perf_counter()
                try:
                    async with session.post(url, data=payload, headers=HEADERS) as response:
                        body = await response.read()
                        status = response.status
                except (ClientError, TimeoutError):
                    errors += 1
                    continue
                elapsed = time.perf_counter() - sent
                if status == 200 and _has_message(body):
                    latencies.append(elapsed)
                else:
                    errors += 1

        await asyncio.gather(*(worker(n) for n in range(concurrency)))
    return Batch(latencies, errors, time.perf_counter() - started)


def pooled(concurrency: int, batches: Sequence[Batch]) -> Level:
    """One level's figures over all its rounds: percentiles of every sample, throughput over the time spent."""
    latencies = [value for batch in batches for value in batch.latencies]
    errors = sum(batch.errors for batch in batches)
    seconds = sum(batch.seconds for batch in batches)
    cpu = sum(batch.cpu_seconds for batch in batches)
    return Level(concurrency, len(latencies) + errors, errors, seconds, len(latencies) / seconds if seconds else 0,
                 latency_ms(latencies), 1000 * cpu / len(latencies) if latencies else 0.0)


async def measure_interleaved(urls: dict[str, str], requests: int, levels: Sequence[int], rounds: int, warmup: int,
                              time_limit: float, cpu: dict | None = None) -> dict[str, list[dict]]:
    """Every server at every level, in `rounds` rounds that take the servers in turn (the starting server
    rotating each round), so a change in the machine's load lands on all of them alike. `cpu` maps a server
    to a function giving its process's CPU seconds so far, read around each burst."""
    cpu = cpu or {}
    questions = kb_questions()
    names = list(urls)
    batches: dict[str, dict[int, list[Batch]]] = {name: {level: [] for level in levels} for name in names}
    per_round = max(1, requests // rounds)
    connector = await LoopbackConnector().start()
    try:
        for name in names:
            await drive(urls[name], questions, warmup, min(4, max(levels)), time_limit, f"{name}-warm", connector.url)
        for round_number in range(rounds):
            order = names[round_number % len(names):] + names[:round_number % len(names)]
            for level in levels:
                for name in order:
                    used = cpu.get(name, lambda: 0.0)
                    before = used()
                    batch = await drive(urls[name], questions, per_round, level, time_limit / rounds,
                                        f"{name}-{level}-{round_number}", connector.url)
                    batch.cpu_seconds = used() - before
                    batches[name][level].append(batch)
    finally:
        await connector.stop()
    return {name: [asdict(pooled(level, batches[name][level])) for level in levels] for name in names}


def cold_starts(server: ServerProcess, starts: int, *, builds_index: bool) -> tuple[list[float], float | None]:
    """Seconds from process start to ready, `starts` times (stopped after each); for our bot, first one start
    with an empty index cache, as after a content or code change."""
    first = None
    if builds_index:
        first = server.start()
        server.stop()
    cold = []
    for _ in range(starts):
        cold.append(server.start())
        server.stop()
    return cold, first


def run(requests: int = 600, starts: int = 3, levels: Sequence[int] = LEVELS, warmup: int = 30,
        time_limit: float = 90.0, workdir: Path | None = None, rounds: int = 3) -> dict:
    """Cold starts for each server one at a time, then all of them running (idle while another is driven)
    for the interleaved rounds, then each one's resident memory."""
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        processes = {}
        starts_by_name = {}
        for name, args in SERVERS.items():
            env = {"SQLITE_PATH": str(Path(folder) / f"{name}.db"), "RATE_LIMIT_PER_MINUTE": "0",
                   "INDEX_CACHE_DIR": str(Path(folder) / f"{name}-index-cache")}
            processes[name] = ServerProcess(args, env, Path(folder) / f"{name}.log")
            starts_by_name[name] = cold_starts(processes[name], starts, builds_index=name == "ours")
        try:
            for server in processes.values():
                server.start()
            results = asyncio.run(measure_interleaved({name: p.url for name, p in processes.items()}, requests,
                                                      levels, rounds, warmup, time_limit,
                                                      {name: p.cpu_seconds for name, p in processes.items()}))
            memory = {name: p.memory_mb() for name, p in processes.items()}
        finally:
            for server in processes.values():
                server.stop()
    servers = {name: {"cold_start_s": median(starts_by_name[name][0]), "cold_starts": starts_by_name[name][0],
                      "first_start_s": starts_by_name[name][1], "levels": results[name], "memory_mb": memory[name]}
               for name in SERVERS}
    sent = max(1, requests // rounds) * rounds
    return {"requests": sent, "rounds": rounds, "levels": list(levels), "servers": servers, "ratios": ratios(servers)}


def ratios(servers: dict) -> list[dict]:
    """Per level: our p50 and throughput as multiples of the echo bot's and the bare handler's."""
    out = []
    for index, level in enumerate(servers["ours"]["levels"]):
        ours = level
        row = {"concurrency": level["concurrency"]}
        for other in ("echo", "bare"):
            theirs = servers[other]["levels"][index]
            row[f"p50_vs_{other}"] = ours["latency"]["p50"] / theirs["latency"]["p50"]
            row[f"throughput_vs_{other}"] = ours["throughput"] / theirs["throughput"] if theirs["throughput"] else 0
            row[f"cpu_vs_{other}"] = ours.get("cpu_ms_per_request", 0) / theirs["cpu_ms_per_request"] \
                if theirs.get("cpu_ms_per_request") else 0
        out.append(row)
    return out


def main() -> int:
    """Print latency, throughput, cold start and memory per server, and our ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=600, help="requests per concurrency level")
    parser.add_argument("--starts", type=int, default=3, help="cold starts per server (median reported)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds the requests are split over")
    args = parser.parse_args()
    results = run(args.requests, args.starts, rounds=args.rounds)
    for name, server in results["servers"].items():
        first = f" (first start without the index cache {server['first_start_s']:.2f} s)" \
            if server.get("first_start_s") is not None else ""
        print(f"{name}: cold start {server['cold_start_s']:.2f} s{first}, "
              f"RSS {server['memory_mb'].get('VmRSS', 0):.0f} MB")
        for level in server["levels"]:
            lat = level["latency"]
            print(f"  c={level['concurrency']:<3} p50 {lat['p50']:.1f} ms  p95 {lat['p95']:.1f} ms  "
                  f"p99 {lat['p99']:.1f} ms  {level['throughput']:.0f} req/s  "
                  f"CPU {level['cpu_ms_per_request']:.2f} ms/req  errors {level['errors']}")
    for row in results["ratios"]:
        print(f"c={row['concurrency']}: p50 {row['p50_vs_echo']:.2f}x echo, throughput "
              f"{row['throughput_vs_echo']:.2f}x echo, server CPU per request {row['cpu_vs_echo']:.2f}x echo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
