"""The Prevent Delivery Benchmark: its 10 standards and 38 self-assessment questions, as frozen data.

`knowledge/benchmark.yaml` is parsed with `yaml.safe_load` semantics and validated as a whole: ids
unique and in order, every benchmark has questions, exactly one headline question per benchmark, kinds
known. Every problem found is reported as a `ContentError` naming the file, the line and the field, so
`python -m knowledge check` can list them all at once. Plain Python: no SDK imports.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge import CONTENT_DIR
from knowledge.errors import ContentError, InvalidContent

BENCHMARK_PATH = CONTENT_DIR / "benchmark.yaml"
KINDS = ("compliance", "good_practice")
"""Question kinds the scoring understands: statutory expectations and good practice."""

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_QUESTION_ID = re.compile(r"^(\d+)\.(\d+)$")
_Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Question:
    """One self-assessment question ("7.3"), its kind and the tool's supporting-details prompts."""

    id: str
    benchmark: int
    kind: str
    kind_label: str
    text: str
    prompts: tuple[str, ...]
    headline: bool

    @property
    def is_compliance(self) -> bool:
        """True for an Expectation of compliance (a statutory expectation)."""
        return self.kind == "compliance"


@dataclass(frozen=True)
class Section:
    """A numbered section of the toolkit."""

    number: int
    title: str


@dataclass(frozen=True)
class Standard:
    """One benchmark standard: statement, outcome, guidance section, a case study and its questions."""

    number: int
    short_name: str
    statement: str
    outcome: str
    section: Section
    case_study: Section
    questions: tuple[Question, ...]

    @property
    def headline(self) -> Question:
        """The question asked for this benchmark in the quick check."""
        return next(q for q in self.questions if q.headline)


@dataclass(frozen=True)
class Benchmark:
    """The whole Delivery Benchmark: id and version (stored in saved assessments) and its standards."""

    id: str
    version: str
    source: str
    standards: tuple[Standard, ...]

    def standard(self, number: int) -> Standard:
        """The benchmark standard with this number; KeyError when there is none."""
        for standard in self.standards:
            if standard.number == number:
                return standard
        raise KeyError(number)

    def question(self, question_id: str) -> Question:
        """The question with this id ("5.2"); KeyError when there is none."""
        for question in self.questions():
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def has_question(self, question_id: str) -> bool:
        """True when a question with this id exists."""
        return any(q.id == question_id for q in self.questions())

    def questions(self) -> Iterator[Question]:
        """Every question in order, 1.1 to 10.2."""
        for standard in self.standards:
            yield from standard.questions


def _line_map(node: yaml.Node, path: _Path = (), out: dict[_Path, int] | None = None) -> dict[_Path, int]:
    """Map every key path in a composed YAML document to its 1-based line number."""
    out = {} if out is None else out
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*path, str(key.value))
            out[child] = key.start_mark.line + 1
            _line_map(value, child, out)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _line_map(item, (*path, index), out)
    return out


class _Checker:
    """Collects errors while reading the raw YAML data, with line numbers from the composed tree."""

    def __init__(self, path: Path, lines: dict[_Path, int]):
        self.path = path
        self.lines = lines
        self.errors: list[ContentError] = []

    def error(self, where: _Path, message: str) -> None:
        line = None
        for depth in range(len(where), -1, -1):
            line = self.lines.get(where[:depth])
            if line:
                break
        field = ".".join(str(p) for p in where) or None
        self.errors.append(ContentError(self.path, message, line=line, field=field))

    def text(self, data: dict, key: str, where: _Path) -> str:
        value = data.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.error((*where, key), "must be a non-empty string")
            return ""
        return value.strip()

    def mapping(self, value: Any, where: _Path) -> dict:
        if not isinstance(value, dict):
            self.error(where, "must be a mapping")
            return {}
        return value

    def sequence(self, value: Any, where: _Path) -> list:
        if not isinstance(value, list):
            self.error(where, "must be a list")
            return []
        return value


def _section(check: _Checker, data: dict, key: str, number_key: str, where: _Path) -> Section:
    raw = check.mapping(data.get(key), (*where, key))
    number = raw.get(number_key)
    if not isinstance(number, int) or isinstance(number, bool) or number < 1:
        check.error((*where, key, number_key), "must be a positive section number")
        number = 0
    return Section(number, check.text(raw, "title", (*where, key)))


