"""Reading the user's message: own @mention stripped, other mentions kept, submits without text."""

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ChannelAccount, ConversationAccount, Entity

from bot.turn_input import read_incoming, strip_own_mention


def _mention(user_id: str, name: str) -> Entity:
    return Entity().deserialize({"type": "mention", "text": f"<at>{name}</at>",
                                 "mentioned": {"id": user_id, "name": name}})


def test_only_the_bots_mention_is_removed():
    entities = [_mention("28:bot", "Signpost"), _mention("29:alex", "Alex Wilber")]
    text = strip_own_mention("<at>Signpost</at> ask <at>Alex Wilber</at> about WRAP", entities, "28:bot")
    assert text.split() == ["ask", "Alex", "Wilber", "about", "WRAP"]


def test_malformed_mention_entities_are_ignored():
    entities = [Entity(type="mention"), Entity(type=None), {"type": "mention", "mentioned": "x"}]
    assert strip_own_mention("hello", entities, "28:bot") == "hello"


def _context(**fields) -> TurnContext:
    activity = Activity(type="message", recipient=ChannelAccount(id="28:bot"),
                        conversation=ConversationAccount(id="c1", conversation_type="groupChat"), **fields)
    return TurnContext(object(), activity)


def test_card_submit_has_value_and_no_text():
    incoming = read_incoming(_context(value={"action": "flow", "answer": "yes"},
                                      from_property=ChannelAccount(id="u1", name="Sam")))
    assert incoming.text == "" and incoming.action == "flow"
    assert incoming.user_name == "Sam" and incoming.conversation_type == "groupChat"


def test_odd_values_do_not_crash():
    incoming = read_incoming(_context(value=["not", "a", "dict"], text=None))
    assert incoming.text == "" and incoming.value is None and incoming.action is None
