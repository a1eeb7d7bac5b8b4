"""Chat commands as a table: normalised text in, a named route with its arguments out.

Commands are matched against the whole message (after the bot's @mention is removed), never as
substrings, so "How should our referral process relate to safeguarding?" is a question for the
knowledge base, not the "referral" command. Short messages that are close to a command ("quik check",
"refferal") are matched fuzzily against each command's canonical phrases. One kind of message is recognised
by its parts rather than as a whole: a worry about someone with a request for what to do (`is_concern`)
starts the referral walk-through.
"""

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

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


COMMANDS: tuple[Command, ...] = (
    Command("help", r"help( me)?|menu|commands|what can you do|what do you do|options|\?",
            ("help", "menu", "commands")),
    Command("greeting", r"(hi|hello|hey|hiya|good (morning|afternoon|evening))( there| bot| signpost)?",
            ("hello",)),
    Command("referral",
            r"(start |make |do )?(a )?(prevent )?referral( pathway| walk-?through)?"
            r"|i('?m| am) (really |very )?(worried|concerned) about (someone|somebody|a [a-z' ]{1,40})"
            r"|((so )?how (do|can|should) i|i (need|want|have|would like|'d like) to|can i|please)"
            r" (make|do|submit|start|raise|send|fill in) (a|the|my) (prevent |channel )?referral( form)?( now| today)?"
            r"|((so )?how (do|can|should) i |i (need|want|have|would like|'d like) to |can i )?refer"
            r" (someone|somebody|him|her|them|a [a-z]+( [a-z]+)?|my [a-z]+( [a-z]+)?)( to (prevent|channel))?"
            r"( now| today)?|worried about (someone|somebody)"
            r"|(the |a )?(prevent |channel )?referral form|where (do|should|can) i send (a|the|my) (prevent )?referral"
            r"( form)?",
            ("referral", "make a referral", "referral pathway")),
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

# A worried member of staff describing someone and asking what to do gets the referral walk-through (its
# first question is whether anyone is in danger), not a passage that happens to share their words. Three
# things must all be there: an ask for what they themselves should do, a particular person, and a worry or
# a sign of radicalisation; a question put as "if someone..." or "when a..." asks about the process instead,
# and the knowledge base answers it. (Danger now is caught before routing: 999 comes first.)
CONCERN_ASK = re.compile(
    r"\b(?:what (?:should|do|can|shall|must) (?:i|we) do|what do (?:i|we) do (?:now|next|about)|what now"
    r"|who (?:should|do|can|shall) (?:i|we) (?:tell|inform|speak to|talk to|contact|call|ring|go to|report (?:it|this|"
    r"him|her|them) to)|how (?:do|should|can) (?:i|we) (?:report|refer|raise) (?:this|it|him|her|them)"
    r"|(?:should|do|can|must) (?:i|we) (?:need to |have to )?(?:refer|report) (?:him|her|them|this|it)"
    r"|is (?:this|that|it) (?:a |something )?(?:for )?(?:prevent|channel|a referral|referral|to refer)"
    r"|(?:should|do) (?:i|we) (?:need to )?(?:do|say) (?:something|anything))\b")
CONCERN_PERSON = re.compile(
    r"\b(?:my|our|a|an|one of (?:my|our)|this|that) (?:[a-z]+ )?(?:pupil|student|child|kid|young person|young man"
    r"|young woman|teenager|teen|boy|girl|lad|son|daughter|colleague|client|service user|tenant|resident|patient"
    r"|neighbour|friend|learner|customer|member of staff|man|woman|person|brother|sister|dad|mum|father|mother"
    r"|employee|mentee|nephew|niece|cousin|husband|wife|partner)s?\b"
    r"|\b(?:he|she)(?:'s| is| has| keeps| said| says| was| had| wants| told| talks| posted| shared)\b"
    r"|\b(?:someone|somebody)\b")
CONCERN_SIGN = re.compile(
    r"\b(?:worried|worry|worrying|concerned|concerning|uneasy|radicali[sz]\w*|extrem\w*|terroris\w*"
    r"|far[- ]right|jihad\w*|isis|daesh|nazis?|neo[- ]nazis?|propaganda|hateful|grooming|groomed)\b")
CONCERN_HYPOTHETICAL = re.compile(r"\b(?:if|when|whenever) (?:someone|somebody|a|an|the|they|staff|we|i|you|one)\b")
CONCERN_FELT = re.compile(
    r"\bi(?:'m| am) (?:really |very |a bit |quite |getting |so )?(?:worried|concerned)\b"
    r"|\bi(?:'ve| have) (?:got )?(?:a |some )?(?:real |serious |genuine )?(?:safeguarding )?(?:concerns?|worry|worries)"
    r" (?:about|over|regarding|for)\b")
CONCERN_BELIEF = re.compile(r"\bi (?:think|suspect|believe|fear|reckon)\b")
CONCERN_NAMED = re.compile(r"\bi(?:'ve| have) (?:got )?(?:a |some )?(?:prevent|radicalisation|extremism) "
                           r"(?:concern|worry)s?\b")
CONCERN_STATEMENT_WORDS = 25
"""A worry stated without asking what to do starts the walk-through only in a message this short: a longer one
sets the scene for a question of its own ("...my manager says I can't pass their details on: is that right?")."""


def is_concern(clean: str) -> bool:
    """Whether a normalised message voices a worry about someone and asks what to do about it, or says in the
    first person that the writer is worried about someone ("I'm worried my neighbour is being radicalised",
    "I think my student is being groomed by extremists", "I have a Prevent concern")."""
    if CONCERN_HYPOTHETICAL.search(clean):
        return False
    person, sign = CONCERN_PERSON.search(clean), CONCERN_SIGN.search(clean)
    if person and sign and CONCERN_ASK.search(clean):
        return True
    if len(clean.split()) > CONCERN_STATEMENT_WORDS:
        return False
    return bool(CONCERN_NAMED.search(clean) or (person and CONCERN_FELT.search(clean))
                or (person and sign and CONCERN_BELIEF.search(clean)))


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
    for command in COMMANDS:
        match = command.compiled.fullmatch(clean)
        if match:
            return Route(command.name, {k: v for k, v in match.groupdict().items() if v is not None})
    if len(clean.split()) <= FUZZY_MAX_WORDS:
        best = process.extractOne(clean, _PHRASES.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best:
            return Route(_PHRASES[best[0]])
    if is_concern(clean):
        return Route("referral", {"concern": "yes"})
    return Route("question", {"text": text.strip() if text else ""})
