"""Grade an assignment end to end: ``python -m utils.grade ASSIGNMENT``.

From nbgrader's ``submitted/`` folder (default) or an LMS zip (``--zip FILE``: Canvas,
Moodle, Blackboard, Colab downloads, renamed copies, resubmissions) to autograded
notebooks, HTML feedback, ``grades.csv`` and a report of every submission that needed
attention. See GRADING.md.

How (and why):

1. **Ingest.** Every notebook is identified by the student (from the LMS's file-name
   pattern, or its folder), checked to be JSON and to hold this assignment's cells (by
   nbgrader ``grade_id``, so ``Copy of 01-sigmoid.ipynb``, ``01-sigmoid (1).ipynb`` or even
   ``Untitled.ipynb`` are recognised by content), and written to
   ``submitted/<student>/<assignment>/<assignment>.ipynb``. Of several files from one
   student the newest wins: the timestamp in the name (Blackboard), else the zip entry's
   time, else the copy number. nbgrader metadata stripped by an editor is restored by
   aligning the cells with the release (``difflib`` over cell sources).
2. **Integrity checks** (static, before running anything): deleted, edited or tagged
   test/locked cells (nbgrader's configuration restores them; the report says so), and
   student code that monkeypatches imported modules or builtins, runs dynamic code, or
   names the gradebook / solutions / other submissions.
3. **Autograde** with the real nbgrader (its ``Autograde`` converter and the course's
   nbgrader_config.py, as ``nbgrader autograde ASSIGNMENT --student=S --force`` runs it), in
   ``-j`` long-lived worker processes (:mod:`utils.grade_worker`, default: one per core) that
   each set nbgrader up once (~3 s of imports and configuration) and then take the next
   student from a shared queue, so a slow submission does not hold up the others.
   nbgrader's gradebook writes are short transactions at the start and end of each student;
   SQLite's busy timeout serialises them (a student that still hits "database is locked" is
   retried), and a PostgreSQL URL (``--db``) takes any number of writers. Each worker has
   its own runtime folder and IPC sockets; one kernelspec serves all: its launcher starts
   the kernel in the bwrap sandbox of :mod:`utils.sandbox`, bound to the folder nbgrader
   starts it in (``autograded/<student>/<assignment>/``). Each student's status comes from
   the worker's answer for that student (nbgrader's log and success). A submission that
   outlives ``--student-timeout`` is killed with its worker; a fresh worker grades the rest.
4. **Policy for monkeypatching** (``np.array_equal = lambda *a, **k: True`` and the like):
   flag *and* zero the notebook's auto-graded cells, by writing a manual score of 0 with
   a comment into the gradebook. Re-running the tests in a fresh namespace was rejected:
   a patch can sit inside the student's own function and re-apply itself at every
   call, so no re-run can trust the function under test. None of the course's exercises
   needs to assign to a library's attributes, and the instructor keeps the last word:
   formgrader shows the manual 0 and the reason, and one click restores the points.
5. **Feedback and export**: nbgrader's ``GenerateFeedback`` per student, in the same workers; ``grades.csv`` from the
   gradebook (every assignment, one row per student and assignment, one column per
   graded cell, plus the report's flags); the report on stdout and as JSON in
   ``grading/<assignment>-report.json``. Progress: one line per student on stderr.
"""
from __future__ import annotations

import argparse
import ast
import csv
import difflib
import json
import os
import re
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from . import sandbox
from ..layout import EXECUTION_TAGS
from ..notebooks import cell_source
from ..release import ReleaseError, register
from ..runner import tool_env

STUDENT_RE = re.compile(r"[^a-z0-9_.-]+")


# --------------------------------------------------------------------------- report
@dataclass
class Finding:
    kind: str      # short code, e.g. "renamed", "monkeypatch", "kernel-died"
    detail: str
    level: str = "attention"  # "attention" (a human should look), "info", "zeroed", "error"

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "level": self.level, "detail": self.detail}


@dataclass
class Submission:
    student: str
    findings: list[Finding] = field(default_factory=list)
    gradable: bool = True
    zero_reason: str | None = None   # integrity: autograded cells get a manual 0
    seconds: float = 0.0
    status: str = "pending"

    def note(self, kind: str, detail: str, level: str = "attention") -> None:
        if not any(f.kind == kind and f.detail == detail for f in self.findings):
            self.findings.append(Finding(kind, detail, level))


# --------------------------------------------------------------------------- course
@dataclass
class Course:
    root: Path
    assignment: str
    db_url: str

    @property
    def submitted(self) -> Path:
        return self.root / "submitted"

    def release_nb(self) -> dict | None:
        for folder in ("notebooks", "release"):
            p = self.root / folder / self.assignment / f"{self.assignment}.ipynb"
            if p.is_file():
                return json.loads(p.read_text(encoding="utf-8"))
        return None

    def nbgrader(self, args: list[str], env: dict | None = None, timeout: float | None = None,
                 ) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={self.root}",
               f"--CourseDirectory.db_url={self.db_url}"]
        e = dict(tool_env(), PYTHONWARNINGS="ignore", **(env or {}))
        return subprocess.run(cmd, cwd=self.root, capture_output=True, text=True, env=e, timeout=timeout)


