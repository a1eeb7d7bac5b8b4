"""Checks across area files: ids, parents, contact references, and the shape of each pathway graph.

Each check returns `ContentError`s naming the file and field: unknown next step, unreachable step, cycle,
outcome without a contact, unknown contact id, unknown or looping parent, a route that can be reached
without its question being answered. A pathway must be a finite tree-like graph (a DAG) from `start`
to outcomes, so a walk-through always ends.
"""

from collections.abc import Mapping

from knowledge.area_model import NATIONAL, Area, Contact, Pathway
from knowledge.errors import ContentError


def check_ids(areas: list[Area], national: tuple[Contact, ...]) -> list[ContentError]:
    """Area ids unique; contact ids unique across all areas and the national file."""
    errors = []
    seen_areas: dict[str, Area] = {}
    owners: dict[str, str] = {c.id: NATIONAL for c in national}
    for area in areas:
        if area.id in seen_areas:
            errors.append(ContentError(area.path, f"area id {area.id!r} is also used by {seen_areas[area.id].path}",
                                       field="id"))
        seen_areas[area.id] = area
        for index, contact in enumerate(area.contacts):
            if contact.id in owners:
                errors.append(ContentError(
                    area.path, f"contact id {contact.id!r} is already used by {owners[contact.id]}",
                    field=f"contacts[{index}].id"))
            owners[contact.id] = area.id
    return errors


def chain(areas: Mapping[str, Area], area_id: str) -> list[Area]:
    """The area, its parent, its parent's parent ... (stops at an unknown id or a loop)."""
    found: list[Area] = []
    current: str | None = area_id
    while current in areas and all(a.id != current for a in found):
        found.append(areas[current])
        current = areas[current].parent
    return found


def check_parents(areas: Mapping[str, Area]) -> list[ContentError]:
    """Every parent exists, and no area is its own ancestor."""
    errors = []
    for area in areas.values():
        if area.parent is None:
            continue
        if area.parent not in areas:
            errors.append(ContentError(area.path, f"unknown parent area {area.parent!r}", field="parent"))
            continue
        seen, current = {area.id}, area.parent
        while current in areas:
            if current in seen:
                errors.append(ContentError(area.path, f"parent {area.parent!r} leads back round in a loop",
                                           field="parent"))
                break
            seen.add(current)
            current = areas[current].parent
    return errors


def check_contact_refs(area: Area, known: Mapping[str, Contact]) -> list[ContentError]:
    """Contact ids named by this area (key contacts, when_closed, pathway steps) all exist."""
    errors = []

    def need(contact_id: str, field: str) -> None:
        if contact_id not in known:
            errors.append(ContentError(area.path, f"unknown contact id {contact_id!r}", field=field))

    for index, contact_id in enumerate(area.key_contacts):
        need(contact_id, f"key_contacts[{index}]")
    for index, contact in enumerate(area.contacts):
        if contact.when_closed:
            need(contact.when_closed, f"contacts[{index}].when_closed")
    if area.pathway:
        for step in area.pathway.steps.values():
            for index, contact_id in enumerate(step.contacts):
                need(contact_id, f"pathway.steps.{step.id}.contacts[{index}]")
    return errors


def check_pathway(area: Area, pathway: Pathway) -> list[ContentError]:
    """The graph: known targets, outcomes with contacts, routes over a question, reachable, no cycles."""
    errors: list[ContentError] = []
    steps = pathway.steps

    def err(field: str, message: str) -> None:
        errors.append(ContentError(area.path, message, field=f"pathway.{field}"))

    if pathway.start not in steps:
        err("start", f"unknown start step {pathway.start!r}")
        return errors
    for step in steps.values():
        where = f"steps.{step.id}"
        for index, option in enumerate(step.options):
            if option.next and option.next not in steps:
                err(f"{where}.options[{index}].next", f"unknown next step {option.next!r}")
        if step.kind == "outcome" and not step.contacts:
            err(f"{where}.contacts", "an outcome needs at least one contact")
        if step.kind == "route":
            errors.extend(_check_route(area, pathway, step.id))
    after = steps.get(pathway.after_referral) if pathway.after_referral else None
    if pathway.after_referral and (after is None or after.kind != "outcome" or after.emergency):
        err("after_referral", f"{pathway.after_referral!r} must name an outcome step that is not the emergency")
    for key in pathway.answer_words:
        if key not in ("back", "restart", "cancel") and not any(o.id == key for s in steps.values()
                                                                  for o in s.options):
            err(f"answer_words.{key}", f"{key!r} is not an option id or back/restart/cancel")
    reachable = _reachable(pathway, pathway.start)
    for step_id in steps:
        if step_id not in reachable:
            err(f"steps.{step_id}", f"step {step_id!r} cannot be reached from {pathway.start!r}")
    cycle = _find_cycle(pathway)
    if cycle:
        err(f"steps.{cycle[0]}", "the pathway loops: " + " -> ".join(cycle))
    return errors


def _check_route(area: Area, pathway: Pathway, step_id: str) -> list[ContentError]:
    step = pathway.steps[step_id]
    where = f"pathway.steps.{step_id}"
    question = pathway.steps.get(step.on or "")
    if question is None or question.kind != "question":
        return [ContentError(area.path, f"{step.on!r} is not a question step", field=f"{where}.on")]
    errors = []
    option_ids = {o.id for o in question.options}
    for key, target in step.routes:
        if key not in option_ids:
            errors.append(ContentError(area.path, f"{key!r} is not an option of {step.on!r}",
                                       field=f"{where}.routes.{key}"))
        if target not in pathway.steps:
            errors.append(ContentError(area.path, f"unknown next step {target!r}", field=f"{where}.routes.{key}"))
    missing = option_ids - {k for k, _ in step.routes}
    if missing:
        errors.append(ContentError(area.path, f"no route for answers {sorted(missing)}", field=f"{where}.routes"))
    if step_id in _reachable(pathway, pathway.start, avoid=question.id):
        errors.append(ContentError(area.path, f"can be reached without answering {question.id!r}",
                                   field=f"{where}.on"))
    return errors


def _reachable(pathway: Pathway, start: str, avoid: str | None = None) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        step_id = todo.pop()
        if step_id in seen or step_id == avoid or step_id not in pathway.steps:
            continue
        seen.add(step_id)
        todo.extend(pathway.steps[step_id].targets())
    return seen


def _find_cycle(pathway: Pathway) -> list[str] | None:
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(step_id: str) -> list[str] | None:
        state[step_id] = 1
        trail.append(step_id)
        for target in pathway.steps[step_id].targets():
            if target not in pathway.steps:
                continue
            if state.get(target) == 1:
                return [*trail[trail.index(target):], target]
            if target not in state:
                found = visit(target)
                if found:
                    return found
        trail.pop()
        state[step_id] = 2
        return None

    for step_id in pathway.steps:
        if step_id not in state:
            found = visit(step_id)
            if found:
                return found
    return None
