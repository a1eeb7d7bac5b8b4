"""Settings from the environment and a .env file, with the documented defaults."""

from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings

REPO = Path(__file__).resolve().parents[2]


def test_defaults_are_local_mode_on_loopback():
    settings = load_settings({}, env_file=None)
    assert settings.local_mode and settings.host == "127.0.0.1" and settings.port == 3978
    assert settings.storage == "sqlite" and settings.sqlite_path == Path("data/signpost.db")
    assert settings.app_type == "MultiTenant" and settings.log_level == "INFO"


def test_app_id_switches_to_all_interfaces():
    settings = load_settings({"MicrosoftAppId": "abc", "MicrosoftAppPassword": "pw"}, env_file=None)
    assert not settings.local_mode and settings.host == "0.0.0.0"
    assert settings.APP_ID == "abc" and settings.APP_PASSWORD == "pw"


def test_env_file_is_read_and_environment_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text("# comment\nPORT=4000\nSTORAGE='memory'\nLOG_LEVEL=debug\n")
    settings = load_settings({"PORT": "5000"}, env_file=env_file)
    assert settings.port == 5000 and settings.storage == "memory" and settings.log_level == "DEBUG"


@pytest.mark.parametrize(("name", "value"), [("PORT", "abc"), ("PORT", "70000"), ("STORAGE", "postgres")])
def test_bad_values_name_the_variable(name, value):
    with pytest.raises(SettingsError, match=name):
        load_settings({name: value}, env_file=None)


def test_every_setting_is_documented_in_env_example():
    example = (REPO / ".env.example").read_text()
    source = (REPO / "bot" / "settings.py").read_text()
    import re

    names = set(re.findall(r'get\("([A-Za-z_]+)"', source)) | {"MicrosoftAppId"}
    missing = [name for name in sorted(names) if f"{name}=" not in example]
    assert not missing, f"not in .env.example: {missing}"
