"""What a benchmark ran on: CPU model, cores, memory, Python, load, date and git commit.

    python -m bench.machine
"""

import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.questions import REPO


def _cpuinfo_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return float("nan")


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10, check=False)
    except OSError:
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def load_average() -> float:
    """The 1-minute load average (other work on the machine skews every timing)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def stamp() -> dict:
    """Machine, interpreter, date and commit, for the top of the report."""
    dirty = _git("status", "--porcelain", "--untracked-files=no")
    return {
        "cpu": _cpuinfo_model(),
        "cores": os.cpu_count() or 0,
        "memory_gib": _memory_gib(),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "os": f"{platform.system()} {platform.release()}",
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": _git("rev-parse", "--short", "HEAD") or "unknown",
        "uncommitted_changes": bool(dirty),
        "load_average_start": load_average(),
        "executable": sys.executable,
    }


def main() -> int:
    """Print the stamp."""
    for key, value in stamp().items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
