"""`import utils` is a common name: the first cell of every released notebook imports
activations_course, which stops with one clear line when another `utils` would be used."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from harness import assignment_names, read_nb, release_path


def _import_check(cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    # `-c` puts the current folder first on sys.path, as a Jupyter kernel does.
    return subprocess.run([sys.executable, "-c", "import activations_course, utils; print(utils.get_device)"],
                          cwd=cwd, capture_output=True, text=True, env=env)


def test_course_utils_passes(tmp_path):
    proc = _import_check(tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "get_device" in proc.stdout


def test_utils_py_in_the_working_folder_is_named_with_the_fix(tmp_path):
    (tmp_path / "utils.py").write_text("x = 1\n")
    proc = _import_check(tmp_path)
    assert proc.returncode != 0
    last = proc.stderr.strip().splitlines()[-1]
    assert "ShadowedUtils" in last and str(tmp_path / "utils.py") in last and "rename or delete" in last, last


def test_another_installed_utils_package_is_named_with_the_fix(tmp_path):
    site = tmp_path / "site"
    (site / "utils").mkdir(parents=True)
    (site / "utils" / "__init__.py").write_text("def helper():\n    return 1\n")
    proc = _import_check(tmp_path, pythonpath=site)
    assert proc.returncode != 0
    last = proc.stderr.strip().splitlines()[-1]
    assert str(site / "utils" / "__init__.py") in last and "pip uninstall -y utils" in last, last


@pytest.mark.parametrize("name", assignment_names())
def test_first_code_cell_of_every_release_runs_the_check(name):
    cells = [c for c in read_nb(release_path(name)).cells if c.cell_type == "code"]
    assert "import activations_course" in cells[0].source, f"{name}: the set-up cell lost the import check"
