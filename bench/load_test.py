"""Load test ("hold up under load"): many Teams conversations at once through the real HTTP endpoint.

The bot runs as its own process (`python app.py`, SQLite state, default settings). Each conversation is
one user in a personal chat, sending its messages one after another as soon as each is answered, all
conversations at once. Replies go to a loopback Bot Connector in this process, as they would to Teams.
A conversation's messages are a mix: knowledge questions, a referral walk-through ("referral", then the
answer buttons of each card it gets back, avoiding the emergency route) and a quick check ("quick
check", then a rating for each question, submitted with the button data of the card the bot sent:
{"action": "flow", "rating": ..., "question": ...}). Each conversation rates each question its own way,
so a rating landing in the wrong conversation shows.

Checked, and reported as failures (never timed):
- every request returns 200 and every 200 carries at least one message reply, addressed to that
  conversation and user, and none is an apology ("something went wrong", "couldn't save");
- what is saved on disk for each conversation, read from the SQLite file after the run, is exactly the
  ratings it sent and had acknowledged (no lost update), each answered by its own user (no cross-talk).

With --kill the bot is SIGKILLed once 60 % of the messages, and at least one rating, have been
acknowledged, then restarted on the same port and database. Right after the kill, every rating
acknowledged (HTTP 200 received) before it must be on disk. The conversations then carry on, re-sending
the message that was cut off, and every one must finish its quick check with all ten ratings as chosen.

    python -m bench.load_test [--conversations 200] [--messages 20] [--kill]
"""

import argparse
import asyncio
import hashlib
import json
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import ClientError, ClientSession, ClientTimeout, TCPConnector

from bench.load_state import read_assessments
from bench.questions import kb_questions
from bench.servers import BOT, ServerProcess
from bench.stats import latency_ms
from knowledge.messages import load_messages
from tests.helpers.channel import LoopbackConnector, TeamsClient, find_submits

RATINGS = ("not_started", "developing", "achieving", "skip")
AVOID_IN_REFERRAL = frozenset({"yes", "restart", "cancel", "back"})  # "yes" at the gate is the emergency route
QUICK_CHECK_QUESTIONS = 10
KILL_AT = 0.6
MAX_ATTEMPTS = 5
EXTRA_RATINGS = 15
RATE_LIMIT = 30


