"""knowledge.benchmark: the shipped content loads, matches the toolkit word for word, and bad content is
reported with file, line and field."""

import re
from pathlib import Path

import pytest

from knowledge.benchmark import BENCHMARK_PATH, check_benchmark, load_benchmark
from knowledge.errors import InvalidContent

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "001_7a4d724def525a9b.txt"
QUESTIONS_PER_BENCHMARK = [3, 4, 3, 2, 7, 2, 9, 3, 3, 2]
HEADLINES = ["1.1", "2.1", "3.1", "4.1", "5.1", "6.1", "7.1", "8.1", "9.1", "10.2"]
# The one deliberate change from the toolkit: a stray closing quotation mark after this prompt.
_TENSIONS = "Have you agreed a mechanism with sector coordinators (HE-FE) to inform them of relevant local " \
            "threats, risks and tensions?"
CORRECTED_PROMPTS = {_TENSIONS + '"': _TENSIONS}


@pytest.fixture(scope="module")
def benchmark():
    return load_benchmark()


def _seed_lines() -> list[str]:
    if not SEED.exists():
        pytest.skip("the toolkit seed text is not beside the repository")
    return SEED.read_text(encoding="utf-8").splitlines()


def _seed_tool() -> dict[str, dict]:
    """The Self-Assessment Tool table from the toolkit text: question id -> kind, text, prompts."""
    lines = _seed_lines()
    start = next(i for i, line in enumerate(lines) if line.startswith("\tBenchmark standard"))
    tool: dict[str, dict] = {}
    last: dict | None = None
    for line in lines[start + 1:]:
        cells = [re.sub(r"</?p>", "", cell).strip() for cell in line.split("\t")]
        prompts = [re.sub(r"</?[pi]>", "", p).strip() for p in re.findall(r"<p><i>(.*?)</i></p>", line)]
        prompts = [CORRECTED_PROMPTS.get(p, p) for p in prompts]
        head = cells[0].lower()
        if head in ("expectation of compliance", "good practice activity"):
            qid, text = cells[1].split(" ", 1)
            last = tool[qid] = {"kind": "compliance" if head.startswith("exp") else "good_practice",
                                "text": text, "prompts": prompts}
        elif head == "" and last is not None:
            last["prompts"] += prompts
    return tool


def test_the_shipped_benchmark_is_valid():
    assert check_benchmark() == []


def test_ten_benchmarks_and_thirty_eight_questions_in_order(benchmark):
    assert [s.number for s in benchmark.standards] == list(range(1, 11))
    assert [len(s.questions) for s in benchmark.standards] == QUESTIONS_PER_BENCHMARK
    ids = [q.id for q in benchmark.questions()]
    assert len(ids) == len(set(ids)) == 38
    assert ids[0] == "1.1" and ids[-1] == "10.2"


def test_one_headline_per_benchmark(benchmark):
    assert [s.headline.id for s in benchmark.standards] == HEADLINES


def test_content_carries_id_and_version(benchmark):
    assert benchmark.id == "delivery-benchmark"
    assert benchmark.version


def test_questions_kinds_and_prompts_match_the_toolkit_tool(benchmark):
    tool = _seed_tool()
    for question in benchmark.questions():
        expected = tool[question.id]
        assert question.kind == expected["kind"], question.id
        assert question.text == expected["text"], question.id
        assert list(question.prompts) == expected["prompts"], question.id
    assert set(tool) == {q.id for q in benchmark.questions()}


def test_statements_outcomes_sections_and_case_studies_come_from_the_toolkit(benchmark):
    lines = _seed_lines()
    text = "\n".join(lines)
    for standard in benchmark.standards:
        assert f"{standard.number}.\t{standard.statement}" in lines
        assert f"Outcome\t{standard.outcome}" in text
        assert f"{standard.section.number}. {standard.section.title}" in lines
        assert standard.section.number == standard.number
        assert standard.case_study.title in lines
        assert "Case Study" in standard.case_study.title


@pytest.mark.parametrize("qid, kind_label", [
    ("1.1", "Expectation of compliance"),
    ("1.2", "Good practice activity"),
    ("6.1", "Good practice activity"),
    ("8.3", "Good practice activity"),
    ("9.1", "Expectation of compliance"),
])
def test_kind_labels(benchmark, qid, kind_label):
    assert benchmark.question(qid).kind_label == kind_label


@pytest.mark.parametrize("qid", ["5.3", "7.5"])
def test_questions_without_prompts_have_none(benchmark, qid):
    assert benchmark.question(qid).prompts == ()


