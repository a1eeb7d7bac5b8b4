"""Answer rendering: citation entity shape, passage-first text, every kind's card valid Adaptive Card 1.5."""

from dataclasses import replace

import pytest

from bot.cards.answers import WINDOW_CHARS, plain_links, render_answer, render_more
from knowledge.base import Answer, Hit, load_knowledge_base
from tests.helpers.card_schema import assert_valid_card


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base()


def _cards(replies):
    return [card for reply in replies for card in reply.cards]


def _submits(card):
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "Action.Submit":
                found.append(node["data"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


def test_passage_answer_text_citation_and_card(kb):
    answer = kb.ask("Who should chair the Channel panel?")
    assert answer.kind == "passage"
    replies = render_answer(answer, kb)
    reply = replies[0]
    passage = answer.hits[0].passage
    assert reply.text.startswith("**5. Channel Panel › Channel panel**\n\n")
    assert " [1]" in reply.text and "senior local authority officer" in reply.text[:900]
    assert reply.text.rstrip().endswith("(2024)._")  # the 2018-toolkit note is the last line
    (entity,) = reply.entities
    assert entity["type"] == "https://schema.org/Message" and entity["@type"] == "Message"
    assert entity["@context"] == "https://schema.org" and entity["@id"] == ""
    claim, *others = entity["citation"]  # a close runner-up may be quoted after the answer, as [2]
    assert claim["@type"] == "Claim" and claim["position"] == 1
    assert [c["position"] for c in others] == list(range(2, 2 + len(others)))
    assert (" [2]" in reply.text) == bool(others)
    appearance = claim["appearance"]
    assert appearance["@type"] == "DigitalDocument"
    assert "Prevent Duty Toolkit" in appearance["name"] and "Channel panel" in appearance["name"]
    assert len(appearance["abstract"]) <= 160 and appearance["url"] == passage.source_url
    data = [d for card in _cards(replies) for d in _submits(card)]
    assert {"action": "feedback", "passage": passage.id, "helpful": True} in data
    assert {"action": "feedback", "passage": passage.id, "helpful": False} in data
    assert {"action": "command", "command": "referral"} in data
    follow_ups = [d for d in data if d["action"] == "more" and d["passage"] != passage.id]
    assert 2 <= len(follow_ups) <= 3


def test_long_passage_is_cut_at_a_sentence_and_offers_show_more(kb):
    answer = kb.ask("channel case study far right teenager")
    replies = render_answer(answer, kb)
    body = replies[0].text.split("\n\n", 1)[1].split(" [1]")[0]
    assert len(body) <= 700 and body.endswith((".", ":", "?", "!"))
    data = [d for card in _cards(replies) for d in _submits(card)]
    assert {"action": "more", "passage": answer.hits[0].passage.id} in data


def test_non_toolkit_passage_has_no_superseded_line(kb):
    answer = kb.ask("Which areas were the Dovetail pilot sites?")
    replies = render_answer(answer, kb)
    assert answer.hits[0].passage.doc_id == "prevent-newsletter-2018"
    assert "2018 toolkit" not in replies[0].text


def test_glossary_answer_is_cited_to_the_glossary(kb):
    answer = kb.ask("What does CTLP mean?")
    replies = render_answer(answer, kb)
    assert replies[0].text.startswith("**CTLP** (Counter Terrorism Local Profile): ")
    claim = replies[0].entities[0]["citation"][0]
    assert claim["appearance"]["name"].startswith("Prevent Signpost glossary")
    assert claim["appearance"]["url"].startswith("https://")


def test_glossary_answer_quotes_the_guidance_that_uses_the_term(kb):
    answer = kb.ask("What does CTLP mean?")
    text = render_answer(answer, kb)[0].text
    _glossary, quoted = render_answer(answer, kb)[0].entities[0]["citation"]
    assert quoted["position"] == 2 and "Prevent Duty Toolkit" in quoted["appearance"]["name"]
    assert text.index(" [1]") < text.index("CTLP", text.index(" [1]")) < text.index(" [2]")
    assert answer.also.excerpt in text


def test_a_term_the_guidance_never_uses_is_answered_from_the_glossary_alone(kb):
    from knowledge.model import Answer, GlossaryEntry
    entry = GlossaryEntry("x", "XYZ", "an example term", "A term for the test.", ())
    replies = render_answer(Answer("glossary", (), entry), kb)
    assert " [2]" not in replies[0].text and len(replies[0].entities[0]["citation"]) == 1


def test_none_answer_has_no_citation_and_offers_routes(kb):
    replies = render_answer(kb.ask("What time does the canteen close?"), kb)
    assert all(not reply.entities for reply in replies)
    assert "couldn't find" in replies[0].text
    data = [d for card in _cards(replies) for d in _submits(card)]
    assert {d.get("command") for d in data} >= {"referral", "contacts", "help"}


def test_current_guidance_answer_cites_each_current_document(kb):
    replies = render_answer(kb.ask("has the prevent toolkit been replaced?"), kb)
    text, claims = replies[0].text, replies[0].entities[0]["citation"]
    assert text.startswith("**Which Prevent guidance is current**") and "2016 to 2018" in text
    assert [c["position"] for c in claims] == [1, 2, 3] and " [3]" in text
    assert {c["appearance"]["url"] for c in claims} == {g.url for g in kb.current_guidance}
    assert all(len(c["appearance"]["abstract"]) <= 160 for c in claims)
    card = _cards(replies)[0]
    assert_valid_card(card)
    assert {"action": "feedback", "passage": "guidance/current", "helpful": True} in _submits(card)


def test_ambiguous_answer_offers_choices_without_citation(kb):
    hits = tuple(kb.search("channel", k=5))
    choices = (hits[0], next(h for h in hits if h.passage.section_id != hits[0].passage.section_id))
    replies = render_answer(Answer("ambiguous", choices), kb)
    assert all(not reply.entities for reply in replies)
    data = [d for card in _cards(replies) for d in _submits(card)]
    assert {"action": "more", "passage": choices[0].passage.id} in data
    assert {"action": "command", "command": "help"} in data  # "None of these"


def test_render_more_is_cited_and_whole(kb):
    passage = kb.search("who sits on the channel panel", k=1)[0].passage
    replies = render_more(kb, passage.id)
    assert replies[0].entities and kb.section_text(passage.id)[:200] in replies[0].text
    assert not render_more(kb, "no/such/1")[0].entities


@pytest.mark.parametrize("question", [
    "Who should chair the Channel panel?", "What does CTLP mean?", "Write me a poem about autumn",
    "What is Project Dovetail?", "how do I make a referral", "venue hire",
])
def test_every_card_is_valid_adaptive_card_1_5(kb, question):
    for card in _cards(render_answer(kb.ask(question), kb)):
        assert_valid_card(card)


def test_ambiguous_and_more_cards_are_valid(kb):
    hits = tuple(kb.search("training", k=3))
    for card in _cards(render_answer(Answer("ambiguous", hits), kb)):
        assert_valid_card(card)
    for card in _cards(render_more(kb, hits[0].passage.id)):
        assert_valid_card(card)
    passage = hits[0].passage
    for card in _cards(render_answer(Answer("passage", (Hit(passage, 0.9),)), kb)):
        assert_valid_card(card)


def test_an_excerpt_replaces_the_start_of_a_long_passage(kb):
    passage = next(p for d in kb.documents for p in d.passages if len(p.text) > 900)
    excerpt = passage.text[:40] + " … " + passage.text[-200:]
    answer = Answer("passage", (Hit(passage, 0.9, excerpt),))
    reply = render_answer(answer, kb)[0]
    assert excerpt in reply.text and reply.entities
    assert reply.entities[0]["citation"][0]["appearance"]["abstract"].startswith(passage.text[:20])
    assert any(d.get("action") == "more" and d["passage"] == passage.id
               for card in reply.cards for d in _submits(card))


def test_a_chunked_list_does_not_repeat_its_lead_in(kb):
    answer = kb.ask("who should get extra prevent training")
    text = render_answer(answer, kb)[0].text
    assert text.count("following groups with additional training:") == 1


def test_a_one_line_section_introduction_reads_on_into_its_subsection(kb):
    passage = kb.passage("toolkit-2018/training-case-study-brent/1")
    text = render_answer(Answer("passage", (Hit(passage, 0.9),)), kb)[0].text
    assert "Brent has a tiered approach" in text and "**Internal**" in text and "Member training" in text


def test_links_read_as_plain_text_with_the_address_after_the_label():
    text = "It supplements the [Prevent Duty Guidance](https://www.gov.uk/x) in full."
    assert plain_links(text) == "It supplements the Prevent Duty Guidance (https://www.gov.uk/x) in full."


def test_close_runner_up_is_shown_second_and_cited_as_claim_two(kb):
    answer = kb.ask("Who should chair the Channel panel?")
    other = next(p for d in kb.documents for p in d.passages if p.section_id != answer.hits[0].passage.section_id)
    replies = render_answer(replace(answer, also=Hit(other, 0.5, "A short answering sentence."), further=None), kb)
    text = replies[0].text
    assert text.index(" [1]") < text.index("A short answering sentence. [2]") < 1000
    claims = replies[0].entities[0]["citation"]
    assert [c["position"] for c in claims] == [1, 2] and all(c["@type"] == "Claim" for c in claims)
    assert claims[1]["appearance"]["url"] == other.source_url


def test_a_runner_up_from_another_section_is_shown_under_its_title_one_from_the_same_section_is_not(kb):
    answer = kb.ask("Who should chair the Channel panel?")
    first = answer.hits[0].passage
    same = next(p for d in kb.documents for p in d.passages
                if p.section_id == first.section_id and p.id != first.id)
    other = next(p for d in kb.documents for p in d.passages if p.section_id != first.section_id)
    for runner, titled in ((other, True), (same, False)):
        text = render_answer(replace(answer, also=Hit(runner, 0.5, "A short answering sentence."), further=None),
                             kb)[0].text
        after = text[text.index(" [1]"):text.index("A short answering sentence. [2]")]
        assert (f"**{runner.heading_path[-1]}**" in after) == titled, after


def test_a_runner_up_reads_on_past_its_first_sentence_where_a_short_answer_leaves_room(kb):
    answer = kb.ask("how does oxfordshire organise prevent between the county and the districts?")
    assert len(answer.hits[0].excerpt) < 300 and answer.also is not None
    text = render_answer(answer, kb)[0].text
    runner = text[text.index(" [1]"):text.index(" [2]")]
    assert "The county-wide Safer Oxfordshire Partnership provides oversight" in runner
    assert "At the district level, the CSPs develop local Prevent action plans" in runner  # its third sentence


def test_a_runner_up_that_reads_on_stays_within_the_window(kb):
    answer = kb.ask("Who should chair the Channel panel?")
    other = next(p for d in kb.documents for p in d.passages if p.section_id != answer.hits[0].passage.section_id)
    sentences = " ".join(f"Sentence number {n} of the runner-up says a little more." for n in range(40))
    text = render_answer(replace(answer, also=Hit(other, 0.5, sentences)), kb)[0].text
    assert "Sentence number 0 " in text and "Sentence number 39 " not in text
    assert text.index(" [2]") <= WINDOW_CHARS


def test_a_second_runner_up_is_shown_third_where_the_first_leaves_room(kb):
    answer = kb.ask("is being scrutinised on prevent a bad thing")
    assert answer.further is not None and answer.further.passage.id not in (
        answer.hits[0].passage.id, answer.also.passage.id)
    reply = render_answer(answer, kb)[0]
    text = reply.text
    assert text.index(" [1]") < text.index(" [2]") < text.index(" [3]") <= WINDOW_CHARS
    assert "there is an acceptance that scrutiny is a positive tool to drive improvement. [3]" in text
    assert [c["position"] for c in reply.entities[0]["citation"]] == [1, 2, 3]


def test_no_third_passage_when_the_second_fills_the_window(kb):
    answer = kb.ask("is being scrutinised on prevent a bad thing")
    long_second = answer.also._replace(excerpt=" ".join(f"Sentence {n} of the runner-up." for n in range(60)))
    reply = render_answer(replace(answer, also=long_second), kb)[0]
    assert " [2]" in reply.text and " [3]" not in reply.text
    assert len(reply.entities[0]["citation"]) == 2


def _crowded_answer(kb, *others):
    """The CTLP passage, whose section reads on past the window, with a close runner-up from another section."""
    first = kb.passage("toolkit-2018/assessing-risk/1")
    runner = kb.passage("toolkit-2018/disseminating-ctlp-findings/2")
    also = Hit(runner, 0.8, runner.text)  # "...briefing a broader set of stakeholders at an OFFICIAL level..."
    return Answer("passage", (Hit(first, 0.9), Hit(runner, 0.8), *others), also=also)


def test_a_close_runner_up_is_shown_rather_than_more_of_the_answers_section(kb):
    text = render_answer(_crowded_answer(kb), kb)[0].text
    assert "key findings highlighted to partners. [2]" in text
    assert "A local risk-assessment typically includes" not in text  # the next passage of the section


def test_the_section_reads_on_when_its_next_passage_is_itself_a_close_hit(kb):
    nearby = Hit(kb.passage("toolkit-2018/assessing-risk/2"), 0.7)
    text = render_answer(_crowded_answer(kb, nearby), kb)[0].text
    assert "A local risk-assessment typically includes" in text and "[2]" not in text


def test_follow_ups_ask_the_index_for_related_passages_only_when_the_hits_leave_room(kb, monkeypatch):
    answer = kb.ask("Who should chair the Channel panel?")
    first = answer.hits[0].passage
    others = []
    for passage in (p for d in kb.documents for p in d.passages):
        if passage.section_id not in {first.section_id, *(o.section_id for o in others)}:
            others.append(passage)
        if len(others) == 2:
            break
    full = Answer("passage", (Hit(first, 0.9), *(Hit(o, 0.5) for o in others)))

    def no_index(*_args):
        raise AssertionError("related() asked although the other hits filled both buttons")

    monkeypatch.setattr(kb, "related", no_index)
    data = [d for card in _cards(render_answer(full, kb)) for d in _submits(card)]
    assert [d["passage"] for d in data if d["action"] == "more" and d["passage"] != first.id] == [o.id for o in others]
    monkeypatch.undo()
    alone = render_answer(Answer("passage", (Hit(first, 0.9),)), kb)
    data = [d for card in _cards(alone) for d in _submits(card)]
    related = [p.id for p in kb.related(first.id, 3) if p.section_id != first.section_id][:2]
    assert [d["passage"] for d in data if d["action"] == "more" and d["passage"] != first.id] == related