def gradebook(course: Course):
    from nbgrader.api import Gradebook

    return Gradebook(course.db_url)


def ensure_registered(course: Course) -> None:
    """Record the assignment in the gradebook unless it is there already (as utils.release.register
    does, for one assignment and any database URL)."""
    from nbgrader.api import MissingEntry

    with gradebook(course) as gb:
        try:
            a = gb.find_assignment(course.assignment)
            if a.notebooks and a.notebooks[0].grade_cells:
                return
        except MissingEntry:
            pass
    try:
        register(course.root, only=[course.assignment], db_url=course.db_url, validate=False)
    except ReleaseError as exc:
        raise SystemExit(f"could not record {course.assignment} in the gradebook:\n{exc}") from exc


# --------------------------------------------------------------------------- ingest
@dataclass
class Candidate:
    student: str
    name: str            # original file name (for the report)
    data: bytes
    when: float          # newest wins
    copy_no: int = 0
    late: bool = False
    lms: str = ""
    file: str = ""       # the file name the student gave it (LMS prefixes removed)
    restored: int = 0    # cells whose nbgrader metadata was put back


CANVAS = re.compile(r"^(?P<student>[a-z0-9-]+?)(?P<late>_LATE)?_(?P<uid>\d+)_(?P<sub>\d+)_(?P<file>.+)$")
MOODLE = re.compile(r"^(?P<student>[^_/]+)_(?P<uid>\d+)_assignsubmission_(?:file|onlinetext)_(?P<file>.*)$")
BLACKBOARD = re.compile(r"^(?P<assign>.+?)_(?P<student>[^_]+)_attempt_"
                        r"(?P<ts>\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d)(?:_(?P<file>.+))?$")
COPY_RE = re.compile(r"^(?:copy of )?(?P<base>.*?)(?:\s*\((?P<n>\d+)\)|-(?P<m>\d+))?$", re.I)


def slug(name: str) -> str:
    s = STUDENT_RE.sub("-", name.strip().lower()).strip("-.")
    return s or "unknown"


def parse_name(path: str) -> dict[str, Any] | None:
    """Student, LMS, timestamp and lateness from an LMS download's path; None if unknown."""
    parts = [p for p in path.replace("\\", "/").split("/") if p]
    fname = parts[-1]
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        m = MOODLE.match(part)
        if m:   # Moodle: a file, or a per-student folder holding the file
            return {"student": slug(m["student"]), "lms": "moodle", "file": m["file"] if last else fname}
    m = BLACKBOARD.match(fname)
    if m:
        ts = datetime.strptime(m["ts"], "%Y-%m-%d-%H-%M-%S").timestamp()
        return {"student": slug(m["student"]), "lms": "blackboard", "ts": ts, "file": m["file"] or fname}
    m = CANVAS.match(fname)
    if m:
        return {"student": slug(m["student"]), "lms": "canvas", "late": bool(m["late"]), "file": m["file"]}
    if len(parts) >= 2:   # student/notebook.ipynb or student/assignment/notebook.ipynb
        return {"student": slug(parts[0]), "lms": "folder", "file": fname}
    return None


def copy_number(fname: str) -> int:
    m = COPY_RE.match(Path(fname).stem)
    n = m["n"] or m["m"] if m else None
    return int(n) if n else 0


def read_zip(path: Path, assignment: str, report: dict[str, Submission], problems: list[Finding]
             ) -> list[Candidate]:
    out: list[Candidate] = []
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        problems.append(Finding("bad-zip", f"{path}: {exc}", "error"))
        return out
    with zf:
        entries = [i for i in zf.infolist() if not i.is_dir() and "__MACOSX" not in i.filename]
        if not entries:
            problems.append(Finding("empty-zip", f"{path.name} holds no files: nothing to grade", "error"))
        for info in entries:
            name = info.filename
            if not name.lower().endswith((".ipynb", ".json")):
                if not name.lower().endswith(".txt"):   # Blackboard writes a .txt per attempt
                    problems.append(Finding("not-a-notebook", f"{name}: skipped", "info"))
                continue
            meta = parse_name(name)
            if meta is None:
                problems.append(Finding("unknown-student", f"{name}: no student in the file name "
                                        "(not a Canvas, Moodle or Blackboard name, and not in a folder); skipped",
                                        "error"))
                continue
            mtime = datetime(*info.date_time).timestamp()
            out.append(Candidate(meta["student"], name, zf.read(info), meta.get("ts", mtime),
                                 copy_number(meta["file"]), meta.get("late", False), meta["lms"],
                                 Path(meta["file"]).name))
    return out


