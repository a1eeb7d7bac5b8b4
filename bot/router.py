"""Chat commands as a table: normalised text in, a named route with its arguments out.

Commands are matched against the whole message (after the bot's @mention is removed), never as
substrings, so "How should our referral process relate to safeguarding?" is a question for the
knowledge base, not the "referral" command. Short messages that are close to a command ("quik check",
"refferal") are matched fuzzily against each command's canonical phrases. One kind of message is recognised
by its parts rather than as a whole: a worry about someone (`knowledge.concern.is_concern`)
starts the referral walk-through. A national contact asked for by name ("anti-terrorist hotline number",
`knowledge.contact_names`) is shown before any command is tried.
"""

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from knowledge.concern import is_concern
from knowledge.contact_names import national_names

FUZZY_CUTOFF = 85
FUZZY_MAX_WORDS = 4


@dataclass(frozen=True)
class Command:
    """One command: its route name, the full-match pattern, and canonical phrases for typo matching."""

    name: str
    pattern: str
    phrases: tuple[str, ...] = ()
    compiled: re.Pattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", re.compile(self.pattern))


@dataclass(frozen=True)
class Route:
    """Where a message goes: a command name (or "question") and any arguments it carried."""

    name: str
    args: dict = field(default_factory=dict)
    loose: bool = False
    """Recognised by its parts, not typed as a command: inside a walk-through or assessment the message is
    the flow's answer ("no, but he keeps talking about isis"), not a new start."""


COMMANDS: tuple[Command, ...] = (
    Command("help", r"help( me)?|menu|commands|what can you do|what do you do|options|\?",
            ("help", "menu", "commands")),
    Command("greeting", r"(hi|hello|hey|hiya|good (morning|afternoon|evening))( there| bot| signpost)?",
            ("hello",)),
    Command("thanks", r"((ok|okay|great|brilliant|perfect|lovely|that's (great|helpful)|got it),? )?(thanks|thank you"
            r"|thank u|thx|ty|ta|cheers|many thanks)( (so much|very much|a lot|again|for (that|your help|the help)))?"
            r"( (bot|signpost))?[ !.]*",
            ("thanks", "thank you", "cheers")),
    Command("referral",
            r"(start |make |do )?(a )?(prevent )?referral( pathway| walk-?through)?"
            r"|i('?m| am) (really |very )?(worried|concerned) about (someone|somebody|a [a-z' ]{1,40})"
            r"|((so )?how (do|can|should) i|i (need|want|have|would like|'d like) to|can i|please)"
            r" (make|do|submit|start|raise|send|fill in) (a|the|my) (prevent |channel )?referral( form)?( now| today)?"
            r"|((so )?how (do|can|should) i |i (need|want|have|would like|'d like) to |can i )?refer"
            r" (someone|somebody|him|her|them|a [a-z]+( [a-z]+)?|my [a-z]+( [a-z]+)?)( to (prevent|channel))?"
            r"( now| today)?|worried about (someone|somebody)"
            r"|(the |a )?(prevent |channel )?referral form|where (do|should|can) i (send|get|find|download) (a|the|my)"
            r" (prevent |national prevent )?referral( form)?",
            ("referral", "make a referral", "referral pathway", "prevent referral")),
    Command("after_referral",
            r"(so |and )?what happens (next )?(after|once|when) (i|we|you|someone|staff)? ?(have )?(make|made|send|sent"
            r"|submit|submitted|do|did|raise|raised)? ?(a|the|my|our)? ?(prevent |channel )?(referral|refer|referring)"
            r"( (is|has been) (made|sent|submitted))?( to prevent)?"
            r"|what happens (next )?(to|with) (a|the|my|our) (prevent )?referral"
            r"|(will|do|would) (i|we) (hear|get) (back|feedback|anything)( back)? (after|about|on) (a|the|my|our)"
            r" (prevent )?referral",
            ("what happens after a referral",)),
    Command("contacts",
            r"contacts?|who (do|should|can) i (call|contact|ring|phone|speak to|talk to)( now| about (a|my|this|the)"
            r" (prevent |safeguarding )?(concern|worry|referral))?"
            r"|(what('?s| is) )?(the |an? )?(out of hours|ooh|on[- ]?call|emergency) (phone |telephone |contact )?"
            r"(number|no|contact)s?"
            r"|who to (call|contact|ring)|on[- ]?call|out of hours|ooh|emergency contacts?"
            r"|(what('?s| is| are) (the |a )?)?(phone|telephone|contact) (number|no)s?( (for|of|to ring|to call)"
            r" [a-z' ]{1,60})?|what (phone )?number (do|should|can) (i|we) (call|ring|phone)( [a-z' ]{1,60})?",
            ("contacts", "who do i call", "out of hours", "on call")),
    Command("change_area", r"(change|set|switch|choose|pick) (my |the )?(area|council|location)|area",
            ("change area",)),
    Command("quick_check", r"(start |do |run )?(a )?quick (benchmark |self[- ]?assessment )?check",
            ("quick check",)),
    Command("full_assessment",
            r"(start |do |run )?(a |the |our )?(full )?self[- ]?assessment|full (self[- ]?)?assessment"
            r"|assess all( benchmarks)?",
            ("self-assessment", "full self-assessment", "full assessment")),
    Command("assess_benchmark", r"assess (benchmark )?(?P<benchmark>\d{1,2})"),
    Command("check_question", r"check (question )?(?P<question>\d{1,2}\.\d{1,2})"),
    Command("show_benchmark",
            r"(what is |what's |show( me)? |tell me about |explain )?(the )?benchmark (?P<benchmark>\d{1,2})"),
    Command("list_benchmarks",
            r"(show|list|see|view)( me)?( all)?( the)? benchmarks|benchmarks?|all benchmarks|delivery benchmarks?",
            ("show benchmarks", "benchmarks")),
    Command("resume", r"resume|continue|carry on|pick up where (i|we) left off", ("resume",)),
    Command("export", r"export( (my |our |the )?(results|assessment|self[- ]?assessment))?", ("export",)),
    Command("results", r"(show |see )?(my |our |the )?(results|summary)", ("results",)),
    Command("cancel", r"cancel|stop|quit|exit|never ?mind|start again|restart", ("cancel",)),
)

