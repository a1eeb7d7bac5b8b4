"""Settings: read once from the environment (and a `.env` file) into one frozen dataclass."""

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

STORAGE_KINDS = ("sqlite", "memory", "blob")
TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


class SettingsError(ValueError):
    """A setting has a value the bot cannot use; the message names the variable."""


@dataclass(frozen=True)
class Settings:
    """Everything the bot is configured with; see .env.example for each variable."""

    app_id: str = ""
    app_password: str = ""
    app_type: str = "MultiTenant"
    app_tenant_id: str = ""
    host: str = "127.0.0.1"
    port: int = 3978
    storage: str = "sqlite"
    sqlite_path: Path = Path("data/signpost.db")
    blob_connection_string: str = ""
    blob_container: str = "signpost-state"
    local_dir: Path | None = None
    log_level: str = "INFO"
    log_message_text: bool = False
    timezone: str = "Europe/London"
    public_url: str = ""

    @property
    def local_mode(self) -> bool:
        """True when no app id is set: no authentication, for local clients only."""
        return not self.app_id

    # The SDK's ConfigurationBotFrameworkAuthentication reads these attribute names.
    @property
    def APP_ID(self) -> str:
        return self.app_id

    @property
    def APP_PASSWORD(self) -> str:
        return self.app_password

    @property
    def APP_TYPE(self) -> str:
        return self.app_type

    @property
    def APP_TENANTID(self) -> str:
        return self.app_tenant_id


def read_env_file(path: Path) -> dict[str, str]:
    """Parse a simple KEY=VALUE .env file (comments and blank lines ignored, quotes stripped)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip().removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


def load_settings(environ: Mapping[str, str] | None = None, env_file: Path | None = Path(".env")) -> Settings:
    """Build Settings from a `.env` file overlaid by the real environment."""
    env: dict[str, str] = read_env_file(env_file) if env_file else {}
    env.update(os.environ if environ is None else environ)

    def get(name: str, default: str = "") -> str:
        return env.get(name, default).strip()

    app_id = get("MicrosoftAppId")
    storage = get("STORAGE", "sqlite").lower()
    if storage not in STORAGE_KINDS:
        raise SettingsError(f"STORAGE must be one of {', '.join(STORAGE_KINDS)}, not {storage!r}")
    port_text = get("PORT", "3978")
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise SettingsError(f"PORT must be a number from 1 to 65535, not {port_text!r}")
    local_dir = get("LOCAL_CONTENT_DIR")
    return Settings(
        app_id=app_id,
        app_password=get("MicrosoftAppPassword"),
        app_type=get("MicrosoftAppType", "MultiTenant") or "MultiTenant",
        app_tenant_id=get("MicrosoftAppTenantId"),
        host=get("HOST") or ("0.0.0.0" if app_id else "127.0.0.1"),
        port=int(port_text),
        storage=storage,
        sqlite_path=Path(get("SQLITE_PATH", "data/signpost.db") or "data/signpost.db"),
        blob_connection_string=get("BLOB_CONNECTION_STRING"),
        blob_container=get("BLOB_CONTAINER", "signpost-state") or "signpost-state",
        local_dir=Path(local_dir) if local_dir else None,
        log_level=(get("LOG_LEVEL", "INFO") or "INFO").upper(),
        log_message_text=get("LOG_MESSAGE_TEXT").lower() in TRUE_WORDS,
        timezone=get("TIMEZONE", "Europe/London") or "Europe/London",
        public_url=get("PUBLIC_URL").rstrip("/"),
    )
