"""Every content check in one place: what `python -m knowledge check` and app start-up run."""

import sys
from collections.abc import Callable
from pathlib import Path

from knowledge.errors import ContentError


def _checks() -> list[Callable[[Path | None], list[ContentError]]]:
    from knowledge.areas import check_areas
    from knowledge.benchmark import check_benchmark
    from knowledge.corpus import check_corpus
    from knowledge.english_words import check_english_words
    from knowledge.messages import check_messages
    from knowledge.person_names import check_person_names

    return [
        lambda _local: check_corpus(),
        lambda _local: _check_emergency_rules(),
        lambda _local: check_messages(),
        lambda _local: check_benchmark(),
        lambda _local: check_person_names(),
        lambda _local: check_english_words(),
        check_areas,
    ]


def _check_emergency_rules() -> list[ContentError]:
    from knowledge.emergency_model import MODEL_FILE, load_model
    from knowledge.emergency_reading import RULES_FILE, load_rules

    try:
        load_rules(RULES_FILE)
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as error:
        return [ContentError(RULES_FILE, f"cannot compile the emergency vocabulary: {type(error).__name__}: {error}")]
    try:
        load_model.cache_clear()
        load_model()
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as error:
        return [ContentError(MODEL_FILE, f"cannot read the emergency model: {type(error).__name__}: {error}")]
    return []


def run_all(local_dir: Path | None = None) -> list[ContentError]:
    """Run every content check and return all errors found (empty when the content is valid)."""
    errors: list[ContentError] = []
    for check in _checks():
        errors.extend(check(local_dir))
    return errors


def report(local_dir: Path | None = None) -> int:
    """Print every error (file, line, field) and return the exit status: 0 valid, 1 invalid."""
    errors = run_all(local_dir)
    for error in errors:
        print(error, file=sys.stderr)
    print("content OK" if not errors else f"{len(errors)} content error(s)")
    return 1 if errors else 0
