"""How a message naming no danger word tells of a life in danger: as over, as handled, as a figure of speech.

The emergency guard (`knowledge.emergency`) asks its learned model about a message that names no danger concept
only when the message does not tell the danger as over or not real, and trusts a short message that names someone
just before an everyday peril word more than the model can. These are the phrasings, from the reviews of that path
(reviews 32 to 34 in tests/knowledge/emergency_reviews.yaml): told as settled, handled or over, turning to someone
else, figures of speech, told in a disclosure of a day gone by, a staff member's wish for advice, and the short
message naming someone (`said_of_someone`). And, for a danger the message tells as dealt with (an arrest, a weapon
taken off someone), what tells it as going on after all: more to come (`AGAIN`) or someone acting since (`ACTING`);
and the alarm typed in a few words, with nobody named (`terse_alarm`).
"""

import re

FINE_NOW = re.compile(r"\b(?:back in class|back at work|back to normal|on the news|(?:bbc|news) (?:says|reports))\b")
"""Told as over or as news, in a message with no danger word ("he's OK now and back in class"), unless danger follows.
("Fine now" alone is not enough: it may be someone else, "the teacher is fine now but the pupil is not breathing".)"""
STILL = re.compile(r"\bstill (?:has|have|got|carrying|carries|in|there|here|outside|at|planning|says|saying|talking"
                   r"|threatening|on fire|burning|bleeding)\b"
                   r"|\b(?:again|another|right now|currently|at the moment)\b"
                   r"|\b(?:he|she|they) (?:is|are) (?:in|at|outside|here|there|banging|waving|holding|pointing)\b"
                   r"|\b(?:he|she|they|man|woman|lad|boy|girl|pupil|student|client|tenant|resident|patient"
                   r"|someone|somebody|bloke|guy)\b(?: \w+){0,6} (?:is|are) (?:back |now )?(?:at|outside|inside|in)"
                   r" (?:the |our |a )?(?:school )?(?:gate|gates|reception|front door|foyer|car park|canteen"
                   r"|playground|waiting room|toilets)\b")
"""Something still going on, or here now, after a danger told as past ("he still has the knife", "he is back at the
gates"): the message is live again."""

SETTLED = re.compile(
    r"\b(?:settled|calmed down|calm now|fine now|ok now|okay now|all fine|all ok|all okay|all good|sorted now"
    r"|found each other|been found|playing again|come round|came round|sitting up|gone home|went home"
    r"|(?:got|talked|brought|coaxed) (?:him|her|them) (?:down|back in|inside)|(?:been|was|were|got) sent (?:out|home)"
    r"|(?:is|are|now) with (?:the |a |his |her |their |our )?(?:school )?(?:nurse|first aiders?|paramedics"
    r"|ambulance crew|police|crisis team|counsellor|doctor|gp|social worker|dsl|head of year|pastoral (?:lead|team)"
    r"|camhs)|in custody|been discharged|been admitted|(?:is|are) (?:now )?resting)\b")
"""Told as over, in a message naming no danger at all ("he kicked off over his dinner, he's settled now"): the
learned model is not asked. (Beside a danger word these are not enough: "the teacher is fine now but...".) Also
told as handled: someone brought down or sent out or home, with a nurse, the police, a crisis team (review 32:
"site team got him down and he's in the office" was 0.985 sure)."""

_DOUBTED = r"(?<!think )(?<!hope )(?<!sure )(?<!if )(?<!whether )(?<!know )(?<!check )(?<!pray )(?<!see )(?<!until )"
OVER_AFTER = re.compile(
    rf"\b(?:came round|come round|sitting up|{_DOUBTED}(?:he|she|they) (?:is|are) "
    r"(?:now |all |absolutely |totally |completely )?(?:ok|okay|fine|alright|all right|safe|grand|right as rain"
    r"|awake and (?:talking|chatting)|(?:feeling )?(?:much )?better)|fine now|ok now|okay now|alright now|all fine"
    r"|all ok|all okay|all good|no harm done|right as rain|(?:awake|conscious) and (?:talking|chatting)|back in class"
    r"|back to normal|back (?:playing|in lessons|at (?:his|her) desk)|gone home|went home|been discharged"
    r"|been admitted)\b")