# Asking who to call with a little more around it than the contacts command allows: "who do i call, its not
# urgent", "its xmas day, who do i call about a prevent worry", "is anyone in the prevent team working today?".
# The rest of the message may only say when, how urgent and whom: "who do I contact with queries about WRAP"
# (the guidance has the WRAP mailbox) and "is anyone available to deliver training" are questions.
WHO_TO_CALL = re.compile(
    r"\bwho (?:do|should|can|shall) (?:i|we) (?:call|contact|ring|phone|speak to|talk to)\b"
    r"|\b(?:number|phone number|contact details|contact) for (?:the |our |my )?(?:prevent|safeguarding|mash|police)"
    r"(?: prevent)? (?:team|lead|officer|hub)s?\b"
    r"|\b(?:is|are) (?:anyone|anybody|someone|the prevent (?:team|lead|officer)s?) (?:in|working|available|on call"
    r"|around|open)\b")
WHEN_WORDS = frozenset(str.split("""its it's it is a an the not urgent now right today tonight this morning afternoon
    evening weekend xmas christmas day boxing bank hol holiday holidays out of hours ooh night late early hi hiya
    hello please pls sorry quick question about prevent worry concern referral safeguarding me help whats what's
    what in on at team lead officer working available there anyone"""))
CONTACT_WORDS = 20


def asks_who_to_call(clean: str) -> bool:
    """Whether a short message asks who to contact now, with nothing around it but when and how urgent."""
    found = WHO_TO_CALL.search(clean)
    if not found or len(clean.split()) > CONTACT_WORDS:
        return False
    rest = clean[:found.start()] + " " + clean[found.end():]
    return all(word in WHEN_WORDS for word in re.findall(r"[a-z']+", rest))


_PHRASES = {phrase: command.name for command in COMMANDS for phrase in command.phrases}
_TRAILING = re.compile(r"[\s?!.,;:]+$")
_SPACES = re.compile(r"\s+")


def normalise(text: str | None) -> str:
    """Lower-case, straighten quotes, collapse spaces and drop trailing punctuation."""
    if not text:
        return ""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    text = _SPACES.sub(" ", text).strip().lower()
    return _TRAILING.sub("", text) or text


def route(text: str | None) -> Route:
    """The command a message names, or Route("question") for anything else."""
    clean = normalise(text)
    if not clean:
        return Route("empty")
    contact = national_names().asked(clean)
    if contact is not None:  # "what's the number for the anti-terrorist hotline": that contact, not the local list
        return Route("national_contact", {"contact": contact.id})
    for command in COMMANDS:
        match = command.compiled.fullmatch(clean)
        if match:
            return Route(command.name, {k: v for k, v in match.groupdict().items() if v is not None})
    if len(clean.split()) <= FUZZY_MAX_WORDS:
        best = process.extractOne(clean, _PHRASES.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best:
            return Route(_PHRASES[best[0]])
    if is_concern(clean):
        return Route("referral", {"concern": "yes"}, loose=True)
    if asks_who_to_call(clean):
        return Route("contacts", loose=True)
    return Route("question", {"text": text.strip() if text else ""})
