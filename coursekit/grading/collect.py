"""Collect: what was handed in, as :class:`~coursekit.grading.models.Received` files.

From an LMS zip (``course grade --zip``) or from nbgrader's ``submitted/`` folder. Students
are keyed by the LMS **user id**, never by the display name (two students called Jane
Smith stay two students); the display name is kept for the report and ``grades.csv``.

LMS file names (also used by ``nbgrader zip_collect`` through
:class:`LmsFileNameCollector`, set in nbgrader_config.py):

* Canvas: ``<name>[_LATE]_<user id>_<submission id>_<file>``
* Moodle: ``<Full Name>_<participant id>_assignsubmission_file_<file>`` (also a folder)
* Blackboard: ``<assignment>_<username>_attempt_<YYYY-MM-DD-HH-MM-SS>[_<file>]``
* a folder per student: ``<id>/<file>`` or ``<id>/<assignment>/<file>``

A file whose student id cannot be read is still returned (``student_id=None``) so that the
report lists it; it is never graded under a guessed name.
"""
from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from nbgrader.plugins import FileNameCollectorPlugin

from .models import Finding, Level, Received

CANVAS = re.compile(r"^(?P<name>[^_/]+?)(?P<late>_LATE)?_(?P<uid>\d+)_(?P<sub>\d+)_(?P<file>.+)$")
MOODLE = re.compile(r"^(?P<name>[^_/]+)_(?P<uid>\d+)_assignsubmission_(?:file|onlinetext)_(?P<file>.*)$")
BLACKBOARD = re.compile(r"^(?P<assign>.+?)_(?P<uid>[^_]+)_attempt_"
                        r"(?P<ts>\d{4}-\d\d-\d\d-\d\d-\d\d-\d\d)(?:_(?P<file>.+))?$")
ID_CHARS = re.compile(r"[^A-Za-z0-9_.@-]+")
NOTEBOOK_SUFFIXES = (".ipynb", ".json")


@dataclass(frozen=True)
class LmsName:
    student_id: str
    display_name: str
    lms: str
    file_name: str
    timestamp: float | None = None
    late: bool = False


def clean_id(text: str) -> str:
    return ID_CHARS.sub("-", text.strip()).strip("-.")


def parse_name(path: str) -> LmsName | None:
    """The student's id, name, LMS, time and lateness from a download's path; None if unknown."""
    parts = [p for p in path.replace("\\", "/").split("/") if p]
    if not parts:
        return None
    fname = parts[-1]
    for i, part in enumerate(parts):
        m = MOODLE.match(part)
        if m:   # Moodle: a file, or a per-student folder holding the file
            return LmsName(m["uid"], m["name"], "moodle", m["file"] if i == len(parts) - 1 else fname)
    m = BLACKBOARD.match(fname)
    if m:
        ts = datetime.strptime(m["ts"], "%Y-%m-%d-%H-%M-%S").timestamp()
        return LmsName(clean_id(m["uid"]), m["uid"], "blackboard", m["file"] or fname, ts)
    m = CANVAS.match(fname)
    if m:
        return LmsName(m["uid"], m["name"], "canvas", m["file"], None, bool(m["late"]))
    if len(parts) >= 2 and clean_id(parts[0]):   # <id>/<file> or <id>/<assignment>/<file>
        return LmsName(clean_id(parts[0]), parts[0], "folder", fname)
    return None


class LmsFileNameCollector(FileNameCollectorPlugin):
    """nbgrader's file-name collector for Canvas, Moodle and Blackboard downloads, keyed by
    the LMS user id (``nbgrader zip_collect`` with the course's nbgrader_config.py)."""

    def collect(self, submitted_file: str) -> dict[str, str] | None:
        if os.path.splitext(submitted_file)[1] not in self.valid_ext:
            return None
        app = self.parent   # ZipCollectApp: names are read relative to its extracted folder
        extracted = app._format_collect_path(app.extracted_directory) if hasattr(app, "_format_collect_path") else ""
        rel = os.path.relpath(submitted_file, extracted) if extracted else os.path.basename(submitted_file)
        got = parse_name(rel)
        if got is None:
            self.log.warning("No student id in %s: skipped (not a Canvas, Moodle or Blackboard name)", rel)
            return None
        out = {"student_id": got.student_id, "file_id": got.file_name, "last_name": got.display_name}
        if got.timestamp is not None:
            out["timestamp"] = datetime.fromtimestamp(got.timestamp).isoformat(" ")
        return out


def read_zip(path: Path) -> tuple[list[Received], list[Finding]]:
    """Every notebook in an LMS zip, and the problems of the zip itself."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        return [], [Finding("bad-zip", Level.ERROR, f"{path}: {exc}")]
    out: list[Received] = []
    problems: list[Finding] = []
    with zf:
        entries = [i for i in zf.infolist() if not i.is_dir() and "__MACOSX" not in i.filename]
        if not entries:
            problems.append(Finding("empty-zip", Level.ERROR, f"{path.name} holds no files: nothing to grade"))
        for info in entries:
            name = info.filename
            if not name.lower().endswith(NOTEBOOK_SUFFIXES):
                if not name.lower().endswith(".txt"):   # Blackboard writes a .txt per attempt
                    problems.append(Finding("not-a-notebook", Level.INFO, f"{name}: skipped"))
                continue
            got = parse_name(name)
            when = datetime(*info.date_time).timestamp()
            try:
                data = zf.read(info)
            except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
                problems.append(Finding("bad-zip", Level.ERROR, f"{name}: cannot be read ({exc})"))
                continue
            if got is None:
                out.append(Received(name, data, None, "", "unknown", Path(name).name, when))
            else:
                out.append(Received(name, data, got.student_id, got.display_name, got.lms, Path(got.file_name).name,
                                    got.timestamp or when, got.late))
    return out, problems


def read_submitted(submitted: Path, assignment: str) -> list[Received]:
    """Notebooks already in ``submitted/<id>/<assignment>/`` (any name; regular files only)."""
    out: list[Received] = []
    if not submitted.is_dir():
        return out
    for sdir in sorted(p for p in submitted.iterdir() if p.is_dir() and not p.is_symlink()):
        adir = sdir / assignment
        if not adir.is_dir() or adir.is_symlink():
            continue
        for nb in sorted(adir.glob("*.ipynb")):
            if nb.is_symlink() or not nb.is_file():
                continue
            out.append(Received(str(nb.relative_to(submitted.parent)), nb.read_bytes(), sdir.name, sdir.name,
                                "submitted", nb.name, nb.stat().st_mtime))
    return out
