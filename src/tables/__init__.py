"""Numbers of two articles on Russia and Japan, 1898-1919, as a validated Data Package.

``tables.load(name)`` returns one resource as a pandas DataFrame with the dtypes
its schema declares; ``tables.catalog()`` lists the resources. Heavy libraries
are imported only when these are called.

Note: the import name ``tables`` is also PyTables'; do not install both in one
environment.
"""

from __future__ import annotations

from tables.package import PackageError, catalog, load, open_package

__all__ = ["PackageError", "catalog", "load", "open_package"]
