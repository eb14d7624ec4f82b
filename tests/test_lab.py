"""`make lab` serves JupyterLab on the course, with nbgrader's extensions, as a new user starts it."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from harness import ROOT

TOKEN = "course-test-token"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, bytes]:
    req = urllib.request.Request(url, headers={"Authorization": f"token {TOKEN}"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return resp.status, resp.read()


@pytest.fixture(scope="module")
def lab():
    port = _free_port()
    args = f"--no-browser --ip=127.0.0.1 --port={port} --IdentityProvider.token={TOKEN}"
    proc = subprocess.Popen(["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True, env=dict(os.environ, JUPYTER_PLATFORM_DIRS="1"))
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                if _get(f"{base}/api/status")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                out = proc.stdout.read() if proc.poll() is not None else ""
                pytest.fail(f"make lab did not serve JupyterLab on port {port}:\n{out[-3000:]}")
            time.sleep(0.5)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)


def test_lab_page_is_served(lab):
    status, body = _get(f"{lab}/lab")
    assert status == 200 and b"JupyterLab" in body


def test_the_course_is_browsable(lab):
    status, body = _get(f"{lab}/api/contents/notebooks")
    names = {item["name"] for item in json.loads(body)["content"]}
    assert "00-start-here" in names
    status, body = _get(f"{lab}/api/contents/notebooks/00-start-here/00-start-here.ipynb")
    nb = json.loads(body)
    assert nb["type"] == "notebook" and nb["content"]["cells"]


def test_nbgrader_extensions_are_enabled(lab):
    status, body = _get(f"{lab}/lab/api/extensions")
    names = {e["name"] for e in json.loads(body)}
    assert any("nbgrader" in n for n in names), f"nbgrader's lab extension is missing: {sorted(names)}"
