"""Regenerate ``notebooks/`` (the student release) from ``solutions/`` with nbgrader.

Run as ``course release`` (``make release``). Every solution notebook is
checked first; a broken one stops the release with a message that names the
notebook and the cell, and ``notebooks/`` is left exactly as it was. The release
is generated into a temporary course and moved into place only when every
assignment succeeded, so nothing is ever half written.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .layout import ASSIGNMENT_RE, BEGIN_HIDDEN, BEGIN_SOLUTION, END_HIDDEN, END_SOLUTION, RELEASE, SOLUTIONS
from .colab import (BADGE_ROLE, SETUP_ROLE, Settings, add_colab_cells, badge_source,  # noqa: F401
                    read_settings, set_repo, setup_source)
from .errors import ReleaseError
from .notebooks import cell_source
from .runner import run_nbgrader



@dataclass(frozen=True)
class Assignment:
    name: str
    source: Path  # solutions/NN-topic/NN-topic.ipynb

    @property
    def release_name(self) -> str:
        return f"{RELEASE}/{self.name}/{self.name}.ipynb"


def find_assignments(root: Path, only: list[str] | None = None) -> list[Assignment]:
    """Every ``solutions/NN-topic/NN-topic.ipynb`` (or those named in ``only``), in order."""
    found = []
    for folder in sorted((root / SOLUTIONS).iterdir()):
        if not folder.is_dir() or folder.name.startswith(".") or folder.name == "__pycache__":
            continue
        if only is not None and folder.name not in only:
            continue
        if not ASSIGNMENT_RE.match(folder.name):
            raise ReleaseError(f"{folder}: assignment folders are named NN-topic (lower case, digits, dashes)")
        nb = folder / f"{folder.name}.ipynb"
        if not nb.is_file():
            raise ReleaseError(f"{folder}: expected the notebook {nb.name} inside it")
        found.append(Assignment(folder.name, nb))
    return found


def run_generate_assignment(root: Path, name: str, options: list[str], what: str) -> None:
    """Run the real ``nbgrader generate_assignment NAME --force`` with the nbgrader_config.py
    of ``root`` and the given ``--CourseDirectory.*`` options; raise ReleaseError with the end
    of nbgrader's log (saying ``what`` failed) if it fails."""
    proc = run_nbgrader(["generate_assignment", name, "--force", *options], root, set_root=False)
    if proc.returncode != 0:
        log = "\n".join(proc.stderr.splitlines()[-25:])
        raise ReleaseError(f"{root / SOLUTIONS / name / f'{name}.ipynb'}: {what}:\n{log}")


def _where(path: Path, index: int, cell: dict[str, Any]) -> str:
    gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return f"{path}: cell {index}" + (f" (grade_id {gid!r})" if gid else "")


def _check_markers(text: str, begin: str, end: str, where: str) -> int:
    """Count properly nested, closed begin/end pairs; raise on anything else."""
    depth, pairs = 0, 0
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(begin):
            if depth:
                raise ReleaseError(f"{where}: '{begin}' opened twice without '{end}'")
            depth = 1
        elif stripped.startswith(end):
            if not depth:
                raise ReleaseError(f"{where}: '{end}' without a '{begin}' before it")
            depth, pairs = 0, pairs + 1
    if depth:
        raise ReleaseError(f"{where}: '{begin}' is never closed by '{end}'")
    return pairs


