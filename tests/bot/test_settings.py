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


@pytest.mark.parametrize(("environ", "named"), [
    ({"LOG_LEVEL": "verbose"}, "LOG_LEVEL"),
    ({"STORAGE": "blob"}, "BLOB_CONNECTION_STRING"),
    ({"HOST": "0.0.0.0"}, "HOST"),  # local mode has no authentication: never on the network
    ({"HOST": "192.168.1.20"}, "HOST"),
    ({"MicrosoftAppId": "abc", "MicrosoftAppPassword": "pw", "MicrosoftAppType": "SingleTennant"}, "MicrosoftAppType"),
    ({"MicrosoftAppId": "abc"}, "MicrosoftAppPassword"),
    ({"MicrosoftAppId": "abc", "MicrosoftAppPassword": "pw", "MicrosoftAppType": "SingleTenant"},
     "MicrosoftAppTenantId"),
    ({"MicrosoftAppId": "abc", "MicrosoftAppType": "UserAssignedMSI"}, "MicrosoftAppTenantId"),
    ({"MicrosoftAppType": "SingleTenant", "MicrosoftAppTenantId": "t"}, "MicrosoftAppId"),
    ({"HOST": "127.example.com"}, "HOST"),
])
def test_settings_the_bot_could_not_run_with_are_refused_naming_the_variable(environ, named):
    with pytest.raises(SettingsError, match=named):
        load_settings(environ, env_file=None)


def test_settings_that_are_fine_as_they_are_written():
    assert load_settings({"HOST": "127.0.0.1", "LOG_LEVEL": "warning"}, env_file=None).log_level == "WARNING"
    assert load_settings({"LOG_LEVEL": "warn"}, env_file=None).log_level == "WARNING"
    assert load_settings({"LOG_LEVEL": "critical"}, env_file=None).log_level == "CRITICAL"
    for loopback in ("localhost", "::1", "127.0.0.2"):
        assert load_settings({"HOST": loopback}, env_file=None).host == loopback
    single = load_settings({"MicrosoftAppId": "abc", "MicrosoftAppPassword": "pw", "MicrosoftAppType": "singletenant",
                            "MicrosoftAppTenantId": "t"}, env_file=None)
    assert single.app_type == "SingleTenant"  # as the SDK spells it: it compares exactly
    managed = load_settings({"MicrosoftAppId": "abc", "MicrosoftAppType": "UserAssignedMSI",
                             "MicrosoftAppTenantId": "t"}, env_file=None)
    assert managed.app_type == "UserAssignedMSI" and not managed.app_password
    assert load_settings({"MicrosoftAppId": "abc", "MicrosoftAppPassword": "pw", "HOST": "10.0.0.4"},
                         env_file=None).host == "10.0.0.4"
