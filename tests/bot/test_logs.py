"""Logs are JSON lines with the turn's facts and no message text unless the debug setting is on."""

import io
import json
import logging

from bot.logs import JsonFormatter, conversation_hash
from tests.helpers.channel import TeamsClient


async def test_turn_log_has_no_message_text(bot, session, connector, caplog):
    client = TeamsClient(bot.url, session, connector)
    secret = "a question about zebra-crossing-7731"
    with caplog.at_level(logging.INFO):
        await client.say(secret)
    turns = [r for r in caplog.records if r.getMessage() == "turn"]
    assert turns, "no turn log line"
    for record in caplog.records:
        assert "zebra-crossing-7731" not in JsonFormatter().format(record)
    line = json.loads(JsonFormatter().format(turns[-1]))
    assert line["conversation"] == conversation_hash(client.conversation_id)
    assert line["activity_type"] == "message" and line["latency_ms"] >= 0
    assert client.conversation_id not in json.dumps(line)


def test_formatter_writes_one_json_object_per_line():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("test.json")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("event name", extra={"latency_ms": 1.5})
        try:
            raise ValueError("boom")
        except ValueError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["event"] == "event name" and first["level"] == "warning" and first["latency_ms"] == 1.5
    assert "ValueError: boom" in second["traceback"]
