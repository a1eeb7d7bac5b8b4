"""End-to-end run of Prevent Signpost in the Microsoft 365 Agents Playground, in headless Chromium (make e2e).

Installs what is missing (Debian's Chromium as root, the pinned npm packages in tests/e2e/node_modules),
starts the bot on a free port with a fresh SQLite database, starts one Playground per scenario on free
ports (each with its own conversation id, so every scenario is a fresh conversation), runs
scenarios.mjs, and stops every process it started, whatever happens. Screenshots, transcripts and logs
go to artifacts/e2e/.

    .venv/bin/python tests/e2e/run_e2e.py                 # every scenario
    .venv/bin/python tests/e2e/run_e2e.py referral        # one (or a few) by name

The welcome is sent once per user (the Playground's user is always user-id-0), so the welcome scenario
runs first, against the fresh database; the other scenarios do not depend on it.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from contextlib import closing
from pathlib import Path

E2E_DIR = Path(__file__).resolve().parent
REPO = E2E_DIR.parents[1]
SCENARIOS = ("welcome", "knowledge", "referral", "quick-check", "emergency")  # welcome must stay first
CHROMIUM = Path(os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium"))
NODE_PACKAGES = ("@microsoft/m365agentsplayground", "playwright-core")
BOT_READY_SECONDS = 60
PLAYGROUND_READY_SECONDS = 30
SCENARIOS_SECONDS = 300
LISTENING = re.compile(r"Listening on (\d+)")


class SetupError(RuntimeError):
    """Something the run needs could not be installed or started; the message says what."""


class Interrupted(BaseException):
    """SIGINT, SIGTERM or SIGHUP arrived: stop everything, then report."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class Processes:
    """Every server started here, each in its own process group, so it can be stopped with its children."""

    def __init__(self) -> None:
        self._started: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, args: list[str], *, cwd: Path, env: dict[str, str], log: Path) -> subprocess.Popen:
        with open(log, "wb") as out:
            process = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                       stdin=subprocess.DEVNULL, start_new_session=True)
        self._started.append((name, process))
        return process

    def stop_all(self) -> None:
        """SIGTERM each process group, then SIGKILL what is still there after a few seconds."""
        for _, process in self._started:
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + 5
        for _, process in self._started:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
            _signal_group(process, signal.SIGKILL)  # children (Chromium, node workers) may outlive the leader
            process.wait()
        self._started.clear()


def _signal_group(process: subprocess.Popen, sig: signal.Signals) -> None:
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def _raise_on_signal(signum, _frame) -> None:
    raise Interrupted(signum)


def free_port() -> int:
    """A port nothing listens on right now (the Playground falls back to another if it is taken meanwhile)."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _timed(label: str, command: list[str], **kwargs) -> None:
    started = time.monotonic()
    print(f"e2e: {label} ...", flush=True)
    result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, **kwargs)
    if result.returncode != 0:
        tail = result.stdout.decode(errors="replace")[-2000:]
        raise SetupError(f"{label} failed (exit {result.returncode}):\n{tail}")
    print(f"e2e: {label} took {time.monotonic() - started:.1f} s", flush=True)


def ensure_chromium() -> None:
    """Install Debian's Chromium when it is missing; only root can."""
    if os.access(CHROMIUM, os.X_OK):
        return
    if os.geteuid() != 0:
        raise SetupError(f"{CHROMIUM} is missing and this is not root: run "
                         "`sudo apt-get update && sudo apt-get install -y chromium chromium-driver` first")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    _timed("apt-get update", ["apt-get", "update", "-qq"], env=env)
    _timed("apt-get install chromium", ["apt-get", "install", "-y", "-qq", "chromium", "chromium-driver"], env=env)
    if not os.access(CHROMIUM, os.X_OK):
        raise SetupError(f"apt-get installed chromium but {CHROMIUM} is not there")


