"""The bot's own small web pages (about, privacy, terms), linked from the Teams app manifest.

The pages are Markdown files under knowledge/pages/, rendered to plain HTML once at start-up. Only the
few Markdown forms the pages use are understood: headings, paragraphs, bullet lists and links.
"""

import html
import re
from pathlib import Path

from aiohttp import web

from knowledge import CONTENT_DIR

PAGES_DIR = CONTENT_DIR / "pages"
PAGES = {"/": "about.md", "/privacy": "privacy.md", "/terms": "terms.md"}
_LINK = re.compile(r"\[([^\]]+)\]\((/[a-z]*|https://[^\s)]+)\)")
STYLE = "body{font-family:Segoe UI,Arial,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;line-height:1.5}"


def _inline(text: str) -> str:
    escaped = html.escape(text)
    return _LINK.sub(lambda m: f'<a href="{m.group(2)}">{m.group(1)}</a>', escaped)


def markdown_to_html(markdown: str) -> str:
    """Headings, paragraphs, bullet lists and links as HTML; everything else escaped as text."""
    out, paragraph, in_list = [], [], False

    def flush() -> None:
        nonlocal in_list
        if paragraph:
            out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
            paragraph.clear()
        if in_list:
            out.append("</ul>")
            in_list = False

    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#"):
            flush()
            level = min(len(line) - len(line.lstrip("#")), 3)
            out.append(f"<h{level}>{_inline(line.lstrip('#').strip())}</h{level}>")
        elif line.startswith("- "):
            if paragraph:
                out.append(f"<p>{_inline(' '.join(paragraph))}</p>")
                paragraph.clear()
            if not in_list:
                out.append("<ul>")
                in_list = True
            out.append(f"<li>{_inline(line[2:])}</li>")
        elif in_list and raw.startswith("  "):
            out[-1] = out[-1][:-5] + " " + _inline(line) + "</li>"
        else:
            paragraph.append(line)
    flush()
    return "\n".join(out)


def load_pages(pages_dir: Path = PAGES_DIR) -> dict[str, str]:
    """Every page as a complete HTML document, keyed by its path."""
    documents = {}
    for path, name in PAGES.items():
        body = markdown_to_html((pages_dir / name).read_text(encoding="utf-8"))
        title = html.escape((pages_dir / name).read_text(encoding="utf-8").splitlines()[0].lstrip("# "))
        documents[path] = (f"<!doctype html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{title}"
                           f"</title><style>{STYLE}</style></head><body>{body}</body></html>")
    return documents


def add_page_routes(app: web.Application, pages: dict[str, str]) -> None:
    """Serve each page at its path."""
    for path, document in pages.items():
        async def handle(_request: web.Request, document: str = document) -> web.Response:
            return web.Response(text=document, content_type="text/html", charset="utf-8")

        app.router.add_get(path, handle)
