"""The on-disk index cache: used when nothing changed, ignored when anything did, never a reason to fail."""

import logging
import pickle
import shutil
from pathlib import Path

import pytest

from knowledge import index_cache
from knowledge.base import load_knowledge_base
from knowledge.errors import InvalidContent

QUESTIONS = ("what is the ctlp", "chanel pannel", "who should sit on the prevent board", "canteen opening times",
             "prevent referral process", "urgent prevent cases", "prevent training")


def _answers(kb):
    return [(a.kind, tuple(h.passage.id for h in a.hits), a.glossary and a.glossary.term)
            for a in map(kb.ask, QUESTIONS)]


def _entries(cache_dir: Path) -> list[Path]:
    return sorted(cache_dir.glob(f"{index_cache.PREFIX}*.pickle"))


@pytest.fixture
def content(tmp_path, valid_dir) -> Path:
    copy = tmp_path / "content"
    shutil.copytree(valid_dir, copy)
    return copy


def test_a_second_load_reads_the_cache_and_answers_the_same(tmp_path, caplog):
    cache_dir = tmp_path / "cache"
    built = load_knowledge_base(cache_dir=cache_dir)
    assert len(_entries(cache_dir)) == 1
    with caplog.at_level(logging.INFO, logger="knowledge.base"):
        cached = load_knowledge_base(cache_dir=cache_dir)
    assert "index from cache" in caplog.text
    assert cached.version == built.version
    assert _answers(cached) == _answers(built) == _answers(load_knowledge_base(cache_dir=None))


def test_changed_content_gets_a_new_key_and_replaces_the_old_entry(tmp_path, content):
    cache_dir = tmp_path / "cache"
    load_knowledge_base(content, cache_dir=cache_dir)
    first = _entries(cache_dir)
    alternates = content / "alternates.yaml"
    alternates.write_text(alternates.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert index_cache.cache_key(content) not in first[0].name
    load_knowledge_base(content, cache_dir=cache_dir)
    second = _entries(cache_dir)
    assert len(second) == 1 and second != first


def test_each_content_folder_keeps_its_own_entry(tmp_path, content, valid_dir):
    cache_dir = tmp_path / "cache"
    load_knowledge_base(cache_dir=cache_dir)
    load_knowledge_base(content, cache_dir=cache_dir)
    assert len(_entries(cache_dir)) == 2


def test_a_corrupt_entry_is_rebuilt(tmp_path, content):
    cache_dir = tmp_path / "cache"
    expected = _answers(load_knowledge_base(content, cache_dir=cache_dir))
    (entry,) = _entries(cache_dir)
    entry.write_bytes(b"not a pickle")
    assert _answers(load_knowledge_base(content, cache_dir=cache_dir)) == expected
    assert entry.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_folder_still_loads(tmp_path, content):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    kb = load_knowledge_base(content, cache_dir=blocker / "cache")
    assert _answers(kb) == _answers(load_knowledge_base(content, cache_dir=None))
    assert any(kind != "none" for kind, _hits, _term in _answers(kb))


def test_invalid_content_is_never_cached(tmp_path, broken_dir):
    cache_dir = tmp_path / "cache"
    with pytest.raises(InvalidContent):
        load_knowledge_base(broken_dir, cache_dir=cache_dir)
    assert _entries(cache_dir) == []


def test_a_dot_folder_above_the_content_does_not_hide_its_files(tmp_path, valid_dir):
    content = tmp_path / ".hidden" / "content"
    shutil.copytree(valid_dir, content)
    before = index_cache.cache_key(content)
    alternates = content / "alternates.yaml"
    alternates.write_text(alternates.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert index_cache.cache_key(content) != before


def test_an_entry_for_another_key_or_format_is_not_used(tmp_path, content):
    cache_dir = tmp_path / "cache"
    load_knowledge_base(content, cache_dir=cache_dir)
    (entry,) = _entries(cache_dir)
    key = entry.name.removeprefix(index_cache.PREFIX).removesuffix(".pickle")
    assert index_cache.read(cache_dir, key) is not None
    entry.write_bytes(pickle.dumps(("another-format/9", key, "not an index")))
    assert index_cache.read(cache_dir, key) is None
    entry.write_bytes(pickle.dumps((index_cache.FORMAT, "another-key", "not an index")))
    assert index_cache.read(cache_dir, key) is None


def test_leftover_temporary_files_are_cleared_and_a_failed_write_does_not_raise(tmp_path, content):
    cache_dir = tmp_path / "cache"
    cache_dir.mkdir()
    (cache_dir / ".tmp-left-by-a-killed-process.pickle").write_bytes(b"half")
    load_knowledge_base(content, cache_dir=cache_dir)
    assert not list(cache_dir.glob(".tmp-*"))
    index_cache.write(cache_dir, "x-y", lambda: None)  # cannot be pickled
    assert not list(cache_dir.glob(".tmp-*")) and not (cache_dir / "index-x-y.pickle").exists()


def test_the_cache_folder_comes_from_index_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("INDEX_CACHE_DIR", str(tmp_path))
    assert index_cache.configured_dir() == tmp_path
    monkeypatch.setenv("INDEX_CACHE_DIR", "off")
    assert index_cache.configured_dir() is None
    monkeypatch.setenv("INDEX_CACHE_DIR", "")
    assert index_cache.configured_dir() == index_cache.DEFAULT_CACHE_DIR
