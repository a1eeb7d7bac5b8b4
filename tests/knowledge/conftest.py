"""Fixtures for the knowledge tests: the shipped knowledge base (built once) and fixture folders."""

from pathlib import Path

import pytest

from knowledge.base import KnowledgeBase, load_knowledge_base

FIXTURES = Path(__file__).parent / "fixtures"
REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT / ".." / "shared"


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The knowledge base over the shipped content."""
    return load_knowledge_base()


@pytest.fixture
def valid_dir() -> Path:
    return FIXTURES / "valid"


@pytest.fixture
def broken_dir() -> Path:
    return FIXTURES / "broken"
