"""Tests for knowledge.mailboxes: a team's mailbox, which staff quote, against a person's address."""

import pytest

from knowledge.mailboxes import team_mailbox


def _no_name(word: str) -> bool:
    return word in {"smith", "dave", "andy"}


@pytest.mark.parametrize(("address", "team"), [
    ("prevent@leeds.gov.uk", True),
    ("counter.extremism@leeds.gov.uk", True),
    ("headofyear@school.sch.uk", True),  # three words run together, at a school's domain
    ("learninganddevelopment@leeds.gov.uk", True),
    ("workforce.development@leeds.gov.uk", True),
    ("youthservice@leeds.gov.uk", True),  # a team's word among two
    ("newman@leeds.gov.uk", False),  # two everyday words that make a surname
    ("goodwin@leeds.gov.uk", False),
    ("jsmith@leeds.gov.uk", False),
    ("daveadmin@leeds.gov.uk", False),
    ("and@leeds.gov.uk", False),
    ("learninganddevelopment@fakenhs.net", False),  # not an organisation's domain: run-together words are a person's
    ("proudmumoftwo@ntlworld.com", False),
    ("happy.days@hotmail.co.uk", False),  # a free mail provider
])
def test_team_mailboxes_and_personal_addresses(address, team):
    assert team_mailbox(address, _no_name) is team
