"""manifest/package.py: settings, filling, the checks the schema cannot make, and the zip."""

import json
import zipfile

import pytest

from bot.router import route
from manifest.package import (
    FAKE_APP_ID,
    FAKE_DOMAIN,
    HERE,
    TEMPLATE,
    build_manifest,
    icon_problems,
    load_settings,
    main,
    project_version,
    write_package,
)
from manifest.schema import PackageError
from tests.manifest.conftest import BOT_ID, DOMAIN
from tests.manifest.png_builders import png, solid, white_square_on_transparent

OTHER_ID = "11111111-2222-4333-8444-555555555555"
SETTING_NAMES = ("MicrosoftAppId", "TEAMS_APP_ID", "BOT_DOMAIN", "PUBLIC_URL", "TEAMS_APP_VERSION",
                 "TEAMS_DEVELOPER_NAME", "TEAMS_WEBSITE_URL", "TEAMS_PRIVACY_URL", "TEAMS_TERMS_URL")
COMMANDS = ("help", "referral", "contacts", "quick check", "self-assessment", "benchmark")


def template() -> dict:
    return json.loads(TEMPLATE.read_text(encoding="utf-8"))


@pytest.fixture
def clean_environment(monkeypatch):
    """No package setting in the process environment, so only what a test passes counts."""
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)


# --- settings -------------------------------------------------------------------------------------


def test_unset_ids_and_domain_fall_back_to_fake_values_and_say_so():
    settings = load_settings(environ={}, env_file=None)
    assert settings.bot_id == settings.teams_app_id == FAKE_APP_ID
    assert settings.bot_domain == FAKE_DOMAIN
    assert settings.defaulted == ("MicrosoftAppId", "BOT_DOMAIN")
    assert settings.app_version == project_version()
    assert settings.privacy_url == f"https://{FAKE_DOMAIN}/privacy"


def test_strict_refuses_the_fake_values():
    with pytest.raises(PackageError) as caught:
        load_settings(environ={}, env_file=None, strict=True)
    assert [p.field for p in caught.value.problems] == ["MicrosoftAppId", "BOT_DOMAIN"]


def test_env_file_is_read_and_the_environment_wins(tmp_path):
    env_file = tmp_path / ".env"
    env_file.write_text(f'# comment\nMicrosoftAppId="{BOT_ID}"\nBOT_DOMAIN=file.example.gov.uk\n',
                        encoding="utf-8")
    settings = load_settings(environ={"BOT_DOMAIN": DOMAIN}, env_file=env_file)
    assert (settings.bot_id, settings.teams_app_id, settings.bot_domain) == (BOT_ID, BOT_ID, DOMAIN)
    assert settings.defaulted == ()


def test_domain_defaults_to_the_host_of_public_url():
    settings = load_settings(environ={"PUBLIC_URL": f"https://{DOMAIN}/"}, env_file=None)
    assert settings.bot_domain == DOMAIN and "BOT_DOMAIN" not in settings.defaulted
    assert settings.terms_url == f"https://{DOMAIN}/terms"
    both = {"PUBLIC_URL": "https://links.example.gov.uk", "BOT_DOMAIN": DOMAIN}
    assert load_settings(environ=both, env_file=None).bot_domain == DOMAIN


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"MicrosoftAppId": "my-bot"}, "MicrosoftAppId: 'my-bot' is not a GUID"),
        ({"TEAMS_APP_ID": "{" + BOT_ID + "}"}, "TEAMS_APP_ID: '{"),
        ({"BOT_DOMAIN": "https://signpost.example.gov.uk/api/messages"}, "BOT_DOMAIN: 'https://"),
        ({"BOT_DOMAIN": "localhost"}, "BOT_DOMAIN: 'localhost' is not a public host name"),
        ({"TEAMS_APP_VERSION": "1.0"}, "TEAMS_APP_VERSION: '1.0' is not MAJOR.MINOR.PATCH"),
        ({"TEAMS_PRIVACY_URL": "http://council.example/privacy"}, "TEAMS_PRIVACY_URL: 'http://"),
    ],
)
def test_bad_settings_are_named(environ, expected):
    with pytest.raises(PackageError) as caught:
        load_settings(environ=environ, env_file=None)
    assert any(str(p).startswith(expected) for p in caught.value.problems), caught.value.problems


# --- the manifest ---------------------------------------------------------------------------------


