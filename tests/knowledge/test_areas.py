"""Tests for knowledge.areas: the shipped example loads, and broken content names the file and field."""

from pathlib import Path

import pytest

from knowledge.areas import SHIPPED_LOCAL_DIR, check_areas, load_areas
from knowledge.errors import InvalidContent

FIXTURES = Path(__file__).parent / "fixtures" / "areas"


@pytest.fixture(scope="module")
def areas():
    return load_areas()


def test_shipped_example_is_valid():
    assert check_areas() == []
    assert check_areas(SHIPPED_LOCAL_DIR) == []


def test_example_is_two_tier_and_chosen_automatically(areas):
    borough = areas.get("example-borough")
    assert borough.parent == "example-county"
    assert areas.is_example("example-borough")
    assert areas.only_area() is borough
    assert [a.id for a in areas.selectable()] == ["example-borough"]


def test_contacts_resolve_through_parent_and_national(areas):
    assert areas.contact("example-borough", "borough-prevent-lead").area == "example-borough"
    assert areas.contact("example-borough", "county-mash").area == "example-county"
    assert areas.contact("example-borough", "emergency").phone == "999"
    with pytest.raises(KeyError):
        areas.contact("example-borough", "nobody")


def test_example_contacts_use_drama_numbers_and_example_org(areas):
    for area in areas.areas.values():
        for contact in area.contacts:
            digits = "".join(ch for ch in contact.phone or "" if ch.isdigit())
            assert digits in ("101", "") or digits.startswith("01632960"), contact.id
            assert contact.email is None or contact.email.endswith("@example.org")


@pytest.mark.parametrize(("contact_id", "phone"), [
    ("emergency", "999"),
    ("police-101", "101"),
    ("anti-terrorist-hotline", "0800 789 321"),
    ("act-early-support", "0800 011 3764"),
])
def test_national_contacts(areas, contact_id, phone):
    contact = areas.national_contact(contact_id)
    assert contact.phone == phone
    assert contact.reviewed is not None


def test_national_online_reporting_and_textphone(areas):
    assert areas.national_contact("act-online").web_form == "https://www.gov.uk/ACT"
    assert areas.national_contact("police-101").textphone == "18001 101"
    assert areas.national.review_by is not None


@pytest.mark.parametrize(("text", "expected"), [
    ("Example Borough Council", "example-borough"),
    ("example boro", "example-borough"),
    ("EBC", "example-borough"),
    ("exampel borough", "example-borough"),
    ("Manchester", None),
])
def test_find_area(areas, text, expected):
    found = areas.find_area(text)
    assert (found.id if found else None) == expected


def test_content_version_is_stable_and_per_area(areas):
    again = load_areas()
    assert again.content_version("example-borough") == areas.content_version("example-borough")
    assert areas.content_version("example-borough") != areas.content_version("example-county")


def test_content_version_changes_with_the_file(tmp_path, areas):
    for path in SHIPPED_LOCAL_DIR.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text())
    edited = tmp_path / "example-borough.yaml"
    edited.write_text(edited.read_text().replace("Does the concern remain?", "Is the concern still there?"))
    assert load_areas(tmp_path).content_version("example-borough") != areas.content_version("example-borough")


def test_valid_fixture_loads_with_its_own_folder():
    areas = load_areas(FIXTURES / "valid")
    assert list(areas.areas) == ["testshire"]
    assert not areas.is_example("testshire")


@pytest.mark.parametrize(("case", "field", "message"), [
    ("unknown_next", "pathway.steps.gate.options[1].next", "unknown next step 'finish'"),
    ("unreachable", "pathway.steps.orphan", "cannot be reached"),
    ("cycle", "pathway.steps.gate", "loops: gate -> again -> gate"),
    ("outcome_without_contact", "pathway.steps.done.contacts", "needs at least one contact"),
    ("bad_phone", "contacts[0].phone", "not a UK phone number"),
    ("bad_hours", "contacts[0].hours.mon-fri", "not a range"),
    ("unknown_contact", "pathway.steps.done.contacts[0]", "unknown contact id 'testshire-duty-desk'"),
    ("unknown_when_closed", "contacts[0].when_closed", "unknown contact id 'night-desk'"),
    ("unknown_parent", "parent", "unknown parent area"),
    ("example_with_real_number", "contacts[0].phone", "Ofcom drama numbers"),
    ("after_referral_not_outcome", "pathway.after_referral", "must name an outcome step"),
])
def test_broken_content_names_file_and_field(case, field, message):
    errors = check_areas(FIXTURES / case)
    assert errors, case
    matching = [e for e in errors if e.field == field and message in e.message]
    assert matching, [str(e) for e in errors]
    assert Path(matching[0].path).name == "testshire.yaml"
    assert "testshire.yaml" in str(matching[0]) and field in str(matching[0])
    with pytest.raises(InvalidContent):
        load_areas(FIXTURES / case)


def test_missing_folder_is_an_error(tmp_path):
    errors = check_areas(tmp_path / "nowhere")
    assert errors and errors[0].field == "local_dir"


def test_empty_folder_is_an_error(tmp_path):
    assert any("no area files" in e.message for e in check_areas(tmp_path))


def test_yaml_syntax_error_names_the_line(tmp_path):
    (tmp_path / "broken.yaml").write_text("id: broken\nname: [unclosed\n")
    errors = check_areas(tmp_path)
    assert any(Path(e.path).name == "broken.yaml" and e.line for e in errors)


def test_a_district_without_a_pathway_uses_its_parents(tmp_path):
    source = (FIXTURES / "valid" / "testshire.yaml").read_text()
    (tmp_path / "testshire.yaml").write_text(source)
    (tmp_path / "testville.yaml").write_text(
        "id: testville\nname: Testville District Council\nversion: 1\nreviewed: 2026-01-01\nparent: testshire\n")
    areas = load_areas(tmp_path)
    assert areas.pathway_for("testville") is areas.pathway_for("testshire")
    assert areas.key_contacts("testville")[0].id == "testshire-team"
    assert areas.find_area("testville").id == "testville"
