"""Render knowledge-base answers as Replies: cited passages, glossary entries, choices and no-answer.

Pure functions over `knowledge.base` results: no SDK imports. A cited reply puts the passage first
(heading path in bold, then the text cut at a sentence boundary, then the citation marker ` [1]`) and
carries one Teams citation entity; its card offers "Show more", follow-ups and "Was this helpful?". A long
passage whose answering sentence lies past the cut is shown as the search's excerpt (its lead-in, then
that sentence); a short one reads on into the rest of its section, without repeating a list's lead-in.
When the search found close runners-up elsewhere and the reply has room, their answering sentences follow,
read on while the room lasts and cited as [2] and [3] (further Claims in the same entity); to make room for
[2], the passage is shown without the rest of its section unless another hit comes from that section.
Choices ("did you mean") and no-answer replies carry no citation: the bot is not claiming an answer.
"""

import re
from typing import NamedTuple

from bot.cards.common import adaptive_card, command_button, submit, text_block
from bot.reply import Reply
from knowledge.base import CURRENT_GUIDANCE_ID, GLOSSARY_PREFIX, Answer, GlossaryEntry, Hit, KnowledgeBase, Passage
from knowledge.excerpts import ALSO_CHARS
from knowledge.leads import ANSWER_CHARS
from knowledge.text import cut_at_sentence, plain

WINDOW_CHARS = 1000
"""Close runners-up are added only while the whole reply stays within what a reader sees at a glance."""
SAMPLE_CHARS = 400
"""Enough of a runner-up's text for its first 160 characters without Markdown (a link's address included)."""
MORE_CHARS = 6000
ABSTRACT_CHARS = 160
GLOSSARY_NAME = "Prevent Signpost glossary"
CITATION_CONTEXT = "https://schema.org"
SEPARATOR = " › "

NO_ANSWER_TEXT = (
    "I couldn't find that in the Prevent guidance I hold. Try asking in other words (for example "
    "\"how do I make a referral?\"), or choose an option below. If you're worried about someone, "
    "\"How to make a referral\" walks you through who to tell and how."
)
AMBIGUOUS_TEXT = "I found more than one possible answer. Did you mean:"
CURRENT_TITLE = "Which Prevent guidance is current"
CURRENT_ADVICE = ("Where these and the older documents I quote differ, follow the current guidance and your own "
                  "organisation's procedures.")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
GONE_TEXT = "I can't find that passage any more: the guidance may have been updated. Please ask your question again."


def citation_entity(name: str, abstract: str, url: str, *more: tuple[str, str, str]) -> dict:
    """The Teams citation entity for the cited sources ([1], then [2]... for `more` (name, abstract, url));
    each abstract made by `abstract` (or `abstract_of_plain`)."""
    return {
        "type": "https://schema.org/Message",
        "@type": "Message",
        "@context": CITATION_CONTEXT,
        "@id": "",
        "citation": [{
            "@type": "Claim",
            "position": position,
            "appearance": {"@type": "DigitalDocument", "name": n[:200], "abstract": a, "url": u},
        } for position, (n, a, u) in enumerate(((name, abstract, url), *more), start=1)],
    }


def abstract(text: str) -> str:
    """A citation's abstract of Markdown text: one plain line of at most ABSTRACT_CHARS."""
    return abstract_of_plain(plain(text))


def abstract_of_plain(text: str) -> str:
    """The same, for text already without Markdown."""
    flat = " ".join(text.replace("\n- ", " ").split())
    if len(flat) <= ABSTRACT_CHARS:
        return flat
    return flat[: ABSTRACT_CHARS - 1].rsplit(" ", 1)[0] + "…"


def heading(passage: Passage) -> str:
    """The passage's heading path for display (the document title when it has none)."""
    return SEPARATOR.join(passage.heading_path) or passage.doc_title


def source_name(passage: Passage) -> str:
    """Document title with its year and the section, as the citation names it."""
    year = passage.doc_date[:4]
    title = f"{passage.doc_title} ({year})" if year else passage.doc_title
    return f"{title}: {heading(passage)}" if passage.heading_path else title


