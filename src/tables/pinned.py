"""The same floating-point results on every x86-64 CPU: numpy and OpenBLAS on baseline kernels.

numpy chooses AVX2 or AVX-512 versions of its loops when a process starts, and
OpenBLAS chooses a kernel per CPU; their results can differ in the last bit,
and a last bit was enough to change a coordinate printed in an SVG. A process
that draws a paper figure (a figure worker, a notebook's kernel) therefore
starts with this environment: every run-time dispatch target of the installed
numpy switched off, OpenBLAS on its generic kernel, one BLAS thread. It must
be set before numpy is imported, which is why it is an environment and not a
call.
"""

from __future__ import annotations

import platform

__all__ = ["pinned_maths", "still_dispatched"]


def _dispatch() -> tuple[list[str], dict[str, bool]]:
    try:
        from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__
    except ImportError:  # another numpy layout: nothing known to switch off
        return [], {}
    return list(__cpu_dispatch__), dict(__cpu_features__)


def pinned_maths() -> dict[str, str]:
    """The environment a drawing process starts with."""
    env = {"OPENBLAS_NUM_THREADS": "1"}
    targets, _features = _dispatch()
    if targets:
        env["NPY_DISABLE_CPU_FEATURES"] = " ".join(targets)
    if platform.machine().lower() in ("x86_64", "amd64"):
        env["OPENBLAS_CORETYPE"] = "Prescott"  # OpenBLAS's generic SSE3 kernel
    return env


def still_dispatched() -> list[str]:
    """numpy's dispatch targets still on in this process (none, once pinned)."""
    targets, features = _dispatch()
    return [t for t in targets if features.get(t)]
