"""Draw an area's referral pathway as a Mermaid flowchart, straight from the content.

`python -m knowledge diagram --area ID --local-dir DIR --out FILE` calls `run`; the shipped example's
diagram is kept at docs/referral-pathway.md (regenerate it with the command written in that file).
Questions are diamonds, routes (by an earlier answer) hexagons, outcomes rounded boxes; edges carry the
option labels.
"""

import sys
from pathlib import Path

from knowledge.area_model import Pathway, Step
from knowledge.areas import load_areas
from knowledge.errors import InvalidContent

REGENERATE = "python -m knowledge diagram --area {area} --out docs/referral-pathway.md"


def _label(text: str) -> str:
    return '"' + text.replace('"', "#quot;") + '"'


def _node(step: Step) -> str:
    label = _label(step.title)
    if step.kind == "question":
        return f"{step.id}{{{label}}}"
    if step.kind == "route":
        return f"{step.id}{{{{{label}}}}}"
    return f"{step.id}([{label}])"


def mermaid(pathway: Pathway) -> str:
    """The pathway as Mermaid flowchart source (top to bottom, in content order)."""
    lines = ["flowchart TD"]
    lines.extend(f"    {_node(step)}" for step in pathway.steps.values())
    for step in pathway.steps.values():
        lines.extend(f"    {step.id} -->|{_label(o.label)}| {o.next}" for o in step.options)
        question = pathway.steps.get(step.on or "")
        for key, target in step.routes:
            option = question.option(key) if question else None
            lines.append(f"    {step.id} -->|{_label(option.label if option else key)}| {target}")
    emergencies = [s.id for s in pathway.steps.values() if s.emergency]
    if emergencies:
        lines.append("    classDef emergency fill:#fdd,stroke:#c00")
        lines.append(f"    class {','.join(emergencies)} emergency")
    return "\n".join(lines) + "\n"


def markdown(area_name: str, area_id: str, pathway: Pathway, example: bool) -> str:
    """A Markdown page holding the diagram and the command that regenerates it."""
    note = ("This is the shipped example area: its contacts are made up (Ofcom drama numbers, example.org). "
            if example else "")
    return (
        f"# Referral pathway: {area_name}\n\n"
        f"{note}Generated from the area's content file; do not edit by hand. Regenerate with:\n\n"
        f"    {REGENERATE.format(area=area_id)}\n\n"
        "(add `--local-dir DIR` for a deployment's own areas).\n\n"
        f"```mermaid\n{mermaid(pathway)}```\n"
    )


def run(area_id: str | None, local_dir: Path | None, out: Path | None) -> int:
    """Write the pathway diagram of `area_id` (default: the first area with a pathway); 0 on success."""
    try:
        areas = load_areas(local_dir)
    except InvalidContent as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    choices = areas.selectable()
    area = areas.get(area_id) if area_id else choices[0]
    pathway = areas.pathway_for(area.id) if area else None
    if area is None or pathway is None:
        known = ", ".join(a.id for a in choices)
        sys.stderr.write(f"no area {area_id!r} with a pathway (known: {known})\n")
        return 1
    page = markdown(area.name, area.id, pathway, areas.is_example(area.id))
    if out is None:
        sys.stdout.write(page)
    else:
        Path(out).write_text(page, encoding="utf-8")
    return 0
