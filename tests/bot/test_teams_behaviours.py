"""Teams conventions through the real HTTP app: welcome once, mentions, threads, message extension,
answered cards updated in place, suggested actions only in personal chat."""

from app import SERVICES
from tests.helpers.card_schema import assert_valid_card
from tests.helpers.channel import TeamsClient, all_text


def _cards(replies):
    return [a["content"] for r in replies for a in r.get("attachments") or []
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive"]


async def test_welcome_once_per_user_on_personal_install(client):
    install = client.activity(type_="installationUpdate", action="add")
    added = client.activity(type_="conversationUpdate",
                            membersAdded=[{"id": "28:signpost-bot"}, {"id": client.user_id}],
                            channelData={"tenant": {"id": "t"}})
    first = await client.send(install) + await client.send(added)
    assert len(first) == 1, "the install and the membersAdded must give one welcome between them"
    text = all_text(first)
    assert "Prevent Signpost" in text and "names or details" in text
    assert first[0]["suggestedActions"]["actions"], "the welcome offers the main tasks"
    for card in _cards(first):
        assert_valid_card(card)
    assert await client.send(client.activity(type_="installationUpdate", action="add")) == []


async def test_team_gets_a_short_channel_introduction_once(bot, session, connector):
    channel = TeamsClient(bot.url, session, connector, conversation_type="channel",
                          conversation_id="19:team-general@thread.tacv2;messageid=1")
    added = channel.activity(type_="conversationUpdate", membersAdded=[{"id": "28:signpost-bot"}],
                             channelData={"team": {"id": "19:team"}, "eventType": "teamMemberAdded"})
    replies = await channel.send(added)
    assert len(replies) == 1 and "@mention me" in replies[0]["text"] and "999" in replies[0]["text"]
    assert await channel.send(added) == []


async def test_channel_mention_is_stripped_and_reply_goes_to_the_thread(bot, session, connector):
    thread_id = "19:team-general@thread.tacv2;messageid=1700000000000"
    channel = TeamsClient(bot.url, session, connector, conversation_type="channel", conversation_id=thread_id)
    message = channel.activity(
        text="<at>Signpost</at> help",
        entities=[{"type": "mention", "text": "<at>Signpost</at>",
                   "mentioned": {"id": "28:signpost-bot", "name": "Signpost"}}],
    )
    replies = await channel.send(message)
    assert "Prevent Signpost" in all_text(replies)
    assert all(r["conversation"]["id"] == thread_id for r in replies)
    assert all(not r.get("suggestedActions") for r in replies), "no suggested actions outside personal chat"


async def test_message_extension_query_returns_cited_passage_cards(expect_client):
    invoke = expect_client.activity(type_="invoke", name="composeExtension/query", value={
        "commandId": "searchToolkit", "parameters": [{"name": "query", "value": "channel panel membership"}]})
    status, body = await expect_client.post(invoke)
    assert status == 200
    result = body["activities"][0]["value"]["body"]["composeExtension"] if "activities" in body else \
        body["composeExtension"]
    assert result["type"] == "result" and result["attachments"]
    first = result["attachments"][0]
    assert first["preview"]["content"]["title"]
    assert_valid_card(first["content"])
    assert "Source:" in all_text([{"attachments": [first]}])


async def test_message_extension_empty_query_shows_popular_topics(bot, session):
    client = TeamsClient(bot.url, session)
    invoke = client.activity(type_="invoke", name="composeExtension/query",
                             value={"commandId": "searchToolkit", "parameters": [{"name": "initialRun",
                                                                                  "value": "true"}]})
    invoke.pop("deliveryMode")
    status, body = await client.post(invoke)
    assert status == 200
    assert len(body["composeExtension"]["attachments"]) >= 3


async def test_answered_rating_card_is_updated_in_place(client, connector):
    replies = await client.say("quick check")
    card = _cards(replies)[-1]
    button = next(a for a in card["actions"] if a["data"].get("rating") == "developing")
    submit = client.activity(value=button["data"], replyToId=replies[-1]["id"])
    after = await client.send(submit)
    updates = [r for r in after if r.get("_update")]
    assert updates and updates[0]["id"] == replies[-1]["id"]
    assert "Developing" in all_text(updates)
    assert not _cards(updates)[0].get("actions"), "the answered card keeps no buttons"
    assert "Question 2 of 10" in all_text([r for r in after if not r.get("_update")])


async def test_was_this_helpful_on_a_glossary_answer_is_counted(client, bot):
    """A glossary answer's Yes/No buttons carry "glossary/<id>": they are thanked and counted like a passage's,
    not refused as an unknown button."""
    replies = await client.say("what does CTLP mean")
    yes = next(action["data"] for card in _cards(replies) for block in card["body"] if block.get("type") == "ActionSet"
               for action in block["actions"] if action.get("data", {}).get("action") == "feedback"
               and action["data"].get("helpful") is True)
    assert yes["passage"] == "glossary/ctlp"
    thanked = all_text(await client.send(client.activity(value=yes)))
    assert "thank" in thanked.lower() and "didn't understand" not in thanked
    stored = await bot.app[SERVICES].storage.read(["feedback/glossary/ctlp"])
    assert stored["feedback/glossary/ctlp"]["helpful"] == 1


async def test_a_national_contact_asked_for_by_name_is_shown_with_a_call_button(client):
    """"What's the number for the anti-terrorist hotline?" gets the number from knowledge/national.yaml (the
    guidance never gives it), whether it is open now, and a tap-to-call button; no citation (it is not a passage)."""
    replies = await client.say("What's the number for the anti-terrorist hotline?")
    text = all_text(replies)
    assert "0800 789 321" in text and "Open now (24 hours)" in text
    card = _cards(replies)[0]
    assert_valid_card(card)
    buttons = [a for block in card["body"] for item in block.get("items", []) if item.get("type") == "ActionSet"
               for a in item["actions"]]
    assert {"type": "Action.OpenUrl", "title": "Call 0800 789 321", "url": "tel:+44800789321"}.items() \
        <= buttons[0].items()
    assert not any(e.get("type") == "https://schema.org/Message" for r in replies for e in r.get("entities") or [])