def _question(check: _Checker, raw: Any, number: int, expected: int, kinds: dict[str, str],
              where: _Path) -> Question:
    raw = check.mapping(raw, where)
    qid = check.text(raw, "id", where)
    match = _QUESTION_ID.match(qid)
    if qid and (not match or int(match[1]) != number or int(match[2]) != expected):
        check.error((*where, "id"), f"expected question id {number}.{expected}, found {qid!r}")
    kind = raw.get("kind")
    if kind not in kinds:
        check.error((*where, "kind"), f"must be one of {', '.join(KINDS)}, found {kind!r}")
    headline = raw.get("headline", False)
    if not isinstance(headline, bool):
        check.error((*where, "headline"), "must be true or false")
    prompts = check.sequence(raw.get("prompts", []), (*where, "prompts"))
    for index, prompt in enumerate(prompts):
        if not isinstance(prompt, str) or not prompt.strip():
            check.error((*where, "prompts", index), "must be a non-empty string")
    return Question(
        id=qid,
        benchmark=number,
        kind=str(kind),
        kind_label=kinds.get(str(kind), ""),
        text=check.text(raw, "text", where),
        prompts=tuple(str(p).strip() for p in prompts if isinstance(p, str) and p.strip()),
        headline=headline is True,
    )


def _standard(check: _Checker, raw: Any, expected: int, kinds: dict[str, str], where: _Path) -> Standard:
    raw = check.mapping(raw, where)
    number = raw.get("number")
    if number != expected or isinstance(number, bool):
        check.error((*where, "number"), f"expected benchmark {expected}, found {number!r}")
    questions_raw = check.sequence(raw.get("questions"), (*where, "questions"))
    if not questions_raw:
        check.error((*where, "questions"), f"benchmark {expected} has no questions")
    questions = tuple(
        _question(check, q, expected, index, kinds, (*where, "questions", index - 1))
        for index, q in enumerate(questions_raw, start=1)
    )
    headlines = [q.id for q in questions if q.headline]
    if questions and len(headlines) != 1:
        found = ", ".join(headlines) or "none"
        check.error((*where, "questions"), f"benchmark {expected} needs exactly one headline question "
                                           f"(found {found})")
    return Standard(
        number=expected,
        short_name=check.text(raw, "short_name", where),
        statement=check.text(raw, "statement", where),
        outcome=check.text(raw, "outcome", where),
        section=_section(check, raw, "section", "number", where),
        case_study=_section(check, raw, "case_study", "section", where),
        questions=questions,
    )


def _compose_and_load(text: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the plain data, from one safe parse."""
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _parse(path: Path) -> tuple[Benchmark | None, list[ContentError]]:
    try:
        node, data = _compose_and_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        return None, [ContentError(path, f"cannot read the file: {exc.strerror or exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [ContentError(path, f"not valid YAML: {getattr(exc, 'problem', exc)}",
                                   line=mark.line + 1 if mark else None)]
    check = _Checker(path, _line_map(node) if node is not None else {})
    data = check.mapping(data, ())
    if not data:
        return None, check.errors
    kinds_raw = check.mapping(data.get("kinds"), ("kinds",))
    if sorted(kinds_raw) != sorted(KINDS):
        check.error(("kinds",), f"must define exactly {', '.join(KINDS)}")
    kinds = {k: str(v) for k, v in kinds_raw.items() if k in KINDS and isinstance(v, str) and v.strip()}
    standards_raw = check.sequence(data.get("benchmarks"), ("benchmarks",))
    if not standards_raw:
        check.error(("benchmarks",), "there must be at least one benchmark")
    standards = tuple(
        _standard(check, raw, index, kinds, ("benchmarks", index - 1))
        for index, raw in enumerate(standards_raw, start=1)
    )
    benchmark = Benchmark(
        id=check.text(data, "id", ()),
        version=check.text(data, "version", ()),
        source=check.text(data, "source", ()),
        standards=standards,
    )
    return benchmark, check.errors


def check_benchmark(path: Path | None = None) -> list[ContentError]:
    """Validate the benchmark file and return every error found (empty when it is valid)."""
    return _parse(path or BENCHMARK_PATH)[1]


def load_benchmark(path: Path | None = None) -> Benchmark:
    """Load and validate the benchmark; raises InvalidContent listing every error."""
    benchmark, errors = _parse(path or BENCHMARK_PATH)
    if errors or benchmark is None:
        raise InvalidContent(errors)
    return benchmark
