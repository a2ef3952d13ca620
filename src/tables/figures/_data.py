"""What the figure functions read: a resource, read once per process.

The checked claims have their own module (``_checked.py``) so that a figure
that draws only data does not depend on the checker's code.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd


@cache
def resource(name: str) -> pd.DataFrame:
    from tables.package import load

    return load(name)