def read_submitted(course: Course) -> list[Candidate]:
    """Notebooks already in submitted/<student>/<assignment>/ (any name)."""
    out = []
    if not course.submitted.is_dir():
        return out
    for sdir in sorted(course.submitted.iterdir()):
        adir = sdir / course.assignment
        if not adir.is_dir():
            continue
        for nb in sorted(adir.glob("*.ipynb")):
            out.append(Candidate(sdir.name, f"{sdir.name}/{course.assignment}/{nb.name}", nb.read_bytes(),
                                 nb.stat().st_mtime, copy_number(nb.name), lms="submitted", file=nb.name))
    return out


def grade_ids(nb: dict) -> set[str]:
    return {c.get("metadata", {}).get("nbgrader", {}).get("grade_id") for c in nb.get("cells", [])} - {None}


def restore_metadata(nb: dict, release: dict) -> int:
    """Copy nbgrader metadata from the release onto the submission's cells, matched by
    aligning the two cell lists (equal sources, and same-type cells in replaced runs)."""
    def key(c):
        return (c.get("cell_type"), cell_source(c).strip())
    a, b = [key(c) for c in release["cells"]], [key(c) for c in nb["cells"]]
    restored = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for i, j in zip(range(i1, i2), range(j1, j2)):
                rc, sc = release["cells"][i], nb["cells"][j]
                meta = rc.get("metadata", {}).get("nbgrader")
                if meta and rc.get("cell_type") == sc.get("cell_type") and "nbgrader" not in sc.get("metadata", {}):
                    sc.setdefault("metadata", {})["nbgrader"] = meta
                    restored += 1
    return restored


def ingest(course: Course, candidates: list[Candidate], report: dict[str, Submission],
           problems: list[Finding], release: dict | None) -> None:
    """Pick each student's newest usable notebook and write it where nbgrader expects it."""
    expected = grade_ids(release) if release else set()
    by_student: dict[str, list[tuple[Candidate, dict | None, str]]] = {}
    for cand in candidates:
        sub = report.setdefault(cand.student, Submission(cand.student))
        try:
            nb = json.loads(cand.data.decode("utf-8-sig"))
            if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
                raise ValueError("no list of cells")
            why = ""
            if release:
                cand.restored = restore_metadata(nb, release)
        except (UnicodeDecodeError, ValueError) as exc:
            nb, why = None, f"{cand.name}: not a notebook ({str(exc)[:120]})"
        if nb is not None and expected and not (grade_ids(nb) & expected):
            nb, why = None, f"{cand.name}: holds none of {course.assignment}'s cells (another assignment?)"
        by_student.setdefault(cand.student, []).append((cand, nb, why))
        if cand.late:
            sub.note("late", f"{cand.name}: the LMS marks it late", "info")
    for student, items in sorted(by_student.items()):
        sub = report[student]
        good = [it for it in items if it[1] is not None]
        for cand, nb, why in items:
            if nb is None:
                sub.note("malformed-json" if "not a notebook" in why else "wrong-assignment", why)
        if not good:
            sub.gradable, sub.status = False, "not graded"
            continue
        good.sort(key=lambda it: (it[0].when, it[0].copy_no))
        cand, nb, _ = good[-1]
        if len(items) > 1:
            others = ", ".join(it[0].name for it in items if it[0] is not cand)
            sub.note("resubmitted", f"kept the newest, {cand.name}; ignored {others}")
        if cand.file != f"{course.assignment}.ipynb":
            sub.note("renamed", f"{cand.file!r} -> {course.assignment}.ipynb", "info")
        if cand.restored:
            sub.note("metadata-restored", f"nbgrader metadata of {cand.restored} cells was missing; "
                     "restored from the release")
        if nb.get("metadata", {}).get("colab") is not None:
            sub.note("colab", "re-saved by Google Colab", "info")
        dest = course.submitted / student / course.assignment
        if dest.is_dir():
            for old in dest.glob("*.ipynb"):
                old.unlink()
        dest.mkdir(parents=True, exist_ok=True)
        (dest / f"{course.assignment}.ipynb").write_text(json.dumps(nb, indent=1), encoding="utf-8")
        if cand.lms == "blackboard":
            (dest / "timestamp.txt").write_text(datetime.fromtimestamp(cand.when).isoformat(" "))
        sub.nb = nb  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- integrity
PATH_WORDS = ("gradebook", "solutions", "submitted", "autograded", "feedback", "../", "..\\", "/etc/", "/root")
DYNAMIC = {"exec", "eval", "compile", "__import__", "setattr", "delattr", "globals", "vars"}
RISKY_MODULES = {"ctypes", "gc", "importlib", "inspect", "subprocess", "socket", "sys", "os", "builtins"}


