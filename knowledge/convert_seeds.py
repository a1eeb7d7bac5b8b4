"""One-off developer tool: turn the 2018 toolkit seed (plain text) into a Markdown draft.

    .venv/bin/python -m knowledge.convert_seeds ../shared/seeds/001_7a4d724def525a9b.txt > draft.md

The seed lost its page furniture, so the heading hierarchy is supplied here (`TOOLKIT_HEADINGS`, in
document order) and the rest is mechanical: the tab-separated benchmark tables become bullet lists,
the self-assessment tool becomes one heading per question with its supporting-detail prompts as
bullets, footnote markers become inline links and paragraphs split by a page break are re-joined.
The output is a draft: `knowledge/sources/*.md` were hand-fixed afterwards and are the source of
truth. Nothing at run time imports this module; it is the only module allowed to read ../shared.
"""

import html
import re
import sys
from pathlib import Path

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
FOOTNOTE_DEF = re.compile(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+<?(\S+?)>?$")
FOOTNOTE_REF = re.compile(r"(?<=[A-Za-z.)*])([⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
TABLE_LABELS = ("Benchmark", "Outcome", "Expectation of compliance", "Good Practice Activity")
PROMPT = re.compile(r"<p>\s*<i>(.*?)</i>\s*</p>", re.S)
SKIP_LINES = {"Home Office", "OFFICIAL", "Questions", "This page is intentionally left blank"}

# (level, heading text) in document order; the text must equal the seed's line (after strip).
TOOLKIT_HEADINGS: list[tuple[int, str]] = [
    (2, "Introduction"),
    (2, "Delivery Benchmark"),
    (2, "1. Local Risk Assessment Process"),
    (3, "Contributing to the CTLP"),
    (3, "Assessing risk"),
    (3, "Disseminating CTLP findings"),
    (2, "2. Multi-Agency Partnership Board"),
    (3, "Who should be involved?"),
    (3, "Partnership board responsibilities:"),
    (3, "Partnership structure"),
    (3, "Elected member leadership"),
    (3, "Information sharing"),
    (3, "Partnership across boundaries"),
    (3, "Partnership delivery Case Study: Oxfordshire"),
    (3, "Partnership delivery Case Study: Luton"),
    (3, "Partnership delivery Case Study: Staffordshire"),
    (2, "3. Prevent Partnership Action Plan"),
    (3, "Ownership"),
    (3, "Risk mitigation"),
    (3, "Prevent Partnership Action Plan Case Study: Ealing"),
    (2, "4. Referral Process"),
    (3, "Safeguarding"),
    (2, "5. Channel Panel"),
    (3, "Channel panel"),
    (3, "Channel process"),
    (3, "Channel Case Study"),
    (2, "6. Prevent Problem Solving Process"),
    (3, "Problem Solving Panel Case Study: Hounslow"),
    (2, "7. Training Programme"),
    (3, "Types of training"),
    (3, "Levels of training"),
    (3, "Additional training"),
    (3, "Joint training"),
    (3, "Training accessibility"),
    (3, "Training Case Study: Brent"),
    (4, "Internal"),
    (4, "External"),
    (2, "8. Venue Hire and IT Policies"),
    (3, "Venue Hire Policy"),
    (4, "Non-local authority owned premises"),
    (3, "Speaker policy"),
    (3, "Gender segregation"),
    (3, "IT policy"),
    (3, "Contractors"),
    (3, "Extremist Speaker Policy Case Study: Waltham Forest"),
    (2, "9. Community and Civil Society Engagement"),
    (3, "Community engagement"),
    (3, "Civil Society Organisations"),
    (3, "Prevent Advisory Group Case Study: London Borough of Hammersmith and Fulham and the Royal "
        "Borough of Kensington and Chelsea"),
    (2, "10. Communications"),
    (3, "Prevent Communications Case Study: Birmingham City Council"),
    (2, "Accessing Support"),
    (2, "Further information"),
    (2, "Local Authority Partnership Self-Assessment Tool"),
]

SECTIONS = {t.split(". ", 1)[0]: t.split(". ", 1)[1] for level, t in TOOLKIT_HEADINGS
            if level == 2 and t[0].isdigit()}


def _footnotes(lines: list[str]) -> dict[str, str]:
    notes = {}
    for line in lines:
        match = FOOTNOTE_DEF.match(line.strip())
        if match:
            notes[match.group(1).translate(SUPERSCRIPTS)] = match.group(2)
    return notes


def _inline(text: str, notes: dict[str, str]) -> str:
    def link(match: re.Match) -> str:
        url = notes.get(match.group(1).translate(SUPERSCRIPTS))
        return f" ([link]({url}))" if url else ""

    text = FOOTNOTE_REF.sub(link, text)
    return re.sub(r"<(https?://[^>]+)>", r"\1", text).replace("\u2019", "'").replace("\u2018", "'")


def _table_row(line: str) -> tuple[str, str] | None:
    cells = [c.strip() for c in re.split(r"\t", re.sub(r"</?p>", "", line)) if c.strip()]
    if len(cells) >= 2 and cells[0].lower() in (label.lower() for label in TABLE_LABELS):
        return cells[0], cells[1]
    return None


def _label_bullet(label: str, text: str) -> str:
    match = re.match(r"(\d+(?:\.\d+)?)\.?\s+(.*)", text)
    label = label[0].upper() + label[1:].lower()
    if match:
        return f"- **{label} {match.group(1)}:** {match.group(2)}"
    return f"- **{label}:** {text}"


def _self_assessment(lines: list[str]) -> list[str]:
    """The tool's table: one heading per benchmark and per question, prompts as bullets."""
    out: list[str] = []
    for raw in lines:
        if not raw.strip() or set(raw.strip()) <= set("-|<>/p"):
            continue
        cells = [c.strip() for c in re.sub(r"</?p>(?!\s*<i>)", "", raw).split("\t")]
        label = cells[0].strip().strip("<>p/")
        prompts = [html.unescape(p).strip().rstrip('"') for p in PROMPT.findall(raw)]
        text = next((c for c in cells[1:] if c and not c.startswith("<p>")), "")
        if label == "Benchmark" and text:
            number, _, statement = text.partition(". ")
            out += ["", f"### Benchmark {number}: {SECTIONS.get(number, '')}".rstrip(": "), "",
                    f"**Benchmark {number}:** {statement.rstrip('.')}."]
        elif label == "Outcome":
            out += ["", f"**Outcome:** {text}"]
        elif label.lower() in ("expectation of compliance", "good practice activity") and text:
            kind = "Expectation of compliance" if label.lower().startswith("expect") else "Good practice activity"
            out += ["", f"#### {text}", ""]
            if prompts:
                out += [f"*{kind}.* Supporting details to consider:", ""] + [f"- {p}" for p in prompts]
            else:
                out += [f"*{kind}.* The tool gives no supporting-detail prompts for this question."]
        elif prompts:  # a row continued after a page break
            out += [f"- {p}" for p in prompts]
    return out


def _join_lists(blocks: list[str]) -> str:
    """Blocks separated by blank lines, except consecutive list items, which stay one list."""
    item = re.compile(r"^\s*(- |\d+\.\s)")
    out = ""
    for prev, block in zip(["", *blocks], blocks, strict=False):
        sep = "\n" if item.match(prev) and item.match(block) else "\n\n"
        out += (sep if out else "") + block
    return out


def convert_toolkit(text: str) -> str:
    """Markdown draft of the toolkit seed (without front matter)."""
    lines = text.splitlines()
    notes = _footnotes(lines)
    start = next(i for i, line in enumerate(lines) if line.strip() == "Introduction" and i > 40)
    tool = max(i for i, line in enumerate(lines) if line.strip() == TOOLKIT_HEADINGS[-1][1])
    headings = list(TOOLKIT_HEADINGS)
    blocks: list[str] = ["# Prevent Duty Toolkit for Local Authorities and Partner Agencies"]
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(" ".join(para))
            para.clear()

    for raw in lines[start:tool]:
        line = raw.strip()
        if headings and line == headings[0][1]:
            flush()
            level, title = headings.pop(0)
            blocks.append("#" * level + " " + title.rstrip(":"))
            continue
        if not line or line in SKIP_LINES or FOOTNOTE_DEF.match(line):
            flush()
            continue
        row = _table_row(raw)
        if row:
            flush()
            blocks.append(_label_bullet(*row))
            continue
        cells = [c.strip() for c in raw.split("\t") if c.strip()]
        if len(cells) == 2 and not re.match(r"\d+\.", cells[0]):  # Accessing Support table
            flush()
            blocks.append(f"- **{cells[0]}:** {_inline(cells[1], notes)}")
            continue
        if len(cells) == 2:  # the Delivery Benchmark's numbered list
            flush()
            blocks.append(f"{cells[0]} {cells[1]}")
            continue
        line = _inline(line, notes)
        if re.match(r"^(- |\d+\.\s)", line) or raw.startswith(" -"):
            flush()
            indent = "  " if raw.startswith(" -") else ""
            blocks.append(indent + line)
        elif blocks and not para and blocks[-1][-1:] not in ".:?!" and line[:1].islower():
            blocks[-1] += " " + line  # a paragraph split by a page break
        else:
            para.append(line)
    flush()
    blocks.append("## Local Authority Partnership Self-Assessment Tool")
    body = _join_lists(blocks).splitlines() + _self_assessment(lines[tool + 1:])
    return re.sub(r"\n{3,}", "\n\n", "\n".join(body)).strip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Print the Markdown draft of the toolkit seed named on the command line."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    print(convert_toolkit(Path(argv[0]).read_text(encoding="utf-8")), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
