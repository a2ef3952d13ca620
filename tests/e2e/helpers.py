"""What the browser tests share: where screenshots go, and a free port on loopback."""

from __future__ import annotations

import socket

from tables.paths import BUILD_DIR

SHOTS = BUILD_DIR / "e2e"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
