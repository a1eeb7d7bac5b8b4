"""The packed coverage tables give, for every concept, the bits each separate table gives."""

from pathlib import Path

import pytest
import yaml

from knowledge.coverage import Packed, best_share, cover, longest_run

SETS = sorted(Path(__file__).parent.glob("tuning_questions_[uvwx].yaml"))


def _questions() -> list[str]:
    found = []
    for path in SETS:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [item["q"] for item in data.get("kb", [])] + list(data.get("none", []))
    return found


def _reference(concept, index, number: int):
    """Where the concept is covered, one table at a time, as the ranking used to work it out."""
    term_full, term_synonym = cover(concept, index.term_masks, index.kind_masks)
    written = cover(concept, index.written_masks, index.kind_masks)[0] | index.author_masks.get(concept.own, 0)
    topic = cover(concept, index.topic_masks, index.kind_masks)
    central = sum(cover(concept, index.central_masks, index.kind_masks))
    said = cover(concept, index.phrasing_masks, {})
    segments = cover(concept, index.segment_masks[number], index.segment_kind_masks[number])
    return written, (term_full | term_synonym) & ~written, *topic, central, *said, *segments


@pytest.fixture(scope="module")
def concepts(kb):
    searcher = kb._searcher
    found = {}
    for question in _questions():
        for concept in searcher.analyse(question).concepts:
            found.setdefault((concept.own, concept.alternatives, concept.kind), concept)
    assert len(found) > 300
    return list(found.values())


def test_packed_tables_agree_with_each_table_on_every_concept_and_passage(kb, concepts):
    index = kb._searcher.index
    packed = Packed(index)
    checked = 0
    for concept in concepts:
        covered = packed.covered(concept)
        assert covered.said == covered.said_full | covered.said_synonym
        for number in range(0, len(index.passages), 7):
            expected = _reference(concept, index, number)
            start, mask = packed.segment_field(number)
            got = (*covered[:7], covered.segment_full >> start & mask, covered.segment_synonym >> start & mask)
            assert got == expected, (concept.own, number)
            checked += bool(expected[-2] | expected[-1])
    assert checked > 100  # segments were covered, not only empty bit sets compared


def test_a_fact_kind_covers_every_table_but_the_phrasings(kb):
    searcher = kb._searcher
    concept = next(c for c in searcher.analyse("what is the email address for prevent").concepts if c.kind)
    covered = Packed(searcher.index).covered(concept)
    assert covered.full and covered.central and covered.segment_full
    assert covered.full == (covered.full | searcher.index.kind_masks[concept.kind])


def test_best_share_takes_the_first_of_equal_positions():
    # positions 0 and 2 both hold the full concept: 0 is first; position 1 only a synonym
    entries = [(0b101, 0b010, 2.0, 1.0), (0b100, 0, 1.0, 0.5)]
    assert best_share(entries, 4.0) == (0.75, 2)
    assert best_share([(0b101, 0b010, 2.0, 1.0)], 4.0) == (0.5, 0)
    assert best_share(entries, 0.0) == (0.0, 0)


@pytest.mark.parametrize(("stems", "found", "run"), [
    (("prevent", "lead", "role"), {("prevent", "lead"), ("lead", "role")}, 2),
    (("a", "b", "c", "d"), {("a", "b"), ("c", "d")}, 1),  # two pairs, not in a row
    (("a", "b"), set(), 0),
])
def test_the_longest_run_counts_consecutive_pairs_in_order(stems, found, run):
    assert longest_run(stems, frozenset(found)) == run
