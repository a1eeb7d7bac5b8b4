"""Bit-set coverage: where a query's concept is found, one bit per passage, segment or curated phrasing.

The index keeps stem -> bit-set tables (`Index.term_masks` and the others); these helpers turn a concept
(its own stems, synonyms and fact kind, see `knowledge.query.Concept`) into the bits where it is covered
fully and where only by a synonym, and pick the best single position (segment or phrasing).
"""

from typing import TYPE_CHECKING

from knowledge.index import Index

if TYPE_CHECKING:
    from knowledge.query import Concept


def cover(concept: "Concept", masks: dict[str, int], kinds: dict[str, int]) -> tuple[int, int]:
    """The bit sets where `concept.credit` is full (its own stems, or its fact kind) and where a synonym only."""
    own = concept.own
    full = masks.get(own[0], 0)
    for s in own[1:]:
        full &= masks.get(s, 0)
    if concept.kind:
        full |= kinds.get(concept.kind, 0)
    synonym = 0
    for s in concept.singles:
        synonym |= masks.get(s, 0)
    for phrase in concept.multis:
        both = masks.get(phrase[0], 0)
        for s in phrase[1:]:
            both &= masks.get(s, 0)
        synonym |= both
    return full, synonym & ~full


def written_cover(concept: "Concept", index: Index) -> tuple[int, int]:
    """Where a concept is fully covered by a passage's own words (or names its document's author), and where
    only by a synonym or by the passage's curated phrasings (which find a passage but are weaker evidence
    that it answers)."""
    full, synonym = cover(concept, index.term_masks, index.kind_masks)
    written, _ = cover(concept, index.written_masks, index.kind_masks)
    written |= index.author_masks.get(concept.own, 0)
    return written, (synonym | full) & ~written


def either(bits: tuple[int, int]) -> int:
    """The positions where a concept is covered at all, fully or by a synonym (see `cover`)."""
    full, synonym = bits
    return full | synonym


def best_share(entries: list[tuple[int, int, float, float]], total: float) -> tuple[float, int]:
    """The best total, over bit positions, of each entry's full value where its full bits hold the position
    and its synonym value where only its synonym bits do, as a share of `total`; and that position (the
    first, on a tie)."""
    if total <= 0:
        return 0.0, 0
    union = 0
    for full, synonym, _full_value, _synonym_value in entries:
        union |= full | synonym
    best, which = 0.0, 0
    while union:
        at = union & -union  # the lowest set bit
        union ^= at
        share = 0.0
        for full, synonym, f, s in entries:  # a plain loop: a generator per position costs more than its sum
            if full & at:
                share += f
            elif synonym & at:
                share += s
        share /= total
        if share > best + 1e-9:
            best, which = share, at.bit_length() - 1
    return best, which
