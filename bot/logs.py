"""Structured logs: one JSON object per line, with no message text unless explicitly allowed.

Conversation ids are logged as a short hash so that a line can be correlated with others without
identifying the chat. Message text is only logged when LOG_MESSAGE_TEXT is on (for debugging, never
in production: staff may type personal data by mistake).
"""

import hashlib
import json
import logging
import sys
import time

STANDARD_FIELDS = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


def conversation_hash(conversation_id: str | None) -> str:
    """A short, stable, non-reversible tag for a conversation id."""
    if not conversation_id:
        return ""
    return hashlib.sha256(conversation_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class JsonFormatter(logging.Formatter):
    """Formats a record as one JSON line: time, level, logger, event, then any extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in STANDARD_FIELDS and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(level: str = "INFO", stream=None) -> None:
    """Send every log record to stderr (or `stream`) as JSON lines at the given level."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiohttp's access log repeats the request line; our own turn log carries what matters.
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