def check_notebook(path: Path) -> dict[str, Any]:
    """Validate one solution notebook; return it parsed. Raises ReleaseError."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ReleaseError(f"{path}: not a readable notebook ({exc})") from exc
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise ReleaseError(f"{path}: not a notebook (no list of cells)")
    seen: dict[str, int] = {}
    graded = 0
    for i, cell in enumerate(nb["cells"]):
        where = _where(path, i, cell)
        text = cell_source(cell)
        if "execution" in cell.get("metadata", {}):
            raise ReleaseError(f"{where}: execution timestamps in the cell's metadata; clear them "
                               "(nbclient's record_timing) so that the release stays reproducible")
        meta = cell.get("metadata", {}).get("nbgrader")
        if meta is None:
            for marker in (BEGIN_SOLUTION, END_SOLUTION, BEGIN_HIDDEN, END_HIDDEN):
                if marker in text:
                    raise ReleaseError(f"{where}: '{marker}' in a cell that is not an nbgrader cell")
            continue
        gid = meta.get("grade_id")
        if not gid or not isinstance(gid, str):
            raise ReleaseError(f"{where}: nbgrader cell without a grade_id")
        if not re.fullmatch(r"[A-Za-z0-9_-]+", gid):
            raise ReleaseError(f"{where}: grade_id may hold only letters, digits, '-' and '_'")
        if gid in seen:
            raise ReleaseError(f"{where}: duplicate grade_id {gid!r} (also cell {seen[gid]})")
        seen[gid] = i
        if meta.get("grade"):
            graded += 1
            points = meta.get("points")
            if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
                raise ReleaseError(f"{where}: graded cell needs points > 0 (has {points!r})")
        if meta.get("solution"):
            n = _check_markers(text, BEGIN_SOLUTION, END_SOLUTION, where)
            if n == 0 and cell.get("cell_type") == "code":
                raise ReleaseError(f"{where}: solution cell without '{BEGIN_SOLUTION}' ... '{END_SOLUTION}'")
        elif BEGIN_SOLUTION in text or END_SOLUTION in text:
            raise ReleaseError(f"{where}: solution markers in a cell not marked as a solution")
        if meta.get("grade") and not meta.get("solution"):
            if not meta.get("locked"):
                raise ReleaseError(f"{where}: a test cell must be locked")
            _check_markers(text, BEGIN_HIDDEN, END_HIDDEN, where)
        elif BEGIN_HIDDEN in text or END_HIDDEN in text:
            raise ReleaseError(f"{where}: hidden-test markers outside a test cell")
    if graded == 0:
        raise ReleaseError(f"{path}: no graded cell: an assignment needs at least one")
    return nb


def generate(dest_root: Path, root: Path, quiet: bool = True,
             only: list[str] | None = None) -> list[Assignment]:
    """Check every solution notebook, then generate the release into ``dest_root/notebooks``.

    Runs the real ``nbgrader generate_assignment`` in a throw-away course (its own
    gradebook), with this course's nbgrader_config.py.
    """
    assignments = find_assignments(root, only)
    if only is not None:
        unknown = set(only) - {a.name for a in assignments}
        if unknown:
            raise ReleaseError(f"no such assignment: {', '.join(sorted(unknown))}")
    if not assignments:
        raise ReleaseError(f"no assignments under {root / SOLUTIONS}")
    for a in assignments:
        check_notebook(a.source)
    settings = read_settings(root)
    course = dest_root
    course.mkdir(parents=True, exist_ok=True)
    shutil.copytree(root / SOLUTIONS, course / SOLUTIONS, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for a in assignments:
        run_generate_assignment(root, a.name, [
            f"--CourseDirectory.root={course}",
            f"--CourseDirectory.db_url=sqlite:///{course / 'release-gradebook.db'}",
        ], "nbgrader generate_assignment failed")
        add_colab_cells(course / RELEASE / a.name / f"{a.name}.ipynb", a.name, settings)
        if not quiet:
            print(f"released {a.name}")
    (course / "release-gradebook.db").unlink(missing_ok=True)
    return assignments


def release(root: Path) -> list[Assignment]:
    """Regenerate ``root/notebooks`` from ``root/solutions``, all or nothing."""
    with tempfile.TemporaryDirectory(prefix="release-") as tmp:
        tmp_root = Path(tmp)
        assignments = generate(tmp_root, root, quiet=False)
        target = root / RELEASE
        staging, old = root / f".{RELEASE}.new", root / f".{RELEASE}.old"
        for leftover in (staging, old):
            shutil.rmtree(leftover, ignore_errors=True)
        # Copy next to the target first (same file system), then swap by renaming.
        shutil.copytree(tmp_root / RELEASE, staging)
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    return assignments


def scratch_course(dest: Path, name: str, root: Path) -> Path:
    """A throw-away course folder with one assignment's source and release and the course's
    configuration: what the grading benchmark and tests grade into."""
    (dest / SOLUTIONS).mkdir(parents=True)
    shutil.copytree(root / SOLUTIONS / name, dest / SOLUTIONS / name)
    shutil.copytree(root / RELEASE / name, dest / RELEASE / name)
    for f in ("nbgrader_config.py", "pyproject.toml"):
        shutil.copy(root / f, dest / f)
    return dest


def register(root: Path, quiet: bool = True, only: list[str] | None = None,
             db_url: str | None = None, validate: bool = True) -> list[Assignment]:
    """Record every assignment (or those in ``only``) in the course's own gradebook
    (``db_url``, by default the configured ``CourseDirectory.db_url``, i.e. ``gradebook.db``),
    which ``nbgrader autograde`` needs, without touching ``notebooks/``: nbgrader writes its
    copy of the release into a throw-away folder. ``validate`` runs :func:`check_notebook`
    on each source first, as ``make release`` does."""
    assignments = find_assignments(root, only)
    for a in assignments if validate else ():
        check_notebook(a.source)
    with tempfile.TemporaryDirectory(prefix="register-") as tmp:
        for a in assignments:
            options = [f"--CourseDirectory.root={root}", f"--CourseDirectory.release_directory={tmp}"]
            if db_url is not None:
                options.append(f"--CourseDirectory.db_url={db_url}")
            run_generate_assignment(root, a.name, options, "could not record it in the gradebook")
            if not quiet:
                print(f"gradebook knows {a.name}")
    return assignments


def _normalised(path: Path) -> Any:
    """A notebook's JSON without what legitimately varies between machines."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb.get("metadata", {}).get("language_info", {}).pop("version", None)
    return nb


def out_of_sync(root: Path) -> list[str]:
    """What differs between ``root/notebooks`` and a fresh release of ``root/solutions``:
    one line per file that is missing, extra or different (empty when in sync)."""
    with tempfile.TemporaryDirectory(prefix="release-check-") as tmp:
        fresh_root = Path(tmp)
        generate(fresh_root, root)
        fresh_dir, committed_dir = fresh_root / RELEASE, root / RELEASE

        def files(d: Path) -> set[Path]:
            return {p.relative_to(d) for p in d.rglob("*")
                    if p.is_file() and ".ipynb_checkpoints" not in p.parts} if d.is_dir() else set()
        fresh, committed = files(fresh_dir), files(committed_dir)
        problems = [f"missing from {RELEASE}/: {p}" for p in sorted(fresh - committed)]
        problems += [f"not part of the release: {RELEASE}/{p}" for p in sorted(committed - fresh)]
        problems += [f"differs from a fresh release: {RELEASE}/{p}" for p in sorted(fresh & committed)
                     if p.suffix == ".ipynb" and _normalised(fresh_dir / p) != _normalised(committed_dir / p)]
        return problems
