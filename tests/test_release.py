"""notebooks/ is nbgrader's release of solutions/, never edited by hand, and a broken
solution notebook stops `make release` with a clear message and nothing written."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from harness import ROOT, assignment_names, nbg, read_nb, release_path, solution_path
from coursekit.release import ReleaseError, check_notebook, out_of_sync, release

NAMES = assignment_names()


def test_release_is_in_sync_with_solutions():
    """Regenerate the release and compare: fails if notebooks/ was edited by hand or not regenerated."""
    problems = out_of_sync(ROOT)
    assert not problems, "notebooks/ is not nbgrader's release of solutions/ (run `course release`):\n" + \
        "\n".join(problems)


@pytest.mark.parametrize("name", NAMES)
def test_release_hides_solutions_and_hidden_tests(name):
    text = release_path(name).read_text(encoding="utf-8")
    for marker in ("### BEGIN SOLUTION", "### END SOLUTION", "BEGIN HIDDEN TESTS", "*Rubric"):
        assert marker not in text, f"{name}: the release still contains {marker!r}"
    nb = read_nb(release_path(name))
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "release has outputs"
    src = {nbg(c).get("grade_id"): c for c in read_nb(solution_path(name)).cells if nbg(c)}
    for cell in nb.cells:
        m = nbg(cell)
        if m.get("grade") and not m.get("solution"):
            assert m.get("locked") and cell.metadata.get("editable") is False, f"{m['grade_id']} not locked"
        if m.get("grade_id"):
            assert m["grade_id"] in src


@pytest.mark.parametrize("name", NAMES)
def test_solution_notebooks_are_clean_sources(name):
    """Committed sources carry outputs (nbval compares them) but no execution timestamps,
    and every solution notebook is a valid nbformat 4 notebook."""
    import nbformat

    nb = read_nb(solution_path(name))
    nbformat.validate(nb)
    for cell in nb.cells:
        assert "execution" not in cell.metadata, "execution timestamps in a source cell"
    assert nb.metadata.kernelspec.name == "python3"


# --------------------------------------------------------------------------- bad input
def _course_copy(course_copy) -> Path:
    root = course_copy("00-start-here")
    (root / "notebooks" / "00-start-here" / "00-start-here.ipynb").write_text("SENTINEL")
    return root


def _break(root: Path, how: str) -> None:
    path = root / "solutions" / "00-start-here" / "00-start-here.ipynb"
    nb = json.loads(path.read_text())
    cells = nb["cells"]
    tests = next(c for c in cells if c["metadata"].get("nbgrader", {}).get("grade_id") == "one-hot-tests")
    sol = next(c for c in cells if c["metadata"].get("nbgrader", {}).get("grade_id") == "one-hot")
    if how == "duplicate":
        tests["metadata"]["nbgrader"]["grade_id"] = "one-hot"
    elif how == "no-points":
        del tests["metadata"]["nbgrader"]["points"]
    elif how == "unclosed":
        src = "".join(sol["source"]) if isinstance(sol["source"], list) else sol["source"]
        sol["source"] = src.replace("### END SOLUTION", "")
    elif how == "json":
        path.write_text('{"cells": [')
        return
    path.write_text(json.dumps(nb))


@pytest.mark.parametrize("how,needle", [
    ("duplicate", "duplicate grade_id 'one-hot'"),
    ("no-points", "graded cell needs points"),
    ("unclosed", "is never closed"),
    ("json", "not a readable notebook"),
])
def test_broken_solution_stops_release_and_writes_nothing(course_copy, how, needle):
    root = _course_copy(course_copy)
    _break(root, how)
    proc = subprocess.run([sys.executable, "-m", "coursekit", "--root", str(root), "release"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 1
    assert needle in proc.stderr and "00-start-here.ipynb" in proc.stderr, proc.stderr
    if how != "json":
        assert "cell" in proc.stderr, "the message must name the cell"
    assert (root / "notebooks" / "00-start-here" / "00-start-here.ipynb").read_text() == "SENTINEL"
    assert not (root / ".notebooks.new").exists()


def test_release_replaces_all_or_nothing(course_copy):
    root = _course_copy(course_copy)
    release(root)
    out = root / "notebooks" / "00-start-here" / "00-start-here.ipynb"
    assert out.read_text() != "SENTINEL" and "NotImplementedError" in out.read_text()
    assert sorted(p.name for p in root.iterdir()) == ["nbgrader_config.py", "notebooks", "pyproject.toml", "solutions"]


def test_check_notebook_names_cell_of_marker_outside_nbgrader_cell(tmp_path):
    path = tmp_path / "x.ipynb"
    path.write_text(json.dumps({"cells": [
        {"cell_type": "code", "metadata": {}, "source": "### BEGIN SOLUTION\nx = 1\n### END SOLUTION",
         "outputs": [], "execution_count": None}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    with pytest.raises(ReleaseError, match=r"cell 0: '### BEGIN SOLUTION' in a cell that is not an nbgrader cell"):
        check_notebook(path)


def test_course_maps_list_every_assignment():
    """README's table and 00's map name every assignment, in order: they drift when a notebook
    is added, split or renamed."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    in_readme = re.findall(r"^\| (\d\d-[a-z0-9-]+) \|", readme, re.M)
    assert in_readme == NAMES, f"README's notebook table lists {in_readme}, the course has {NAMES}"
    start = read_nb(solution_path(NAMES[0]))
    table = next(c.source for c in start.cells if c.cell_type == "markdown" and "## The map" in c.source)
    in_map = re.findall(r"^\| (\d\d-[a-z0-9-]+) \|", table, re.M)
    assert in_map == NAMES, f"{NAMES[0]}'s map lists {in_map}, the course has {NAMES}"
