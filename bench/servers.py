"""Start a server (the bot, the echo bot, the bare handler) as its own Python process and measure it.

`ServerProcess` runs a command on a free loopback port, times process start to the first 200 from its
readiness URL, reads its resident memory from /proc, and stops it politely (SIGTERM) or hard (SIGKILL,
as when a host dies). It can be started again on the same port, for the kill-and-restart load test.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.questions import REPO

BOT = ("app.py",)
ECHO_BOT = ("-m", "bench.echo_bot")
BARE = ("-m", "bench.bare_server")
POLL_SECONDS = 0.01


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """`python <args>` in the repository, listening on 127.0.0.1:`port`, logging to `log_path`."""

    def __init__(self, args: tuple[str, ...], env: dict[str, str], log_path: Path, ready_path: str = "/readyz"):
        self.args = args
        self.port = free_port()
        self.env = {**os.environ, "MicrosoftAppId": "", "HOST": "127.0.0.1", "PORT": str(self.port),
                    "PYTHONUNBUFFERED": "1", **env}
        self.log_path = log_path
        self.ready_path = ready_path
        self.process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"{self.base}/api/messages"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self, timeout: float = 30.0) -> float:
        """Start the process and wait until it is ready; returns seconds from start to ready."""
        with self.log_path.open("ab") as log:
            started = time.perf_counter()
            self.process = subprocess.Popen([sys.executable, *self.args], cwd=REPO, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        deadline = started + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                tail = self.log_path.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{' '.join(self.args)} exited with {self.process.returncode}: {tail}")
            try:
                with urllib.request.urlopen(self.base + self.ready_path, timeout=1) as response:
                    if response.status == 200:
                        return time.perf_counter() - started
            except OSError:
                time.sleep(POLL_SECONDS)
        self.kill()
        raise TimeoutError(f"{' '.join(self.args)} not ready within {timeout}s")

    def cpu_seconds(self) -> float:
        """CPU time the process has used so far (user and system), from /proc/<pid>/stat; 0 if not running."""
        if self.process is None:
            return 0.0
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def memory_mb(self) -> dict[str, float]:
        """Resident memory now (VmRSS) and at its peak (VmHWM), in MiB, from /proc/<pid>/status."""
        values: dict[str, float] = {}
        if self.process is None:
            return values
        try:
            lines = Path(f"/proc/{self.process.pid}/status").read_text().splitlines()
        except OSError:
            return values
        for line in lines:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
        return values

    def kill(self) -> None:
        """SIGKILL: no shutdown hooks, no flushing."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL if it has not stopped within 10 s."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
