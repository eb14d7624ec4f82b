"""Start JupyterLab for the tests, headless, on a free localhost port with a known token.

`make_lab()` starts it exactly as a student does (`make lab`, rooted at the repository);
`lab_in(folder)` starts the same JupyterLab rooted at another folder, from inside it, as an
instructor does in a course folder (nbgrader's formgrader reads the nbgrader_config.py of
the folder the server runs in). Shared by tests/test_lab.py and tests/test_browser.py.
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Iterator

from harness import ROOT

TOKEN = "course-test-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str, token: str = TOKEN) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, resp.read()


def _env() -> dict[str, str]:
    bindir = str(Path(sys.executable).parent)
    # JUPYTER_PLATFORM_DIRS: the modern config paths, without jupyter_core's deprecation warning.
    return dict(os.environ, JUPYTER_PLATFORM_DIRS="1", PATH=bindir + os.pathsep + os.environ.get("PATH", ""))


@contextlib.contextmanager
def _serve(cmd: list[str], cwd: Path, port: int, what: str, timeout: float = 120) -> Iterator[str]:
    """Run `cmd` (a Jupyter server on `port`) until the with-block ends; yields its base URL."""
    # The server's log goes to a file, not a pipe: nobody reads a pipe while the tests run,
    # and a full pipe would freeze a chatty server.
    log = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, env=_env())
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                if get(f"{base}/api/status")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                import pytest

                log.seek(0)
                pytest.fail(f"{what} did not serve JupyterLab on port {port}:\n{log.read()[-3000:]}")
            time.sleep(0.5)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


def _common_args(port: int, extra: list[str]) -> list[str]:
    return ["--no-browser", "--ip=127.0.0.1", f"--port={port}", f"--IdentityProvider.token={TOKEN}", *extra]


@contextlib.contextmanager
def make_lab(extra: list[str] | None = None, target: str = "lab") -> Iterator[str]:
    """`make lab` as a student runs it (rooted at the repository), with `extra` JupyterLab options;
    `target="lab-instructor"` for the instructor's."""
    port = free_port()
    args = " ".join(_common_args(port, extra or []))
    cmd = ["make", "--no-print-directory", target, f"LAB_ARGS={args}"]
    with _serve(cmd, ROOT, port, f"make {target}") as base:
        yield base


@contextlib.contextmanager
def lab_in(folder: Path, extra: list[str] | None = None) -> Iterator[str]:
    """The course's JupyterLab started from inside `folder` and rooted there."""
    port = free_port()
    cmd = [str(Path(sys.executable).parent / "jupyter"), "lab", f"--ServerApp.root_dir={folder}",
           *(["--allow-root"] if os.geteuid() == 0 else []), *_common_args(port, extra or [])]
    with _serve(cmd, folder, port, f"jupyter lab in {folder}") as base:
        yield base
