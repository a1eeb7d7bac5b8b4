"""Service speed: HTTP round trips to our bot, an echo bot and a bare aiohttp handler, each its own process.

For each server: cold start (process start to the first 200 from /readyz, median of `starts`), then one
unmeasured warm-up, then `requests` POSTs to /api/messages at each concurrency level, then its resident
memory. Requests are expectReplies activities carrying the dev set's knowledge questions, so the bots'
replies come back in the HTTP response. Their serviceUrl is a loopback connector in this process, which
only the SDK's typing indicator (on a turn slower than 0.5 s) would use. Each concurrent worker is one
user in one conversation, sending its next message as soon as the last is answered. A request counts
when it returns 200 with a message reply; anything else is an error. Each level stops at its request
count or its time limit.

The client runs in this process on the same 2 cores as the server, as it would for any loopback
benchmark: absolute figures include its cost, the ratios between servers share it. Our bot runs with
its default settings except RATE_LIMIT_PER_MINUTE=0 (a benchmark user sends far more than 30 a minute).

    python -m bench.service_speed [--requests 300] [--starts 3]
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


def _has_message(body: bytes) -> bool:
    try:
        payload = json.loads(body)
    except ValueError:
        return False
    return any(a.get("type") == "message" for a in (payload or {}).get("activities", []))


async def drive(url: str, questions: Sequence[str], total: int, concurrency: int, time_limit: float,
                tag: str, service_url: str) -> Level:
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
    seconds = time.perf_counter() - started
    return Level(concurrency, len(latencies) + errors, errors, seconds, len(latencies) / seconds,
                 latency_ms(latencies))


async def measure_levels(url: str, name: str, requests: int, levels: Sequence[int], warmup: int,
                         time_limit: float) -> list[dict]:
    """One unmeasured warm-up, then each concurrency level in turn."""
    questions = kb_questions()
    connector = await LoopbackConnector().start()
    try:
        await drive(url, questions, warmup, min(4, max(levels)), time_limit, f"{name}-warm", connector.url)
        return [asdict(await drive(url, questions, requests, level, time_limit, f"{name}-{level}", connector.url))
                for level in levels]
    finally:
        await connector.stop()


def measure_server(name: str, args: tuple[str, ...], folder: Path, *, requests: int, starts: int,
                   levels: Sequence[int], warmup: int, time_limit: float) -> dict:
    """Cold starts, warm-up, every level and memory for one server."""
    env = {"SQLITE_PATH": str(folder / f"{name}.db"), "RATE_LIMIT_PER_MINUTE": "0",
           "INDEX_CACHE_DIR": str(folder / f"{name}-index-cache")}
    server = ServerProcess(args, env, folder / f"{name}.log")
    first = None
    if name == "ours":  # the first start after a content or code change builds the index (its cache is empty)
        first = server.start()
        server.stop()
    cold = []
    for attempt in range(starts):
        cold.append(server.start())
        if attempt < starts - 1:
            server.stop()
    try:
        results = asyncio.run(measure_levels(server.url, name, requests, levels, warmup, time_limit))
        memory = server.memory_mb()
    finally:
        server.stop()
    return {"cold_start_s": median(cold), "cold_starts": cold, "first_start_s": first, "levels": results,
            "memory_mb": memory}


def run(requests: int = 300, starts: int = 3, levels: Sequence[int] = LEVELS, warmup: int = 30,
        time_limit: float = 90.0, workdir: Path | None = None) -> dict:
    """Every server, one after another (never two at once, so they don't compete for the cores)."""
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        servers = {name: measure_server(name, args, Path(folder), requests=requests, starts=starts, levels=levels,
                                        warmup=warmup, time_limit=time_limit)
                   for name, args in SERVERS.items()}
    return {"requests": requests, "levels": list(levels), "servers": servers, "ratios": ratios(servers)}


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
        out.append(row)
    return out


def main() -> int:
    """Print latency, throughput, cold start and memory per server, and our ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per concurrency level")
    parser.add_argument("--starts", type=int, default=3, help="cold starts per server (median reported)")
    args = parser.parse_args()
    results = run(args.requests, args.starts)
    for name, server in results["servers"].items():
        first = f" (first start without the index cache {server['first_start_s']:.2f} s)" \
            if server.get("first_start_s") is not None else ""
        print(f"{name}: cold start {server['cold_start_s']:.2f} s{first}, "
              f"RSS {server['memory_mb'].get('VmRSS', 0):.0f} MB")
        for level in server["levels"]:
            lat = level["latency"]
            print(f"  c={level['concurrency']:<3} p50 {lat['p50']:.1f} ms  p95 {lat['p95']:.1f} ms  "
                  f"p99 {lat['p99']:.1f} ms  {level['throughput']:.0f} req/s  errors {level['errors']}")
    for row in results["ratios"]:
        print(f"c={row['concurrency']}: p50 {row['p50_vs_echo']:.2f}x echo, throughput "
              f"{row['throughput_vs_echo']:.2f}x echo")
    return 0


if __name__ == "__main__":
    sys.exit(main())