"""Told as over after the peril word ("pulled under by a wave, teacher got him out straight away and he's ok"):
quiet however sure the model is, unless a peril word follows ("came round but now not responding again"). (Before
it, it may be someone else or earlier: "he was fine at lunch but now he's passed out".) Not hoped for or doubted
("i don't think she's ok", "hope he's ok"); told in more words too ("he's grand", "right as rain", "awake and
talking", "no harm done": review 34)."""
TURN_AFTER = re.compile(r"\b(?:but|however|although|though|another|again|still|brother|sister|baby|other)\b")
"""...nor when the message turns after it to someone else or to something more: "the child that was choking is ok
now but her little brother has swallowed a button battery and has gone floppy"."""

_CHORES = (r"(?:caseloads?|workload|work|paperwork|emails?|marking|admin|debts?|stress|referrals|meetings|deadlines?"
           r"|bills|reports)")
_ANSWERED = (r"(?:messages?|emails?|e mails?|texts?|letters?|requests?|referrals?|invites?|reminders|chasers?"
             r"|interventions?|offers? of support|plan|cream|medication)")
_BODY_AFTER = r"(?!.*\b(?:floor|collapsed|slumped|lying|breathing|blue|cold|pale|grey|unconscious|ground|moving)\b)"
_DEVICES = (r"(?:keypad|laptop|computer|pc|printer|server|wifi|network|teams|outlook|app|website|portal|smartboard"
            r"|projector|tablet|ipad|mouse|keyboard|intercom|buzzer|fob|card reader|screen)s?")
_SLEEP = (r"(?:asleep|nap|napping|nap time|naptime|snoring|bedtime|in bed|on the sofa|on the settee"
          r"|bless (?:him|her|them)|lol|finally|at last|knackered|exhausted|worn out|long day|big day)")
_BODY_WORSE = (r"(?!.*\b(?:breathing|breathe|wake|waking|woken|rouse|stir|responding|respond|responsive|moving|pulse"
               r"|blue|grey|pale|cold|lips|ambulance|999|help|floor|hospital|vomit|sick|fitting|seizure|overdose|tablets"
               r"|pills|drunk|drink|drugs)\b)")
PERIL_FIGURE = re.compile(
    r"\bblue in the face (?:arguing|shouting|telling|explaining|asking|saying|repeating|complaining|talking|moaning"
    r"|ringing|chasing|emailing|calling)\b|\b(?:till|until|til) (?:\w+ ){0,3}blue in the face\b"
    r"|\b(?:pulled under|going under|drowning|swept along) (?:by|with|in|under) (?:my |our |the |this |all the "
    rf"|all this |his |her |their )?(?:\w+ )?{_CHORES}\b"
    r"|\b(?:deadlines?|work|workload|caseload|ofsted|inspection|budget|debts?|stress|anxiety|job|paperwork|marking"
    r"|admin|this week|this term) (?:\w+ ){0,2}(?:me|us) by the throat\b"
    r"|\b(?:not responding|will not respond) to (?:any |all )?(?:of )?(?:my |our |the |his |her |their |your )?"
    rf"(?:\w+ )?{_ANSWERED}\b{_BODY_AFTER}"
    rf"|\b{_DEVICES} (?:(?:is|are|has|keeps|still|just|completely|totally) ){{0,2}}"
    r"(?:not responding|will not respond)\b"
    r"|\b(?:i am|i feel like i am|i have been|we are|we have been|we all are|(?:the )?team (?:is|are)|everyone is"
    r"|staff are)(?: (?:literally|actually|honestly|just|all|completely|slowly|so|totally|being|getting))*"
    r" (?:drowning|going under|gone under|sinking|pulled under|swept along)\b"
    r"(?!.*\b(?:water|river|sea|canal|pool|lake|reservoir|current|waves|tide|quarry|pond|boat|swimming)\b)"
    r"|\bchok(?:ing|ed|es) (?:up|back)\b|\bchok(?:ing|ed) (?:again )?(?:at|in|on) (?:the )?(?:penalties|pens|finals?"
    r"|exams?|interviews?|the big moment|free throws|the line)\b"
    rf"|^(?=.*\b{_SLEEP}\b){_BODY_WORSE}.*\b(?:passed out|unconscious|gone floppy|went floppy|gone limp|went limp)\b")
