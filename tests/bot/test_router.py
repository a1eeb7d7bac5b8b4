"""The command table: whole-message matches, arguments, typos, and questions left for the knowledge base."""

import pytest

from bot.router import normalise, route


@pytest.mark.parametrize(("text", "name", "args"), [
    ("help", "help", {}),
    ("Help?", "help", {}),
    ("hello", "greeting", {}),
    ("referral", "referral", {}),
    ("I'm worried about someone", "referral", {}),
    ("How do I make a Prevent referral?", "referral", {}),
    ("contacts", "contacts", {}),
    ("Who do I call?", "contacts", {}),
    ("out of hours", "contacts", {}),
    ("What's the phone number for the police Prevent team?", "contacts", {}),
    ("telephone number for the MASH", "contacts", {}),
    ("what number do I ring for prevent out of hours", "contacts", {}),
    ("change area", "change_area", {}),
    ("quick check", "quick_check", {}),
    ("quik check", "quick_check", {}),
    ("full self-assessment", "full_assessment", {}),
    ("assess benchmark 7", "assess_benchmark", {"benchmark": "7"}),
    ("check 5.2", "check_question", {"question": "5.2"}),
    ("benchmark 5", "show_benchmark", {"benchmark": "5"}),
    ("What is benchmark 7?", "show_benchmark", {"benchmark": "7"}),
    ("show benchmarks", "list_benchmarks", {}),
    ("benchmark", "list_benchmarks", {}),
    ("Delivery Benchmark", "list_benchmarks", {}),
    ("resume", "resume", {}),
    ("export", "export", {}),
    ("cancel", "cancel", {}),
    ("refferal", "referral", {}),
])
def test_commands(text, name, args):
    target = route(text)
    assert target.name == name
    assert target.args == args


@pytest.mark.parametrize("text", [
    "How should our referral process relate to safeguarding?",
    "What is the Channel panel?",
    "Who should receive strategic briefings on the Prevent duty?",
    "what does the benchmark say about training",
    "check the referral pathway for children",
    "what is the number of channel panels in the region",
    "how many phone calls does the prevent team get",
])
def test_questions_are_not_commands(text):
    assert route(text).name == "question"


def test_empty_and_none():
    assert route(None).name == "empty"
    assert route("   ").name == "empty"


def test_normalise():
    assert normalise("  What’s   THIS?! ") == "what's this"