class Scan(ast.NodeVisitor):
    """Monkeypatching and other suspicious code in one student cell."""

    def __init__(self, modules: set[str]):
        self.modules = set(modules)
        self.patch: list[str] = []
        self.suspicious: list[str] = []
        self.exits: list[str] = []

    def _root(self, node: ast.AST) -> str | None:
        while isinstance(node, (ast.Attribute, ast.Subscript)):
            node = node.value
        return node.id if isinstance(node, ast.Name) else None

    def visit_Import(self, node):
        for a in node.names:
            self.modules.add((a.asname or a.name).split(".")[0])
            if a.name.split(".")[0] in RISKY_MODULES - {"os", "sys"}:
                self.suspicious.append(f"imports {a.name}")
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        mod = (node.module or "").split(".")[0]
        for a in node.names:
            if mod in ("numpy", "math", "builtins", "torch") and a.name[:1].islower():
                pass  # from numpy import array_equal: rebinding the local name fools nothing
        if mod in RISKY_MODULES - {"os", "sys"}:
            self.suspicious.append(f"imports from {node.module}")
        self.generic_visit(node)

    def _target(self, t: ast.AST, line: int):
        if isinstance(t, (ast.Tuple, ast.List)):
            for e in t.elts:
                self._target(e, line)
            return
        root = self._root(t) if isinstance(t, (ast.Attribute, ast.Subscript)) else None
        if root and (root in self.modules or root in ("__builtins__", "builtins")):
            self.patch.append(f"line {line}: assigns to {ast.unparse(t)}")
        elif isinstance(t, ast.Name) and t.id == "__builtins__":
            self.patch.append(f"line {line}: rebinds __builtins__")

    def visit_Assign(self, node):
        for t in node.targets:
            self._target(t, node.lineno)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        self._target(node.target, node.lineno)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        self._target(node.target, node.lineno)
        self.generic_visit(node)

    def visit_Delete(self, node):
        for t in node.targets:
            self._target(t, node.lineno)
        self.generic_visit(node)

    def visit_Call(self, node):
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
        if name in ("setattr", "delattr") and node.args:
            root = self._root(node.args[0]) if isinstance(node.args[0], (ast.Name, ast.Attribute)) else None
            if root and (root in self.modules or root in ("__builtins__", "builtins")) or \
                    (isinstance(node.args[0], ast.Name) and node.args[0].id in self.modules):
                self.patch.append(f"line {node.lineno}: {name}({ast.unparse(node.args[0])}, ...)")
            else:
                self.suspicious.append(f"line {node.lineno}: calls {name}")
        elif name in ("exec", "eval", "compile") and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                try:
                    inner = Scan(self.modules)
                    inner.visit(ast.parse(arg.value))
                    self.patch += [f"line {node.lineno}, in {name}(): {p}" for p in inner.patch]
                    self.suspicious += inner.suspicious
                except SyntaxError:
                    pass
            else:
                self.patch.append(f"line {node.lineno}: {name}() of code that cannot be checked")
        elif name in ("__import__", "globals", "vars", "__dict__"):
            self.suspicious.append(f"line {node.lineno}: calls {name}")
        elif name in ("_exit", "exit", "quit", "kill", "abort") and isinstance(f, (ast.Name, ast.Attribute)):
            self.exits.append(f"line {node.lineno}: {ast.unparse(f)}()")
        elif name in ("system", "popen", "Popen", "run", "fork", "spawnv", "execv"):
            self.suspicious.append(f"line {node.lineno}: {ast.unparse(f)}()")
        self.generic_visit(node)

    def visit_Attribute(self, node):
        if node.attr in ("__dict__", "__globals__", "__builtins__", "__code__", "__subclasses__"):
            self.suspicious.append(f"line {node.lineno}: uses {node.attr}")
        self.generic_visit(node)

    def visit_Constant(self, node):
        if isinstance(node.value, str) and any(w in node.value for w in PATH_WORDS):
            self.suspicious.append(f"line {node.lineno}: names the path {node.value[:60]!r}")


