"""The glossary: required entries, DOMAIN.md synonym groups, look-ups and validation."""

import pytest

from knowledge.corpus import load_corpus
from knowledge.glossary import Glossary, is_acronym, load_yaml, parse_glossary


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    corpus, errors = load_corpus()
    assert not errors
    return Glossary(corpus.glossary)


def test_at_least_forty_entries_with_every_field(glossary):
    assert len(glossary.entries) >= 40
    for entry in glossary.entries:
        assert entry.id and entry.term and entry.expansion and entry.meaning
        assert isinstance(entry.synonyms, tuple)
    assert len({e.id for e in glossary.entries}) == len(glossary.entries)
    assert len({e.term.lower() for e in glossary.entries}) == len(glossary.entries)


@pytest.mark.parametrize("term", [
    "CTSA 2015", "CONTEST", "OSCT", "CTLP", "WRAP", "CTP", "CTU", "CTIRU", "NRF", "Channel", "PMAP", "VAF",
    "PCM", "Dovetail", "DDP", "DSL", "DSP", "MASH", "LADO", "CSP", "CSC", "ASC", "CYP", "SEND", "CSE", "CCE",
    "s.47", "s.17", "EDT", "FE", "MAPPA", "SCP", "SAB", "JTAC", "TPIM", "TEO", "BPSS", "ACT",
])
def test_domain_terms_are_present(glossary, term):
    assert glossary.lookup(term) is not None and glossary.lookup(term).term == term


@pytest.mark.parametrize(("words", "term"), [
    ("Prevent referral", "NRF"), ("radicalisation referral", "NRF"), ("referral form", "NRF"),
    ("safeguarding lead", "DSL"), ("Prevent lead", "DSL"), ("Prevent SPOC", "DSL"),
    ("front door", "MASH"), ("children's services", "CSC"),
    ("counter terrorism police", "CTP"), ("Prevent police", "CTP"), ("Special Branch", "CTP"),
    ("Channel panel", "Channel"), ("vulnerable", "Susceptible"), ("at risk of radicalisation", "Susceptible"),
    ("out of hours", "EDT"), ("OOH", "EDT"), ("on call", "EDT"), ("emergency duty", "EDT"),
    ("Counter-Terrorism Local Profile", "CTLP"), ("ctiu", "CTU"),
])
def test_synonym_groups_resolve(glossary, words, term):
    assert glossary.lookup(words).term == term


def test_find_spots_phrases_in_a_stem_sequence(glossary):
    from knowledge.text import analyse

    found = glossary.find(analyse("who writes the counter terrorism local profile"))
    assert [e.term for _s, _e, entries in found for e in entries] == ["CTLP"]


def test_acronym_detection():
    assert is_acronym("CTLP") and is_acronym("s.47") and is_acronym("DfE")
    assert not is_acronym("Channel") and not is_acronym("Prevent duty")


def test_glossary_answers_carry_expansion(kb):
    answer = kb.ask("What does CTLP stand for?")
    assert answer.kind == "glossary"
    assert answer.glossary.expansion == "Counter Terrorism Local Profile"


def test_thesaurus_finds_everyday_words_for_document_words():
    from knowledge.glossary import Thesaurus
    from knowledge.text import phrase_stems, stem

    thesaurus = Thesaurus((("law", "legislation", "act"), ("come into force", "came into effect")))
    stems = list(phrase_stems("which law made it come into force"))
    found = thesaurus.find(stems, set())
    assert [(stems[s:e], sorted(others)) for s, e, others in found] == [
        ([stem("law")], sorted([phrase_stems("legislation"), phrase_stems("act")])),
        (list(phrase_stems("come into force")), [phrase_stems("came into effect")]),
    ]
    assert thesaurus.find(stems, {0}) == found[1:]  # positions taken by the glossary are skipped


@pytest.mark.parametrize(("query", "target"), [
    ("what does CTLP stand for", ("mean", "ctlp")),
    ("whats the prevent duty", ("what", "prevent duty")),
    ("define LADO", ("mean", "lado")),
    ("what is Dovetail all about", ("what", "dovetail")),  # emphasis after the term
    ("channel panel", ("bare", "channel panel")),
    ("how do I make a referral to prevent today please", None),
])
def test_definitional_targets(query, target):
    from knowledge.glossary import definitional_target
    from knowledge.text import phrase_words

    assert definitional_target(tuple(phrase_words(query))) == target


def test_general_safeguarding_terms_are_flagged_and_still_defined(kb):
    """MASH is safeguarding at large: defined from the glossary, but naming it does not make a question
    about Prevent, while the same term beside a Prevent word still finds the guidance."""
    assert kb.glossary_entry("MASH").general and not kb.glossary_entry("CTLP").general
    assert kb.ask("what does MASH stand for").kind == "glossary"
    assert kb.ask("is the MASH involved in prevent referrals").kind == "passage"


def test_general_must_be_true_or_false(tmp_path):
    path = tmp_path / "glossary.yaml"
    path.write_text('id: glossary\nversion: "1"\nentries:\n  - id: x\n    term: XYZ\n    expansion: an example\n'
                    '    meaning: A test.\n    synonyms: []\n    general: "yes"\n', encoding="utf-8")
    _entries, errors = parse_glossary(path)
    assert [(e.field, e.line) for e in errors] == [("general", 4)]


def test_a_key_given_twice_is_an_error_naming_its_line(tmp_path):
    """Plain YAML would keep the second mapping for a key and drop the first without a word."""
    path = tmp_path / "alternates.yaml"
    path.write_text("id: alternates\nversion: '1'\nalternates:\n  doc/section:\n    - one way to ask\n"
                    "  doc/other:\n    - another\n  doc/section:\n    - a third\n", encoding="utf-8")
    data, errors = load_yaml(path)
    assert data is None
    assert len(errors) == 1 and errors[0].line == 8
    assert "duplicate key 'doc/section'" in errors[0].message and "line 4" in errors[0].message


def test_what_is_questions_are_not_kept_in_a_cache():
    """A cache keyed by the question would keep staff's messages in memory after the turn."""
    from knowledge.glossary import definitional_target

    assert definitional_target(("what", "is", "ctlp")) == ("what", "ctlp")
    assert not hasattr(definitional_target, "cache_info")


def test_the_term_of_a_what_is_question_is_not_kept_in_a_cache(kb):
    from knowledge.text import phrase_stems

    kb.ask("what is zorbly quandish")  # the content's own phrases are cached on first use
    before = phrase_stems.cache_info().currsize
    kb.ask("what is plimsy trondle")
    assert phrase_stems.cache_info().currsize == before
