"""Run the bot as a real process (python app.py) on a free port, and kill it hard.

A thin use of the benchmarks' ServerProcess, so tests and benchmarks start and stop the bot the same way.
"""

from pathlib import Path

from bench.servers import BOT, ServerProcess, free_port

__all__ = ["BotProcess", "free_port"]


class BotProcess(ServerProcess):
    """`python app.py` with the given environment; `url` is its /api/messages endpoint."""

    def __init__(self, env: dict[str, str], log_path: Path):
        super().__init__(BOT, env, log_path)

    def start(self, timeout: float = 20.0) -> "BotProcess":
        super().start(timeout)
        return self
