"""Normalise: from what each student handed in to the one notebook nbgrader grades.

For each LMS user id: the newest usable file (the timestamp in the name, else the zip's
time, else the copy number in ``X (2).ipynb``), checked to be a notebook holding this
assignment's cells (by nbgrader ``grade_id``, so ``Copy of X.ipynb`` and ``Untitled.ipynb``
are recognised by content), with nbgrader metadata that an editor stripped put back by
aligning its cells with the release (``difflib`` over cell sources).

What the student handed in is kept byte for byte in the run's folder
(``grading/<assignment>/<run>/received/<id>/``); the normalised copy goes to
``submitted/<id>/<assignment>/<assignment>.ipynb``, and the report points at both.
"""
from __future__ import annotations

import difflib
import json
import re
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any

from ..notebooks import cell_source
from .models import Finding, Level, Received, Submission

COPY_RE = re.compile(r"^(?:copy of )?(?P<base>.*?)(?:\s*\((?P<n>\d+)\)|-(?P<m>\d+))?$", re.I)


def copy_number(fname: str) -> int:
    m = COPY_RE.match(Path(fname).stem)
    n = (m["n"] or m["m"]) if m else None
    return int(n) if n else 0


def grade_ids(nb: dict[str, Any]) -> set[str]:
    return {(c.get("metadata", {}).get("nbgrader") or {}).get("grade_id") for c in nb.get("cells", [])} - {None}


def restore_metadata(nb: dict[str, Any], release: dict[str, Any]) -> int:
    """Copy nbgrader metadata from the release onto the submission's cells, matched by
    aligning the two cell lists (equal sources, and same-type cells in equal-length runs)."""
    def key(c: dict[str, Any]) -> tuple[Any, str]:
        return c.get("cell_type"), cell_source(c).strip()
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


def is_colab_resave(nb: dict[str, Any], release: dict[str, Any] | None) -> bool:
    """Re-saved by Colab: Colab's marks that the release does not carry (a release may itself
    hold ``metadata.colab``, e.g. to ask Colab for a GPU)."""
    given = (release or {}).get("metadata", {}).get("colab")
    if nb.get("metadata", {}).get("colab") not in (None, given):
        return True
    return any("outputId" in c.get("metadata", {}) for c in nb.get("cells", []))


def parse_notebook(data: bytes) -> tuple[dict[str, Any] | None, str]:
    try:
        nb = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return None, f"not a notebook ({str(exc)[:120]})"
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return None, "not a notebook (no list of cells)"
    return nb, ""


def same_names(received: list[Received]) -> dict[str, list[str]]:
    """Display name -> the ids that share it (only names shared by two or more ids)."""
    ids: dict[str, set[str]] = defaultdict(set)
    for r in received:
        if r.student_id and r.display_name:
            ids[r.display_name.strip().lower()].add(r.student_id)
    return {name: sorted(v) for name, v in ids.items() if len(v) > 1}


def choose(received: list[Received], assignment: str, release: dict[str, Any] | None, submitted: Path,
           keep: Path) -> list[Submission]:
    """One :class:`Submission` per student id; see the module's doc."""
    expected = grade_ids(release) if release else set()
    shared = same_names(received)
    by_id: dict[str, list[Received]] = defaultdict(list)
    for r in received:
        if r.student_id:
            by_id[r.student_id].append(r)
    out = []
    for sid, files in sorted(by_id.items()):
        findings: list[Finding] = []
        name = files[0].display_name
        if name.strip().lower() in shared:
            findings.append(Finding("same-name", Level.ATTENTION, f"{name!r} is also the name of LMS id(s) "
                                    + ", ".join(i for i in shared[name.strip().lower()] if i != sid)))
        usable = []
        for r in files:
            if r.late:
                findings.append(Finding("late", Level.INFO, f"{r.source}: the LMS marks it late"))
            nb, why = parse_notebook(r.data)
            restored = restore_metadata(nb, release) if nb is not None and release else 0
            if nb is not None and expected and not (grade_ids(nb) & expected):
                nb, why = None, f"holds none of {assignment}'s cells (another assignment?)"
            if nb is None:
                kind = "malformed-json" if why.startswith("not a notebook") else "wrong-assignment"
                findings.append(Finding(kind, Level.ERROR, f"{r.source}: {why}"))
            else:
                usable.append((r, nb, restored))
        if not usable:
            out.append(Submission(sid, name, None, None, tuple(findings)))
            continue
        usable.sort(key=lambda it: (it[0].when, copy_number(it[0].file_name)))
        chosen, nb, restored = usable[-1]
        if len(files) > 1:
            others = ", ".join(r.source for r in files if r is not chosen)
            findings.append(Finding("resubmitted", Level.INFO, f"kept the newest, {chosen.source}; not graded: {others}"))
        if restored:
            findings.append(Finding("metadata-restored", Level.INFO, f"nbgrader metadata of {restored} cells was "
                                    "missing; put back from the release in the graded copy"))
        out.append(write(sid, name, chosen, nb, assignment, release, submitted, keep, findings))
    return out


def write(sid: str, name: str, chosen: Received, nb: dict[str, Any], assignment: str,
          release: dict[str, Any] | None, submitted: Path, keep: Path, findings: list[Finding]) -> Submission:
    """Keep the original bytes, write the normalised notebook where nbgrader reads it."""
    if chosen.file_name != f"{assignment}.ipynb":
        findings.append(Finding("renamed", Level.INFO, f"{chosen.file_name!r} graded as {assignment}.ipynb"))
    if is_colab_resave(nb, release):
        findings.append(Finding("colab", Level.INFO, "re-saved by Google Colab"))
    original = keep / sid / Path(chosen.source).name
    original.parent.mkdir(parents=True, exist_ok=True)
    original.write_bytes(chosen.data)
    dest = submitted / sid / assignment
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / f"{assignment}.ipynb"
    for old in dest.glob("*.ipynb"):   # the original is kept in the run's folder
        if old != target:
            old.unlink()
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False), encoding="utf-8")
    if chosen.lms == "blackboard":   # nbgrader reads the submission time from here (late penalties)
        (dest / "timestamp.txt").write_text(datetime.fromtimestamp(chosen.when).isoformat(" "))
    return Submission(sid, name, original, target, tuple(findings))