def plan(messages: int) -> list[str]:
    """The kinds of message one conversation sends, in order: questions, a referral walk, a quick check."""
    quick = min(QUICK_CHECK_QUESTIONS + 1, max(2, messages - 9)) if messages >= 12 else max(2, messages // 2)
    rest = messages - quick
    referral = min(6, rest - 1) if rest >= 2 else 0
    questions = rest - referral
    first = (questions + 1) // 2
    walk = ["referral"] + ["step"] * (referral - 1) if referral else []
    return ["question"] * first + walk + ["question"] * (questions - first) + ["quick"] + ["rating"] * (quick - 1)


def submit_actions(replies: list[dict]) -> list[dict]:
    """The Action.Submit data of every card in the replies, in order."""
    return [data for _title, data in find_submits(replies)]


def reply_text(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


@dataclass
class Tally:
    """Counts across all conversations."""

    sent: int = 0
    acknowledged: int = 0
    answered: int = 0
    interrupted: int = 0
    typing: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)


class Conversation:
    """One user in one personal chat, working through its plan."""

    def __init__(self, number: int, client: TeamsClient, connector: LoopbackConnector, questions: list[str]):
        self.number = number
        self.client = client
        self.connector = connector
        self.questions = questions
        self.acked: dict[str, str] = {}
        self.replies: list[dict] = []
        self.quick_done = False

    @property
    def id(self) -> str:
        return self.client.conversation_id

    def rating_for(self, question_id: str) -> str:
        digest = hashlib.sha256(f"{self.id}/{question_id}".encode()).digest()
        return RATINGS[digest[0] % len(RATINGS)]

    def question(self, index: int) -> str:
        return self.questions[(self.number * 7 + index) % len(self.questions)]

    def next_activity(self, kind: str, index: int) -> tuple[dict, str | None]:
        """The activity for this step, and the question id it rates (if it is a rating)."""
        if kind == "referral":
            return self.client.activity(text="referral"), None
        if kind == "quick":
            return self.client.activity(text="quick check"), None
        actions = submit_actions(self.replies)
        if kind == "step":
            choices = [a for a in actions if a.get("action") == "flow" and a.get("answer")
                       and a["answer"] not in AVOID_IN_REFERRAL]
            if choices:
                return self.client.activity(value=choices[0]), None
        if kind == "rating":
            cards = [a for a in actions if a.get("action") == "flow" and a.get("rating") and a.get("question")]
            if cards:
                question_id = cards[-1]["question"]
                wanted = self.rating_for(question_id)
                data = next(a for a in cards if a["question"] == question_id and a["rating"] == wanted)
                return self.client.activity(value=data), f"{question_id}={wanted}"
        return self.client.activity(text=self.question(index)), None


class LoadTest:
    """Drives the conversations against one bot process, with an optional kill and restart."""

    def __init__(self, bot: ServerProcess, db_path: Path, conversations: int, messages: int, kill: bool):
        self.bot = bot
        self.db_path = db_path
        self.count = conversations
        self.kinds = plan(messages)
        self.kill = kill
        self.tally = Tally()
        self.conversations: list[Conversation] = []
        self.finished = 0
        self.up = asyncio.Event()
        self.kill_report: dict = {}
        texts = load_messages()
        self.apologies = (texts.text("error", reference="\0").split("\0")[0][:60], texts.text("not_saved"),
                          texts.text("slow_down"))

    async def post(self, conversation: Conversation, activity: dict) -> list[dict] | None:
        """Send one activity until it is acknowledged (retrying only across a kill); its message replies."""
        for _attempt in range(MAX_ATTEMPTS):
            await self.up.wait()
            self.tally.sent += 1
            started = time.perf_counter()
            try:
                status, _body = await conversation.client.post(activity)
            except (ClientError, TimeoutError) as error:
                if self.kill and not self.up.is_set():
                    self.tally.interrupted += 1
                    continue
                self.tally.errors.append(f"{conversation.id}: {type(error).__name__}")
                return None
            elapsed = time.perf_counter() - started
            if status != 200:
                if self.kill and not self.up.is_set():
                    self.tally.interrupted += 1
                    continue
                self.tally.errors.append(f"{conversation.id}: HTTP {status}")
                return None
            self.tally.acknowledged += 1
            self.tally.latencies.append(elapsed)
            return self.check_replies(conversation, conversation.connector.take(conversation.id))
        self.tally.errors.append(f"{conversation.id}: not acknowledged after {MAX_ATTEMPTS} attempts")
        return None

    def check_replies(self, conversation: Conversation, activities: list[dict]) -> list[dict]:
        replies = [a for a in activities if a.get("type") == "message"]
        self.tally.typing += sum(1 for a in activities if a.get("type") == "typing")
        if replies:
            self.tally.answered += 1
        else:
            self.tally.errors.append(f"{conversation.id}: acknowledged with no reply")
        for reply in replies:
            if (reply.get("conversation") or {}).get("id") != conversation.id or \
                    (reply.get("recipient") or {}).get("id") != conversation.client.user_id:
                self.tally.errors.append(f"{conversation.id}: a reply addressed elsewhere")
        text = reply_text(replies)
        for apology in self.apologies:
            if apology and apology in text:
                self.tally.errors.append(f"{conversation.id}: {apology[:40]}")
        return replies

    async def converse(self, conversation: Conversation) -> None:
        try:
            await self._converse(conversation)
        finally:
            self.finished += 1

    async def _converse(self, conversation: Conversation) -> None:
        kinds = list(self.kinds)
        index = 0
        while index < len(kinds):
            if kinds[index] == "rating" and not any(a.get("rating") for a in submit_actions(conversation.replies)):
                if not conversation.quick_done:
                    self.tally.errors.append(f"{conversation.id}: no rating card to answer")
                return
            activity, rating = conversation.next_activity(kinds[index], index)
            replies = await self.post(conversation, activity)
            if replies is None:
                return
            conversation.replies = replies
            if rating:
                question_id, value = rating.split("=")
                conversation.acked[question_id] = value
            rating_card = any(a.get("rating") for a in submit_actions(replies))
            if rating and not rating_card:
                conversation.quick_done = True
            index += 1
            if self.kill and index == len(kinds) and rating_card and len(kinds) < len(self.kinds) + EXTRA_RATINGS:
                kinds.append("rating")  # carry on after the restart until the quick check is finished

    async def killer(self, planned: int) -> None:
        """SIGKILL the bot once KILL_AT of the messages and a rating are acknowledged; check the disk; restart."""
        while self.tally.acknowledged < planned * KILL_AT or not any(c.acked for c in self.conversations):
            if self.finished == len(self.conversations):
                self.kill_report = {"skipped": "every conversation ended before the kill point"}
                return
            await asyncio.sleep(0.005)
        acknowledged = self.tally.acknowledged
        self.up.clear()
        killed = time.perf_counter()
        self.bot.kill()
        await asyncio.sleep(0.5)  # let every response already received be counted as acknowledged
        saved = read_assessments(self.db_path)
        lost = [f"{c.id} {qid}" for c in self.conversations for qid, value in c.acked.items()
                if (saved.get(c.id) is None or saved[c.id].ratings.get(qid) != value)]
        restart = await asyncio.to_thread(self.bot.start)
        self.kill_report = {"acknowledged_before_kill": acknowledged,
                            "ratings_acknowledged_before_kill": sum(len(c.acked) for c in self.conversations),
                            "lost_after_kill": len(lost), "lost_examples": lost[:5],
                            "restart_to_ready_s": restart, "downtime_s": time.perf_counter() - killed}
        self.up.set()

    async def run(self, time_limit: float) -> dict:
        connector = await LoopbackConnector().start()
        questions = kb_questions()
        timeout = ClientTimeout(total=60)
        started = time.perf_counter()
        try:
            async with ClientSession(connector=TCPConnector(limit=0), timeout=timeout) as session:
                self.conversations = [
                    Conversation(n, TeamsClient(self.bot.url, session, connector, user_id=f"29:load-user-{n}",
                                                user_name=f"Load User {n}"), connector, questions)
                    for n in range(self.count)]
                self.up.set()
                tasks = [self.converse(c) for c in self.conversations]
                if self.kill:
                    tasks.append(self.killer(self.count * len(self.kinds)))
                try:
                    await asyncio.wait_for(asyncio.gather(*tasks), time_limit)
                except TimeoutError:
                    self.tally.errors.append(f"stopped at the time limit ({time_limit:.0f} s)")
        finally:
            await connector.stop()
        return {"seconds": time.perf_counter() - started}

    def verify(self) -> dict:
        """Compare what is on disk with what each conversation sent and had acknowledged."""
        saved = read_assessments(self.db_path)
        mismatched, cross_talk, unfinished = [], [], []
        for conversation in self.conversations:
            stored = saved.get(conversation.id)
            ratings = stored.ratings if stored else {}
            if ratings != conversation.acked:
                mismatched.append(conversation.id)
            if stored and stored.answered_by - {conversation.client.user_name}:
                cross_talk.append(conversation.id)
            if self.kill and not (stored and stored.complete and len(ratings) == QUICK_CHECK_QUESTIONS and all(
                    value == conversation.rating_for(qid) for qid, value in ratings.items())):
                unfinished.append(conversation.id)
        return {"saved_conversations": len(saved), "mismatched": len(mismatched), "cross_talk": len(cross_talk),
                "unfinished_quick_checks": len(unfinished),
                "examples": (mismatched + cross_talk + unfinished)[:5],
                "quick_checks_finished": sum(1 for s in saved.values() if s and s.complete and s.mode == "quick")}


def bot_log_errors(log_path: Path) -> tuple[int, list[str]]:
    """Lines the bot logged at error level (a turn that failed), and the first few of them as their message
    and error (its last traceback line): the log carries no message text, so neither do these."""
    count, examples = 0, []
    for line in log_path.read_text(errors="replace").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if not isinstance(record, dict) or record.get("level") != "error":
            continue
        count += 1
        if len(examples) < 3:
            trace = str(record.get("traceback") or record.get("error") or "").strip().splitlines()
            examples.append(f"{record.get('logger', '')}: {record.get('event', '')}: {trace[-1] if trace else ''}")
    return count, examples


def run(conversations: int = 200, messages: int = 20, kill: bool = False, workdir: Path | None = None,
        time_limit: float = 600.0) -> dict:
    """One load test; returns its figures and checks (`ok` is True when every check passed)."""
    if messages < 2:
        raise ValueError("each conversation needs at least 2 messages (quick check and one rating)")
    with tempfile.TemporaryDirectory(dir=workdir) as folder:
        db_path = Path(folder) / "state.db"
        env = {"SQLITE_PATH": str(db_path)}
        if messages > RATE_LIMIT:
            env["RATE_LIMIT_PER_MINUTE"] = "0"  # one user sending more than the limit allows in a minute
        bot = ServerProcess(BOT, env, Path(folder) / "bot.log")
        bot.start()
        test = LoadTest(bot, db_path, conversations, messages, kill)
        try:
            timing = asyncio.run(test.run(time_limit))
        finally:
            bot.stop()
        checks = test.verify()
        log_errors, log_examples = bot_log_errors(Path(folder) / "bot.log")
    tally = test.tally
    planned = conversations * len(test.kinds)
    result = {
        "conversations": conversations, "messages_each": messages, "kill": kill, "planned": planned,
        "sent": tally.sent, "acknowledged": tally.acknowledged, "answered": tally.answered,
        "interrupted": tally.interrupted, "typing_indicators": tally.typing,
        "errors": len(tally.errors), "error_examples": tally.errors[:5],
        "bot_log_errors": log_errors, "bot_log_error_examples": log_examples, "seconds": timing["seconds"],
        "throughput": tally.acknowledged / timing["seconds"], "latency": latency_ms(tally.latencies),
        "rate_limit_off": "RATE_LIMIT_PER_MINUTE" in env, **checks, "kill_report": test.kill_report,
    }
    result["ok"] = (not tally.errors and log_errors == 0 and tally.answered == tally.acknowledged
                    and tally.acknowledged >= planned and not checks["mismatched"] and not checks["cross_talk"]
                    and not checks["unfinished_quick_checks"]
                    and (not kill or test.kill_report.get("lost_after_kill") == 0))
    return result


def main() -> int:
    """Run the load test and print its figures; exit 1 only when a correctness check failed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--messages", type=int, default=20, help="messages per conversation (at least 2)")
    parser.add_argument("--kill", action="store_true", help="SIGKILL the bot mid-run and restart it")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    result = run(args.conversations, args.messages, args.kill)
    if args.json:
        print(json.dumps(result, indent=1))
        return 0 if result["ok"] else 1
    lat = result["latency"]
    print(f"{result['conversations']} conversations x {result['messages_each']} messages"
          f"{' with a kill' if result['kill'] else ''}: {result['acknowledged']} acknowledged of "
          f"{result['planned']} planned, {result['answered']} answered, {result['errors']} errors")
    print(f"latency p50 {lat['p50']:.0f} ms, p95 {lat['p95']:.0f} ms, p99 {lat['p99']:.0f} ms; "
          f"{result['throughput']:.0f} messages/s over {result['seconds']:.1f} s")
    print(f"on disk: {result['saved_conversations']} conversations, {result['mismatched']} mismatched, "
          f"{result['cross_talk']} with cross-talk, {result['quick_checks_finished']} quick checks finished")
    if result["kill"]:
        print(f"kill: {json.dumps(result['kill_report'])}")
    for example in result["error_examples"] + result["examples"]:
        print(f"  {example}")
    print("OK" if result["ok"] else "FAILED")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
