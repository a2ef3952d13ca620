"""Numbers of two articles on Russia and Japan, 1898-1919, as a validated Data Package.

``tables.load(name)`` returns one resource as a pandas DataFrame with the dtypes
its schema declares; ``tables.catalog()`` lists the resources. Heavy libraries
are imported only when these are called.

Note: the import name ``tables`` is also PyTables'; do not install both in one
environment.
"""

from __future__ import annotations

import os

from tables.package import PackageError, catalog, load, open_package

if os.environ.get("TABLES_RECORD_READS"):  # deps.READS_LOG: a build records what this reads
    from pathlib import Path

    from tables.deps import READS_LOG, record_reads_to
    from tables.paths import DATA_DIR

    record_reads_to(DATA_DIR, Path(os.environ[READS_LOG]))

__all__ = ["PackageError", "catalog", "load", "open_package"]
