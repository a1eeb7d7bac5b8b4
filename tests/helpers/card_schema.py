"""Validate Adaptive Card dicts against the official 1.5 schema, offline."""

import json
from functools import cache
from pathlib import Path

import adaptive_cards
import jsonschema
from jsonschema.exceptions import best_match

SCHEMA_PATH = Path(adaptive_cards.__file__).parent / "schemas" / "schema-1.5.json"


@cache
def _validator() -> jsonschema.Draft6Validator:
    return jsonschema.Draft6Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))


def card_errors(card: dict) -> list[str]:
    """Every schema fault in a card, most specific first; empty when the card is valid 1.5."""
    errors = list(_validator().iter_errors(card))
    if not errors:
        return []
    best = best_match(errors)
    path = "/".join(str(p) for p in best.absolute_path)
    return [f"{path or '<root>'}: {best.message}"] + [e.message for e in errors if e is not best]


def assert_valid_card(card: dict) -> None:
    """Fail with the most specific schema fault when the card is not valid Adaptive Card 1.5."""
    assert card.get("type") == "AdaptiveCard", "not an AdaptiveCard"
    assert card.get("version") == "1.5", f"card version is {card.get('version')!r}, expected '1.5'"
    errors = card_errors(card)
    assert not errors, errors[0]