def check_integrity(sub: Submission, nb: dict, release: dict | None) -> None:
    """Static checks of a submission against the release (cells) and of the student's code."""
    meta = lambda c: c.get("metadata", {}).get("nbgrader", {})  # noqa: E731
    if release:
        rel = {meta(c)["grade_id"]: c for c in release["cells"] if meta(c).get("grade_id")}
        got = {meta(c)["grade_id"]: c for c in nb["cells"] if meta(c).get("grade_id")}
        for gid, rc in rel.items():
            m = meta(rc)
            if not m.get("locked"):
                continue
            kind = "test-cell" if m.get("grade") else "locked-cell"
            if gid not in got:
                sub.note(f"{kind}-deleted", f"{gid}: deleted by the student; put back from the gradebook and run")
            elif cell_source(got[gid]).strip() != cell_source(rc).strip():
                sub.note(f"{kind}-edited", f"{gid}: changed by the student; the original was restored and run")
        for gid, c in got.items():
            tags = set(c.get("metadata", {}).get("tags", []))
            if tags & EXECUTION_TAGS:
                sub.note("execution-tag", f"{gid}: tagged {sorted(tags & EXECUTION_TAGS)}; tag removed, cell run")
        release_sources = {cell_source(c).strip() for c in release["cells"]}
    else:
        release_sources = set()
    modules: set[str] = {"builtins", "__builtins__"}
    patches, suspicious, exits = [], [], []
    for c in nb["cells"]:
        if c.get("cell_type") != "code" or meta(c).get("locked"):
            continue
        src = cell_source(c)
        if src.strip() in release_sources:
            # an untouched lesson cell: only learn its imports
            try:
                s = Scan(modules)
                s.visit(ast.parse(_ipython_to_python(src)))
                modules |= s.modules
            except SyntaxError:
                pass
            continue
        where = meta(c).get("grade_id") or "an added cell"
        try:
            tree = ast.parse(_ipython_to_python(src))
        except SyntaxError:
            continue
        s = Scan(modules)
        s.visit(tree)
        modules |= s.modules
        patches += [f"{where}, {p}" for p in s.patch]
        suspicious += [f"{where}, {p}" for p in s.suspicious]
        exits += [f"{where}, {p}" for p in s.exits]
    if patches:
        sub.zero_reason = "monkeypatching: " + "; ".join(patches[:3])
        sub.note("monkeypatch", "; ".join(patches[:5]) + " -> auto-graded points set to 0 (manual score; "
                 "formgrader can restore them)", "zeroed")
    if suspicious:
        sub.note("suspicious-code", "; ".join(dict.fromkeys(suspicious))[:400])
    if exits:
        sub.note("exits", "; ".join(exits[:3]))


def _ipython_to_python(src: str) -> str:
    """Blank out IPython magics and shell escapes so the cell parses as Python."""
    return "\n".join("" if ln.lstrip().startswith(("%", "!", "?")) else ln for ln in src.splitlines())


# --------------------------------------------------------------------------- grading
@dataclass
class Options:
    jobs: int
    sandboxed: bool
    limits: sandbox.Limits
    cell_timeout: int | None
    student_timeout: float
    scratch: Path


class Worker:
    """One long-lived ``python -m utils.grade_worker`` process (nbgrader's AutogradeApp, set up
    once) that grades one student after another; restarted after a kill or a crash."""

    def __init__(self, course: Course, opt: Options, share: Path, n: int):
        self.course, self.opt, self.share = course, opt, share
        self.base = opt.scratch / f"w{n}"
        self.proc: subprocess.Popen | None = None
        self.answers: queue.Queue = queue.Queue()
        self.starts = 0
        self.startup_seconds = 0.0

    def _start(self) -> None:
        runtime = self.base / f"rt{self.starts}"
        runtime.mkdir(parents=True)
        self.starts += 1
        args = [
            self.course.assignment, "--force", f"--CourseDirectory.root={self.course.root}",
            f"--CourseDirectory.db_url={self.course.db_url}",
            f"--Execute.kernel_name={sandbox.KERNEL_NAME}",
            "--Execute.shutdown_kernel=immediate",   # outputs are in; saves ~0.5-1 s a notebook
            "--KernelManager.transport=ipc", f"--KernelManager.ip={runtime / 'k'}",
            f"--KernelManager.connection_file={runtime / 'kernel.json'}"]
        if self.opt.cell_timeout:
            args.append(f"--Execute.timeout={self.opt.cell_timeout}")
        env = dict(tool_env(), PYTHONWARNINGS="ignore", JUPYTER_PATH=str(self.share),
                   JUPYTER_RUNTIME_DIR=str(runtime))
        self.stderr_path = self.base / f"stderr{self.starts}.log"
        t = time.perf_counter()
        with open(self.stderr_path, "w") as errf:
            self.proc = subprocess.Popen([sys.executable, "-m", "coursekit.grading.worker", *args], cwd=self.course.root,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errf, text=True,
                                         env=env, start_new_session=True)
        self.answers = q = queue.Queue()
        proc = self.proc

        def read() -> None:
            for line in proc.stdout:
                try:
                    q.put(json.loads(line))
                except ValueError:
                    pass
            q.put(None)
        threading.Thread(target=read, daemon=True).start()
        ready = self._answer(300)
        if not (ready and ready.get("ready")):
            self.kill()
            raise RuntimeError("the grading worker did not start: " + self._stderr_tail())
        self.startup_seconds += time.perf_counter() - t

    def _stderr_tail(self) -> str:
        try:
            return self.stderr_path.read_text(errors="replace")[-1500:]
        except OSError:
            return ""

    def _answer(self, timeout: float) -> dict | None:
        try:
            return self.answers.get(timeout=timeout)
        except queue.Empty:
            return {"timeout": True}

    def ask(self, op: str, student: str, timeout: float) -> dict:
        """{"ok", "log", "seconds"}; {"timeout": True} after a kill; {"crashed": True, "log"}."""
        if self.proc is None or self.proc.poll() is not None:
            try:
                self._start()
            except RuntimeError as exc:
                return {"crashed": True, "ok": False, "log": str(exc)}
        assert self.proc is not None and self.proc.stdin is not None
        try:
            self.proc.stdin.write(json.dumps({"op": op, "student": student}) + "\n")
            self.proc.stdin.flush()
        except OSError:
            pass
        ans = self._answer(timeout)
        if ans is None:   # the worker itself died (not the kernel: that is an nbgrader error)
            self.stop()
            return {"crashed": True, "ok": False, "log": self._stderr_tail()}
        if ans.get("timeout"):
            self.kill()
        return ans

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            try:
                proc.stdin.close()   # the worker ends after its last request
                proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                pass
            proc.wait()

    def kill(self) -> None:
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def autograde_one(course: Course, sub: Submission, opt: Options, worker: Worker) -> None:
    """nbgrader's autograde of one student (``nbgrader autograde A --student=S``) in a worker,
    kernel in the sandbox."""
    start = time.perf_counter()
    for attempt in range(3):
        ans = worker.ask("autograde", sub.student, opt.student_timeout)
        if ans.get("timeout"):
            worker.kill()
            sub.status = "timeout"
            sub.note("timeout", f"still running after {opt.student_timeout:.0f} s: killed, 0 points", "zeroed")
            sub.zero_reason = sub.zero_reason or "grading timed out"
            break
        log = ans.get("log", "")
        if "database is locked" in log and attempt < 2:
            time.sleep(1 + attempt)
            continue
        sub.log = log  # type: ignore[attr-defined]
        if not ans.get("ok") or "Removing failed" in log:
            if re.search(r"DeadKernelError|Kernel died|kernel died", log):
                sub.status = "kernel died"
                sub.note("kernel-died", "the student's code killed the kernel (os._exit, a crash, or the "
                         "memory limit); nbgrader dropped the run: 0 points", "zeroed")
            else:
                sub.status = "failed"
                tail = " | ".join(ln.strip() for ln in log.splitlines() if "ERROR" in ln or "Error" in ln)[-300:]
                sub.note("autograde-failed", f"nbgrader autograde failed: {tail or log[-300:]}", "zeroed")
            sub.zero_reason = sub.zero_reason or sub.status
        else:
            sub.status = "graded"
        break
    sub.seconds = time.perf_counter() - start
    if sub.status == "graded":
        inspect_outputs(course, sub)


