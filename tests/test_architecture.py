"""Layering rules: the SDK stays in the hosting layer, so engines and content are plain Python.

Only app.py, bot/ and the thin dialog wrappers may import botbuilder, botframework or aiohttp. Everything
under knowledge/ and every dialog engine or flow is checked by parsing its imports.
"""

import ast
import subprocess
import sys
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


def _module_name(path: Path) -> str:
    relative = path.relative_to(REPO)
    return ".".join(relative.parent.parts if path.stem == "__init__" else relative.with_suffix("").parts)


def _sdk_modules_loaded_by(modules: list[str]) -> list[str]:
    """The SDK packages in sys.modules after importing these modules in a fresh interpreter."""
    script = (f"import importlib, sys\nfor name in {modules!r}:\n    importlib.import_module(name)\n"
              f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({SDK_PACKAGES!r})))")
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    return ast.literal_eval(done.stdout.strip())


def test_the_plain_modules_that_bot_code_feeds_on_do_not_pull_the_sdk_in_transitively():
    """bot.reply and bot.cards are imported by flows, so importing them (and every engine and flow) must not
    load the SDK, directly or through anything they import."""
    cards = [f"bot.cards.{p.stem}" for p in sorted((REPO / "bot" / "cards").glob("*.py")) if p.stem != "__init__"]
    plain = [_module_name(p) for p in _plain_modules() if p.stem != "__main__"]
    assert _sdk_modules_loaded_by(["bot.reply", *cards, *plain]) == []


def test_the_transitive_check_would_catch_an_sdk_import():
    assert _sdk_modules_loaded_by(["bot.reply", "bot.activities"]) != []  # bot.activities builds SDK activities


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
