"""Colab: every released notebook opens from its badge, and its set-up cell installs
the course's helper package and nothing else."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from harness import ROOT, SOLUTIONS, assignment_names, nbg, read_nb, release_path
from coursekit.release import (BADGE_ROLE, SETUP_ROLE, ReleaseError, add_colab_cells, read_settings,
                           release, set_repo)

NAMES = assignment_names()
SETTINGS = read_settings(ROOT)


@pytest.mark.parametrize("name", NAMES)
def test_badge_points_at_this_notebook_on_the_configured_repo_and_branch(name):
    nb = read_nb(release_path(name))
    badge, setup = nb.cells[0], nb.cells[1]
    assert badge.metadata.get("course") == BADGE_ROLE and setup.metadata.get("course") == SETUP_ROLE
    url = (f"https://colab.research.google.com/github/{SETTINGS.github_repo}/blob/{SETTINGS.branch}/"
           f"notebooks/{name}/{name}.ipynb")
    assert f"]({url})" in badge.source, f"{name}: stale badge {badge.source!r}; run `make release`"
    # the link's target exists in the repository
    assert (ROOT / url.split(f"/blob/{SETTINGS.branch}/", 1)[1]).is_file()
    assert sum(1 for c in nb.cells if "colab-badge.svg" in c.source) == 1


@pytest.mark.parametrize("name", NAMES)
def test_setup_cell_installs_only_the_course_package_and_only_on_colab(name):
    src = read_nb(release_path(name)).cells[1].source
    assert 'if "google.colab" in sys.modules:' in src
    assert f'"{SETTINGS.install_target}"' in src and "--no-deps" in src
    installs = [line for line in src.splitlines() if "install" in line and not line.lstrip().startswith("#")]
    for banned in ("torch", "numpy", "matplotlib", "scipy", "transformers", "!pip", "%pip"):
        assert not any(banned in line.replace(SETTINGS.install_target, "") for line in installs), banned


@pytest.mark.parametrize("name", NAMES)
def test_gpu_metadata_follows_the_setting(name):
    meta = read_nb(release_path(name)).metadata
    if name in SETTINGS.colab_gpu:
        assert meta.get("accelerator") == "GPU" and meta["colab"]["gpuType"]
    else:
        assert "accelerator" not in meta


def test_colab_cells_are_idempotent(tmp_path):
    src = release_path("00-start-here")
    once, twice = tmp_path / "a.ipynb", tmp_path / "b.ipynb"
    shutil.copy(src, once)
    add_colab_cells(once, "00-start-here", SETTINGS)
    shutil.copy(once, twice)
    add_colab_cells(twice, "00-start-here", SETTINGS)
    assert once.read_bytes() == twice.read_bytes() == src.read_bytes()


def test_notebooks_read_no_relative_data_files():
    """Colab has only the notebook: data must come with the package or be generated."""
    for name in NAMES:
        for cell in read_nb(SOLUTIONS / name / f"{name}.ipynb").cells:
            if cell.cell_type == "code":
                for bad in ("open(\"../", "open('../", "read_csv(", "np.load(\"", "np.loadtxt("):
                    assert bad not in cell.source, f"{name}: reads a file Colab will not have: {bad}"


def test_fork_repoints_badges_with_one_command(course_copy):
    root = course_copy("00-start-here")
    proc = subprocess.run([sys.executable, "-m", "coursekit", "--root", str(root),
                           "fork", "someone/my-course", "--branch", "fall-2027"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    nb = json.loads((root / "notebooks/00-start-here/00-start-here.ipynb").read_text())
    assert "github/someone/my-course/blob/fall-2027/notebooks/00-start-here/" in "".join(nb["cells"][0]["source"])
    assert "git+https://github.com/someone/my-course@fall-2027" in "".join(nb["cells"][1]["source"])
    with pytest.raises(ReleaseError, match="OWNER/NAME"):
        set_repo(root, "not a repo")
    before = (root / "notebooks/00-start-here/00-start-here.ipynb").read_bytes()
    release(root)
    assert (root / "notebooks/00-start-here/00-start-here.ipynb").read_bytes() == before


# --------------------------------------------------------------------------- as Colab runs it
def _venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def _freeze(py: Path) -> set[str]:
    out = subprocess.run([str(py), "-m", "pip", "freeze", "--all"], capture_output=True, text=True, check=True)
    return {line for line in out.stdout.splitlines() if line.strip()}


@pytest.mark.slow
def test_setup_cell_as_colab_runs_it(tmp_path):
    """A fresh environment with Colab's kind of packages but without the course: the
    set-up cell (pointed at a local clone instead of GitHub) installs the course package,
    nothing else changes, and the notebook's own set-up cell then works."""
    if shutil.which("git") is None:
        pytest.fail("git is needed to install the course package from a repository (Colab has it)")
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    venv = tmp_path / "colab-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = _venv_python(venv)
    # What Colab already has, as far as the set-up and first cells need it.
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "-c", str(ROOT / "constraints/test.txt"),
                    "numpy", "matplotlib", "packaging", "torch"], check=True)
    before = _freeze(py)
    assert not any(line.startswith("activations-course") for line in before)

    nb = read_nb(release_path("00-start-here"))
    setup = nb.cells[1].source.replace(f"git+https://github.com/{SETTINGS.github_repo}@{SETTINGS.branch}",
                                       f"git+file://{clone}@{sha}")
    assert f"git+file://{clone}@{sha}" in setup
    stand_in = "import sys, types\nsys.modules['google.colab'] = types.ModuleType('google.colab')\n"
    # Outside Colab the cell does nothing.
    subprocess.run([str(py), "-c", setup], check=True, cwd=tmp_path)
    assert _freeze(py) == before
    # On "Colab" it installs the package, and only it.
    subprocess.run([str(py), "-c", stand_in + setup], check=True, cwd=tmp_path)
    after = _freeze(py)
    added, removed = after - before, before - after
    assert not removed, f"the set-up cell changed installed packages: {sorted(removed)}"
    assert len(added) == 1 and next(iter(added)).startswith("activations-course"), sorted(added)

    first_code = next(c for c in read_nb(SOLUTIONS / "00-start-here" / "00-start-here.ipynb").cells
                      if c.cell_type == "code" and not nbg(c))
    script = textwrap.dedent(stand_in + first_code.source + "\nprint('imports ok', utils.__file__)\n")
    run = subprocess.run([str(py), "-c", script], capture_output=True, text=True, cwd=tmp_path,
                         env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    assert "Device: cpu" in run.stdout and "imports ok" in run.stdout and str(venv) in run.stdout