def start_pool(course: Course, opt: Options, n: int) -> list[Worker]:
    share = opt.scratch / "share"
    if opt.sandboxed:
        sandbox.write_kernelspec(share, course.root / "autograded", opt.limits)
    else:
        sandbox.unsandboxed_kernelspec(share, opt.limits)
    return [Worker(course, opt, share, i) for i in range(max(1, n))]


def run_pool(workers: list[Worker], items: list, fn) -> None:
    """fn(worker, item) for every item, each worker taking the next item when it is free."""
    todo: queue.Queue = queue.Queue()
    for it in items:
        todo.put(it)
    errors: list[BaseException] = []

    def loop(w: Worker) -> None:
        while True:
            try:
                it = todo.get_nowait()
            except queue.Empty:
                return
            try:
                fn(w, it)
            except BaseException as exc:   # noqa: BLE001 reported after the others finish
                errors.append(exc)
                return
    threads = [threading.Thread(target=loop, args=(w,)) for w in workers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]


def inspect_outputs(course: Course, sub: Submission) -> None:
    """Findings from the executed notebook: timeouts, memory, exits, huge outputs."""
    path = course.root / "autograded" / sub.student / course.assignment / f"{course.assignment}.ipynb"
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return
    for c in nb.get("cells", []):
        gid = c.get("metadata", {}).get("nbgrader", {}).get("grade_id") or "a lesson cell"
        size = 0
        for o in c.get("outputs", []):
            size += len(cell_source({"source": o.get("text", "")}))
            ename = o.get("ename", "")
            if ename == "CellTimeoutError" or (ename == "KeyboardInterrupt"):
                sub.note("cell-timeout", f"{gid}: interrupted after the time limit")
            elif ename == "MemoryError":
                sub.note("memory", f"{gid}: hit the memory limit (MemoryError)")
            elif ename == "SystemExit":
                sub.note("sys-exit", f"{gid}: called sys.exit()")
            if "... Output truncated ..." in cell_source({"source": o.get("text", "")}):
                size = max(size, 10**9)
        if size > 100_000:
            sub.note("output-flood", f"{gid}: printed more than nbgrader keeps (LimitOutput: 1000 lines); "
                     "trimmed in the feedback")


def apply_zeroes(course: Course, subs: list[Submission]) -> None:
    """Integrity: a manual score of 0 on every auto-graded cell, with the reason as a comment."""
    from nbgrader.api import MissingEntry

    with gradebook(course) as gb:
        for sub in subs:
            if not sub.zero_reason:
                continue
            try:
                nb = gb.find_submission_notebook(course.assignment, course.assignment, sub.student)
            except MissingEntry:
                continue
            for g in nb.grades:
                if g.cell.cell_type == "code" and g.max_score and (g.auto_score is not None or True):
                    if not getattr(g.cell, "solution", False) or g.auto_score is not None:
                        g.manual_score = 0.0
                        g.needs_manual_grade = False
            for cm in nb.comments:
                cm.manual_comment = f"Auto-graded points set to 0 by utils.grade: {sub.zero_reason}"
            gb.db.commit()


