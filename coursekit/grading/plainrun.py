"""The second execution path: the notebook's code cells, in order, in a plain Python process.

nbgrader decides a test cell's points from what the notebook kernel reports, and the kernel
runs student code in the same process as IPython's machinery: input transformers, AST
transformers, ``pre_run_cell`` events, ``run_cell`` itself. Code that hooks any of them can
empty or rewrite the test cells that follow, and the kernel then reports them as passed. So
every notebook also runs here: the same cells (IPython syntax such as ``%magic`` and ``!cmd``
translated to calls by IPython's ``TransformerManager``), in the same sandbox, in a process
with none of that machinery (``get_ipython()`` returns an inert stand-in, ``display`` does
nothing). A test cell earns its points only where both runs pass it
(:mod:`coursekit.grading.verdict`).

The runner also looks for monkeypatching before each test cell, whatever name was used to
reach the module (``from numpy import testing``, ``_n = [np][0]``): an attribute of a module
imported by the notebook (or of a class defined there) that no longer holds the object it
held when the module was imported, or any attribute of any loaded module that holds a
function written in the notebook.

The runner reports one JSON line per cell, in order, on a private copy of its stdout (the
student's prints go to /dev/null); anything else (a record out of order, a duplicate, a
missing end) is reported as tampering.
"""
from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .sandbox import Limits, bwrap_argv, limit_argv

RUNNER = r'''
def _run(spec, out_fd):
    import builtins, functools, json, os, signal, sys, types
    # the runner's own tools, bound before any student code runs: patching a module or a
    # builtin later does not change what the runner calls
    isinstance, getattr, sorted, set, list, str, type, vars = (builtins.isinstance, builtins.getattr,
        builtins.sorted, builtins.set, builtins.list, builtins.str, builtins.type, builtins.vars)
    callable, compile, exec, iter, open, BaseException, Exception = (builtins.callable, builtins.compile,
        builtins.exec, builtins.iter, builtins.open, builtins.BaseException, builtins.Exception)
    dumps, alarm_in, partial, modules, exit_now = json.dumps, signal.alarm, functools.partial, sys.modules, os._exit
    MethodType, FunctionType = types.MethodType, types.FunctionType
    out = os.fdopen(out_fd, "w", buffering=1)
    write = out.write
    null = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(null, fd)
    sys.stdout = sys.stderr = open(os.devnull, "w")
    sys.path.insert(0, os.getcwd())

    class CellTimeout(BaseException):
        pass

    def alarm(*_):
        raise CellTimeout("the cell ran past its time limit")
    signal.signal(signal.SIGALRM, alarm)

    class Inert:
        def __getattr__(self, name):
            if name.startswith("__"):
                raise AttributeError(name)
            return Inert()
        def __call__(self, *a, **k):
            return Inert()
        def __iter__(self):
            return iter(())
        def __bool__(self):
            return False

    ns = {"__name__": "__main__", "__builtins__": builtins}

    class Shell(Inert):
        def run_line_magic(self, name, line, *a, **k):
            if name in ("time", "timeit"):
                exec(compile(line.lstrip(), "<cell magic>", "exec"), ns)
        def run_cell_magic(self, name, line, body, *a, **k):
            if name in ("time", "timeit", "capture"):
                exec(compile(body, "<cell magic>", "exec"), ns)
            elif name == "writefile" and line.split():
                with open(line.split()[-1], "a" if "-a" in line.split() else "w") as f:
                    f.write(body)
        def system(self, *a, **k):
            return None
        def getoutput(self, *a, **k):
            return []
    shell = Shell()
    ns["get_ipython"] = lambda: shell
    ns["display"] = lambda *a, **k: None

    mine = ("<cell", "<string>", "<cell magic>")
    def written_here(v):
        if isinstance(v, MethodType):
            v = v.__func__
        if isinstance(v, partial):
            v = v.func
        if isinstance(v, type):
            return type.__dict__["__module__"].__get__(v) == "__main__"
        if isinstance(v, FunctionType):
            return v.__code__.co_filename.startswith(mine) or v.__module__ == "__main__"
        return False

    snap = {}
    def snapshot(name):
        m = modules.get(name)
        if m is None or name in snap:
            return
        d = {k: v for k, v in getattr(m, "__dict__", {}).items() if callable(v)}
        for k, v in list(d.items()):
            if isinstance(v, type) and str(getattr(v, "__module__", "")).split(".")[0] == name.split(".")[0]:
                d.update({(k, a): w for a, w in vars(v).items() if callable(w)})
        snap[name] = d

    for name in spec["modules"]:
        try:
            __import__(name)
        except BaseException:
            continue
    def watched(name):
        # What tests check with: numpy, math, torch, builtins, scipy.special and the course's
        # utils (contracts, checks). Other libraries rebind their own attributes as they load
        # (scipy.optimize's solvers did, in the 07 and 08 notebooks): watching them gave false alarms.
        top = name.split(".")[0]
        return (name == "builtins" or (top in spec["modules"] and top in ("numpy", "math", "torch", "utils"))
                or name == "scipy.special" or name.startswith("scipy.special."))

    for name in list(modules):
        if watched(name):
            snapshot(name)

    def moved(now, was):
        try:
            return getattr(now, "__module__", None) != getattr(was, "__module__", None)
        except BaseException:
            return True

    def mine_safe(v):
        try:
            return written_here(v)
        except BaseException:
            return True

    def patched():
        found = []
        for name, d in snap.items():
            md = getattr(modules.get(name), "__dict__", {})
            for k, v in d.items():
                now = getattr(md.get(k[0]), "__dict__", {}).get(k[1]) if isinstance(k, tuple) else md.get(k)
                # A library that rebinds its own function (same defining module) is not a patch;
                # a value written in the notebook, or taken from another module, is.
                if now is not v and (moved(now, v) or mine_safe(now)):
                    found.append(f"{name}.{'.'.join(k) if isinstance(k, tuple) else k}")
        for name, m in list(modules.items()):
            if m is None or name in ("__main__", "__mp_main__") or name in snap or not watched(name):
                continue
            for k, v in list(getattr(m, "__dict__", {}).items()):
                try:
                    if written_here(v):
                        found.append(f"{name}.{k}")
                except Exception:
                    found.append(f"{name}.{k}")
        return sorted(set(found))[:10]

    for index, source, limit, check in spec["cells"]:
        rec = {"i": index, "ok": True}
        if check:
            rec["patched"] = patched()
        alarm_in(limit)
        try:
            exec(compile(source, f"<cell {index}>", "exec"), ns)
        except BaseException as exc:
            try:
                rec = {**rec, "ok": False, "error": f"{type(exc).__name__}: {str(exc)[:300]}"}
            except BaseException:
                rec = {**rec, "ok": False, "error": type(exc).__name__}
        finally:
            alarm_in(0)
        write(dumps(rec) + "\n")
    write(dumps({"end": True}) + "\n")
    exit_now(0)
'''
ONE_RUN = RUNNER + "import json, os, sys\n_run(json.loads(sys.stdin.read()), os.dup(1))\n"


