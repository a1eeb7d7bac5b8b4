"""Every card the bot can send is valid Adaptive Card 1.5.

Cards are collected by driving each flow through every branch with the shipped content (so new steps,
questions or areas are covered automatically), plus each one-shot renderer with sample data. A meta-test
checks that every module in bot/cards is exercised here.
"""

import importlib
import pkgutil
from datetime import UTC, datetime

import pytest

import bot.cards
from bot.cards import answers, assessment, common, export, help, referral, safety, search_results
from dialogs.assessment import AssessmentFlow
from dialogs.contacts import ContactsFlow
from dialogs.flow import UserInput
from dialogs.referral import ReferralFlow
from knowledge.areas import load_areas
from knowledge.base import load_knowledge_base
from knowledge.benchmark import load_benchmark
from knowledge.emergency import detect_emergency
from knowledge.messages import load_messages
from tests.helpers.card_schema import assert_valid_card
from tests.helpers.channel import find_submits

NOW = datetime(2026, 11, 26, 10, 0, tzinfo=UTC)


def _input(text="", value=None, memory=None, profile=None, now=NOW):
    return UserInput(text=text, value=value, now=now, user_id="u1", user_name="Sam", memory=memory or {},
                     profile=profile or {})


def _cards(replies):
    return [card for reply in replies for card in reply.cards]


def _walk_referral(flow, areas):
    """Every card of every branch of the walk-through, breadth first over button answers."""
    cards = []
    first = flow.start({}, _input())
    frontier = [(first.state, first.replies)]
    seen = set()
    while frontier:
        state, replies = frontier.pop()
        cards += _cards(replies)
        if state is None:
            continue
        for card in _cards(replies):
            for _title, data in find_submits(card):
                if data.get("action") != "flow" or data.get("answer") in ("cancel", "restart", "back"):
                    continue
                key = (str(state.get("step")), str(data))
                if key in seen:
                    continue
                seen.add(key)
                turn = flow.resume(dict(state), _input(value=data))
                frontier.append((turn.state, turn.replies))
    return cards


@pytest.fixture(scope="module")
def content():
    return {"kb": load_knowledge_base(), "benchmark": load_benchmark(), "areas": load_areas(),
            "messages": load_messages()}


def _all_cards(content):
    kb, benchmark, areas, messages = content["kb"], content["benchmark"], content["areas"], content["messages"]
    cards = []
    cards += _cards([help.help_reply(messages), help.welcome_reply(messages)])
    for question in ("What does Channel aim to do?", "What does CTLP mean?", "canteen opening times",
                     "channel", "training", "is the 2018 toolkit still current?"):
        cards += _cards(answers.render_answer(kb.ask(question), kb))
    passage_id = kb.search("Channel panel", k=1)[0].passage.id
    cards += _cards(answers.render_more(kb, passage_id))
    cards += [result.card for query in ("", "channel panel") for result in search_results.search_results(kb, query)]
    cards += _cards(safety.emergency_replies(detect_emergency("he is going to bomb the school tomorrow"), True))
    cards += _cards(safety.emergency_replies(detect_emergency("he is going to bomb the school tomorrow"), False))
    own_life = detect_emergency("she says she will kill herself tonight")
    assert own_life is not None and own_life.category == "self_harm"
    cards += _cards(safety.emergency_replies(own_life, False))
    cards += _cards([safety.personal_data_reminder(), export.export_link_reply("http://127.0.0.1/reports/x")])
    cards.append(common.answered_card("question 1.1: Developing"))
    cards += _walk_referral(ReferralFlow(areas), areas)
    contacts = ContactsFlow(areas)
    for now in (NOW, datetime(2026, 11, 28, 22, 10, tzinfo=UTC), datetime(2026, 12, 25, 12, tzinfo=UTC)):
        cards += _cards(contacts.start({}, _input(now=now)).replies)
    cards += _cards(contacts.start({"change_area": True}, _input()).replies)
    for contact in areas.national.contacts:
        cards += _cards([referral.national_contact_reply(contact, NOW)])
    for number in range(1, 11):
        cards += _cards(assessment.render_benchmark(benchmark, number))
    cards += _cards(assessment.render_benchmark_list(benchmark))
    flow = AssessmentFlow(benchmark)
    for options in ({"mode": "full"}, {"mode": "quick"}, {"mode": "question", "question": "5.2"}):
        turn = flow.start(options, _input())
        memory = turn.memory
        cards += _cards(turn.replies)
        ratings = ["not_started", "developing", "achieving", "skip"]
        for press in range(200):
            if turn.state is None:
                break
            submits = [data for _title, data in find_submits(_cards(turn.replies)[-1])]
            value = next((d for d in submits if d.get("rating") == ratings[press % 4]), None) \
                or next(d for d in submits if d.get("details") == "none" or d.get("choice") == "replace")
            turn = flow.resume(turn.state, _input(value=value, memory=memory))
            memory = turn.memory if turn.memory is not None else memory
            cards += _cards(turn.replies)
        assert turn.state is None, f"{options} did not finish"
        cards += _cards(assessment.render_results(benchmark, memory))
    return cards


def test_every_card_is_valid_adaptive_card_1_5(content):
    cards = _all_cards(content)
    assert len(cards) > 100, f"only {len(cards)} cards collected: a flow stopped early"
    kinds = {card["body"][0].get("text", "")[:30] for card in cards}
    assert len(kinds) > 40
    for card in cards:
        assert_valid_card(card)


def test_every_card_module_is_exercised(content, monkeypatch):
    """A new module under bot/cards must add its cards to the catalogue above: each module's own calls to
    `adaptive_card` are recorded while the catalogue is collected."""
    used = set()
    modules = [importlib.import_module(f"bot.cards.{info.name}") for info in pkgutil.iter_modules(bot.cards.__path__)]
    for module in modules:
        if hasattr(module, "adaptive_card"):
            def recording(*args, _name=module.__name__, _make=module.adaptive_card, **kwargs):
                used.add(_name.rsplit(".", 1)[-1])
                return _make(*args, **kwargs)
            monkeypatch.setattr(module, "adaptive_card", recording)
    _all_cards(content)
    makers = {m.__name__.rsplit(".", 1)[-1] for m in modules if hasattr(m, "adaptive_card")}
    assert makers >= {"answers", "assessment", "referral", "safety"}
    assert makers <= used, f"add cards from {sorted(makers - used)} to the catalogue"