def test_template_fills_and_validates(schemas, package_settings):
    manifest = build_manifest(package_settings)
    text = json.dumps(manifest)
    assert "${{" not in text and FAKE_APP_ID not in text and FAKE_DOMAIN not in text
    assert manifest["manifestVersion"] == "1.22"
    assert manifest["id"] == BOT_ID
    assert manifest["bots"][0]["botId"] == manifest["composeExtensions"][0]["botId"] == BOT_ID
    assert manifest["validDomains"] == [DOMAIN]
    assert manifest["developer"]["privacyUrl"] == f"https://{DOMAIN}/privacy"
    assert manifest["bots"][0]["scopes"] == ["personal", "team", "groupChat"]
    assert manifest["bots"][0]["supportsFiles"] is False
    command = manifest["composeExtensions"][0]["commands"][0]
    assert (command["id"], command["type"]) == ("searchToolkit", "query")
    assert command["title"] == "Search the Prevent toolkit"
    assert [p["name"] for p in command["parameters"]] == ["query"]


def test_descriptions_say_what_the_bot_is_not_for():
    description = template()["description"]
    for text in (description["short"], description["full"]):
        assert "Not a referral system" in text or "not a referral system" in text
        assert "personal data" in text.lower()
    assert "999" in description["full"]


def test_every_scope_lists_the_commands_and_the_bot_understands_them():
    command_lists = template()["bots"][0]["commandLists"]
    scopes = sorted(scope for entry in command_lists for scope in entry["scopes"])
    assert scopes == ["groupChat", "personal", "team"]
    for entry in command_lists:
        assert tuple(c["title"] for c in entry["commands"]) == COMMANDS
        for command in entry["commands"]:
            assert route(command["title"]).name not in ("question", "empty"), command["title"]


DELETE = object()
SCHEMA_V1_21 = "https://developer.microsoft.com/json-schemas/teams/v1.21/MicrosoftTeams.schema.json"

# (where in the template, the new value or DELETE, how the problem starts)
BROKEN = {
    "no-bot-id": (["bots", 0, "botId"], DELETE, "manifest.bots[0].botId: is required but missing"),
    "other-bot-id": (["bots", 0, "botId"], OTHER_ID, "manifest.bots[0].botId: '11111111"),
    "bot-id-not-guid": (["bots", 0, "botId"], "bot", "manifest.bots[0].botId: 'bot' does not match"),
    "extension-other-bot": (["composeExtensions", 0, "botId"], OTHER_ID,
                            "manifest.composeExtensions[0].botId: "),
    "unknown-manifest-version": (["manifestVersion"], "1.99", "manifest.manifestVersion: no offline schema"),
    "app-version": (["version"], "1.0", "manifest.version: '1.0' is not MAJOR.MINOR.PATCH"),
    "schema-url-mismatch": (["$schema"], SCHEMA_V1_21, "manifest.$schema: "),
    "short-description": (["description", "short"], "x" * 81,
                          "manifest.description.short: is 81 characters; it must be at most 80"),
    "bad-scope": (["bots", 0, "scopes"], ["personal", "channel"],
                  "manifest.bots[0].scopes[1]: 'channel' is not"),
    "domain-missing": (["validDomains"], [], f"manifest.validDomains: does not list BOT_DOMAIN={DOMAIN}"),
    "unknown-placeholder": (["developer", "name"], "${{COUNCIL}}",
                            "manifest.developer.name: unknown placeholder ${{COUNCIL}}"),
    "icon-in-folder": (["icons", "outline"], "icons/outline.png",
                       "manifest.icons.outline: 'icons/outline.png'"),
}


@pytest.mark.parametrize(("where", "value", "expected"), BROKEN.values(), ids=BROKEN.keys())
def test_broken_manifest_is_rejected_with_the_field_named(schemas, package_settings, tmp_path, where, value,
                                                          expected):
    manifest = template()
    parent = manifest
    for key in where[:-1]:
        parent = parent[key]
    if value is DELETE:
        del parent[where[-1]]
    else:
        parent[where[-1]] = value
    path = tmp_path / "manifest.template.json"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(PackageError) as caught:
        build_manifest(package_settings, template=path)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith(expected) for m in messages), messages


# --- icons ----------------------------------------------------------------------------------------

ICONS = {"color": "color.png", "outline": "outline.png"}


def _icons(tmp_path, **replacements: bytes) -> list[str]:
    """Icon problems for the committed icons with some replaced (color=..., outline=...)."""
    for key, name in ICONS.items():
        (tmp_path / name).write_bytes(replacements.get(key, (HERE / name).read_bytes()))
    return [str(p) for p in icon_problems({"icons": ICONS}, tmp_path)]


def test_committed_icons_pass():
    assert icon_problems({"icons": ICONS}, HERE) == []


def test_a_valid_outline_from_another_tool_passes(tmp_path):
    assert _icons(tmp_path, outline=png(white_square_on_transparent(32), filter_type=4)) == []