"""A peril word in a figure of speech ("blue in the face arguing with the ref", "pulled under by my caseload",
"the deadline has got me by the throat"), or an everyday one: a parent not responding to emails, a pupil to a
behaviour plan (unless a body follows: "...his neighbour says he's on the floor"), a laptop not responding: not a
life in danger (review 33); staff saying they or their team are drowning or going under, with no water named
(review 34: "my caseload has gone through the roof, i'm literally going under"). Nor choking up or back, or at
penalties; nor passed out, unconscious, floppy or limp told as asleep ("she's gone floppy in my arms, asleep at
last"), with nothing about breathing, waking, colour, drink or drugs (review 34)."""

TOLD_DAY = re.compile(r"\b(?:disclosed|disclosure|told (?:me|us|her|him|staff|the \w+)|reported)\b"
                       r"(?: \w+){1,12} (?:at the weekend|over the weekend|on (?:monday|tuesday|wednesday|thursday"
                       r"|friday|saturday|sunday)|(?:at|over) (?:new year|christmas|easter|half term))\b")
"""A peril told in a disclosure or report as on a day gone by ("child disclosed dad grabbed her by the throat at the
weekend"): told after the event, as `lately` is, on the `peril` path only, unless it goes on (`STILL_NOW`; someone
"in school now" is safe, not still there as in `_STILL`) (review 34)."""
STILL_NOW = re.compile(r"\b(?:still|again|right now|at the moment|currently|as we speak)\b")

_SOMEONE = re.compile(r"\b(?:he|she|they|someone|somebody|pupil|student|child|kid|baby|toddler|boy|girl|lad|man|woman"
                      r"|tenant|resident|client|patient|colleague|teacher|mum|dad|nan|grandad|learner|young person"
                      r"|service user|(?:mr|mrs|miss|ms) \w+|(?:year|yr) \d+)(?: (?:in|on|at) (?:the )?\w+(?: \d+)?)?"
                      r"(?: (?:is|are|has|have|just|now|suddenly|been))*$")
SHORT = 9
"""A message of at most this many words that names someone and then a peril word ("pupil in 9B choking", "mr smith
having a seizure", "the tenant gone floppy"): the model is asked about too few words to know (review 34: "year"
alone weighs it down: "year 4 choking on a sweet" 0.03), so the peril word says it."""
_PLACE_AFTER = re.compile(r"(?: (?:on|in|at|by|near|outside|under|behind|and|now|help|please|pls|quick|urgent)\b.*)?$")
_TRANSITIVE = frozenset(("snatched", "kidnapped", "abducted", "went under", "gone under", "going under"))


def said_of_someone(said: str, peril: re.Match[str] | None) -> bool:
    """A short message that names someone just before its peril word, and after it at most where or what ("on a
    sweet", "in the canteen", "and going blue"): not "floppy with laughter", "passed out of cadets", nor a peril word
    that takes an object or reason ("snatched my sandwich", "went under for his knee op")."""
    if peril is None or len(said.split()) > SHORT or peril.group(0) in _TRANSITIVE:
        return False
    return _SOMEONE.search(said[:peril.start()].rstrip()) is not None and _PLACE_AFTER.match(said, peril.end())



AMBULANCE = re.compile(r"(?<!do )(?<!does )(?<!did )(?<!should )(?<!would )(?<!if )\b(?:we|i) (?:need|want)"
                       r" (?:an |the )?ambulance\b|\b(?:send|get) (?:us |me )?(?:an |the )?ambulance\b"
                       r"|\bambulance (?:now|asap|quick|quickly|urgently|needed|please)\b")
"""A staff member saying they need an ambulance, beside a peril word ("he's lost a lot of blood, we need an
ambulance", "send an ambulance"): a life in danger whatever the model makes of the rest (review 35). Not asked ("do
we need an ambulance?"), denied ("we do not need an ambulance") or advised ("if someone is bleeding heavily, call an
ambulance"); nor "please help" alone ("weeds are choking the pond, please help")."""

STAFF_WISH = re.compile(r"\b(?:wants?|wanted|would like|needs?|asking for|planning|plans?) (?:to )?(?:some |a |an )?"
                         r"(?:advice|talk|discuss|meet|meeting|refer|referral|support|support plan|know|speak|chat"
                         r"|check in|arrange|review|record|log|book|a word|signpost|help with)\b")
"""What the asker or a colleague wants ("housing officer wants to talk about a support plan", "wants advice on a DV
referral"): not an intent that keeps something told as past going (review 34)."""

