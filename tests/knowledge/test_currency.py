"""Is the guidance current? The question is recognised in its many forms, answered from the front matter's
`current_guidance`, and other questions about what is current are left to the search."""

import shutil

import pytest

from knowledge.base import CURRENT_GUIDANCE_ID
from knowledge.corpus import check_corpus
from knowledge.currency import is_currency_question


@pytest.mark.parametrize("question", [
    "is the 2018 toolkit still current",
    "Is this guidance up to date?",
    "what's the latest prevent guidance",
    "has the toolkit been replaced",
    "are these documents out of date",
    "is there a newer version of the toolkit",
    "how old is this guidance",
    "which guidance should we follow",
    "are you using the latest guidance?",
    "is the prevent duty guidance still in force",
    "I'm auditing our policies and they cite the 2018 toolkit. Is that still the current version?",
    "is the toolkit from 2018 still current?",
    "does the 2018 toolkit still apply?",
    "is there an updated Prevent duty guidance?",
    "where can I find the latest prevent guidance",
    "are your sources up to date?",
    "is it out of date",
])
def test_asking_whether_the_guidance_is_current_is_recognised(question):
    assert is_currency_question(question)


@pytest.mark.parametrize("question", [
    "what is the current threat level",
    "what's our current referral process",
    "What changed in the revised Prevent duty guidance issued in 2023?",
    "is the CTLP up to date",
    "how often should the action plan be updated",
    "is it right to refer a child without consent",
    "what does the toolkit say about venue hire",
    "is that correct that channel is voluntary",
    "is it valid to refer without consent?",
    "what's the current guidance on venue hire",
    "what is the latest guidance on online radicalisation?",
    "which guidance should I follow for the referral form",
    "what does the current Prevent duty guidance say about risk assessments?",
    "has it been updated",
    "is this the latest version of the referral form?",
    "is the information up to date on the local contact list?",
])
def test_other_questions_about_what_is_current_are_searched(question):
    assert not is_currency_question(question)


def test_the_answer_lists_the_guidance_the_sources_name(kb):
    answer = kb.ask("is the 2018 toolkit still current?")
    assert answer.kind == "current" and answer.hits == ()
    titles = [g.title for g in kb.current_guidance]
    assert "Prevent duty guidance: England and Wales (2023)" in titles
    assert "Prevent duty toolkit for local authorities (2024)" in titles
    assert all(g.url.startswith("https://www.gov.uk/") and g.about for g in kb.current_guidance)
    assert kb.answers_to(CURRENT_GUIDANCE_ID)


def test_current_guidance_entries_are_validated(valid_dir, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(valid_dir, content)
    doc = next((content / "sources").glob("*.md"))
    text = doc.read_text(encoding="utf-8")
    broken = text.replace("---\n", "---\ncurrent_guidance:\n  - title: New guidance\n    url: http://example.org\n"
                          "  - url: https://example.org\n", 1)
    doc.write_text(broken, encoding="utf-8")
    errors = [e for e in check_corpus(content) if (e.field or "").startswith("current_guidance")]
    assert [e.field for e in errors] == ["current_guidance[1]", "current_guidance[2]"]
    assert "https://" in errors[0].message and "title" in errors[1].message


def test_an_empty_about_line_shows_nothing():
    from types import SimpleNamespace

    from knowledge.currency import current_guidance

    meta = {"current_guidance": [{"title": "X", "url": "https://x.example", "about": None}]}
    assert current_guidance((SimpleNamespace(meta=meta),))[0].about == ""
