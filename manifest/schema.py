"""Microsoft's Teams app manifest schema, offline: fetch it once with npm, validate with jsonschema.

The npm package @microsoft/app-manifest ships the official MicrosoftTeams.schema.json for each manifest
version (v1.0 to v1.30, but no v1.18). `schema_root` installs the pinned version into a git-ignored folder
on first use (manifest/.npm) and reuses it afterwards; after that no network is needed. The schemas
declare draft-04 but use a few later keywords and, from v1.23, ECMAScript regular expressions, so the
validator here is Draft4Validator extended to match what Microsoft's own tooling (Ajv) enforces.
Problems are reported as `manifest.<path>: <what is wrong>`.
"""

import json
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import regex
from jsonschema.exceptions import ValidationError, best_match

DEFAULT_NPM_DIR = Path(__file__).resolve().parent / ".npm"
NPM_PACKAGE = "@microsoft/app-manifest"
NPM_VERSION = "1.1.2"
NPM_TIMEOUT_S = 300


@dataclass(frozen=True)
class Problem:
    """One fault that stops packaging, with the setting or manifest field it concerns."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class PackageError(Exception):
    """Packaging cannot go on; carries every problem found so far."""

    def __init__(self, problems: Sequence[Problem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = tuple(problems)


def field_name(path: Sequence[str | int]) -> str:
    """A JSON path as `manifest.bots[0].botId`."""
    return "manifest" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def schema_root(npm_dir: Path = DEFAULT_NPM_DIR) -> Path:
    """The folder of Teams schemas in @microsoft/app-manifest, installing the package there if needed."""
    package_dir = npm_dir / "node_modules" / "@microsoft" / "app-manifest"
    if _installed_version(package_dir) != NPM_VERSION:
        npm = shutil.which("npm")
        if not npm:
            raise PackageError([Problem("npm", f"not found: install Node.js 20+ with npm, which fetches "
                                               f"{NPM_PACKAGE}@{NPM_VERSION} (the manifest schemas)")])
        npm_dir.mkdir(parents=True, exist_ok=True)
        command = [npm, "install", "--prefix", str(npm_dir), "--no-audit", "--no-fund", "--loglevel", "error",
                   f"{NPM_PACKAGE}@{NPM_VERSION}"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=NPM_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            problem = Problem("npm", f"install of {NPM_PACKAGE} timed out after {NPM_TIMEOUT_S} s")
            raise PackageError([problem]) from None
        if done.returncode != 0:
            raise PackageError([Problem("npm", f"install of {NPM_PACKAGE}@{NPM_VERSION} failed "
                                               f"(exit {done.returncode}): {done.stderr.strip()[-800:]}")])
    return package_dir / "build" / "json-schemas" / "teams"


def _installed_version(package_dir: Path) -> str | None:
    try:
        return json.loads((package_dir / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None


def load_schema(root: Path, manifest_version: object) -> dict:
    """The schema for a manifestVersion; PackageError naming manifest.manifestVersion if there is none."""
    path = root / f"v{manifest_version}" / "MicrosoftTeams.schema.json"
    if not isinstance(manifest_version, str) or not path.is_file():
        available = sorted((p.name for p in root.glob("v1.*")), key=lambda n: int(n.split(".")[1]))
        raise PackageError([Problem("manifest.manifestVersion",
                                    f"no offline schema for {manifest_version!r} in {NPM_PACKAGE}@"
                                    f"{NPM_VERSION} (available: {', '.join(available) or 'none'})")])
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _compiled(pattern: str) -> "regex.Pattern[str]":
    return regex.compile(pattern)


def _short(value: Any, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit - 5] + "...'"


def _ecmascript_pattern(validator: Any, pattern: str, instance: Any, _: dict) -> Iterator[ValidationError]:
    # From v1.23 the schemas use \p{L}, which Python's re cannot compile; the regex package can.
    if validator.is_type(instance, "string") and not _compiled(pattern).search(instance):
        yield ValidationError(f"{_short(instance)} does not match {pattern!r}")


# The schemas declare draft-04 but also use `const` and `if`/`then` (draft-06/07), which Microsoft's
# own validator (Ajv) enforces; a plain Draft4Validator would silently ignore them.
TeamsSchemaValidator = jsonschema.validators.extend(
    jsonschema.Draft4Validator,
    {
        "pattern": _ecmascript_pattern,
        "const": jsonschema.Draft7Validator.VALIDATORS["const"],
        "if": jsonschema.Draft7Validator.VALIDATORS["if"],
    },
)


def schema_problems(manifest: dict, schema: dict) -> list[Problem]:
    """Every schema violation in the manifest, each named by its field."""
    problems: dict[str, Problem] = {}
    for error in TeamsSchemaValidator(schema).iter_errors(manifest):
        cause = best_match(error.context) if error.context else error
        for problem in _describe(cause):
            problems.setdefault(str(problem), problem)
    return sorted(problems.values(), key=str)


def _describe(error: ValidationError) -> list[Problem]:
    """A schema error as problems on the exact field, in words that fit on a line."""
    path, rule = list(error.absolute_path), error.validator
    limit, value = error.validator_value, error.instance
    if rule == "required":  # one error per missing property, each carrying the whole list
        return [Problem(field_name([*path, name]), "is required but missing")
                for name in limit if isinstance(value, dict) and name not in value]
    if rule in ("maxLength", "minLength") and isinstance(value, str):
        bound = "at most" if rule == "maxLength" else "at least"
        return [Problem(field_name(path), f"is {len(value)} characters; it must be {bound} {limit}")]
    message = error.message if len(error.message) <= 300 else error.message[:297] + "..."
    return [Problem(field_name(path), message)]