def plain_links(text: str) -> str:
    """Markdown links as "label (url)": the sentence reads whole in any client, the address still shown."""
    return _LINK.sub(r"\1 (\2)", text) if "[" in text else text


def _note(passage: Passage) -> str:
    return f"\n\n_{passage.superseded_note}_" if passage.superseded_note else ""


def _answer_body(kb: KnowledgeBase, passage: Passage, excerpt: str = "") -> tuple[str, bool, str]:
    """The passage (or the excerpt of it that answers) as the answer shows it, whether there is more to show,
    and its text without Markdown."""
    if excerpt:
        body = cut_at_sentence(excerpt, ANSWER_CHARS)[0]
        return body, True, plain(body)
    lead = kb.lead(passage.id)
    return lead.text, lead.more, lead.plain


def _feedback(passage_id: str) -> list[dict]:
    return [
        text_block("Was this helpful?", is_subtle=True, spacing="Medium"),
        {"type": "ActionSet", "actions": [
            submit("Yes", {"action": "feedback", "passage": passage_id, "helpful": True}),
            submit("No", {"action": "feedback", "passage": passage_id, "helpful": False}),
        ]},
    ]


def _follow_ups(kb: KnowledgeBase, answer: Answer, passage: Passage) -> list[dict]:
    """Two related passages (from the other hits, then the index) and the referral command."""
    chosen: list[Passage] = []
    seen = {passage.section_id}

    def candidates():
        yield from (h.passage for h in answer.hits[1:] if h.score >= 0.35)
        # kb.related scores the whole index (the costliest step in rendering an answer), so it is asked only
        # when the other hits have not already filled both buttons.
        yield from kb.related(passage.id, 3)

    for other in candidates():
        if other.section_id not in seen:
            seen.add(other.section_id)
            chosen.append(other)
            if len(chosen) == 2:
                break
    buttons = [submit(_short(o), {"action": "more", "passage": o.id}) for o in chosen]
    buttons.append(command_button("How to make a referral", "referral"))
    return buttons


def _short(passage: Passage, limit: int = 60) -> str:
    return _shortened(passage.heading_path[-1] if passage.heading_path else passage.doc_title, limit)


def _passage_card(kb: KnowledgeBase, answer: Answer, passage: Passage, more: bool) -> dict:
    body: list[dict] = []
    if more:
        body.append({"type": "ActionSet", "actions": [submit("Show more", {"action": "more", "passage": passage.id})]})
    body.append(text_block("Related", is_subtle=True, spacing="Medium"))
    body.append({"type": "ActionSet", "actions": _follow_ups(kb, answer, passage)})
    body.extend(_feedback(passage.id))
    return adaptive_card(body, fallback="Show more, related questions and feedback")


def _making_room(answer: Answer, besides: int) -> str:
    """The answer's passage alone, when reading on into its section leaves no room for the close runner-up
    (`besides` characters with the title) and none of the other hits is from that section: a sentence
    from another passage that may answer beats more of the same section ("" = keep the section)."""
    first = answer.hits[0]
    if first.excerpt or any(h.passage.section_id == first.passage.section_id for h in answer.hits[1:]):
        return ""
    own = cut_at_sentence(first.passage.text, ANSWER_CHARS)[0]
    return own if besides + len(own) <= WINDOW_CHARS else ""


class _RunnerUp(NamedTuple):
    """A runner-up as the answer shows it: under its title, its answering sentence to ALSO_CHARS at least."""

    hit: Hit
    label: str
    least: str

    @classmethod
    def of(cls, hit: Hit, answered: Passage) -> "_RunnerUp":
        """Under its title, unless it has the answer's own (a later paragraph of the same section): the
        title once is enough, and the window has more room for the sentence."""
        least = plain_links(cut_at_sentence(hit.excerpt, ALSO_CHARS)[0])
        same = hit.passage.section_id == answered.section_id
        return cls(hit, "\n\n" if same else f"\n\n**{_short(hit.passage, 80)}**\n\n", least)

    def size(self, position: int) -> int:
        return len(self.label) + len(self.least) + len(f" [{position}]")

    def shown(self, position: int, room: int) -> str:
        """Read on by whole sentences while `room` characters in all allow."""
        space = room - len(self.label) - len(f" [{position}]")
        longer = plain_links(cut_at_sentence(self.hit.excerpt, space)[0])
        return f"{self.label}{longer if len(longer) <= space else self.least} [{position}]"


