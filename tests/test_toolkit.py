"""The `course` command: installed with a plain `pip install .` (not editable) into a fresh
environment, it finds the course from any folder inside it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coursekit.layout import CourseNotFound, find_root
from harness import ROOT


def test_find_root_walks_up_and_refuses_outside(tmp_path):
    assert find_root(ROOT / "solutions" / "00-start-here") == ROOT
    with pytest.raises(CourseNotFound, match="nbgrader_config.py and pyproject.toml"):
        find_root(tmp_path)


def test_cli_help_lists_every_subcommand():
    proc = subprocess.run([sys.executable, "-m", "coursekit", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    for sub in ("release", "check", "gradebook", "grade", "fork", "bench"):
        assert sub in proc.stdout, f"`course --help` does not list {sub}"


def test_cli_outside_a_course_says_so(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "coursekit", "release", "--check"], cwd=tmp_path,
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "no course folder" in proc.stderr


@pytest.mark.slow
def test_pip_install_dot_gives_a_working_course_command(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps", str(ROOT)],
                         capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr[-3000:]
    course = venv / "bin" / "course"
    installed = subprocess.run([str(venv / "bin" / "python"), "-c", "import coursekit; print(coursekit.__file__)"],
                               cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert str(venv) in installed, "coursekit must come from the environment, not the checkout"
    for folder in (ROOT, ROOT / "solutions" / "02-softmax", ROOT / "tests" / "exercises"):
        proc = subprocess.run([str(course), "release", "--check"], cwd=folder, capture_output=True, text=True)
        assert proc.returncode == 0, f"from {folder}: {proc.stderr}"
        assert "ok solutions/00-start-here/00-start-here.ipynb" in proc.stdout
    for args in (["--help"], ["grade", "--help"]):
        proc = subprocess.run([str(course), *args], capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    # Only the instructor extras bring nbgrader: without them the command says what to install.
    for args in (["check"], ["grade", "00-start-here"]):
        proc = subprocess.run([str(course), *args], cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode == 2 and "activations-course[instructor]" in proc.stderr, (args, proc.stderr)
        assert "Traceback" not in proc.stderr, proc.stderr


def test_bench_reads_the_catalog_times_from_pytest():
    from coursekit.bench import catalog_seconds

    out = ("99.85s call     tests/test_catalogs.py::test_catalog_grades_as_expected[08-experiment]\n"
           "0.01s setup    tests/test_catalogs.py::test_catalog_grades_as_expected[08-experiment]\n"
           "38.57s call     tests/test_catalogs.py::test_catalog_grades_as_expected[03-smooth-argmax]\n"
           "2.00s call     tests/test_catalogs.py::test_every_exercise_has_a_catalog[00-start-here]\n")
    assert catalog_seconds(out) == {"08-experiment": 99.85, "03-smooth-argmax": 38.57}
    proc = subprocess.run([sys.executable, "-m", "coursekit", "bench", "--help"], capture_output=True, text=True)
    assert "--catalogs-only" in proc.stdout and "--no-catalogs" in proc.stdout
