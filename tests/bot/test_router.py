"""The command table: whole-message matches, arguments, typos, and questions left for the knowledge base."""

import pytest

from bot.router import Route, normalise, route


@pytest.mark.parametrize(("text", "name", "args"), [
    ("help", "help", {}),
    ("Help?", "help", {}),
    ("hello", "greeting", {}),
    ("referral", "referral", {}),
    ("I'm worried about someone", "referral", {}),
    ("How do I make a Prevent referral?", "referral", {}),
    ("contacts", "contacts", {}),
    ("what happens after a referral?", "after_referral", {}),
    ("What happens after I make a Prevent referral", "after_referral", {}),
    ("will I hear back after my referral", "after_referral", {}),
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
    ("prevnt referal", "referral", {}),
    ("I need to make a referral now", "referral", {}),
    ("i want to refer someone to prevent", "referral", {}),
    ("How do I refer a student to Prevent?", "referral", {}),
    ("where do i send the referral form", "referral", {}),
    ("prevent referral form", "referral", {}),
    ("who do I contact about a prevent concern", "contacts", {}),
    ("what's the out of hours number", "contacts", {}),
    ("on call number", "contacts", {}),
    ("its xmas day, who do i call about a prevent worry, its not urgent", "contacts", {}),
    ("who do i call, its not urgent", "contacts", {}),
    ("is anyone in the prevent team working today? its bank hol", "contacts", {}),
    ("whats the number for the prevent team", "contacts", {}),
    ("where do i get the referral form", "referral", {}),
    ("thanks", "thanks", {}),
    ("Thank you so much!", "thanks", {}),
    ("ok thanks", "thanks", {}),
    ("cheers", "thanks", {}),
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


@pytest.mark.parametrize(("text", "contact"), [
    ("What's the number for the anti-terrorist hotline?", "anti-terrorist-hotline"),
    ("whats the phone number for the anti terrorist hotline to report something suspicious", "anti-terrorist-hotline"),
    ("counter terrorism hotline phone number", "anti-terrorist-hotline"),
    ("Anti-Terrorist Hotline", "anti-terrorist-hotline"),
    ("is the anti-terrorist hotline open now", "anti-terrorist-hotline"),
    ("act early support line number", "act-early-support"),
    ("police non emergency number", "police-101"),
    ("whats the ACT online form", "act-online"),
])
def test_a_national_contact_asked_for_by_name(text, contact):
    """The guidance never gives these numbers; knowledge/national.yaml does (before the contacts command, which
    lists the area's own contacts)."""
    assert route(text) == Route("national_contact", {"contact": contact})


@pytest.mark.parametrize("text", [
    "when should I use the anti-terrorist hotline rather than a referral?",  # a question for the guidance
    "what is ACT Early",  # what it is: the glossary
    "what is the anti-terrorist hotline",
    "should I call 999 or 101 for a prevent concern",
])
def test_a_question_about_a_national_contact_is_not_a_request_for_it(text):
    assert route(text).name != "national_contact"


def test_empty_and_none():
    assert route(None).name == "empty"
    assert route("   ").name == "empty"


def test_normalise():
    assert normalise("  What’s   THIS?! ") == "what's this"


@pytest.mark.parametrize("text", [
    "a pupil keeps watching extremist videos, what should I do",
    "I'm worried about a pupil in my class, what should I do?",
    "my colleague keeps sharing far right memes - who do I tell?",
    "i think a young person on my caseload is being radicalised what should i do",
    "one of our tenants has been posting Daesh propaganda, should I report him?",
    "She told me she's been talking to extremists online. Is this something for Prevent?",
    "I have a Prevent concern",
    "i have a concern about a young person",
    "I'm worried my neighbour is being radicalised",
    "help I think my student is being groomed by extremists online",
])
def test_a_worry_about_someone_with_a_request_for_what_to_do_starts_the_referral_walk_through(text):
    assert route(text) == Route("referral", {"concern": "yes"}, loose=True)


@pytest.mark.parametrize("text", [
    "What should happen if someone is suspected of planning a criminal offence?",  # the process, not a case
    "what should I do if I'm worried about a colleague?",
    "A young person has told me they've been self harming, what should I do next?",  # not a Prevent worry
    "how do I refer a tenant for a housing benefit review",
    "what is extremism",  # no person, no ask
    "we are worried our Prevent training is not good enough, what should we do?",  # no one in particular
    "I'm concerned the benchmark is too vague for our board",
    "i think prevent is a waste of time",
    "how do i refer a friend for a job",
    "who do I contact with queries about WRAP",  # the WRAP mailbox is in the guidance
    "what are the signs that someone is being radicalised",
    "how can staff spot that a pupil is being radicalised",
    "is anyone available to deliver training next week",
    "is anyone in the prevent team available to review our action plan",
    "the printer on floor 3 keeps jamming, who do i call",
    "thanks to the Prevent lead for the training, what did the evaluation say?",
    "I'm a social worker and I've got a service user I'm a bit worried about. My team manager says I can't just"
    " pass their details to the police without consent. Is that right, and what does the guidance say?",
])
def test_other_questions_mentioning_worries_or_people_are_left_to_the_knowledge_base(text):
    assert route(text).name == "question"


def test_what_is_recognised_by_its_parts_is_marked_loose():
    """Inside a walk-through or assessment such text is the flow's answer, so it must be told from a command."""
    assert route("she keeps posting far right memes, who do I tell?").loose
    assert route("who do i call, its not urgent").loose
    assert not route("referral").loose and not route("contacts").loose
