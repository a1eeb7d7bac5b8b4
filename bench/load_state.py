"""Read what the bot saved for each conversation, straight from its SQLite file, for the load test's checks.

The bot stores each conversation's state under "msteams/conversations/<id>" as JSON (jsonpickle), with
the Delivery Benchmark assessment in flow_memory.assessment: the one in progress under "current", those
finished under "completed". Reading the file directly (after the bot has stopped or died) checks what is
really on disk, not what a live process has in memory. SQLite replays the WAL file on open, so a file
left by a killed process reads as it was at the last commit.
"""

import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

PREFIX = "msteams/conversations/"


@dataclass(frozen=True)
class SavedAssessment:
    """A conversation's latest assessment as stored: its mode, whether finished, and its answers."""

    mode: str
    complete: bool
    ratings: dict[str, str]
    answered_by: frozenset[str]


def _latest(memory: dict) -> tuple[dict | None, bool]:
    current = memory.get("current")
    if current:
        return current, False
    completed = memory.get("completed") or []
    return (completed[-1], True) if completed else (None, False)


def read_assessments(db_path: Path) -> dict[str, SavedAssessment | None]:
    """Conversation id -> its latest saved assessment (None when it has state but no assessment)."""
    if not db_path.exists():
        return {}
    connection = sqlite3.connect(db_path)  # read-write: after a kill, opening replays the WAL
    try:
        rows = connection.execute("SELECT key, data FROM state WHERE key LIKE ?", (PREFIX + "%",)).fetchall()
    finally:
        connection.close()
    saved: dict[str, SavedAssessment | None] = {}
    for key, data in rows:
        memory = ((json.loads(data).get("flow_memory") or {}).get("assessment")) or {}
        assessment, complete = _latest(memory)
        if assessment is None:
            saved[key[len(PREFIX):]] = None
            continue
        answers = assessment.get("answers") or {}
        saved[key[len(PREFIX):]] = SavedAssessment(
            mode=assessment.get("mode", ""),
            complete=complete,
            ratings={qid: answer.get("rating") for qid, answer in answers.items()},
            answered_by=frozenset(answer.get("by") or "" for answer in answers.values()),
        )
    return saved
