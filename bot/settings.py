"""Settings: read once from the environment (and a `.env` file) into one frozen dataclass."""

import ipaddress
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from botbuilder.schema import CallerIdConstants
from botframework.connector.auth import AuthenticationConstants

from knowledge.index_cache import configured_dir

STORAGE_KINDS = ("sqlite", "memory", "blob")
APP_TYPES = ("MultiTenant", "SingleTenant", "UserAssignedMSI")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
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
    index_cache_dir: Path | None = field(default_factory=configured_dir)
    """Where the knowledge index is cached between starts (None: built at every start)."""
    log_level: str = "INFO"
    log_message_text: bool = False
    public_url: str = ""
    openid_metadata_url: str = ""
    rate_limit_per_minute: int = 30

    @property
    def base_url(self) -> str:
        """Where users reach the bot's own pages (CSV exports): PUBLIC_URL, or this host and port."""
        if self.public_url:
            return self.public_url
        host = "127.0.0.1" if self.host in ("", "0.0.0.0", "::") else self.host
        return f"http://{host}:{self.port}"

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

    # Tests only (BOT_OPENID_METADATA_URL): check incoming tokens against a local key server. Setting any of
    # these attributes switches the SDK to its "parameterized" authentication, which then needs every
    # endpoint, so with the override on the rest carry the public-cloud values the SDK otherwise uses.
    def _when_overridden(self, value: str) -> str | None:
        return value if self.openid_metadata_url else None

    @property
    def TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL(self) -> str | None:
        return self.openid_metadata_url or None

    @property
    def TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL(self) -> str | None:
        return self.openid_metadata_url or None

    @property
    def TO_BOT_FROM_CHANNEL_TOKEN_ISSUER(self) -> str | None:
        return self._when_overridden(AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER)

    @property
    def TO_CHANNEL_FROM_BOT_LOGIN_URL(self) -> str | None:
        return self._when_overridden(AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX)

    @property
    def TO_CHANNEL_FROM_BOT_OAUTH_SCOPE(self) -> str | None:
        return self._when_overridden(AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE)

    @property
    def OAUTH_URL(self) -> str | None:
        return self._when_overridden(AuthenticationConstants.OAUTH_URL)

    @property
    def CALLER_ID(self) -> str | None:
        return self._when_overridden(CallerIdConstants.public_azure_channel)


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
    rate_text = get("RATE_LIMIT_PER_MINUTE", "30") or "30"
    if not rate_text.isdigit():
        raise SettingsError(f"RATE_LIMIT_PER_MINUTE must be a whole number (0 turns it off), not {rate_text!r}")
    log_level = {"WARN": "WARNING"}.get(level := (get("LOG_LEVEL", "INFO") or "INFO").upper(), level)
    if log_level not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {log_level!r}")
    if storage == "blob" and not get("BLOB_CONNECTION_STRING"):
        raise SettingsError("BLOB_CONNECTION_STRING is required when STORAGE=blob")
    host = get("HOST") or ("0.0.0.0" if app_id else "127.0.0.1")
    if not app_id and not _loopback(host):
        raise SettingsError(f"HOST {host!r} would put local mode (no MicrosoftAppId, so no authentication) on the "
                            "network: set MicrosoftAppId and its secret, or leave HOST empty for 127.0.0.1")
    app_type, app_password, tenant = _app_credentials(get, app_id)
    return Settings(
        app_id=app_id,
        app_password=app_password,
        app_type=app_type,
        app_tenant_id=tenant,
        host=host,
        port=int(port_text),
        storage=storage,
        sqlite_path=Path(get("SQLITE_PATH", "data/signpost.db") or "data/signpost.db"),
        blob_connection_string=get("BLOB_CONNECTION_STRING"),
        blob_container=get("BLOB_CONTAINER", "signpost-state") or "signpost-state",
        local_dir=Path(local_dir) if local_dir else None,
        index_cache_dir=configured_dir(env.get("INDEX_CACHE_DIR", "")),
        log_level=log_level,
        log_message_text=get("LOG_MESSAGE_TEXT").lower() in TRUE_WORDS,
        public_url=get("PUBLIC_URL").rstrip("/"),
        openid_metadata_url=get("BOT_OPENID_METADATA_URL"),
        rate_limit_per_minute=int(rate_text),
    )


def _app_credentials(get: Callable[..., str], app_id: str) -> tuple[str, str, str]:
    """MicrosoftAppType (as the SDK spells it), the secret and the tenant id, checked for what the type needs:
    the SDK would take a misspelt type for MultiTenant, and fail on a missing secret or tenant only at the
    first reply or with a message naming its own attribute."""
    typed = get("MicrosoftAppType", "MultiTenant") or "MultiTenant"
    app_type = next((t for t in APP_TYPES if t.lower() == typed.lower()), None)
    if app_type is None:
        raise SettingsError(f"MicrosoftAppType must be one of {', '.join(APP_TYPES)}, not {typed!r}")
    password, tenant = get("MicrosoftAppPassword"), get("MicrosoftAppTenantId")
    if not app_id and app_type != "MultiTenant":
        raise SettingsError(f"MicrosoftAppId is required for {app_type} (empty means local mode, MultiTenant only)")
    if app_id and app_type != "UserAssignedMSI" and not password:
        raise SettingsError(f"MicrosoftAppPassword (the app's client secret) is required with MicrosoftAppId "
                            f"for {app_type}")
    if app_id and app_type != "MultiTenant" and not tenant:
        raise SettingsError(f"MicrosoftAppTenantId is required for {app_type}")
    return app_type, password, tenant


def _loopback(host: str) -> bool:
    """Whether HOST names this machine only (localhost, 127.x.x.x, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
