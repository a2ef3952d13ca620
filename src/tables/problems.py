"""Problems are values: a location, a stable code and a plain-words message.

The library returns them; only the CLI prints them, one per line, as
``file:row:column: message`` (``-`` where a location part does not apply).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located as precisely as the input allows."""

    file: str
    row: int | None
    column: str | None
    code: str
    message: str

    def __str__(self) -> str:
        row = "-" if self.row is None else str(self.row)
        column = self.column or "-"
        return f"{self.file}:{row}:{column}: {self.message}"

    def key(self) -> tuple[str, int | None, str | None, str]:
        """The (file, row, column, code) tuple tests compare."""
        return (self.file, self.row, self.column, self.code)
