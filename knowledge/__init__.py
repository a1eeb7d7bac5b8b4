"""Content and text understanding for Prevent Signpost: sources, glossary, search, areas, benchmark.

Plain Python only: nothing here imports the Bot Framework SDK or aiohttp (a test enforces it).
"""

from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent
