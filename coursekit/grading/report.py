"""Report: grades.csv and the report of one run, in the run's own folder.

Every ``course grade`` run writes into ``grading/<assignment>/<YYYYmmdd-HHMMSS>/``:
``report.json``, ``report.txt`` (what was printed), ``grades.csv`` and ``received/`` (the
files as handed in); ``grading/<assignment>/latest`` points at the newest run that
finished. No run overwrites another's results. A run that fails says so in its first and
last lines (and exits 1).

``grades.csv`` comes from :class:`CourseCsvExport`, which nbgrader_config.py also makes
the exporter of ``nbgrader export``: both write the same columns, the display name and
the flags (the kinds of finding recorded in each autograded notebook) included.
"""
from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin

from .models import METADATA_KEY, Finding, Level, Outcome, Run, Status, Submission

FIXED = ["assignment", "student_id", "display_name", "timestamp", "raw_score", "late_submission_penalty",
         "score", "max_score", "needs_manual_grade", "flags"]


def recorded_findings(autograded: Path) -> list[Finding]:
    """The findings the course's preprocessors wrote into an autograded notebook (regular
    files only, of a sane size)."""
    try:
        if not autograded.is_file() or autograded.is_symlink() or autograded.stat().st_size > 50_000_000:
            return []
        meta = json.loads(autograded.read_text(encoding="utf-8")).get("metadata", {}).get(METADATA_KEY, {})
    except (OSError, ValueError):
        return []
    return [Finding.from_dict(d) for d in meta.get("findings", []) if isinstance(d, dict)]


def scan_submission(path: Path) -> list[Finding]:
    from .integrity import scan_notebook

    try:
        return scan_notebook(json.loads(path.read_text(encoding="utf-8")), set())
    except (OSError, ValueError):
        return []


def _num(x: Any) -> str:
    return "" if x is None else f"{float(x):g}"


class CourseCsvExport(ExportPlugin):
    """One row per student and assignment: scores, the display name, every graded cell's
    points, and the flags recorded while grading."""

    def export(self, gradebook: Gradebook) -> None:
        from nbgrader.coursedir import CourseDirectory

        cd = CourseDirectory(config=self.config)
        rows, cells = [], []
        for a in gradebook.assignments:
            if self.assignment and a.name not in self.assignment:
                continue
            for s in gradebook.students:
                if self.student and s.id not in self.student:
                    continue
                row = {"assignment": a.name, "student_id": s.id,
                       "display_name": " ".join(x for x in (s.first_name, s.last_name) if x),
                       "max_score": _num(a.max_score)}
                try:
                    sub = gradebook.find_submission(a.name, s.id)
                except MissingEntry:
                    row.update(raw_score="0", score="0", late_submission_penalty="0")
                    rows.append(row)
                    continue
                row.update(timestamp=str(sub.timestamp or ""), raw_score=_num(sub.score),
                           late_submission_penalty=_num(sub.late_submission_penalty),
                           score=_num(max(0.0, sub.score - (sub.late_submission_penalty or 0))),
                           needs_manual_grade=str(sub.needs_manual_grade))
                flags: list[str] = []
                for nb in sub.notebooks:
                    for g in nb.grades:
                        row[g.name] = _num(g.score)
                        if g.name not in cells:
                            cells.append(g.name)
                    path = Path(cd.format_path(cd.autograded_directory, s.id, a.name)) / f"{nb.name}.ipynb"
                    flags += [f.kind for f in recorded_findings(path) if f.level is not Level.INFO]
                row["flags"] = " ".join(dict.fromkeys(flags))
                rows.append(row)
        dest = self.to or "grades.csv"
        with open(dest, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=FIXED + cells, restval="")
            w.writeheader()
            w.writerows(rows)
        self.log.info("Exported grades to %s", dest)


def export_csv(run: Run, dest: Path) -> None:
    with Gradebook(run.db_url) as gb:
        plugin = CourseCsvExport(to=str(dest), assignment=[run.assignment])
        plugin.config.CourseDirectory.root = str(run.root)
        plugin.export(gb)


