"""The knowledge package is plain Python: no Bot Framework SDK or aiohttp imports anywhere in it."""

import ast
from pathlib import Path

import pytest

from knowledge import CONTENT_DIR

FORBIDDEN = ("botbuilder", "botframework", "aiohttp")
MODULES = sorted(CONTENT_DIR.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(CONTENT_DIR)))
def test_no_sdk_imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
    assert not [n for n in names if n.split(".")[0] in FORBIDDEN]


@pytest.mark.parametrize("name", ["text", "model", "markdown", "glossary", "corpus", "index", "query", "search",
                                  "base", "search_cli", "common_words", "stem_cache", "convert_seeds", "gate", "asked",
                                  "excerpts", "query_words", "index_cache", "coverage", "corrector"])
def test_search_modules_are_small_and_documented(name):
    path = CONTENT_DIR / f"{name}.py"
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 400
    assert ast.get_docstring(ast.parse(source))
