"""A versioned on-disk cache of the validated corpus and its index, so a restart skips the build.

The key is a hash of every file that can change what `load_knowledge_base` produces: the content under
the content folder and the code of this package (`*.py`, `*.md`, `*.yaml`), plus the Python version.
Change a source, a phrasing or the ranking code and the key changes, so a stale index is never used;
a content folder's older entry is removed when a
new one is written. Only content that passed validation is stored.

The cache is a convenience: a missing, unreadable, corrupt or unwritable cache means the index is built
as if there were none, and is logged without failing. Entries are pickles written by this process into a
folder beside the package's own code (anyone able to write there can already change the code).
"""

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CACHE_DIR = PACKAGE_DIR / ".index-cache"
HASHED_SUFFIXES = (".py", ".md", ".yaml", ".yml")
PREFIX = "index-"


def cache_key(content_dir: Path) -> str:
    """The content folder's own prefix and a hash of the content and code files and the Python version."""
    digest = hashlib.sha256(sys.version.encode())
    roots = dict.fromkeys((PACKAGE_DIR, Path(content_dir).resolve()))
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.suffix in HASHED_SUFFIXES and p.is_file()
                           and not any(part.startswith(".") or part == "__pycache__" for part in p.parts)):
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    folder = hashlib.sha256(str(Path(content_dir).resolve()).encode()).hexdigest()[:8]
    return f"{folder}-{digest.hexdigest()[:32]}"


def read(cache_dir: Path, key: str) -> Any | None:
    """The cached value for a key, or None when there is none or it cannot be read."""
    path = Path(cache_dir) / f"{PREFIX}{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except Exception as error:  # a corrupt or foreign file: rebuild rather than fail
        log.warning("knowledge index cache unreadable, rebuilding: %s", type(error).__name__)
        return None


def write(cache_dir: Path, key: str, value: Any) -> None:
    """Store a value atomically under its key and remove entries for other keys; never raises."""
    cache_dir = Path(cache_dir)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-", suffix=".pickle")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, cache_dir / f"{PREFIX}{key}.pickle")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        folder = key.split("-", 1)[0]
        for old in cache_dir.glob(f"{PREFIX}{folder}-*.pickle"):
            if old.name != f"{PREFIX}{key}.pickle":
                old.unlink(missing_ok=True)
    except OSError as error:
        log.info("knowledge index cache not written (%s); the index is rebuilt at each start",
                 type(error).__name__)
