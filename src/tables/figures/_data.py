"""What the figure functions read: a resource, read once per process.

The checked claims have their own module (``_checked.py``) so that a figure
that draws only data does not depend on the checker's code.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd


@cache
def resource(name: str) -> pd.DataFrame:
    from tables.package import load

    return load(name)


@cache
def metadata(name: str) -> dict[str, Any]:
    """The resource's entry in the package's descriptor (its citeShort, lanes ...)."""
    from tables.package import open_package

    return dict(open_package().resource(name))


def source(name: str, more: str = "") -> str:
    """A figure's source line from the data: the article's authors and the resource's
    short citation ("Source: Saveliev & Pestushko, Table 2 (n. 43: Hirama 1998, p. 242)")."""
    meta = metadata(name)
    articles = resource("articles").set_index("article")
    authors = str(articles.loc[meta["article"], "authors"])
    from tables.package import short_authors

    surnames = short_authors(authors)
    return f"Source: {surnames}, {meta['citeShort']}{more}"
