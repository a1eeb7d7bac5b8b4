"""Content validation: the shipped sources, glossary and alternates, and errors on broken fixtures."""

import re
from pathlib import Path

import pytest

from knowledge import CONTENT_DIR
from knowledge.base import load_knowledge_base
from knowledge.corpus import check_corpus, load_corpus
from knowledge.errors import InvalidContent
from knowledge.markdown import REQUIRED_META
from knowledge.text import words

SOURCES = sorted((CONTENT_DIR / "sources").glob("*.md"))


def test_shipped_content_is_valid():
    assert check_corpus() == []


def test_five_source_documents_with_full_front_matter():
    corpus, _ = load_corpus()
    assert len(corpus.documents) == 5
    for document in corpus.documents:
        for key in REQUIRED_META:
            assert document.meta.get(key), (document.id, key)
        assert document.meta["licence"] == "Open Government Licence v3.0"


def test_toolkit_is_marked_superseded_and_names_current_guidance():
    corpus, _ = load_corpus()
    toolkit = next(d for d in corpus.documents if d.id == "toolkit-2018")
    note = toolkit.meta["superseded_by"]
    assert "2023" in note and "2024" in note
    assert all(p.superseded_note == note.strip() for p in toolkit.passages)


@pytest.mark.parametrize("heading", [
    "Introduction", "Delivery Benchmark", "1. Local Risk Assessment Process", "2. Multi-Agency Partnership Board",
    "3. Prevent Partnership Action Plan", "4. Referral Process", "5. Channel Panel",
    "6. Prevent Problem Solving Process", "7. Training Programme", "8. Venue Hire and IT Policies",
    "9. Community and Civil Society Engagement", "10. Communications", "Accessing Support",
    "Further information", "Local Authority Partnership Self-Assessment Tool",
])
def test_toolkit_has_every_top_level_section(heading):
    text = (CONTENT_DIR / "sources" / "toolkit-2018.md").read_text(encoding="utf-8")
    assert f"\n## {heading}\n" in text


def test_toolkit_keeps_case_studies_and_self_assessment_questions():
    text = (CONTENT_DIR / "sources" / "toolkit-2018.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^### .*Case Study", text, re.M)) == 10
    questions = re.findall(r"^#### (\d+\.\d+) ", text, re.M)
    assert len(questions) == 38 and questions[0] == "1.1" and questions[-1] == "10.2"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_personal_contact_details(path):
    text = path.read_text(encoding="utf-8")
    emails = re.findall(r"[\w.+-]+@[\w.-]+", text)
    generic = ("localgov.prevent@", "interventions@", "wrap@", "preventcommunications@")
    assert all(e.lower().startswith(generic) for e in emails), emails
    assert not re.search(r"\b0\d{3}[ \d]{6,}|\(0\)20", text)


def test_passage_ids_are_unique_and_stable_shape(kb):
    ids = [p.id for d in kb.documents for p in d.passages]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+/[a-z0-9-]+/\d+", i) for i in ids)
    assert kb.passage("toolkit-2018/4-referral-process/1") is not None


def test_valid_fixture_loads(valid_dir):
    kb = load_knowledge_base(valid_dir)
    assert kb.ask("how do I refer someone").kind == "passage"


def test_broken_fixture_reports_every_error_with_file_and_line(broken_dir):
    errors = check_corpus(broken_dir)
    text = "\n".join(str(e) for e in errors)
    assert "broken-doc.md" in text and "no-front-matter.md" in text
    fields = {(Path(e.path).name, e.field) for e in errors}
    assert ("broken-doc.md", "source_url") in fields
    assert ("broken-doc.md", "licence") in fields
    assert ("no-front-matter.md", None) in fields
    headings = [e for e in errors if e.field == "heading"]
    assert any("skipped" in e.message and e.line == 12 for e in headings)
    assert any("more than one H1" in e.message and e.line == 16 for e in headings)
    glossary = [e for e in errors if Path(e.path).name == "glossary.yaml"]
    assert {e.field for e in glossary} >= {"id", "term", "meaning", "synonyms"}
    assert all(e.line for e in glossary)
    alternates = [e for e in errors if Path(e.path).name == "alternates.yaml"]
    assert alternates and alternates[0].line == 4


def test_loading_broken_content_raises_invalid_content(broken_dir):
    with pytest.raises(InvalidContent) as caught:
        load_knowledge_base(broken_dir)
    assert len(caught.value.errors) >= 6


def test_version_is_a_content_hash(kb, valid_dir):
    assert re.fullmatch(r"[0-9a-f]{16}", kb.version)
    assert load_knowledge_base(valid_dir).version != kb.version


def test_stem_cache_covers_the_content():
    from knowledge.stem_cache import content_words
    from knowledge.text import _CACHED_STEMS

    missing = content_words() - set(_CACHED_STEMS)
    assert len(missing) <= 20, f"run `python -m knowledge.stem_cache`: {sorted(missing)[:20]}"


def test_synonym_groups_load_and_bad_groups_are_reported(valid_dir, tmp_path):
    import shutil

    corpus, errors = load_corpus()
    assert not errors and len(corpus.synonyms) >= 30
    assert all(len(group) >= 2 and all(w == w.lower() for w in group) for group in corpus.synonyms)
    copy = tmp_path / "content"
    shutil.copytree(valid_dir, copy)
    alternates = copy / "alternates.yaml"
    alternates.write_text(alternates.read_text(encoding="utf-8")
                          + "synonyms:\n  - [law, act]\n  - [lonely]\n  - just a string\n", encoding="utf-8")
    corpus, errors = load_corpus(copy)
    assert corpus.synonyms == (("law", "act"),)
    assert [e.field for e in errors] == ["synonyms", "synonyms"]


def test_off_topic_words_never_occur_in_the_content():
    """An everyday subject word must not take a match away from the guidance (see common_words)."""
    from knowledge.common_words import OFF_TOPIC_WORDS
    from knowledge.stem_cache import content_words
    from knowledge.text import stem

    corpus, _errors = load_corpus()
    texts = [" ".join(p.heading_path) + " " + p.text for d in corpus.documents for p in d.passages]
    content = {stem(w) for w in words(" ".join(texts))}
    clashes = sorted(w for w in OFF_TOPIC_WORDS if stem(w) in content)
    assert not clashes, clashes
    assert content_words()  # the stem cache's vocabulary includes the word lists


def test_office_logistics_phrases_never_occur_in_the_content(kb):
    """A phrase the guidance uses ("meeting room" in a venue policy) must not make its question off topic."""
    from knowledge.everyday import off_topic_pairs

    assert not off_topic_pairs() & kb._searcher.index.pairs


def test_a_self_assessment_question_without_prompts_still_says_what_it_asks_in_its_text(kb):
    """Quoted as a runner-up, such a passage shows its text under a title cut to 80 characters."""
    bare = [p for p in kb._searcher.index.passages if "no supporting-detail prompts" in p.text]
    assert len(bare) == 2
    assert all("the question is whether" in p.text and len(p.text) > 200 for p in bare)
