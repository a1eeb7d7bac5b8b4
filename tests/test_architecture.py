"""Layering rules: the SDK stays in the hosting layer, so engines and content are plain Python.

Only app.py, bot/ and the thin dialog wrappers may import botbuilder, botframework or aiohttp. Everything
under knowledge/ and every dialog engine or flow is checked by parsing its imports.
"""

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SDK_PACKAGES = ("botbuilder", "botframework", "aiohttp", "msrest", "jsonpickle")
THIN_WRAPPERS = {"flow_dialog.py"}


def _imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def _plain_modules() -> list[Path]:
    knowledge = sorted((REPO / "knowledge").rglob("*.py"))
    dialogs = sorted(p for p in (REPO / "dialogs").rglob("*.py") if p.name not in THIN_WRAPPERS)
    return knowledge + dialogs


@pytest.mark.parametrize("path", _plain_modules(), ids=lambda p: str(p.relative_to(REPO)))
def test_plain_python_modules_do_not_import_the_sdk(path):
    forbidden = _imported_roots(path) & set(SDK_PACKAGES)
    assert not forbidden, f"{path.relative_to(REPO)} imports {sorted(forbidden)}: keep the SDK in bot/ and app.py"


def test_the_plain_modules_that_bot_code_feeds_on_do_not_pull_the_sdk_in_transitively():
    """bot.reply and bot.cards are imported by flows, so they must not import the SDK either."""
    for path in [REPO / "bot" / "reply.py", *sorted((REPO / "bot" / "cards").glob("*.py"))]:
        forbidden = _imported_roots(path) & set(SDK_PACKAGES)
        assert not forbidden, f"{path.relative_to(REPO)} imports {sorted(forbidden)}"


def test_the_check_would_catch_an_sdk_import(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("from botbuilder.core import TurnContext\nimport aiohttp.web\n")
    assert _imported_roots(sneaky) >= {"botbuilder", "aiohttp"}


def test_no_module_is_much_over_400_lines():
    too_long = []
    for folder in ("bot", "knowledge", "dialogs"):
        for path in (REPO / folder).rglob("*.py"):
            lines = len(path.read_text(encoding="utf-8").splitlines())
            if lines > 450:
                too_long.append(f"{path.relative_to(REPO)} ({lines} lines)")
    assert not too_long, too_long
