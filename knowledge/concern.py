"""A worry about someone: messages that should start the referral walk-through rather than get a passage.

A worried member of staff rarely types "referral". They describe someone ("one of our year 10s has been
drawing swastikas and saying Hitler was right") and perhaps ask what to do; the knowledge base would answer
with whatever passage shares their words, or say it has nothing, which reads as "not a Prevent matter". The
walk-through asks first whether anyone is in danger, then who the concern is about, and gives the route and
who to talk to now. Danger now is caught earlier by the emergency guard (999 first); this runs after it.

`is_concern` takes the router's normalised text (lower case, straight quotes). A message is a concern when it
is not put as a general question ("if someone...", "in the case study...") and either
- names a particular person, shows a sign of radicalisation, and asks what the writer should do or whether it
  is a Prevent matter (any length); or, in a message of at most STATEMENT_WORDS words,
- says the writer has a Prevent concern, or is worried about someone and names a sign ("I'm worried my
  neighbour is being radicalised"; with no sign, only in a message of at most BARE_WORDS words), or
- describes a particular person doing or saying something that is a sign ("the boy I mentor keeps saying he
  wants to join Britain First", "I think my student is being groomed by extremists").
A longer message without an ask sets the scene for a question of its own, which the knowledge base answers.
"""

import re

ASK = re.compile(
    r"\b(?:what (?:should|do|can|shall|must) (?:i|we) do|what do (?:i|we) do (?:now|next|about)|what now"
    r"|(?:not sure|unsure|don'?t know|no idea) what to do"
    r"|who (?:should|do|can|shall) (?:i|we) (?:tell|inform|speak to|talk to|contact|call|ring|go to|report (?:it|this|"
    r"him|her|them) to)|how (?:do|should|can) (?:i|we) (?:report|refer|raise) (?:this|it|him|her|them)"
    r"|(?:should|do|can|must) (?:i|we) (?:need to |have to )?(?:refer|report) (?:him|her|them|this|it)"
    r"|(?:is|would) (?:this|that|it) (?:be |count as )?(?:a |something )?(?:for )?(?:prevent|channel|a referral"
    r"|referral|to refer)|(?:should|do) (?:i|we) (?:need to )?(?:do|say) (?:something|anything))\b")
PERSON = re.compile(
    r"\b(?:my|our|a|an|the|one of (?:my|our|the)|this|that) (?:[a-z0-9]+ )?(?:pupil|student|child|kid|young person"
    r"|young man|young woman|teenager|teen|boy|girl|lad|son|daughter|colleague|client|service user|tenant|resident"
    r"|patient|neighbour|friend|learner|customer|member of staff|man|woman|person|brother|sister|dad|mum|father"
    r"|mother|employee|mentee|nephew|niece|cousin|husband|wife|partner|year \d+|yr \d+|year \d+s|youth)s?\b"
    r"|\b(?:he|she|hes|shes)\b|\b(?:someone|somebody)\b")
SIGN = re.compile(
    r"\b(?:radicali[sz]\w*|extrem\w*|terroris\w*|far[- ]right|jihad\w*|isis|daesh|al[- ]qaeda|taliban|nazis?"
    r"|neo[- ]nazis?|swastikas?|hitler|propaganda|hateful|grooming|groomed|martyr\w*|caliphate|infidels?|kuffar"
    r"|beheading\w*|race war|great replacement|white power|britain first|national action|shoot up|blow up"
    r"|bombs?|bombing)\b")
WORRIED = re.compile(
    r"\bi(?:'?m| am) (?:really |very |a bit |quite |getting |so )?(?:worried|concerned)\b"
    r"|\bi(?:'ve| have) (?:got )?(?:a |some )?(?:real |serious |genuine )?(?:safeguarding )?(?:concerns?|worry|worries)"
    r" (?:about|over|regarding|for)\b")
NAMED = re.compile(r"\bi(?:'ve| have) (?:got )?(?:a |some )?(?:prevent|radicalisation|extremism) (?:concern|worry)s?\b")
BELIEF = re.compile(r"\bi (?:think|suspect|believe|fear|reckon)\b")
DOING = re.compile(
    r"\b(?:keeps|kept|has been|have been|started|starting|is|was) (?:\w+ )?(?:saying|posting|sharing|watching"
    r"|drawing|talking|showing|wearing|reading|looking at|searching|sending|following|being)\b"
    r"|\b(?:wants to|wanted to|threatened|told me|tells me|(?:said|says) (?:he|she|that he|that she))\b")
GENERAL = re.compile(r"\b(?:if|when|whenever) (?:someone|somebody|a|an|the|they|staff|we|i|you|one)\b"
                     r"|\b(?:case stud\w+|toolkit|guidance|the example|benchmark|section \d)"
                     r"|\b(?:venue|speakers?|hire|hiring|book(?:s|ed|ing)? (?:our|the|a))\b"
                     r"|\b(?:(?:warning )?signs?|indicators?|is (?:he|she|that|this|it) right)\b"
                     r"|\bhow (?:do|can|would|should) (?:i|we|you|staff|people) (?:know|tell|spot|recogni[sz]e"
                     r"|identify)\b")
"""A general question ("what are the signs someone is being radicalised", "how can staff spot..."), or a booking:
venue hire has its own guidance (section 8). The knowledge base answers these."""
STATEMENT_WORDS = 40
BARE_WORDS = 12
"""A worry about someone with no sign of radicalisation in it ("I have a concern about a young person") is
taken as a concern only in a message this short: in a longer one the worry is often of another kind ("...is
being used to run drugs for a county lines gang"), which the knowledge base and its routes answer."""


def is_concern(clean: str) -> bool:
    """Whether a normalised message voices a worry about someone (see the module's description)."""
    sign = SIGN.search(clean)
    if not sign and "worr" not in clean and "concern" not in clean:
        return False  # every way in needs a sign or a worry: most questions stop here
    if GENERAL.search(clean):
        return False
    person = PERSON.search(clean)
    if person and sign and ASK.search(clean):
        return True
    if len(clean.split()) > STATEMENT_WORDS:
        return False
    if NAMED.search(clean) or (WORRIED.search(clean) and person and (sign or len(clean.split()) <= BARE_WORDS)):
        return True
    return bool(person and sign and (BELIEF.search(clean) or DOING.search(clean)))