RED, WHITE, CLEAR, TEAL = (255, 0, 0, 255), (255, 255, 255, 255), (255, 255, 255, 0), (11, 90, 122, 255)
OUTLINE, COLOR = "manifest.icons.outline (outline.png): ", "manifest.icons.color (color.png): "
BAD_ICONS = {
    "outline-48": ("outline", png(white_square_on_transparent(48)),
                   OUTLINE + "is 48x48; the outline icon must be 32x32"),
    "color-100": ("color", png(solid(100, TEAL)), COLOR + "is 100x100; the color icon must be 192x192"),
    "outline-red": ("outline", png(solid(32, RED)),
                    OUTLINE + "1024 pixel(s) are neither white nor transparent, first (x=0, y=0) is "
                              "rgba(255, 0, 0, 255)"),
    "outline-opaque": ("outline", png(solid(32, WHITE)), OUTLINE + "has no transparent pixels"),
    "outline-empty": ("outline", png(solid(32, CLEAR)), OUTLINE + "is completely transparent"),
    "outline-no-alpha": ("outline", png([bytes(32 * 3)] * 32, color_type=2),
                         OUTLINE + "is 32x32 8-bit RGB; it must be an 8-bit PNG with an alpha channel"),
    "color-svg": ("color", b"<svg/>", COLOR + "is not a PNG file"),
}


@pytest.mark.parametrize(("icon", "data", "expected"), BAD_ICONS.values(), ids=BAD_ICONS.keys())
def test_bad_icons_are_rejected_with_the_icon_named(tmp_path, icon, data, expected):
    problems = _icons(tmp_path, **{icon: data})
    assert any(p.startswith(expected) for p in problems), problems


def test_outline_with_one_grey_pixel_is_rejected(tmp_path):
    rows = [bytearray(row) for row in white_square_on_transparent(32)]
    rows[16][4 * 16:4 * 17] = bytes((200, 200, 200, 255))
    problems = _icons(tmp_path, outline=png([bytes(row) for row in rows]))
    assert problems == [OUTLINE + "1 pixel(s) are neither white nor transparent, first (x=16, y=16) "
                        "is rgba(200, 200, 200, 255); the outline icon must be white on a transparent "
                        "background"]


def test_missing_icon_file_is_named(tmp_path):
    problems = icon_problems({"icons": ICONS}, tmp_path)
    assert problems and str(problems[0]).startswith(COLOR + "file not found")


# --- the zip and the command line -----------------------------------------------------------------


def test_zip_has_the_manifest_and_both_icons_at_its_root(schemas, package_settings, tmp_path):
    manifest = build_manifest(package_settings)
    out = tmp_path / "app.zip"
    assert write_package(manifest, HERE, out) == ["manifest.json", "color.png", "outline.png"]
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        assert json.loads(archive.read("manifest.json")) == manifest
        assert archive.read("outline.png") == (HERE / "outline.png").read_bytes()
        assert archive.testzip() is None
    first = out.read_bytes()
    write_package(manifest, HERE, out)
    assert out.read_bytes() == first, "the same input should give the same zip"


def test_main_builds_the_package_from_an_env_file(schemas, clean_environment, tmp_path, capsys):
    env_file = tmp_path / "settings.env"
    env_file.write_text(f"MicrosoftAppId={BOT_ID}\nBOT_DOMAIN={DOMAIN}\n", encoding="utf-8")
    out = tmp_path / "dist" / "prevent-signpost-teams.zip"
    assert main(["--out", str(out), "--env-file", str(env_file), "--strict"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    assert "v1.22" in captured.out and str(out) in captured.out
    with zipfile.ZipFile(out) as archive:
        assert json.loads(archive.read("manifest.json"))["bots"][0]["botId"] == BOT_ID


def test_main_warns_about_fake_values_but_builds(schemas, clean_environment, tmp_path, capsys):
    empty = tmp_path / "empty.env"
    empty.write_text("", encoding="utf-8")
    assert main(["--out", str(tmp_path / "app.zip"), "--env-file", str(empty)]) == 0
    err = capsys.readouterr().err
    assert "warning: MicrosoftAppId is not set" in err and "warning: BOT_DOMAIN is not set" in err


def test_main_strict_fails_naming_each_missing_setting_and_removes_a_stale_package(
    clean_environment, tmp_path, capsys
):
    empty, stale = tmp_path / "empty.env", tmp_path / "app.zip"
    empty.write_text("", encoding="utf-8")
    stale.write_bytes(b"an older package")
    assert main(["--out", str(stale), "--env-file", str(empty), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "error: MicrosoftAppId: is not set" in err and "error: BOT_DOMAIN: is not set" in err
    assert not stale.exists()


def test_main_names_a_missing_env_file(tmp_path, capsys):
    assert main(["--env-file", str(tmp_path / "nope.env")]) == 1
    assert "--env-file" in capsys.readouterr().err
