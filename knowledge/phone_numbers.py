"""Phone and NHS numbers in a message, for the personal data guard (`knowledge.personal_data`).

- A UK phone number (10 or 11 digits, "+44" and "0044" read as "0") is a person's unless it is a national contact
  the content gives, a freephone or non-geographic number, or a landline given as an organisation's: a switchboard's, a
  reception's, a team's or a helpline's, named just before it with no person's word in the words before ("ring the
  emergency duty team on 0161 ..."). A mobile is a person's whoever gives it ("the office gave me her mobile").
- An NHS number is ten digits whose modulus 11 check digit is right.
Each finder returns (kind, start, end) spans.
"""

import re
from collections.abc import Iterable
from functools import cache

from knowledge.areas import load_national

Span = tuple[str, int, int]

_DIGITS = re.compile(r"(?<![\d+])(?:\+44\s?\(?0?\)?|0044\s?\(?0?\)?|0)[\d\s()-]{8,13}\d(?!\d)")
_NHS = re.compile(r"(?<!\d)(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
_FREEPHONE = re.compile(r"0(?:800|808|500|3\d\d|84\d|87\d)")
"""Freephone, national and non-geographic numbers: organisations' lines, not a person's."""
_LINE_BEFORE = re.compile(r"\b(?:switchboard|reception|helpline|hotline|team|desk|hub|mash|office|centre|center|council"
                          r"|department|unit|front door|line|services?|surgery|ctp|edt|out of hours|duty)(?:'s)?"
                          r"(?:[,:]? (?!from\b)\w+){0,3}?"
                          r"[\s:,(-]*$")
"""An organisation's line named just before its number: at most three words between ("the duty team on", "reception's
number is", "the team on (0113) ..."), and not "from" ("rang the hub from 01...": the caller's)."""
_PERSONAL_LINE = re.compile(r"\b(?:he|him|his|she|her|hers|their|hes|shes|he's|she's|son|daughter|child|boy|girl|lad"
                            r"|man|woman|lady|person|young person|service user|famil(?:y|ies)(?! hub| support| services"
                            r"| centre| information)|cousin|nephew|niece|neighbour|friend|ex|caller|grand\w*"
                            r"|\w*(?:mum|mam|dad)\w*|mother|father|parents?(?! helpline| line| advice| partnership"
                            r"| support)|carers?|clients?|pupils?|students?(?! services| support| union| hub)|tenants?"
                            r"|patients?(?! advice)|mobile|personal|home(?! office| options| start)|nan|gran|sister"
                            r"|brother|partner|wife|husband|uncle|aunt|auntie|boyfriend|girlfriend)\b")
"""A person's word before a number: the number is someone's ("his dad works at the council, his mobile is ..."), not
the organisation's. Not a service named with one ("the Home Office Prevent team", "the Family Hub", "the parent
helpline", "student services")."""
_LINE_REACH = 60
"""How far before a number its owner is looked for (characters)."""


def phone_and_nhs_numbers(text: str) -> Iterable[Span]:
    """Personal phone numbers and valid NHS numbers in a message."""
    for match in _DIGITS.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if digits.startswith(("44", "0044")):
            digits = "0" + digits.removeprefix("00")[2:].removeprefix("0")
        if len(digits) in (10, 11) and digits not in public_numbers() and not _FREEPHONE.match(digits) \
                and not _organisation_line(text, match.start(), match.end(), digits):
            yield "phone", match.start(), match.end()
    for match in _NHS.finditer(text):
        digits = "".join(match.groups())
        if digits[0] != "0" and nhs_checksum_ok(digits):
            yield "nhs_number", match.start(), match.end()


def _organisation_line(text: str, start: int, end: int, digits: str) -> bool:
    """A landline named as an organisation's just before it, with no person's word before it, nor a person named as
    its owner just after it ("Out of hours contact is 0161 ... (grandma's landline)", "EDT: 0161 ... - that's the
    family home"; not "... 0161 ..., parents can ring it", "... the team will call the family back")."""
    if not digits.startswith(("01", "02")):
        return False
    before = text[max(0, start - _LINE_REACH):start].lower().replace("’", "'")
    after = _SENTENCE_END.split(text[end:end + _LINE_REACH].lower().replace("’", "'"), maxsplit=1)[0]
    return _LINE_BEFORE.search(before) is not None and _PERSONAL_LINE.search(before) is None \
        and not any(_OWNED.match(after, word.end()) or _OWNER_BEFORE.search(after, 0, word.start())
                    for word in _PERSONAL_LINE.finditer(after))


_SENTENCE_END = re.compile(r"[.!?\n]")
_OWNED = re.compile(r"(?:'s|')?\s*(?:home|landline|house|number|phone|flat)\b")
_OWNER_BEFORE = re.compile(r"\b(?:belongs to|of) (?:the |a |his |her |their )?$")
"""After a number, a person named as the line's owner: "grandma's landline", "the family home", "the home landline
of the young person", "belongs to the aunt"."""


@cache
def public_numbers() -> frozenset[str]:
    """Digits of every national contact number (not personal data)."""
    numbers = set()
    for contact in load_national().contacts:
        for number in (contact.phone, contact.textphone):
            if number:
                numbers.add(re.sub(r"\D", "", number))
    return frozenset(numbers)


def nhs_checksum_ok(digits: str) -> bool:
    """True when a 10-digit NHS number's modulus 11 check digit is right."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9]))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])
