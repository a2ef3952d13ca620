"""What the figure functions read: resources and checked claims, each read once."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from tables.claims import CheckedClaim


@cache
def resource(name: str) -> pd.DataFrame:
    from tables.package import load

    return load(name)


def claims() -> dict[str, CheckedClaim]:
    from tables.claims import project_claims

    return {c.id: c for c in project_claims()}
