"""Email addresses in a message: a team's mailbox, which staff quote when asking about it, or a person's.

Used by the personal data guard (`knowledge.personal_data`). A team's: one the content gives (the guidance's and the
local pathways' mailboxes), or one named only with a team's words ("prevent@...", "counter.extremism@..."), or, at a
domain only organisations have, with such words run together ("learninganddevelopment@leeds.gov.uk"). A person's:
any at a home or free mail provider, and any with a name in it ("j.smith@...", "daveadmin@...").
"""

import re
from collections.abc import Callable
from functools import cache

from knowledge import CONTENT_DIR
from knowledge.common_words import COMMON_WORDS

EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_MAILBOX_WORDS = frozenset(str.split("""
    prevent safeguarding mash enquiries enquiry referrals referral extremism counterextremism counter terrorism
    channel team info admin contact hello help helpdesk office reception duty hub lado dsl support services service
    noreply schools community safety cohesion
"""))
"""Words a team mailbox is named with ("prevent@...", "counter.extremism@..."): not a person's address."""
_WEBMAIL = frozenset(("gmail", "googlemail", "hotmail", "outlook", "live", "yahoo", "ymail", "icloud", "me", "aol",
                      "protonmail", "proton", "btinternet", "sky", "virginmedia", "talktalk", "mail", "gmx"))
"""Free and home mail providers: an address there is a person's, not a team's."""
_ORGANISATION_DOMAINS = (".gov.uk", ".nhs.uk", ".nhs.net", "@nhs.net", ".sch.uk", ".ac.uk", ".police.uk", ".org.uk",
                         ".gov", ".mod.uk", ".parliament.uk")
"""Domains only organisations have: there a mailbox of several words run together is a team's. At a home internet
provider or a mail service ("proudmumoftwo@ntlworld.com", "lonewolf@tuta.io") it is a person's."""
_JOINING = frozenset(("and", "of", "for"))
"""Short words a team's run-together mailbox may hold ("headofyear@", "learninganddevelopment@")."""


def team_mailbox(address: str, is_name: Callable[[str], bool]) -> bool:
    """Whether an address is a team's or a service's, not a person's (`is_name`: whether a word is a listed first
    name or surname)."""
    if address.lower() in public_mailboxes():
        return True
    local, domain = address.lower().split("@", 1)
    if domain.split(".")[0] in _WEBMAIL:
        return False  # "happy.days@hotmail.co.uk": a person's, whatever its words
    pieces = [p for p in re.split(r"[^a-z]+", local) if p]
    if not pieces or any(is_name(p) for p in pieces):
        return False
    if ("@" + domain).endswith(_ORGANISATION_DOMAINS):  # "learninganddevelopment@", "workforce.development@"
        return _words_of("".join(pieces), is_name)
    return all(len(p) > 2 and (p in _MAILBOX_WORDS or p in COMMON_WORDS) for p in pieces)


def _words_of(piece: str, is_name: Callable[[str], bool]) -> bool:
    """Whether part of a mailbox's name is a team's word, or several run together that a team would use: with a team's
    word among them ("youthservice") or three or more ("learninganddevelopment", "headofyear"), none of them a name.
    Not "jsmith" or "daveadmin" (a name), nor two everyday words that make a surname ("newman", "goodwin")."""
    if piece in _MAILBOX_WORDS or (len(piece) > 2 and piece in COMMON_WORDS and not is_name(piece)):
        return True

    def word(part: str) -> bool:
        return part in _JOINING or (len(part) > 2 and (part in _MAILBOX_WORDS or part in COMMON_WORDS)
                                    and not is_name(part))
    ways: dict[int, set[tuple[int, bool]]] = {0: {(0, False)}}  # where a run of words can end: (how many, a team's?)
    for end in range(1, len(piece) + 1):
        for start in range(max(0, end - 20), end - 1):
            part = piece[start:end]
            if start in ways and word(part):
                ways.setdefault(end, set()).update(
                    (min(count + 1, 3), team or part in _MAILBOX_WORDS) for count, team in ways[start])
    return any(team or count >= 3 for count, team in ways.get(len(piece), ()))


@cache
def public_mailboxes() -> frozenset[str]:
    """Every email address in the content files (knowledge/sources, the pathways and contacts), lower case."""
    files = [*CONTENT_DIR.glob("sources/*.md"), *CONTENT_DIR.glob("local/*.yaml"), *CONTENT_DIR.glob("*.yaml")]
    return frozenset(address.lower() for path in files for address in EMAIL.findall(path.read_text(encoding="utf-8")))