def test_lookups_raise_key_error_for_unknown_ids(benchmark):
    with pytest.raises(KeyError):
        benchmark.standard(11)
    with pytest.raises(KeyError):
        benchmark.question("3.4")
    assert not benchmark.has_question("3.4")


def _broken(tmp_path: Path, old: str, new: str, count: int = 1) -> Path:
    text = BENCHMARK_PATH.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "benchmark.yaml"
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    """The 1-based line of `needle`, searching from the line holding the text before "…" if given."""
    anchor, _, needle = needle.rpartition("…")
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if anchor in line) if anchor else 0
    return next(i for i, line in enumerate(lines[start:], start=start + 1) if needle in line)


@pytest.mark.parametrize("old, new, field, message, line_needle", [
    ("- id: '1.2'", "- id: '1.1'", "benchmarks.0.questions.1.id", "expected question id 1.2",
     "backwards at activity…- id: '1.1'"),
    ("- id: '5.3'", "- id: '5.4'", "benchmarks.4.questions.2.id", "expected question id 5.3", "- id: '5.4'"),
    ("  - number: 3\n", "  - number: 4\n", "benchmarks.2.number", "expected benchmark 3", "- number: 4"),
    ("kind: good_practice\n        text: Are CTLP", "kind: statutory\n        text: Are CTLP",
     "benchmarks.0.questions.2.kind", "must be one of", "kind: statutory"),
    ("      - id: '1.2'\n        kind: good_practice\n",
     "      - id: '1.2'\n        kind: good_practice\n        headline: true\n",
     "benchmarks.0.questions", "exactly one headline question (found 1.1, 1.2)",
     "- number: 1…questions:"),
    ("        headline: true\n        text: Is there a multi", "        text: Is there a multi",
     "benchmarks.1.questions", "exactly one headline question (found none)",
     "- number: 2…questions:"),
    ("    outcome: Partners can work", "    outcome: ''\n    x: Partners can work",
     "benchmarks.5.outcome", "non-empty string", "outcome: ''"),
    ("case_study: {section: 7,", "case_study: {section: none,",
     "benchmarks.6.case_study.section", "positive section number", "case_study: {section: none"),
])
def test_errors_name_file_line_and_field(tmp_path, old, new, field, message, line_needle):
    path = _broken(tmp_path, old, new)
    errors = check_benchmark(path)
    matching = [e for e in errors if e.field == field]
    assert matching, [str(e) for e in errors]
    error = matching[0]
    assert message in error.message
    assert error.path == path
    assert error.line == _line_of(path, line_needle)
    assert str(error).startswith(f"{path}:{error.line} [{field}]")


def test_a_benchmark_without_questions_is_reported(tmp_path):
    text = BENCHMARK_PATH.read_text(encoding="utf-8")
    start = text.index("  - number: 6\n")
    questions = text.index("    questions:\n", start)
    end = text.index("  - number: 7\n")
    path = tmp_path / "benchmark.yaml"
    path.write_text(text[:questions] + "    questions: []\n" + text[end:], encoding="utf-8")
    errors = check_benchmark(path)
    assert any(e.field == "benchmarks.5.questions" and "benchmark 6 has no questions" in e.message
               for e in errors), [str(e) for e in errors]


def test_every_error_is_reported_not_just_the_first(tmp_path):
    path = _broken(tmp_path, "kind: good_practice", "kind: nice_to_have", count=3)
    assert len(check_benchmark(path)) == 3


@pytest.mark.parametrize("content, message", [
    ("benchmarks: [\n", "not valid YAML"),
    ("- just a list\n", "must be a mapping"),
])
def test_unreadable_content(tmp_path, content, message):
    path = tmp_path / "benchmark.yaml"
    path.write_text(content, encoding="utf-8")
    errors = check_benchmark(path)
    assert errors and message in errors[0].message


def test_missing_file(tmp_path):
    errors = check_benchmark(tmp_path / "absent.yaml")
    assert errors and "cannot read" in errors[0].message


def test_load_benchmark_raises_invalid_content_with_every_error(tmp_path):
    path = _broken(tmp_path, "id: delivery-benchmark", "id: ''")
    with pytest.raises(InvalidContent) as raised:
        load_benchmark(path)
    assert [e.field for e in raised.value.errors] == ["id"]
    assert str(path) in str(raised.value)


def test_loaded_content_is_frozen(benchmark):
    with pytest.raises(AttributeError):
        benchmark.standards[0].questions[0].text = "changed"