def ensure_node_modules() -> None:
    """`npm ci` the pinned Playground and playwright-core when tests/e2e/node_modules lacks them."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise SetupError("node and npm are needed (Node.js 20 from the base image)")
    modules = E2E_DIR / "node_modules"
    if all((modules / name / "package.json").is_file() for name in NODE_PACKAGES):
        return
    _timed("npm ci", ["npm", "ci", "--prefix", str(E2E_DIR), "--no-audit", "--no-fund"])


def _log_tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start_bot(processes: Processes, bot_dir: Path, work: Path) -> tuple[subprocess.Popen, Path, str]:
    """Start the bot with a fresh SQLite database and no app id; return (process, log, base URL).

    It runs from a scratch folder, so a developer's .env (read from the working folder) can't change the run.
    """
    python = bot_dir / ".venv" / "bin" / "python"
    if not python.exists():
        raise SetupError(f"{python} is missing: run `make install` first")
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "STORAGE": "sqlite",
           "SQLITE_PATH": str(work / "e2e.db"), "MicrosoftAppId": "", "MicrosoftAppPassword": "",
           "LOG_MESSAGE_TEXT": "false"}
    scratch = work / "bot"
    scratch.mkdir()
    log = work / "bot.log"
    process = processes.start("bot", [str(python), str(bot_dir / "app.py")], cwd=scratch, env=env, log=log)
    return process, log, f"http://127.0.0.1:{port}"


def wait_for_bot(process: subprocess.Popen, log: Path, base: str) -> None:
    """Return once GET /readyz answers 200."""
    deadline = time.monotonic() + BOT_READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SetupError(f"the bot exited with {process.returncode} before it was ready:\n{_log_tail(log)}")
        try:
            with urllib.request.urlopen(f"{base}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise SetupError(f"the bot was not ready within {BOT_READY_SECONDS} s:\n{_log_tail(log)}")


def start_playground(processes: Processes, name: str, bot_url: str, work: Path, run_id: str) -> tuple:
    """Start a Playground from its own scratch folder (it writes devTools/ there); return (process, log)."""
    scratch = work / f"playground-{name}"
    scratch.mkdir()
    cli = E2E_DIR / "node_modules" / ".bin" / "agentsplayground"
    args = [str(cli), "-e", f"{bot_url}/api/messages", "-c", "msteams", "--disable-telemetry",
            "-p", str(free_port()), "--conversation-id", f"e2e-{run_id}-{name}"]
    env = {**os.environ, "TEAMSAPPTESTER_BROWSER": "none"}
    log = work / f"playground-{name}.log"
    return processes.start(f"playground {name}", args, cwd=scratch, env=env, log=log), log


def wait_for_playground(name: str, process: subprocess.Popen, log: Path) -> str:
    """The Playground's URL once it prints the port it listens on and answers on it."""
    deadline = time.monotonic() + PLAYGROUND_READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SetupError(f"the {name} Playground exited with {process.returncode}:\n{_log_tail(log)}")
        found = LISTENING.search(log.read_text(errors="replace")) if log.exists() else None
        if found:
            url = f"http://localhost:{found.group(1)}/"
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return url
            except (urllib.error.URLError, OSError):
                pass
        time.sleep(0.1)
    raise SetupError(f"the {name} Playground did not start within {PLAYGROUND_READY_SECONDS} s:\n{_log_tail(log)}")


def run_scenarios(processes: Processes, targets: dict[str, str], artifacts: Path, work: Path) -> str:
    """Run scenarios.mjs (its own process group, so its Chromiums go with it) and stream its output.

    Returns why a scenario without a result has none.
    """
    args = ["node", str(E2E_DIR / "scenarios.mjs"), "--chromium", str(CHROMIUM), "--artifacts", str(artifacts),
            "--profiles", str(work / "profiles")] + [f"{name}={url}" for name, url in targets.items()]
    log = work / "scenarios.log"
    process = processes.start("scenarios", args, cwd=E2E_DIR, env=dict(os.environ), log=log)
    printed = 0
    deadline = time.monotonic() + SCENARIOS_SECONDS
    while True:
        done = process.poll() is not None
        text = log.read_text(errors="replace")
        if len(text) > printed:
            print(text[printed:], end="", flush=True)
            printed = len(text)
        if done:
            return f"no result: the runner exited with {process.returncode} (see logs/scenarios.log)"
        if time.monotonic() > deadline:
            print(f"e2e: scenarios still running after {SCENARIOS_SECONDS} s: stopping them", flush=True)
            return f"did not finish within {SCENARIOS_SECONDS} s"
        time.sleep(0.2)


