"""A versioned on-disk cache of the validated corpus and its index, so a restart skips the build.

The key is a hash of every file that can change what `load_knowledge_base` produces: the content under
the content folder and the code of this package (`*.py`, `*.md`, `*.yaml`), plus the Python and Snowball
stemmer versions (the index holds stems; questions are stemmed at run time). Change a source, a phrasing
or the ranking code and the key changes, so a stale index is never used; a content folder's older entry is
removed when a new one is written. An entry carries its format and key and is used only when both match.
Only content that passed validation is stored.

The cache is a convenience: a missing, unreadable, corrupt, foreign or unwritable cache means the index is
built as if there were none, and is logged without failing. Entries are pickles, so the folder must be
writable only by the bot's own account (by default it is inside the package, beside its code; set
INDEX_CACHE_DIR to move it, or to an empty value to turn it off).
"""

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from pathlib import Path
from typing import Any

from knowledge.text import stemmer_version

log = logging.getLogger(__name__)

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_CACHE_DIR = PACKAGE_DIR / ".index-cache"
HASHED_SUFFIXES = (".py", ".md", ".yaml", ".yml")
PREFIX = "index-"
FORMAT = "prevent-signpost-index/1"


def configured_dir(value: str | None = None) -> Path | None:
    """The cache folder INDEX_CACHE_DIR names (the environment's when no value is given): unset or empty
    means DEFAULT_CACHE_DIR, "off" means no cache."""
    value = (os.environ.get("INDEX_CACHE_DIR", "") if value is None else value).strip()
    if value.lower() == "off":
        return None
    return Path(value) if value else DEFAULT_CACHE_DIR


def cache_key(content_dir: Path) -> str:
    """The content folder's own prefix, then a hash of the content and code files and the versions."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version}|{stemmer_version()}".encode())
    roots = dict.fromkeys((PACKAGE_DIR, Path(content_dir).resolve()))
    for root in roots:
        for path in sorted(root.rglob("*")):
            inside = path.relative_to(root).parts  # a dot folder *above* the root must not hide everything
            if path.suffix in HASHED_SUFFIXES and path.is_file() \
                    and not any(part.startswith(".") or part == "__pycache__" for part in inside):
                digest.update("/".join(inside).encode() + b"\0" + path.read_bytes() + b"\0")
    folder = hashlib.sha256(str(Path(content_dir).resolve()).encode()).hexdigest()[:8]
    return f"{folder}-{digest.hexdigest()[:32]}"


def read(cache_dir: Path, key: str) -> Any | None:
    """The value cached under a key, or None when there is none or it is not a readable entry for it."""
    path = Path(cache_dir) / f"{PREFIX}{key}.pickle"
    try:
        with path.open("rb") as handle:
            entry = pickle.load(handle)
    except (FileNotFoundError, NotADirectoryError):
        return None
    except Exception as error:  # a corrupt or foreign file: rebuild rather than fail
        log.warning("knowledge index cache unreadable, rebuilding: %s", type(error).__name__)
        return None
    if not (isinstance(entry, tuple) and len(entry) == 3 and entry[:2] == (FORMAT, key)):
        log.warning("knowledge index cache entry is not for this content and code, rebuilding")
        return None
    return entry[2]


def write(cache_dir: Path, key: str, value: Any) -> None:
    """Store a value atomically under its key and remove the content folder's other entries; never raises."""
    cache_dir = Path(cache_dir)
    temporary = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for stale in cache_dir.glob(".tmp-*.pickle"):  # left by a process killed while writing
            stale.unlink(missing_ok=True)
        handle, temporary = tempfile.mkstemp(dir=cache_dir, prefix=".tmp-", suffix=".pickle")
        with os.fdopen(handle, "wb") as out:
            pickle.dump((FORMAT, key, value), out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, cache_dir / f"{PREFIX}{key}.pickle")
        temporary = None
        folder = key.split("-", 1)[0]
        for old in cache_dir.glob(f"{PREFIX}{folder}-*.pickle"):
            if old.name != f"{PREFIX}{key}.pickle":
                old.unlink(missing_ok=True)
    except Exception as error:  # a cache that cannot be written must not stop the bot starting
        log.info("knowledge index cache not written (%s); the index is rebuilt at each start",
                 type(error).__name__)
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
