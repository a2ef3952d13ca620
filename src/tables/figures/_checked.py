"""The project's checked claims, for the figures that show a verdict."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tables.claims import CheckedClaim


def claims() -> dict[str, CheckedClaim]:
    from tables.claims import project_claims

    return {c.id: c for c in project_claims()}