def report(selected: list[str], artifacts: Path, missing_reason: str) -> int:
    """Print which scenarios failed and why, then the closing `N passed, M failed` line."""
    results = {}
    results_file = artifacts / "results.json"
    if results_file.exists():
        results = {r["name"]: r for r in json.loads(results_file.read_text())}
    passed = [name for name in selected if results.get(name, {}).get("ok")]
    failed = [name for name in selected if name not in passed]
    if failed:
        print("\ne2e failures:")
        for name in failed:
            reason = results[name]["detail"] if name in results else missing_reason
            print(f"  {name}: {reason}")
        print(f"screenshots, transcripts and logs: {artifacts}")
    print(f"{len(passed)} passed, {len(failed)} failed")
    return 0 if not failed else 1


def main(argv: list[str] | None = None) -> int:
    """Install, start, run the scenarios, stop everything; exit 0 only when every scenario passed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenarios", nargs="*", metavar="scenario", help=f"any of {', '.join(SCENARIOS)} (all)")
    parser.add_argument("--bot-dir", type=Path, default=REPO, help="the checkout whose app.py to run")
    parser.add_argument("--artifacts", type=Path, default=REPO / "artifacts" / "e2e")
    parser.add_argument("--keep-temp", action="store_true", help="keep the temporary folder (database, profiles)")
    options = parser.parse_args(argv)
    unknown = sorted(set(options.scenarios) - set(SCENARIOS))
    if unknown:
        parser.error(f"unknown scenario(s) {', '.join(unknown)}; known: {', '.join(SCENARIOS)}")
    selected = [name for name in SCENARIOS if not options.scenarios or name in options.scenarios]

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, _raise_on_signal)
    started = time.monotonic()
    artifacts = options.artifacts.resolve()
    artifacts.mkdir(parents=True, exist_ok=True)
    for name in selected:
        for suffix in (".png", ".txt"):
            (artifacts / f"{name}{suffix}").unlink(missing_ok=True)
    (artifacts / "results.json").unlink(missing_ok=True)
    shutil.rmtree(artifacts / "logs", ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix="signpost-e2e-"))
    processes = Processes()
    missing_reason = "did not run"
    interrupted = None
    try:
        ensure_chromium()
        ensure_node_modules()
        setup_started = time.monotonic()
        bot_process, bot_log, bot_url = start_bot(processes, options.bot_dir.resolve(), work)
        run_id = uuid.uuid4().hex[:8]
        pending = {name: start_playground(processes, name, bot_url, work, run_id) for name in selected}
        wait_for_bot(bot_process, bot_log, bot_url)
        targets = {name: wait_for_playground(name, *pending[name]) for name in selected}
        print(f"e2e: bot {bot_url} and {len(targets)} Playground(s) up in "
              f"{time.monotonic() - setup_started:.1f} s", flush=True)
        missing_reason = run_scenarios(processes, targets, artifacts, work)
    except SetupError as error:
        missing_reason = str(error).splitlines()[0]
        print(f"e2e: {error}", file=sys.stderr, flush=True)
    except Interrupted as stop:
        interrupted = stop.signum
        missing_reason = f"interrupted by {signal.Signals(stop.signum).name}"
        print(f"\ne2e: {missing_reason}: stopping everything", flush=True)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
        processes.stop_all()
        logs = artifacts / "logs"
        logs.mkdir(exist_ok=True)
        for log in work.glob("*.log"):
            shutil.copy(log, logs / log.name)
        if options.keep_temp:
            print(f"e2e: kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"e2e: total {time.monotonic() - started:.1f} s")
    code = report(selected, artifacts, missing_reason)
    return 128 + interrupted if interrupted else code


if __name__ == "__main__":
    sys.exit(main())