@dataclass(frozen=True)
class CellRun:
    """How one code cell fared in the plain run."""
    index: int
    ok: bool
    error: str = ""
    patched: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlainResult:
    cells: dict[int, CellRun]
    problem: str = ""          # why the run did not finish or cannot be trusted ("" when it did)
    tampered: bool = False     # its report was forged or corrupted: no cell counts as passed
    seconds: float = 0.0

    def passed(self, index: int) -> bool:
        run = self.cells.get(index)
        return run is not None and run.ok and not self.tampered

    def patched(self) -> list[str]:
        return sorted({p for run in self.cells.values() for p in run.patched})


def to_python(source: str) -> str:
    """A cell's IPython source as plain Python (magics and ``!cmd`` become calls)."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


def imported_modules(sources: list[str]) -> list[str]:
    """Top-level names of the modules the cells import."""
    names: set[str] = set()
    for src in sources:
        try:
            tree = ast.parse(src)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return sorted(names - {"__future__"})


class PlainRun:
    """One plain run, started by the constructor (it runs beside the kernel) and read with
    :meth:`finish`. ``share_imports``: fork it from this process's pre-imported zygote
    (:mod:`coursekit.grading.zygote`) instead of starting a fresh interpreter."""

    def __init__(self, cells: list[tuple[int, str, bool]], workdir: Path, limits: Limits,
                 cell_timeout: int, sandboxed: bool, share_imports: bool = False):
        self.cells = [(i, to_python(src), max(1, int(cell_timeout)), check) for i, src, check in cells]
        self.deadline_s = cell_timeout * max(1, len(cells)) + 60
        spec = {"cells": self.cells, "modules": imported_modules([c[1] for c in self.cells])}
        self.started = time.perf_counter()
        self.proc: subprocess.Popen[bytes] | None = None
        if share_imports:
            from .zygote import zygote

            self.zygote = zygote(spec["modules"], limits, sandboxed)
            self.folder = self.zygote.start(workdir, spec)
            return
        python = [sys.executable, "-I", "-c", ONE_RUN]
        env = {"MPLBACKEND": "Agg"}
        argv = bwrap_argv(workdir, python, limits, env=env) if sandboxed else [*limit_argv(limits), *python]
        self.proc = subprocess.Popen(argv, cwd=workdir, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, env=None if sandboxed else {**os.environ, **env})
        try:
            assert self.proc.stdin is not None
            self.proc.stdin.write(json.dumps(spec).encode())
            self.proc.stdin.close()
        except OSError:
            pass
        self.proc.stdin = None   # sent; communicate() must not flush it again

    def _output(self) -> tuple[str, str]:
        if self.proc is None:
            out = self.zygote.finish(self.folder, self.deadline_s)
            return (out, "") if out is not None else ("", f"did not finish in {self.deadline_s} s")
        try:
            raw, _ = self.proc.communicate(timeout=self.deadline_s)
            return raw[:2_000_000].decode("utf-8", "replace"), ""
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()
            return "", f"did not finish in {self.deadline_s} s"

    def finish(self) -> PlainResult:
        out, problem = self._output()
        seconds = time.perf_counter() - self.started
        cells, why, tampered = parse(out, [c[0] for c in self.cells])
        return PlainResult(cells, problem or why, tampered, seconds)


def parse(text: str, expected: list[int]) -> tuple[dict[int, CellRun], str, bool]:
    """The runner's records, checked: one per expected cell, in order, then the end."""
    cells: dict[int, CellRun] = {}
    ended = False
    for line in text.splitlines():
        try:
            rec: dict[str, Any] = json.loads(line)
        except ValueError:
            return cells, "the plain run's report was corrupted (student code wrote to it?)", True
        if ended:
            return cells, "records after the end of the plain run (forged by student code?)", True
        if rec.get("end"):
            ended = True
            continue
        if len(cells) >= len(expected) or rec.get("i") != expected[len(cells)]:
            return cells, "the plain run reported cells out of order (forged by student code?)", True
        cells[rec["i"]] = CellRun(rec["i"], bool(rec.get("ok")), str(rec.get("error", "")),
                                  tuple(rec.get("patched", ())))
    if not ended:
        return cells, "the plain run stopped early (the process died: os._exit, a crash or a limit)", False
    return cells, "", False