def read_scores(course: Course) -> dict[tuple[str, str], dict[str, Any]]:
    """(student, assignment) -> {"score", "max_score", cells...} from the gradebook."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    with gradebook(course) as gb:
        for a in gb.assignments:
            for s in a.submissions:
                row: dict[str, Any] = {"score": s.score, "max_score": s.max_score,
                                       "needs_manual_grade": s.needs_manual_grade}
                for nb in s.notebooks:
                    for g in nb.grades:
                        row[g.name] = g.score
                rows[(s.student.id, a.name)] = row
    return rows


def write_csv(course: Course, report: dict[str, Submission], path: Path) -> None:
    rows = read_scores(course)
    flags_old: dict[tuple[str, str], str] = {}
    if path.is_file():
        with open(path, newline="") as f:
            for r in csv.DictReader(f):
                flags_old[(r.get("student_id", ""), r.get("assignment", ""))] = (r.get("status", ""),
                                                                                 r.get("flags", ""))
    for sub in report.values():   # submissions that never reached the gradebook still get a row
        key = (sub.student, course.assignment)
        if key not in rows and sub.findings:
            rows[key] = {"score": 0.0, "max_score": None, "needs_manual_grade": False}
    cells: list[str] = []
    for row in rows.values():
        for k in row:
            if k not in ("score", "max_score", "needs_manual_grade") and k not in cells:
                cells.append(k)
    header = ["student_id", "assignment", "score", "max_score", "needs_manual_grade", "status", "flags", *cells]
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for (student, assignment), row in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            if assignment == course.assignment and student in report:
                sub = report[student]
                status = sub.status
                flags = "; ".join(f"{x.kind}" for x in sub.findings if x.level != "info")
            else:
                status, flags = flags_old.get((student, assignment), ("", ""))
            w.writerow([student, assignment, _num(row["score"]), _num(row["max_score"]),
                        row["needs_manual_grade"], status, flags, *(_num(row.get(c)) for c in cells)])


def _num(x: Any) -> str:
    return "" if x is None else f"{float(x):g}"


# --------------------------------------------------------------------------- main
def grade(course: Course, zip_path: Path | None, opt: Options, out=sys.stdout, err=sys.stderr
          ) -> tuple[dict[str, Submission], list[Finding]]:
    report: dict[str, Submission] = {}
    problems: list[Finding] = []
    release = course.release_nb()
    ensure_registered(course)
    if zip_path is not None:
        cands = read_zip(zip_path, course.assignment, report, problems)
    else:
        cands = read_submitted(course)
    ingest(course, cands, report, problems, release)
    todo = [s for s in report.values() if s.gradable]
    for s in todo:
        check_integrity(s, s.nb, release)  # type: ignore[attr-defined]
    lock = threading.Lock()
    done = [0]

    def work(sub: Submission) -> None:
        with lock:
            done[0] += 1
            flags = ", ".join(f.kind for f in sub.findings if f.level != "info")
            print(f"[{done[0]}/{len(todo)}] {sub.student}: {sub.status} in {sub.seconds:.1f} s"
                  + (f" ({flags})" if flags else ""), file=err, flush=True)

    t0 = time.perf_counter()
    phases: dict[str, float] = {}
    workers = start_pool(course, opt, min(opt.jobs, max(1, len(todo))))
    try:
        run_pool(workers, sorted(todo, key=lambda s: s.student),
                 lambda w, sub: (autograde_one(course, sub, opt, w), work(sub)))
        phases["autograde"] = time.perf_counter() - t0
        t = time.perf_counter()
        apply_zeroes(course, list(report.values()))
        graded = [s.student for s in todo if s.status == "graded" or
                  (course.root / "autograded" / s.student / course.assignment).is_dir()]
        phases["zeroes"] = time.perf_counter() - t
        t = time.perf_counter()
        if graded:   # feedback for every autograded submission of the assignment, as nbgrader does
            adir = course.root / "autograded"
            everyone = sorted(d.name for d in adir.iterdir() if (d / course.assignment).is_dir())
            failed: list[str] = []

            def feedback(w: Worker, student: str) -> None:
                ans = w.ask("feedback", student, opt.student_timeout)
                if not ans.get("ok"):
                    if ans.get("timeout"):
                        w.kill()
                    failed.append(f"{student}: {ans.get('log', 'timed out')[-300:]}")
            run_pool(workers, everyone, feedback)
            if failed:
                problems.append(Finding("feedback-failed", "; ".join(failed)[-1500:], "error"))
        phases["feedback"] = time.perf_counter() - t
    finally:
        for w in workers:
            w.stop()
    phases["worker start-up"] = sum(w.startup_seconds for w in workers)
    phases["worker starts"] = sum(w.starts for w in workers)
    if not opt.sandboxed:
        problems.append(Finding("no-sandbox", "graded WITHOUT a sandbox (--no-sandbox): student code ran "
                                "with your permissions", "attention"))
    report_dir = course.root / "grading"
    report_dir.mkdir(exist_ok=True)
    write_csv(course, report, course.root / "grades.csv")
    scores = read_scores(course)
    data = {"assignment": course.assignment, "seconds": round(time.perf_counter() - t0, 1),
            "jobs": opt.jobs, "sandbox": opt.sandboxed,
            "phases": {k: round(v, 2) for k, v in phases.items()}, "problems": [p.as_dict() for p in problems],
            "submissions": {s.student: {"status": s.status, "seconds": round(s.seconds, 1),
                                        "score": scores.get((s.student, course.assignment), {}).get("score"),
                                        "max_score": scores.get((s.student, course.assignment), {}).get("max_score"),
                                        "findings": [f.as_dict() for f in s.findings]}
                            for s in sorted(report.values(), key=lambda s: s.student)}}
    (report_dir / f"{course.assignment}-report.json").write_text(json.dumps(data, indent=1))
    print_report(data, out)
    return report, problems


def print_report(data: dict, out) -> None:
    subs = data["submissions"]
    print(f"{data['assignment']}: {len(subs)} submissions in {data['seconds']} s "
          f"({data['jobs']} workers, sandbox {'on' if data['sandbox'] else 'OFF'})", file=out)
    for p in data["problems"]:
        print(f"  !! {p['kind']}: {p['detail']}", file=out)
    attention = {k: v for k, v in subs.items() if v["findings"] or v["status"] != "graded"}
    if not attention:
        print("No submission needs attention.", file=out)
        return
    print(f"Needs attention ({len(attention)}):", file=out)
    for student, v in attention.items():
        score = "-" if v["score"] is None else f"{v['score']:g}/{v['max_score']:g}"
        print(f"  {student}  [{v['status']}, {score}]", file=out)
        for f in v["findings"]:
            print(f"      {f['kind']:<18} {f['level']:<9} {f['detail']}", file=out)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("assignment", help="e.g. 01-sigmoid")
    p.add_argument("--zip", type=Path, help="a zip of LMS downloads (Canvas, Moodle, Blackboard) to grade "
                   "instead of submitted/")
    p.add_argument("--db", help="gradebook URL (default sqlite:///ROOT/gradebook.db), "
                   "e.g. postgresql+psycopg://user@host/db")
    p.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, help="submissions graded side by side "
                   "(default: one per core)")
    p.add_argument("--no-sandbox", action="store_true", help="run student code without bubblewrap "
                   "(only where none is available; the report says so)")
    p.add_argument("--timeout", type=int, help="seconds per cell (default: nbgrader_config.py's Execute.timeout)")
    p.add_argument("--student-timeout", type=float, default=900, help="seconds per submission before it is "
                   "killed (default 900)")
    p.add_argument("--export-only", action="store_true", help="grade nothing: only regenerate feedback and "
                   "grades.csv (after grading written answers in formgrader)")
    p.add_argument("--memory-mb", type=int, default=sandbox.Limits.memory_mb, help="kernel address-space limit")


def run(args: argparse.Namespace, root: Path) -> int:
    os.environ["PATH"] = tool_env()["PATH"]   # nbgrader's Gradebook runs `alembic` from PATH
    root = root.resolve()
    err = lambda msg: (print(f"course grade: error: {msg}", file=sys.stderr), 2)[1]  # noqa: E731
    if not (root / "solutions" / args.assignment).is_dir():
        return err(f"no assignment {args.assignment!r} in {root / 'solutions'}")
    if args.zip and not args.zip.is_file():
        return err(f"{args.zip}: no such file")
    sandboxed = not args.no_sandbox
    if sandboxed and not args.export_only:
        why = sandbox.available()
        if why:
            print(f"refusing to grade: {why}. Student code would run with your permissions; "
                  "pass --no-sandbox to grade anyway (on a machine with nothing else of value).", file=sys.stderr)
            return 2
    db_url = args.db or f"sqlite:///{root / 'gradebook.db'}"
    course = Course(root, args.assignment, db_url)
    if args.export_only:
        proc = course.nbgrader(["generate_feedback", course.assignment, "--force"])
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            return 1
        write_csv(course, {}, root / "grades.csv")
        print(f"feedback/ and grades.csv regenerated for {args.assignment}")
        return 0
    with tempfile.TemporaryDirectory(prefix="grade-") as scratch:
        opt = Options(args.jobs, sandboxed, sandbox.Limits(memory_mb=args.memory_mb), args.timeout,
                      args.student_timeout, Path(scratch))
        report, problems = grade(course, args.zip.resolve() if args.zip else None, opt)
    if not report:
        print("nothing was graded", file=sys.stderr)
        return 1
    return 0

