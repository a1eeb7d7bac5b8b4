"""Bit-set coverage: where a query's concept is found, one bit per passage, segment or curated phrasing.

The index keeps stem -> bit-set tables (`Index.term_masks` and the others); these helpers turn a concept
(its own stems, synonyms and fact kind, see `knowledge.query.Concept`) into the bits where it is covered
fully and where only by a synonym (`Packed` does it for every table in one pass), and pick the best single
position (segment or phrasing); and how long a run of the question's words, in order, a passage holds (`longest_run`).
"""

from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

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


class Covered(NamedTuple):
    """Where one concept is covered, as bit sets: the passages covering it fully in their own words (or
    naming their document's author), those covering it otherwise (by a synonym, or only in their curated
    phrasings, which find a passage but are weaker evidence that it answers); the passages whose headings
    cover it (fully, by a synonym: see `cover`) and whose central terms do (either); the curated phrasings
    that do (fully, by a synonym); every passage's segments end to end (fully, by a synonym:
    `Packed.segment_field` says where one passage's lie); and the curated phrasings that cover it either way."""

    full: int
    synonym: int
    topic_full: int
    topic_synonym: int
    central: int
    said_full: int
    said_synonym: int
    segment_full: int
    segment_synonym: int
    said: int


class Packed:
    """The index's stem -> bit-set tables laid side by side in one integer per stem, so that a concept's
    cover in all of them takes one pass over its stems (`covered`) instead of one per table. The fields,
    lowest bits first: passages' terms, their written fields, headings and central terms (one bit per
    passage each), the curated phrasings, then each passage's segments in passage order."""

    def __init__(self, index: Index):
        width = self.width = len(index.passages)
        self.passages = (1 << width) - 1
        said = max((bits.bit_length() for bits in index.phrasing_bits), default=0)
        said = max([said] + [bits.bit_length() for bits in index.phrasing_masks.values()])
        self.phrasings = (1 << said) - 1
        self.segment_start = 4 * width + said
        starts, sizes, start = [], [], 0
        for segments in index.segment_masks:
            starts.append(start)
            size = max((bits.bit_length() for bits in segments.values()), default=0)
            size = max([size] + [bits.bit_length() for bits in index.segment_kind_masks[len(sizes)].values()])
            sizes.append((1 << size) - 1)
            start += size
        self.starts, self.sizes = tuple(starts), tuple(sizes)
        self.authors = index.author_masks
        self.stems = self._lay(width, (index.term_masks, index.written_masks, index.topic_masks,
                                       index.central_masks), index.phrasing_masks, index.segment_masks)
        self.kinds = self._lay(width, (index.kind_masks,) * 4, {}, index.segment_kind_masks)

    def _lay(self, width: int, per_passage: tuple[dict[str, int], ...], phrasings: dict[str, int],
             segments: tuple[dict[str, int], ...]) -> dict[str, int]:
        laid: dict[str, int] = {}
        for field, masks in enumerate(per_passage):
            for key, bits in masks.items():
                laid[key] = laid.get(key, 0) | bits << field * width
        for key, bits in phrasings.items():
            laid[key] = laid.get(key, 0) | bits << 4 * width
        spread: dict[str, list[int]] = {}
        for start, masks in zip(self.starts, segments, strict=True):
            for key, bits in masks.items():
                spread.setdefault(key, []).append(bits << start)
        for key, parts in spread.items():
            whole = 0
            for part in parts:
                whole |= part
            laid[key] = laid.get(key, 0) | whole << self.segment_start
        return laid

    def covered(self, concept: "Concept") -> Covered:
        """Where the concept is covered in every table at once (as `cover` gives it for each table)."""
        full, synonym = cover(concept, self.stems, self.kinds)
        width, passages, said = self.width, self.passages, self.phrasings
        written = (full >> width & passages) | self.authors.get(concept.own, 0)
        segments = self.segment_start
        return Covered(written, ((full | synonym) & passages) & ~written,
                       full >> 2 * width & passages, synonym >> 2 * width & passages,
                       (full | synonym) >> 3 * width & passages,
                       full >> 4 * width & said, synonym >> 4 * width & said,
                       full >> segments, synonym >> segments, (full | synonym) >> 4 * width & said)

    def segment_field(self, number: int) -> tuple[int, int]:
        """Where one passage's segments lie in a `Covered` segment field: `bits >> start & mask` takes them out
        (bit i = its segment i)."""
        return self.starts[number], self.sizes[number]


def longest_run(stems: tuple[str, ...], found: frozenset[tuple[str, str]]) -> int:
    """The most consecutive adjacent pairs of the question's stems that a passage has (3 = four words)."""
    best = run = 0
    for pair in pairwise(stems):
        run = run + 1 if pair in found else 0
        best = max(best, run)
    return best
