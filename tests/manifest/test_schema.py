"""manifest/schema.py: Microsoft's schema, offline, enforcing what Microsoft's own tooling enforces."""

import re

import jsonschema
import pytest

from manifest.package import build_manifest
from manifest.schema import (
    DEFAULT_NPM_DIR,
    PackageError,
    TeamsSchemaValidator,
    load_schema,
    schema_problems,
    schema_root,
)

LETTERS_PATTERN = {"type": "string", "pattern": "^[\\p{L}][\\p{L}0-9._]*$"}  # as in v1.23+ schemas


def test_ecmascript_unicode_pattern_works_where_python_re_cannot():
    with pytest.raises(re.error):
        jsonschema.Draft4Validator(LETTERS_PATTERN).is_valid("x")
    validator = TeamsSchemaValidator(LETTERS_PATTERN)
    assert validator.is_valid("Étude_1")
    assert not validator.is_valid("1abc")


def test_const_and_if_then_are_enforced_although_the_schema_says_draft_04():
    assert not TeamsSchemaValidator({"const": "1.22"}).is_valid("1.21")
    conditional = {"if": {"properties": {"type": {"enum": ["a"]}}}, "then": {"required": ["x"]}}
    assert not TeamsSchemaValidator(conditional).is_valid({"type": "a"})
    assert TeamsSchemaValidator(conditional).is_valid({"type": "b"})


def test_manifest_version_must_match_the_schema_it_is_checked_against(schemas, package_settings):
    manifest = build_manifest(package_settings)
    problems = schema_problems({**manifest, "manifestVersion": "1.21"}, load_schema(schemas, "1.22"))
    assert [str(p) for p in problems] == ["manifest.manifestVersion: '1.22' was expected"]


def test_template_also_validates_under_the_newest_offline_schema(schemas, package_settings):
    # Keeps a later move to a newer manifest version (with its \p{L} patterns) a one-line change.
    newest = max((p.name for p in schemas.glob("v1.*")), key=lambda name: int(name.split(".")[1]))[1:]
    manifest = build_manifest(package_settings)
    manifest.update({"manifestVersion": newest,
                     "$schema": manifest["$schema"].replace("/v1.22/", f"/v{newest}/")})
    assert schema_problems(manifest, load_schema(schemas, newest)) == []


@pytest.mark.parametrize("version", ["1.18", "1.99", 1.22])
def test_a_version_with_no_offline_schema_is_named(schemas, version):
    with pytest.raises(PackageError, match=r"^manifest\.manifestVersion: no offline schema for .*v1\.30"):
        load_schema(schemas, version)


def test_missing_npm_is_reported_not_raised_as_a_crash(tmp_path, monkeypatch):
    monkeypatch.setattr("manifest.schema.shutil.which", lambda name: None)
    with pytest.raises(PackageError, match=r"^npm: not found"):
        schema_root(tmp_path / "npm")


def test_an_existing_install_is_reused_without_npm(schemas, monkeypatch):
    monkeypatch.setattr("manifest.schema.shutil.which", lambda name: None)
    assert schema_root(DEFAULT_NPM_DIR) == schemas