def scores(run: Run) -> dict[str, tuple[float, float]]:
    with Gradebook(run.db_url) as gb:
        try:
            subs = gb.find_assignment(run.assignment).submissions
        except MissingEntry:
            return {}
        return {s.student.id: (s.score, s.max_score) for s in subs}


def build(run: Run, subs: Iterable[Submission], outcomes: dict[str, Outcome], problems: list[Finding],
          seconds: float, failed: str = "") -> dict[str, Any]:
    points = scores(run) if not failed else {}
    students = {}
    for sub in subs:
        out = outcomes.get(sub.student_id)
        status = out.status if out else Status.NOT_GRADED
        found = list(sub.findings) + list(out.findings if out else ())
        if out and out.status is Status.GRADED:
            found += recorded_findings(run.root / "autograded" / sub.student_id / run.assignment
                                       / f"{run.assignment}.ipynb")
        elif out and sub.normalised:   # nbgrader kept nothing: the static checks still speak
            found += scan_submission(sub.normalised)
        score = points.get(sub.student_id)
        students[sub.student_id] = {
            "display_name": sub.display_name, "status": status.value,
            "score": score[0] if score else None, "max_score": score[1] if score else None,
            "original": str(sub.original) if sub.original else None,
            "normalised": str(sub.normalised) if sub.normalised else None,
            "seconds": round(out.seconds, 1) if out else 0.0,
            "findings": [f.as_dict() for f in found],
            "log": out.log[-3000:] if out and out.status is not Status.GRADED else ""}
    return {"assignment": run.assignment, "failed": failed, "seconds": round(seconds, 1), "jobs": run.jobs,
            "sandbox": run.sandboxed, "folder": str(run.folder), "problems": [p.as_dict() for p in problems],
            "submissions": students}


def render(data: dict[str, Any], out: TextIO) -> None:
    """The report in plain words, for the instructor; FAILED first and last when it failed."""
    subs = data["submissions"]
    head = (f"FAILED: {data['failed']}" if data["failed"] else
            f"{data['assignment']}: {len(subs)} submissions in {data['seconds']} s "
            f"({data['jobs']} workers, sandbox {'on' if data['sandbox'] else 'OFF'})")
    print(head, file=out)
    for p in data["problems"]:
        print(f"  !! {p['kind']}: {p['detail']}" + (f"\n     -> {p['action']}" if p["action"] else ""), file=out)
    attention = {k: v for k, v in subs.items() if v["status"] != "graded"
                 or any(f["level"] != "info" for f in v["findings"])}
    if not data["failed"]:
        print(f"{len(attention)} submission(s) need attention." if attention else
              "No submission needs attention.", file=out)
    for sid, v in attention.items():
        score = "-" if v["score"] is None else f"{v['score']:g}/{v['max_score']:g}"
        print(f"  {sid} ({v['display_name']})  [{v['status']}, {score}]", file=out)
        if v["original"]:
            print(f"      received: {v['original']}\n      graded:   {v['normalised']}", file=out)
        for f in v["findings"]:
            where = f" in {f['cell']}" if f["cell"] else ""
            print(f"      - {f['kind']}{where} ({f['level']}): {f['detail']}", file=out)
            if f["action"] and f["level"] != "info":
                print(f"        -> {f['action']}", file=out)
        if v.get("log"):
            print("      end of nbgrader's log:\n        " + "\n        ".join(v["log"].splitlines()[-8:]), file=out)
    print(f"Results in {data['folder']}" if not data["failed"] else head, file=out)


def save(data: dict[str, Any], run: Run, text: str) -> None:
    run.folder.mkdir(parents=True, exist_ok=True)
    (run.folder / "report.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    (run.folder / "report.txt").write_text(text, encoding="utf-8")
    if not data["failed"]:
        latest = run.folder.parent / "latest"
        tmp = run.folder.parent / ".latest.tmp"
        if tmp.is_symlink():
            tmp.unlink()
        tmp.symlink_to(run.folder.name)
        os.replace(tmp, latest)
