"""Which national contact a short message asks for by name (knowledge.contact_names) and the names' validation."""

import pytest

from knowledge.areas import check_areas, load_national
from knowledge.contact_names import national_names


@pytest.mark.parametrize(("text", "contact"), [
    ("What's the number for the anti-terrorist hotline?", "anti-terrorist-hotline"),
    ("how do i contact the anti terrorism hotline", "anti-terrorist-hotline"),
    ("act early number", "act-early-support"),  # the longest name wins: "act early", not "act hotline"
    ("101", "police-101"),
    ("link to gov.uk/act please", "act-online"),
    ("pls can you give me the terror hotline number", "anti-terrorist-hotline"),
])
def test_asked_for(text, contact):
    found = national_names().asked(text)
    assert found is not None and found.id == contact


@pytest.mark.parametrize("text", [
    "when should I use the anti-terrorist hotline rather than a referral?",  # more than asking: a question
    "what does act early do",  # asks what it is, not how to reach it
    "what is act",  # no contact's name
    "the anti-terrorist hotline number " + "please " * 12,  # too long to be only asking
    "",
])
def test_not_asked_for(text):
    assert national_names().asked(text) is None


def test_names_must_be_lower_case_and_short(tmp_path):
    national = (load_national().path).read_text(encoding="utf-8")
    broken = national.replace("names: [anti terrorist hotline,", "names: [Anti Terrorist Hotline,", 1)
    assert broken != national
    (tmp_path / "national.yaml").write_text(broken, encoding="utf-8")
    import knowledge.areas as areas

    original = areas.NATIONAL_FILE
    try:
        areas.NATIONAL_FILE = tmp_path / "national.yaml"
        errors = check_areas()
    finally:
        areas.NATIONAL_FILE = original
    assert [e.field for e in errors] == ["contacts[2].names"]