AGAIN = re.compile(r"\b(?:will|going to|about to|plans? to|planning to|coming back|come back|on (?:his|her|their) way"
                   r"|heading|another|second|spare|the other|others|friend|friends|brother|mates|trapped|stuck"
                   r"|who did (?:it|this)|attackers?|shooter|gunman"
                   r"|(?:the|his|her|their|that|same|rival) gang"
                   r" (?:is|are|has|have|still|waiting|looking|outside|coming|back)"
                   r"|(?<!mum is )(?<!dad is )(?<!mum was )(?<!dad was )(?<!parents are )(?<!carer is )(?<!taxi is )"
                   r"waiting (?:outside|for (?:him|her|them))"
                   r"|looking for (?:him|her|them)|found out where)\b")
"""Something more to come after a danger dealt with: "one was arrested but the other ran off with the gun"."""
ACTING = re.compile(r"\b(?:he|she|they) (?:has|have|is|are|just|now|then) (?:just |now |also |since )?"
                    r"(?!(?:left|gone home|calmed|apologised|been|settled|fine|safe|ok|okay|home|back|for|a|an|the"
                    r"|recovering|resting|sleeping|settling|calming|doing|feeling|coping|improving|engaging|attending"
                    r"|working|living|studying|volunteering|not|no|in recovery|with|now|just|also|since)\b)\w+")
"""Someone doing something after the danger was dealt with ("the knife was confiscated, he has taken one from the
food tech room"), unless it is that they left, calmed down or are safe."""


_TERSE_WORDS = 6
_TERSE_EVENT = (r"(?:gunman|gunmen|knifeman|knifemen|shooter|shooting|shots|gunshots?|gun shots|gunfire|stabbing"
                r"|stabbed|explosion|explosions|acid attack)")
_TERSE_OBJECT = r"(?:knife|knives|blade|machete|gun|guns|bomb|device|acid|firearm|firearms)"
_TERSE_DANGER = re.compile(rf"\b(?:{_TERSE_EVENT}|{_TERSE_OBJECT})\b")
_TERSE_ALARM = r"(?:help|urgent|emergency|sos|lockdown|call 999|999|call police)"
"""Words that raise an alarm whatever follows ("urgent", "help", "999")."""
_TERSE_CALL = (rf"(?:{_TERSE_ALARM}|please|quick|asap|now|right now|hi|hello|hey|omg|oh my god|oh god|god|guys"
               r"|everyone|all)")
"""Words of an alarm or an opener around the danger that say nothing of what it is ("please", "omg", "hi")."""
_TERSE_LEAD = re.compile(rf"^(?:{_TERSE_CALL} )*"
                         rf"(?:there (?:is|are) |(?:i |we )?(?:can |could )?(?:hear|hearing|heard) )?"
                         rf"(?:(?:a|an|the|some|active) )?"
                         rf"(?:(?:boy|girl|man|woman|lad|pupil|student|child|kid|someone|somebody|teacher|resident"
                         rf"|patient|tenant|colleague|guy|he|she) (?:has been |been |is |got )?(?=stabbed\b))?"
                         rf"(?={_TERSE_DANGER.pattern})")
"""Nothing but the words of an alarm or an opener, an article or "active" before the danger ("urgent knife on site",
"active shooter", "boy stabbed outside", "omg gunshots outside"): not a knife or a shooting someone names as a thing
of theirs ("bread knife", "mower blade", "photographer shooting", "back stabbing", "acid" in "citric acid"). A
question starts with other words, so it is not one."""
_TERSE_PLACE = (r"(?:(?:in|at|near|nr|outside|by|on|into) (?:the |our |a |class |room |ward |block )?\w+|outside|here"
                r"|(?:class|room|ward|block) (?:\d+\w*|[a-z])\b)")
_TERSE_NOW = r"(?:now|right now|here|active|live|everywhere)"
_TERSE_HERE = re.compile(rf"\b{_TERSE_DANGER.pattern} (?:(?:fired|thrown|going off|heard|fight) )?"
                         rf"(?:{_TERSE_PLACE}|{_TERSE_NOW}|fired)\b|\b{_TERSE_DANGER.pattern}(?: \w+)? {_TERSE_NOW}$"
                         rf"|\bactive (?:shooter|gunman|shooting)\b|^{_TERSE_ALARM}\b|\bhelp$")
