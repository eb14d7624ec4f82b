"""Colab: every released notebook opens from its badge, and its set-up cell installs
the course's helper package and nothing else."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from colab_env import (COLAB_LISTS, STAND_IN, TORCH, build_wheel, describe_errors, freeze, make_venv, norm, pip,
                       read_pins, run_all)
from coursekit.release import (BADGE_ROLE, SETUP_ROLE, ReleaseError, add_colab_cells, read_settings,
                               release, set_repo)
from harness import ROOT, SOLUTIONS, assignment_names, read_nb, release_path

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
# Colab-like environments: the package versions of Colab's default runtime at two dates
# (tests/colab/), this machine's Python and the local CPU torch. In each, the set-up cell
# installs the course package and nothing else, and every released notebook runs top to
# bottom with the reference answers filled in, as on Colab (google.colab is present).
COLAB_DATES = sorted(p.stem.removeprefix("colab-") for p in COLAB_LISTS.glob("colab-*.txt"))

@pytest.fixture(scope="module", params=COLAB_DATES)
def colab(request, tmp_path_factory):
    """Build one Colab-like environment, run the set-up cell in it, then every notebook."""
    date = request.param
    if shutil.which("git") is None:
        pytest.fail("git is needed to install the course package from a repository (Colab has it)")
    work = tmp_path_factory.mktemp(f"colab-{date}")
    clock = time.perf_counter()
    py = make_venv(work / "venv", ["-r", str(COLAB_LISTS / f"colab-{date}.txt")])
    pip_check = pip(py, "check").stdout
    before = freeze(py)
    print(f"\n[timing] Colab {date}: environment built in {time.perf_counter() - clock:.0f} s")

    # The set-up cell, pointed at a clone of this repository instead of GitHub.
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                         check=True).stdout.strip()
    clone = work / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    setup = read_nb(release_path(NAMES[0])).cells[1].source.replace(
        SETTINGS.install_target, f"git+file://{clone}@{sha}")
    assert f"git+file://{clone}@{sha}" in setup
    # Outside Colab the cell installs nothing; the course package is not installed in this
    # environment, so the cell stops at its import check, as it would on a machine without `make lab`.
    proc = subprocess.run([str(py), "-c", setup], cwd=work, capture_output=True, text=True)
    outside_error = proc.stderr.strip().splitlines()[-1] if proc.returncode else "(no error)"
    outside = freeze(py)
    subprocess.run([str(py), "-c", STAND_IN + "\n" + setup], check=True, cwd=work)
    after = freeze(py)

    # The notebooks run against this working tree's package (the clone has only what is
    # committed); each notebook's own set-up cell installs that same wheel, as a second
    # run of the cell on Colab would find the package already there.
    wheel = build_wheel(ROOT, work / "wheel")
    pip(py, "install", "--quiet", "--no-deps", "--force-reinstall", str(wheel))
    per_notebook_setup = read_nb(release_path(NAMES[0])).cells[1].source.replace(
        SETTINGS.install_target, str(wheel))
    print(f"[timing] Colab {date}: set-up cell checked in {time.perf_counter() - clock:.0f} s")
    results = run_all(py, work / "runs", setup=per_notebook_setup, as_colab=True)
    print(f"[timing] Colab {date}: every notebook run in {time.perf_counter() - clock:.0f} s")
    return dict(date=date, py=py, pip_check=pip_check, before=before, outside=outside,
                outside_error=outside_error, after=after,
                results=results, versions=read_pins(COLAB_LISTS / f"colab-{date}.txt"))


@pytest.mark.slow
def test_colab_environment_is_colab_and_consistent(colab):
    versions = colab["versions"]
    for pkg in ("ipywidgets", "transformers", "datasets", "numpy", "matplotlib", "scikit-learn", "sympy",
                "ipython", "ipykernel"):
        assert pkg in versions, f"tests/colab/colab-{colab['date']}.txt lacks {pkg}"
    installed = {norm(line.split("==")[0]): line.split("==")[1] for line in colab["before"] if "==" in line}
    for pkg, version in versions.items():
        assert installed.get(pkg) == version, f"{pkg}: {installed.get(pkg)} installed, {version} pinned"
    assert installed["torch"].startswith(TORCH)
    assert "No broken requirements" in colab["pip_check"], colab["pip_check"]


@pytest.mark.slow
def test_setup_cell_installs_the_course_package_and_nothing_else(colab):
    before, after = colab["before"], colab["after"]
    assert not any(line.startswith("activations-course") for line in before)
    assert colab["outside"] == before, "outside Colab the set-up cell must install nothing"
    assert colab["outside_error"].startswith("ModuleNotFoundError: the course's package is not installed"), (
        f"outside Colab, without the course installed, the set-up cell must stop at its import: "
        f"{colab['outside_error']}")
    added, removed = after - before, before - after
    assert not removed, f"the set-up cell changed installed packages: {sorted(removed)}"
    assert len(added) == 1 and next(iter(added)).startswith("activations-course"), sorted(added)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_in_colab_environment(colab, name):
    errs = describe_errors(colab["results"][name])
    assert not errs, f"{name} on Colab {colab['date']}: {errs}"


@pytest.mark.slow
def test_widget_notebooks_run_as_on_colab_with_this_ipywidgets(tmp_path):
    """Colab ships ipywidgets 7.7.1 (the Colab environments above run the sliders with it); this
    runs them with the locked ipywidgets 8, in a kernel that believes it is on Colab."""
    from importlib import metadata

    users = [n for n in NAMES if any("ipywidgets" in c.source for c in read_nb(release_path(n)).cells)]
    assert users, "no notebook uses ipywidgets: drop it from pyproject.toml"
    assert metadata.version("ipywidgets").startswith("8.")
    # The course is installed here already; the set-up cell itself is tested in the environments above.
    results = run_all(Path(sys.executable), tmp_path, names=users, as_colab=True,
                      setup="# set-up cell: the course package is installed in this environment")
    for name, nb in results.items():
        assert not describe_errors(nb), f"{name} with ipywidgets 8 as on Colab: {describe_errors(nb)}"
        shown = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
                 if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
        assert shown, f"{name}: no widget was displayed although the kernel runs 'on Colab'"
