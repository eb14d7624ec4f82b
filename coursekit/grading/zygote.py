"""A pre-imported plain-Python process, forked once per notebook: the second run without
paying numpy's and torch's imports again for every notebook.

One zygote per grading process (nbgrader's), in its own bubblewrap sandbox whose only
writable folders are a scratch root and ``/tmp``. It imports the modules the first notebook
imports, makes itself non-dumpable (so a child cannot open its file descriptors through
``/proc``), then for each notebook forks a child that runs :data:`RUNNER` in a fresh
subfolder of the scratch root (the only one there), with its records on a private pipe.
Between two notebooks the zygote kills every other process of its sandbox and empties
``/tmp`` and ``/dev/shm``; the parent deletes the subfolder. Nothing a child does reaches the
zygote's memory (the fork copies it). A run that outlives its deadline, or a zygote that
misbehaves, is killed with its sandbox and a fresh one starts for the next notebook.
"""
from __future__ import annotations

import atexit
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .sandbox import Limits, bwrap_argv, limit_argv

SERVE = r'''
def _serve():
    import ctypes, json, os, shutil, sys, time
    first = json.loads(sys.stdin.readline())
    for name in first["modules"]:
        try:
            __import__(name)
        except BaseException:
            pass
    try:
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)   # PR_SET_DUMPABLE = 0
    except Exception:
        pass
    report = os.fdopen(os.dup(1), "w", buffering=1)
    report.write('{"ready": true}\n')
    me = os.getpid()

    def clean():
        for _ in range(50):
            others = [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in (1, me)]
            if not others:
                break
            for p in others:
                try:
                    os.kill(p, 9)
                except OSError:
                    pass
            try:
                while os.waitpid(-1, os.WNOHANG)[0]:
                    pass
            except ChildProcessError:
                pass
            time.sleep(0.005)
        for d in ("/tmp", "/dev/shm"):
            for entry in os.listdir(d) if os.path.isdir(d) else ():
                path = os.path.join(d, entry)
                if os.path.isdir(path) and not os.path.islink(path):
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    try:
                        os.unlink(path)
                    except OSError:
                        pass

    for line in sys.stdin:
        req = json.loads(line)
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(r)
                os.close(report.fileno())
                os.setsid()
                os.chdir(req["dir"])
                _run(req["spec"], w)
            finally:
                os._exit(1)
        os.close(w)
        chunks, total = [], 0
        while True:
            b = os.read(r, 65536)
            if not b:
                break
            total += len(b)
            if total <= 2_000_000:
                chunks.append(b)
        os.close(r)
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        clean()
        report.write(json.dumps({"out": b"".join(chunks).decode("utf-8", "replace")}) + "\n")
_serve()
'''


class Zygote:
    """The parent's handle on one zygote (see the module's doc)."""

    def __init__(self, modules: list[str], limits: Limits, sandboxed: bool):
        from .plainrun import RUNNER

        self.root = Path(tempfile.mkdtemp(prefix="course-plain-"))
        self.runs = 0
        python = [sys.executable, "-I", "-c", RUNNER + SERVE]
        env = {"MPLBACKEND": "Agg"}
        argv = (bwrap_argv(self.root, python, limits, env=env) if sandboxed
                else [*limit_argv(limits), *python])
        self.proc = subprocess.Popen(argv, cwd=self.root, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, start_new_session=True,
                                     env=None if sandboxed else {**os.environ, **env})
        self.buf = b""
        self._send({"modules": modules})
        if self._line(300) != {"ready": True}:
            self.close()
            raise RuntimeError("the plain-run zygote did not start")

    def _send(self, obj: dict[str, Any]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(obj) + "\n").encode())
        self.proc.stdin.flush()

    def _line(self, timeout: float) -> dict[str, Any] | None:
        """The zygote's next line, or None (timeout, death, garbage)."""
        assert self.proc.stdout is not None
        fd, end = self.proc.stdout.fileno(), time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = end - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        try:
            return json.loads(line)
        except ValueError:
            return None

    def start(self, files_from: Path, spec: dict[str, Any]) -> Path:
        """Copy the regular files for one notebook into a fresh subfolder and start its run."""
        from .execute import copy_regular_files

        self.runs += 1
        folder = self.root / f"run{self.runs}"
        copy_regular_files(files_from, folder)
        self._send({"dir": str(folder), "spec": spec})
        return folder

    def finish(self, folder: Path, timeout: float) -> str | None:
        """The run's records, or None when it did not finish in time (the zygote is then gone)."""
        got = self._line(timeout)
        shutil.rmtree(folder, ignore_errors=True)
        if got is None or not isinstance(got.get("out"), str):
            self.close()
            return None
        return got["out"]

    def alive(self) -> bool:
        return self.proc.poll() is None

    def close(self) -> None:
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except OSError:
                pass
            self.proc.wait()
        shutil.rmtree(self.root, ignore_errors=True)


_ZYGOTES: dict[tuple[Limits, bool], Zygote] = {}


def zygote(modules: list[str], limits: Limits, sandboxed: bool) -> Zygote:
    """This process's zygote for these limits (started on first use, restarted when gone)."""
    key = (limits, sandboxed)
    z = _ZYGOTES.get(key)
    if z is None or not z.alive():
        z = _ZYGOTES[key] = Zygote(modules, limits, sandboxed)
    return z


@atexit.register
def _close_all() -> None:
    for z in _ZYGOTES.values():
        z.close()
