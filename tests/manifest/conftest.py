"""Fixtures for the Teams app package tests: the offline schemas (npm, once per session) and settings."""

from pathlib import Path

import pytest

from manifest.package import PackageSettings, load_settings
from manifest.schema import DEFAULT_NPM_DIR, PackageError, schema_root

BOT_ID = "3f2b8c1e-5a7d-4e2f-9b1c-2d4e6f8a0b1c"
DOMAIN = "signpost.example.gov.uk"


@pytest.fixture(scope="session")
def schemas() -> Path:
    """The folder of official Teams schemas; npm installs it once into manifest/.npm, then it is reused."""
    try:
        return schema_root(DEFAULT_NPM_DIR)
    except PackageError as error:  # no npm, or no registry: the rest of the suite still runs
        pytest.skip(f"offline Teams manifest schema unavailable: {error}")


@pytest.fixture
def package_settings() -> PackageSettings:
    """Settings as a real deployment would have them (a bot id and a domain), read from no real file."""
    return load_settings(environ={"MicrosoftAppId": BOT_ID, "BOT_DOMAIN": DOMAIN}, env_file=None)
