"""The about, privacy and terms pages linked from the Teams manifest are served as HTML."""

from bot.pages import markdown_to_html


async def test_pages_are_served(bot, session):
    for path, phrase in (("/", "Prevent Signpost"), ("/privacy", "Privacy notice"), ("/terms", "Terms of use")):
        async with session.get(bot.base + path) as response:
            assert response.status == 200, path
            assert response.headers["Content-Type"].startswith("text/html")
            assert phrase in await response.text()


def test_markdown_is_escaped_and_links_kept():
    page = markdown_to_html("# Title\n\nSee <b>this</b> and [terms](/terms).\n\n- one\n- two\n")
    assert "<h1>Title</h1>" in page and "&lt;b&gt;" in page and '<a href="/terms">terms</a>' in page
    assert page.count("<li>") == 2
