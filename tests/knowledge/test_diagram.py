"""Tests for knowledge.diagram: the Mermaid pathway diagram, and that docs/referral-pathway.md is current."""

from pathlib import Path

from knowledge.areas import load_areas
from knowledge.diagram import mermaid, run

DOC = Path(__file__).resolve().parents[2] / "docs" / "referral-pathway.md"
FIXTURES = Path(__file__).parent / "fixtures" / "areas"


def test_mermaid_has_every_step_and_edge():
    pathway = load_areas().pathway_for("example-borough")
    source = mermaid(pathway)
    assert source.startswith("flowchart TD")
    for step in pathway.steps.values():
        assert f"    {step.id}" in source
        for option in step.options:
            assert f'{step.id} -->|"{option.label}"| {option.next}' in source
    assert 'by_who -->|"A child (under 18)"| share_child' in source


def test_committed_doc_is_up_to_date(tmp_path):
    out = tmp_path / "pathway.md"
    assert run(area_id="example-borough", local_dir=None, out=out) == 0
    assert DOC.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")
    assert "python -m knowledge diagram" in out.read_text()


def test_default_area_and_stdout(capsys):
    assert run(area_id=None, local_dir=FIXTURES / "valid", out=None) == 0
    assert "```mermaid" in capsys.readouterr().out


def test_unknown_area_and_broken_content_fail(tmp_path, capsys):
    assert run(area_id="nowhere", local_dir=None, out=tmp_path / "x.md") == 1
    assert run(area_id=None, local_dir=FIXTURES / "cycle", out=tmp_path / "x.md") == 1
    assert "testshire.yaml" in capsys.readouterr().err