def _repeats(hit: Hit, plain_body: str) -> bool:
    """A runner-up whose sentence the answer already shows."""
    return plain(hit.excerpt[:SAMPLE_CHARS].lstrip("…"))[:80] in plain_body


def render_passage(kb: KnowledgeBase, answer: Answer) -> list[Reply]:
    """A cited passage answer, and its runners-up as [2] and [3] where they fit in the window."""
    passage = answer.hits[0].passage
    title = heading(passage)
    body, more, plain_body = _answer_body(kb, passage, answer.hits[0].excerpt)
    runners = [_RunnerUp.of(h, passage) for h in (answer.also, answer.further)
               if h is not None and not _repeats(h, plain_body)]
    if runners:
        besides = len(title) + runners[0].size(2)
        if besides + len(body) > WINDOW_CHARS and (own := _making_room(answer, besides)):
            body, more, plain_body = own, True, plain(own)
    extra, sources = "", []
    for position, runner in enumerate(runners, start=2):
        room = WINDOW_CHARS - len(title) - len(body) - len(extra)
        if runner.size(position) > room:
            break  # no room to read it beside the answer
        extra += runner.shown(position, room)
        sources.append((source_name(runner.hit.passage), abstract(runner.hit.excerpt[:SAMPLE_CHARS]),
                        runner.hit.passage.source_url))
    text = f"**{title}**\n\n{plain_links(body)} [1]{extra}{_note(passage)}"
    entity = citation_entity(source_name(passage), abstract_of_plain(plain_body), passage.source_url, *sources)
    card = _passage_card(kb, answer, passage, more)
    return [Reply(text=text, entities=(entity,), cards=(card,), summary=heading(passage))]


def _glossary_url(kb: KnowledgeBase, entry: GlossaryEntry) -> str:
    if entry.source_url:
        return entry.source_url
    return kb.documents[0].meta.get("source_url", "") if kb.documents else ""


def render_glossary(kb: KnowledgeBase, answer: Answer) -> list[Reply]:
    """A glossary entry: term, expansion and meaning, cited to the glossary; then, when a passage uses the
    term, the guidance's own sentence about it, cited to the document."""
    entry = answer.glossary
    if entry is None:
        return render_none()
    expansion = "" if entry.expansion.lower() == entry.term.lower() else f" ({entry.expansion})"
    text = f"**{entry.term}**{expansion}: {entry.meaning} [1]"
    sources = []
    quoted = answer.also  # the guidance's own use of the term, when a passage uses it confidently
    if quoted is not None and quoted.excerpt:
        text += f"\n\n**{heading(quoted.passage)}**\n\n{plain_links(quoted.excerpt)} [2]{_note(quoted.passage)}"
        sources.append((source_name(quoted.passage), abstract(quoted.excerpt), quoted.passage.source_url))
    entity = citation_entity(f"{GLOSSARY_NAME}: {entry.term}", abstract(f"{entry.term}{expansion}: {entry.meaning}"),
                             _glossary_url(kb, entry), *sources)
    body: list[dict] = []
    mentions = [h.passage for h in answer.hits if h.score >= 0.3][:2]
    if mentions:
        body.append(text_block("In the guidance", is_subtle=True))
        body.append({"type": "ActionSet", "actions": [
            submit(_short(p), {"action": "more", "passage": p.id}) for p in mentions]})
    body.append({"type": "ActionSet", "actions": [command_button("How to make a referral", "referral")]})
    body.extend(_feedback(GLOSSARY_PREFIX + entry.id))
    card = adaptive_card(body, fallback="Related passages and feedback")
    return [Reply(text=text, entities=(entity,), cards=(card,), summary=entry.term)]


