"""JupyterLab end to end: every notebook opened in a browser and run through the Run menu.

The server runs on loopback with a token, on the project's notebooks folder, with
autosave off: a test that ran the notebooks must leave ``notebooks/`` as it found it
(no outputs saved, no checkpoints). Each notebook must run with no error output and
every image must load; the kernel must be the project's ``.venv`` interpreter.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from e2e.helpers import SHOTS, free_port
from tables.notebooks import KERNEL, notebooks
from tables.paths import ROOT

VENV = ROOT / ".venv"
#: Settings JupyterLab would otherwise take from the user: autosave off, every cell drawn.
OVERRIDES = {
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    # every cell in the page, not only those scrolled into view (outputs are checked)
    # and no blank a window tall after the last (the whole-notebook screenshots measure it)
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none", "scrollPastEnd": False},
    # no news prompt over the outputs, and nothing fetched from the web
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        if p.is_file()
        else "dir"
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    settings = tmp_path_factory.mktemp("lab-settings")  # the user settings JupyterLab reads
    for plugin, values in OVERRIDES.items():
        extension, name = plugin.split(":")
        path = settings / extension / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    runtime = tmp_path_factory.mktemp("lab-runtime")
    token, port = secrets.token_hex(16), free_port()
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(settings),
           "JUPYTER_RUNTIME_DIR": str(runtime)}  # fmt: skip
    command = [
        str(VENV / "bin" / "jupyter"),
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        f"--IdentityProvider.token={token}",
        f"--notebook-dir={ROOT / 'notebooks'}",
        # opening a notebook makes a checkpoint: keep them out of notebooks/
        f"--FileCheckpoints.checkpoint_dir={runtime / 'checkpoints'}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, token
    finally:
        server.terminate()
        server.wait(timeout=20)


def _shut_down_kernels(base: str, token: str) -> None:
    """One notebook's kernel at a time: close every session the page left running."""
    with urllib.request.urlopen(f"{base}/api/sessions?token={token}") as response:
        sessions = json.load(response)
    for session in sessions:
        request = urllib.request.Request(
            f"{base}/api/sessions/{session['id']}?token={token}", method="DELETE"
        )
        urllib.request.urlopen(request).close()


def _wait_for_kernel(base: str, token: str, name: str) -> None:
    """Until the server says this notebook's kernel is idle and the page is connected to it:
    a Run All clicked before then is dropped (the page's own indicator reads idle too soon)."""
    for _ in range(600):
        with urllib.request.urlopen(f"{base}/api/sessions?token={token}") as response:
            sessions = json.load(response)
        for session in sessions:
            kernel = session.get("kernel") or {}
            if (
                session.get("path", "").endswith(name)
                and kernel.get("execution_state") == "idle"
                and kernel.get("connections", 0) >= 1
            ):
                return
        time.sleep(0.1)
    pytest.fail(f"{name}: no idle kernel connected after 60 s")


#: The notebook's scrolling panel (the page itself never scrolls in JupyterLab).
_PANEL = "document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer')"
_TALLEST = 16_000  # px: a taller window is not drawn whole by chromium


def _screenshot_whole(page: object, stem: str) -> None:
    """The whole notebook, from its top: a window as tall as its cells, in parts of at most
    16,000 px (STEM.png, STEM-2.png, ...); the window is reset afterwards."""
    for old in SHOTS.glob(f"{stem}-[0-9]*.png"):
        old.unlink()  # an earlier run's parts
    height = int(page.evaluate(f"{_PANEL}.scrollHeight"))  # type: ignore[attr-defined]
    window = min(height + 200, _TALLEST)
    page.set_viewport_size({"width": 1400, "height": window})  # type: ignore[attr-defined]
    step = window - 200  # what the panel shows of the notebook at that window
    for part, top in enumerate(range(0, height, step), start=1):
        page.evaluate(f"{_PANEL}.scrollTop = {top}")  # type: ignore[attr-defined]
        page.wait_for_timeout(300)  # type: ignore[attr-defined]  # one layout pass
        suffix = "" if part == 1 else f"-{part}"
        page.screenshot(path=str(SHOTS / f"{stem}{suffix}.png"))  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1400, "height": 1000})  # type: ignore[attr-defined]


def test_the_kernel_is_the_projects_interpreter(lab: tuple[str, str]) -> None:
    base, token = lab
    with urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}") as response:
        specs = json.load(response)["kernelspecs"]
    argv = specs[KERNEL]["spec"]["argv"]
    assert Path(argv[0]).resolve() == (VENV / "bin" / "python").resolve()


@pytest.mark.parametrize("name", [p.name for p in notebooks()])
def test_every_notebook_runs_in_jupyterlab(
    name: str, lab: tuple[str, str], browser: object
) -> None:
    base, token = lab
    before = _snapshot(ROOT / "notebooks")
    (SHOTS / f"lab-{Path(name).stem}-FAILED.png").unlink(missing_ok=True)  # an earlier run's
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.set_default_timeout(120_000)
    # a workspace of its own, reset: no tab of another notebook restored into the page
    page.goto(f"{base}/lab/workspaces/e2e-{Path(name).stem}/tree/{name}?reset&token={token}")
    page.wait_for_selector(".jp-Notebook .jp-Cell")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']")
    _wait_for_kernel(base, token, name)
    page.screenshot(path=str(SHOTS / f"lab-{Path(name).stem}-opened.png"))
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")  # the Run menu
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
    code_cells = sum(
        c["cell_type"] == "code"
        for c in json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"]
    )
    # every code cell run (its prompt numbered) and the kernel idle again
    try:
        page.wait_for_function(
            "n => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]"
            ".filter(p => /\\[\\d+\\]/.test(p.textContent)).length === n && "
            "document.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status === 'idle'",
            arg=code_cells,
        )
    except Exception:
        page.screenshot(path=str(SHOTS / f"lab-{Path(name).stem}-FAILED.png"))
        prompts = page.eval_on_selector_all(
            ".jp-CodeCell .jp-InputArea-prompt", "els => els.map(e => e.textContent)"
        )
        status = page.eval_on_selector_all(
            ".jp-Notebook-ExecutionIndicator", "els => els.map(e => e.dataset.status)"
        )
        pytest.fail(f"not every cell ran: prompts {prompts}, kernel {status}")
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert errors.count() == 0, errors.all_inner_texts()[:2]
    broken = page.eval_on_selector_all(
        ".jp-OutputArea img",
        "els => els.filter(e => !(e.complete && e.naturalWidth > 0)).length",
    )
    assert broken == 0
    _screenshot_whole(page, f"lab-{Path(name).stem}")
    page.close()
    _shut_down_kernels(base, token)
    assert _snapshot(ROOT / "notebooks") == before, "running the notebook wrote into notebooks/"