"""Where, or that it is now, straight after the danger ("stabbing at the front desk", "shots fired", "knife.
reception. now"): not a place some words later ("shooting the promo in the hall", "acid reflux at night")."""
_TERSE_LIVE_THING = re.compile(rf"\b{_TERSE_OBJECT}\b(?: \w+)* (?:now|right now|active|live|fired|thrown|fight)\b"
                               rf"|^{_TERSE_ALARM}\b|\bhelp$|\b(?:class|room|ward|block) (?:\d+\w*|[a-z])\b")
"""A thing (a knife, a gun, a bomb) is an alarm now, with help called for or in a numbered room ("gun in class 4",
"gun. room 12.", "knife at st mary's now"); a thing somewhere is otherwise where it is kept ("knife in the cutlery
drawer", "knife in the drawer here")."""
_TERSE_NOT_LIVE = re.compile(
    r"\b(?:knife|knives|gun|guns|bomb|bombs|shooting|stabbing|stabbings|shootings|explosion|explosive|weapon|weapons)"
    r"(?: (?!in\b|at\b|on\b|near\b|by\b|outside\b|into\b)\w+)? (?:crime|crimes|skills|awareness|amnesty|safety|policy"
    r"|policies|training|workshop|workshops|lesson|lessons|talk|talks|course|drill|drills|arch|arches|wand|block|set"
    r"|emoji|emojis|video|videos|game|games|film|poster|posters|scene|range|club|practice|season|competition|pain"
    r"|pains|star|hot|proof|control|question|questions)\b"
    r"|\bin (?:popularity|numbers|referrals|demand|interest|sales|growth|costs?)\b"
    r"|\bacid (?:reflux|test|rain|house|jazz|trip|bath|(?:in|at) (?:the )?(?:room|lab|labs|cupboard|prep|store))\b"
    r"|\bstabbing (?:in|at) (?:my|his|her|their|the) (?:chest|side|back|stomach|tummy|head|leg|arm|eye|ear)\b"
    r"|\bshooting (?:at|in|on|for) (?:the )?(?:goal|goals|hoop|hoops|net|netball|basketball|football|target|targets"
    r"|practice)\b"
    rf"|\b(?:water|nerf|toy|paintball|laser|glitter|bath|photo|photos|flu|clay)(?: \w+)? {_TERSE_DANGER.pattern}")
_TERSE_UNCOUNTED = re.compile(rf"^(?:{_TERSE_CALL} )*(?:there (?:is|are) )?|(?: {_TERSE_CALL})+$")


def terse_alarm(said: str) -> bool:
    """An alarm typed in a few words, with nobody named: a weapon, a shooting, a stabbing or an explosion and where or
    that it is now ("stabbing at the front desk", "gunshots outside", "knife. reception. now", "active shooter");
    not the words of a topic, a game or a figure ("knife crime workshop", "nerf gun war in the hall", "explosion in
    popularity", "shooting at the goal"). The danger comes first, after nothing but the words of an alarm or an
    opener, and where or now straight after it; a thing (a knife, a blade, a gun, acid) is an alarm with "now", a call
    for help or a numbered class or ward, not just a place. Alarm words and openers ("please help", "urgent", "omg")
    do not count to the six. The caller still turns away the past, hypotheticals, jokes and exercises."""
    if len(said) > _TERSE_CHARS:
        return False  # too long to be one, however many alarm words it holds (and the patterns stay quick)
    core = _TERSE_UNCOUNTED.sub("", said)
    found = _TERSE_LEAD.match(said)
    if found is None or len(core.split()) > _TERSE_WORDS or _TERSE_HERE.search(said) is None \
            or _TERSE_NOT_LIVE.search(said) is not None:
        return False
    first = _TERSE_DANGER.match(said, found.end())
    return re.fullmatch(_TERSE_OBJECT, first.group(0)) is None or _TERSE_LIVE_THING.search(said) is not None


_TERSE_CHARS = 160
"""No alarm of six words and some alarm words runs longer than this."""


EXPLAINED = re.compile(r"\b(?<!not )(?:only|just|it is|it was|turned out to be)(?: a| the| some)? (?:fireworks?"
                       r"|bangers?|backfir\w*|a car backfiring|starting pistol|starter pistol|balloons?)\b")
"""A bang or a shot explained as harmless ("explosion outside - only fireworks", "shots fired - just the starting
pistol"; not "not just fireworks"): not a terse alarm."""


def explained(said: str) -> bool:
    """A terse alarm told as over or as harmless ("all fine now", "explosion outside - only fireworks")."""
    return SETTLED.search(said) is not None or EXPLAINED.search(said) is not None
