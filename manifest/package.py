"""Build the Teams app package: fill the manifest template, check it offline, and zip it with the icons.

`make package` runs this. Settings come from the environment over a `.env` file (the same file and
parser the bot uses, so the package names the bot the bot actually runs as):

    MicrosoftAppId        the bot's Entra app (client) id          -> bots[0].botId, composeExtensions
    TEAMS_APP_ID          the Teams app id (default: the bot id)   -> id
    BOT_DOMAIN            the host the bot is served from          -> validDomains, default URLs
                          (default: the host of PUBLIC_URL, the bot's public address)
    TEAMS_APP_VERSION     the app version (default: pyproject's)   -> version
    TEAMS_DEVELOPER_NAME, TEAMS_WEBSITE_URL, TEAMS_PRIVACY_URL, TEAMS_TERMS_URL  -> developer

Unset ids and domain fall back to obviously fake values (all-zero GUID, example.org) with a warning, so a
clean clone can build and test the package; `--strict` turns those warnings into errors for a real
upload. The filled manifest is validated against Microsoft's own JSON schema for its manifestVersion,
taken from the npm package @microsoft/app-manifest (installed on first use into manifest/.npm), then
checked for what the schema cannot see: the bot id matches the setting, the domain is listed, and the
icons are PNGs of the right size (the outline icon white on transparent). Every fault is reported with
the field it concerns (`manifest.bots[0].botId: ...`) and the exit status is 1.
"""

import argparse
import json
import os
import re
import sys
import tomllib
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