def render_ambiguous(answer: Answer) -> list[Reply]:
    """A "did you mean" choice between two or three passages, and "None of these"; no citation."""
    buttons = [submit(_short(h.passage), {"action": "more", "passage": h.passage.id}) for h in answer.hits[:3]]
    buttons.append(command_button("None of these", "help"))
    lines = [f"- {heading(h.passage)}" for h in answer.hits[:3]]
    card = adaptive_card([text_block(AMBIGUOUS_TEXT, weight="Bolder"), {"type": "ActionSet", "actions": buttons}],
                         fallback=AMBIGUOUS_TEXT)
    return [Reply(text=AMBIGUOUS_TEXT + "\n\n" + "\n".join(lines), cards=(card,), summary="Did you mean")]


def render_current(kb: KnowledgeBase) -> list[Reply]:
    """The guidance in force now, each document cited ([1], [2]...), for "is this toolkit still current?"."""
    current = kb.current_guidance
    if not current:
        return render_none()
    years = sorted(str(d.meta.get("date", ""))[:4] for d in kb.documents if d.meta.get("date")) or ["2018"]
    dated = f"from {years[0]} to {years[-1]}" if years[0] != years[-1] else f"from {years[0]}"
    lines = [f"- **{g.title}** [{n}]{': ' + g.about if g.about else ''} ({g.url})" for n, g in enumerate(current, 1)]
    text = (f"**{CURRENT_TITLE}**\n\nThe documents I quote date {dated}. The guidance in force now is:\n\n"
            + "\n".join(lines) + f"\n\n{CURRENT_ADVICE}")
    claims = [(g.title, abstract_of_plain(g.about or g.title), g.url) for g in current]
    entity = citation_entity(*claims[0], *claims[1:])
    body: list[dict] = [{"type": "ActionSet", "actions": [
        {"type": "Action.OpenUrl", "title": _shortened(g.title), "url": g.url} for g in current[:3]]},
        {"type": "ActionSet", "actions": [command_button("How to make a referral", "referral")]},
        *_feedback(CURRENT_GUIDANCE_ID)]
    card = adaptive_card(body, fallback="Links to the current guidance, and feedback")
    return [Reply(text=text, entities=(entity,), cards=(card,), summary=CURRENT_TITLE)]


def _shortened(title: str, limit: int = 60) -> str:
    """A button title: whole, or cut at a word with an ellipsis."""
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def render_none() -> list[Reply]:
    """No answer: say so plainly and offer rephrasing, the referral pathway, contacts and help."""
    card = adaptive_card(
        [text_block("You can also:", is_subtle=True),
         {"type": "ActionSet", "actions": [
             command_button("How to make a referral", "referral"),
             command_button("Contacts", "contacts"),
             command_button("Help", "help"),
         ]}],
        fallback="Referral pathway, contacts and help",
    )
    return [Reply(text=NO_ANSWER_TEXT, cards=(card,), summary="No answer found")]


def render_answer(answer: Answer, kb: KnowledgeBase) -> list[Reply]:
    """The replies for a knowledge-base answer of any kind."""
    if answer.kind == "passage" and answer.hits:
        return render_passage(kb, answer)
    if answer.kind == "glossary" and answer.glossary is not None:
        return render_glossary(kb, answer)
    if answer.kind == "ambiguous" and len(answer.hits) >= 2:
        return render_ambiguous(answer)
    if answer.kind == "current":
        return render_current(kb)
    return render_none()


def render_more(kb: KnowledgeBase, passage_id: str) -> list[Reply]:
    """The whole section of a passage (for "Show more" and "did you mean" choices), cited."""
    passage = kb.passage(passage_id)
    if passage is None:
        return [Reply(text=GONE_TEXT)]
    section = kb.section_text(passage_id)
    body, cut = cut_at_sentence(section, MORE_CHARS)
    if cut:
        body += "\n\n_(Shortened: open the source for the full section.)_"
    text = f"**{heading(passage)}**\n\n{plain_links(body)} [1]{_note(passage)}"
    entity = citation_entity(source_name(passage), abstract(passage.text), passage.source_url)
    body_blocks: list[dict] = [
        text_block("Related", is_subtle=True),
        {"type": "ActionSet", "actions": _follow_ups(kb, Answer("passage", ()), passage)},
        *_feedback(passage.id),
    ]
    card = adaptive_card(body_blocks, fallback="Related questions and feedback")
    return [Reply(text=text, entities=(entity,), cards=(card,), summary=heading(passage))]
