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


@cache
def claims() -> dict[str, CheckedClaim]:
    from tables.claims import check_claims

    results, _problems = check_claims()
    return {c.id: c for c in results}
