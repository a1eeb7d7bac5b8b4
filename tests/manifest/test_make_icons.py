"""manifest/make_icons.py: the committed icons are what the script draws, at the sizes Teams needs."""

import json

from manifest.make_icons import ACCENT, color_icon_pixels, main, outline_icon_pixels
from manifest.package import HERE, TEMPLATE
from manifest.png import decode_rgba


def test_committed_icons_match_the_script():
    # Compare pixels, not bytes: another zlib build may compress the same pixels differently.
    assert decode_rgba((HERE / "color.png").read_bytes())[1] == color_icon_pixels()
    assert decode_rgba((HERE / "outline.png").read_bytes())[1] == outline_icon_pixels()


def test_colour_icon_is_opaque_accent_with_a_white_glyph():
    rows = color_icon_pixels()
    assert len(rows) == 192 and all(len(row) == 192 * 4 for row in rows)
    assert rows[0][:4] == bytes((*ACCENT, 255))
    assert bytes((255, 255, 255, 255)) in b"".join(rows)
    assert all(row[3::4] == b"\xff" * 192 for row in rows)


def test_main_writes_both_icons(tmp_path, capsys):
    assert main(["--out-dir", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["color.png", "outline.png"]
    assert "outline.png" in capsys.readouterr().out


def test_icon_background_is_the_manifest_accent_colour():
    template = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    assert template["accentColor"].upper() == "#{:02X}{:02X}{:02X}".format(*ACCENT)