if __name__ == "__main__" and not __package__:  # run as `python manifest/package.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.settings import read_env_file
from manifest.png import PngError, decode_rgba, read_png
from manifest.schema import (
    DEFAULT_NPM_DIR,
    NPM_PACKAGE,
    NPM_VERSION,
    PackageError,
    Problem,
    field_name,
    load_schema,
    schema_problems,
    schema_root,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
TEMPLATE = HERE / "manifest.template.json"
DEFAULT_OUT = ROOT / "dist" / "prevent-signpost-teams.zip"

FAKE_APP_ID = "00000000-0000-0000-0000-000000000000"
FAKE_DOMAIN = "example.org"
ICON_SIZES = {"color": 192, "outline": 32}

GUID = re.compile(r"[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}")
SEMVER = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
HOST = re.compile(r"(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}", re.IGNORECASE)
PLACEHOLDER = re.compile(r"\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


# --- settings -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PackageSettings:
    """The values the template's placeholders are filled with, and which of them are fake defaults."""

    bot_id: str
    teams_app_id: str
    bot_domain: str
    app_version: str
    developer_name: str
    website_url: str
    privacy_url: str
    terms_url: str
    defaulted: tuple[str, ...] = ()

    def placeholders(self) -> dict[str, str]:
        """Template placeholder name -> value."""
        return {
            "BOT_ID": self.bot_id,
            "TEAMS_APP_ID": self.teams_app_id,
            "BOT_DOMAIN": self.bot_domain,
            "APP_VERSION": self.app_version,
            "DEVELOPER_NAME": self.developer_name,
            "WEBSITE_URL": self.website_url,
            "PRIVACY_URL": self.privacy_url,
            "TERMS_URL": self.terms_url,
        }


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The version in pyproject.toml, the default app version."""
    with pyproject.open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def load_settings(
    environ: Mapping[str, str] | None = None, env_file: Path | None = None, strict: bool = False
) -> PackageSettings:
    """Read the settings from a .env file overlaid by the environment; raise PackageError if unusable.

    With `strict`, an unset bot id or domain is an error instead of a fake default.
    """
    env = read_env_file(env_file) if env_file else {}
    env.update(os.environ if environ is None else environ)

    def get(name: str) -> str:
        return env.get(name, "").strip()

    defaulted = []
    bot_id = get("MicrosoftAppId")
    if not bot_id:
        bot_id = FAKE_APP_ID
        defaulted.append("MicrosoftAppId")
    teams_app_id = get("TEAMS_APP_ID") or bot_id
    domain = get("BOT_DOMAIN") or (urlsplit(get("PUBLIC_URL")).hostname or "")
    if not domain:
        domain = FAKE_DOMAIN
        defaulted.append("BOT_DOMAIN")
    settings = PackageSettings(
        bot_id=bot_id,
        teams_app_id=teams_app_id,
        bot_domain=domain.lower(),
        app_version=get("TEAMS_APP_VERSION") or project_version(),
        developer_name=get("TEAMS_DEVELOPER_NAME") or "Prevent Signpost",
        website_url=get("TEAMS_WEBSITE_URL") or f"https://{domain.lower()}/",
        privacy_url=get("TEAMS_PRIVACY_URL") or f"https://{domain.lower()}/privacy",
        terms_url=get("TEAMS_TERMS_URL") or f"https://{domain.lower()}/terms",
        defaulted=tuple(defaulted),
    )
    problems = settings_problems(settings)
    if strict:
        problems += [Problem(name, "is not set; a package for Teams needs it") for name in defaulted]
    if problems:
        raise PackageError(problems)
    return settings


def settings_problems(settings: PackageSettings) -> list[Problem]:
    """Faults in the settings themselves, named by their environment variable."""
    problems = []
    ids = {"MicrosoftAppId": settings.bot_id, "TEAMS_APP_ID": settings.teams_app_id}
    if settings.teams_app_id == settings.bot_id:  # defaulted: one message is enough
        del ids["TEAMS_APP_ID"]
    for name, value in ids.items():
        if not GUID.fullmatch(value):
            problems.append(Problem(name, f"{value!r} is not a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)"))
    if not HOST.fullmatch(settings.bot_domain):
        problems.append(Problem(
            "BOT_DOMAIN",
            f"{settings.bot_domain!r} is not a public host name: give the host only, such as "
            "signpost.example.gov.uk (no https://, path or port)",
        ))
    if not SEMVER.fullmatch(settings.app_version):
        problems.append(Problem("TEAMS_APP_VERSION", f"{settings.app_version!r} is not MAJOR.MINOR.PATCH"))
    urls = {"TEAMS_WEBSITE_URL": settings.website_url, "TEAMS_PRIVACY_URL": settings.privacy_url,
            "TEAMS_TERMS_URL": settings.terms_url}
    for name, url in urls.items():
        if not url.startswith("https://"):
            problems.append(Problem(name, f"{url!r} must start with https://"))
    return problems


# --- filling the template -------------------------------------------------------------------------


def fill(template: Any, values: Mapping[str, str], path: tuple[str | int, ...] = ()) -> Any:
    """The template with every `${{NAME}}` in its strings replaced; PackageError names unknown ones."""
    if isinstance(template, dict):
        return {key: fill(value, values, (*path, key)) for key, value in template.items()}
    if isinstance(template, list):
        return [fill(item, values, (*path, index)) for index, item in enumerate(template)]
    if not isinstance(template, str):
        return template
    unknown = [m.group(1) for m in PLACEHOLDER.finditer(template) if m.group(1) not in values]
    if unknown:
        raise PackageError([Problem(field_name(path), f"unknown placeholder ${{{{{unknown[0]}}}}}; "
                                                      f"known: {', '.join(sorted(values))}")])
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


# --- what the schema cannot see -------------------------------------------------------------------


def consistency_problems(manifest: dict, settings: PackageSettings) -> list[Problem]:
    """The ids and domain in the manifest agree with the settings; the app version is semver."""
    problems = []
    if manifest.get("id") != settings.teams_app_id:
        problems.append(Problem("manifest.id",
                                f"{manifest.get('id')!r} is not TEAMS_APP_ID={settings.teams_app_id}"))
    bots = manifest.get("bots") or []
    if not bots:
        problems.append(Problem("manifest.bots", "the app has no bot"))
    for kind, items in (("bots", bots), ("composeExtensions", manifest.get("composeExtensions") or [])):
        for index, item in enumerate(items):
            if isinstance(item, dict) and item.get("botId") != settings.bot_id:
                problems.append(Problem(field_name([kind, index, "botId"]),
                                        f"{item.get('botId')!r} is not the configured bot id "
                                        f"MicrosoftAppId={settings.bot_id}"))
    if settings.bot_domain not in (manifest.get("validDomains") or []):
        problems.append(Problem("manifest.validDomains", f"does not list BOT_DOMAIN={settings.bot_domain}"))
    if not SEMVER.fullmatch(str(manifest.get("version"))):
        problems.append(Problem("manifest.version", f"{manifest.get('version')!r} is not MAJOR.MINOR.PATCH"))
    declared, version = str(manifest.get("$schema", "")), manifest.get("manifestVersion")
    if declared and f"/v{version}/" not in declared:
        problems.append(Problem("manifest.$schema", f"{declared!r} is not for manifestVersion {version!r}"))
    return problems


def icon_problems(manifest: dict, icon_dir: Path) -> list[Problem]:
    """The icons exist at the package root, are PNGs of the right size, and the outline is white."""
    problems = []
    icons = manifest.get("icons") or {}
    for key, size in ICON_SIZES.items():
        name = icons.get(key)
        field = f"manifest.icons.{key}"
        if not isinstance(name, str) or Path(name).name != name:
            problems.append(Problem(field, f"{name!r} must be a file name at the package root"))
            continue
        path, field = icon_dir / name, f"{field} ({name})"
        if not path.is_file():
            problems.append(Problem(field, f"file not found in {icon_dir}"))
            continue
        data = path.read_bytes()
        try:
            header, rows = decode_rgba(data) if key == "outline" else (read_png(data)[0], [])
        except PngError as error:
            problems.append(Problem(field, str(error)))
            continue
        if (header.width, header.height) != (size, size):
            problems.append(Problem(field, f"is {header.width}x{header.height}; the {key} icon must be "
                                           f"{size}x{size}"))
        if key == "outline":
            problems.extend(Problem(field, message) for message in _outline_faults(rows))
    return problems


def _outline_faults(rows: list[bytes]) -> list[str]:
    """Why an outline icon is not white on transparent, if it is not."""
    bad, first, transparent, total = 0, None, 0, 0
    for y, row in enumerate(rows):
        for x in range(0, len(row), 4):
            r, g, b, a = row[x:x + 4]
            total += 1
            if a == 0:
                transparent += 1
            elif (r, g, b) != (255, 255, 255):
                bad += 1
                first = first or f"(x={x // 4}, y={y}) is rgba({r}, {g}, {b}, {a})"
    faults = []
    if bad:
        faults.append(f"{bad} pixel(s) are neither white nor transparent, first {first}; "
                      "the outline icon must be white on a transparent background")
    if transparent == 0:
        faults.append("has no transparent pixels; the outline icon needs a transparent background")
    elif transparent == total:
        faults.append("is completely transparent")
    return faults


# --- the package ----------------------------------------------------------------------------------


def build_manifest(settings: PackageSettings, template: Path = TEMPLATE, icon_dir: Path = HERE,
                   npm_dir: Path = DEFAULT_NPM_DIR) -> dict:
    """The filled manifest, validated and checked; PackageError lists every problem found."""
    try:
        raw = json.loads(template.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise PackageError([Problem(str(template), f"cannot read the template: {error}")]) from None
    manifest = fill(raw, settings.placeholders())
    schema = load_schema(schema_root(npm_dir), manifest.get("manifestVersion"))
    problems = (schema_problems(manifest, schema) + consistency_problems(manifest, settings)
                + icon_problems(manifest, icon_dir))
    if problems:
        raise PackageError(problems)
    return manifest


def write_package(manifest: dict, icon_dir: Path, out: Path) -> list[str]:
    """Write the zip (manifest.json and the two icons at its root); return the names written."""
    files = {"manifest.json": (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")}
    for key in ICON_SIZES:
        files[manifest["icons"][key]] = (icon_dir / manifest["icons"][key]).read_bytes()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # fixed: same input, same zip
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    partial.replace(out)
    return list(files)


def main(argv: Sequence[str] | None = None) -> int:
    """Build dist/prevent-signpost-teams.zip; print each problem and return 1 if there are any."""
    parser = argparse.ArgumentParser(description="Build and check the Prevent Signpost Teams app package.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"zip to write (default {DEFAULT_OUT})")
    parser.add_argument("--env-file", type=Path, help="settings file (default: the project's .env, if any)")
    parser.add_argument("--npm-dir", type=Path, default=DEFAULT_NPM_DIR,
                        help=f"where {NPM_PACKAGE} is installed (default {DEFAULT_NPM_DIR})")
    parser.add_argument("--strict", action="store_true",
                        help="fail, not warn, when the bot id or domain is unset (for a real upload)")
    args = parser.parse_args(argv)
    if args.env_file and not args.env_file.is_file():
        print(f"error: --env-file: {args.env_file} not found", file=sys.stderr)
        return 1
    try:
        settings = load_settings(env_file=args.env_file or ROOT / ".env", strict=args.strict)
        for name in settings.defaulted:
            fake = FAKE_DOMAIN if name == "BOT_DOMAIN" else FAKE_APP_ID
            print(f"warning: {name} is not set, so the package uses the placeholder {fake}: "
                  "set it (in .env) before uploading to Teams", file=sys.stderr)
        manifest = build_manifest(settings, npm_dir=args.npm_dir)
        names = write_package(manifest, HERE, args.out)
    except PackageError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        if args.out.is_file():  # an older package left in place could be uploaded by mistake
            args.out.unlink()
            print(f"note: removed the previous {args.out}, so it cannot be uploaded by mistake", file=sys.stderr)
        return 1
    print(f"Validated manifest v{manifest['manifestVersion']} against {NPM_PACKAGE}@{NPM_VERSION}'s schema; "
          f"icons {ICON_SIZES['color']}px colour and {ICON_SIZES['outline']}px white outline checked.")
    print(f"Bot id {settings.bot_id}, Teams app id {settings.teams_app_id}, domain {settings.bot_domain}, "
          f"version {settings.app_version}.")
    print(f"Wrote {args.out} ({', '.join(names)}).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
