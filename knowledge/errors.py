"""Content errors that name the file, the line (where known) and the field at fault."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentError:
    """One problem found in a content file."""

    path: Path | str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        what = f" [{self.field}]" if self.field else ""
        return f"{where}{what}: {self.message}"


class InvalidContent(Exception):
    """Raised when content files fail validation; carries every error found, not just the first."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))
