"""Throw-away Python environments for the dependency tests: Colab's package versions, or the
course's declared floors, with this machine's Python and the local CPU torch 2.13.0.

Each environment is built once per test session (a wheel folder shared by all of them keeps
the wheels between sessions), then the released notebooks run in it, through a Jupyter
kernel that uses the environment's Python.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness import ROOT, assignment_names, errors, fill, read_nb, reference_answers, release_path

COLAB_LISTS = ROOT / "tests" / "colab"
TORCH = "2.13.0"
STAND_IN = ("# Test stand-in: Colab imports google.colab into every kernel before the first cell.\n"
            "import sys, types\n"
            "sys.modules.setdefault('google.colab', types.ModuleType('google.colab'))")


def norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path: Path) -> dict[str, str]:
    """name -> version of every `name==version` line of a requirements file."""
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep, f"{path.name}: {line!r} is not an exact pin"
            pins[norm(name)] = version
    return pins


def pip(py: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(py), "-m", "pip", *args], capture_output=True, text=True,
                          env=dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1"))
    if proc.returncode != 0:
        raise AssertionError(f"pip {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def freeze(py: Path) -> set[str]:
    return {line for line in pip(py, "freeze", "--all").stdout.splitlines() if line.strip()}


def site_packages(venv: Path) -> Path:
    (path,) = (venv / "lib").glob("python3*/site-packages")
    return path


def link_torch(venv: Path) -> None:
    """Make the local CPU torch 2.13.0 importable in `venv` without copying its ~750 MB.

    Colab-like environments take torch from this machine (Colab's own 2.9 / 2.11 wheels are not
    available here). It is the same wheel `make test` installs in .venv, so a folder of links to
    that installation, named in a .pth file, gives the environment exactly that torch (and pip
    lists it: torch==2.13.0+cpu) while every other package stays the environment's own.
    """
    from importlib import metadata

    dist = metadata.distribution("torch")
    assert dist.version.split("+")[0] == TORCH, f"the test venv has torch {dist.version}, not {TORCH}"
    source = Path(dist.locate_file(""))
    top = (dist.read_text("top_level.txt") or "torch").split()
    folder = venv / "torch-link"
    folder.mkdir()
    info = f"torch-{dist.version}.dist-info"  # pip freeze and importlib.metadata read it
    assert (source / info).is_dir(), f"no {info} in {source}"
    for name in [*top, info]:
        (folder / name).symlink_to(source / name)
    (site_packages(venv) / "local-torch.pth").write_text(str(folder) + "\n")


# Wheels of these environments, kept between sessions and shared by all of them: pip's own
# cache does not keep the packages here (its HTTP cache stays empty), and downloading ~150 MB
# per environment on each run cost minutes. Installs read only this folder; `pip download`
# runs only when a wheel is missing from it (asking the index for each of ~140 pins took
# about 9 s per environment even when every file was there).
WHEELHOUSE = Path(os.environ.get("COURSE_WHEELHOUSE",
                                 Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
                                 / "activations-course" / "wheels"))


def make_venv(venv: Path, requirements: list[str]) -> Path:
    """A fresh venv with exactly `requirements` (pins, wheels only, no dependency resolution)
    and the local torch; returns its python."""
    WHEELHOUSE.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    # --no-compile: byte-compiling every installed file cost more than the install itself;
    # Python compiles what the notebooks import, when they import it.
    install = ["install", "--quiet", "--no-compile", "--no-deps", "--no-index", "--find-links", str(WHEELHOUSE),
               *requirements]
    try:  # pip finds every wheel before it installs any, so a missing one leaves the venv empty
        pip(py, *install)
    except AssertionError:
        subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                        "-d", str(WHEELHOUSE), *requirements], check=True, capture_output=True)
        pip(py, *install)
    link_torch(venv)
    return py


def install_course(py: Path, workdir: Path) -> None:
    """Install the course package from this working tree, without its dependencies (they are
    there already). The wheel is built here: the environment's own packaging or setuptools may
    be too old to build it (the floors' packaging 23 cannot read the licence field)."""
    pip(py, "install", "--quiet", "--no-deps", str(build_wheel(ROOT, workdir)))


def kernel_manager(py: Path, workdir: Path):
    """A KernelManager that starts kernels with `py` (a kernelspec in a private folder)."""
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    spec_dir = workdir / "kernels" / "envkernel"
    spec_dir.mkdir(parents=True, exist_ok=True)
    (spec_dir / "kernel.json").write_text(json.dumps({
        "argv": [str(py), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "test environment", "language": "python",
        "env": {"OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1",
                "TRANSFORMERS_OFFLINE": "1", "PYDEVD_DISABLE_FILE_VALIDATION": "1"},
    }))
    ksm = KernelSpecManager(kernel_dirs=[str(spec_dir.parent)])
    return KernelManager(kernel_name="envkernel", kernel_spec_manager=ksm)


def run_released_notebook(py: Path, name: str, workdir: Path, setup: str | None, as_colab: bool):
    """Run released notebook `name` top to bottom in `py`'s kernel with the reference answers filled in.

    `setup` replaces the source of the Colab set-up cell (cell 1) when given; `as_colab` puts
    the google.colab stand-in first. Returns the executed notebook.
    """
    from nbclient import NotebookClient

    nb = fill(read_nb(release_path(name)), reference_answers(name))
    if setup is not None:
        nb.cells[1].source = setup
    if as_colab:
        import nbformat

        nb.cells.insert(0, nbformat.v4.new_code_cell(STAND_IN))
    cwd = workdir / name
    cwd.mkdir(parents=True)
    km = kernel_manager(py, workdir / f"k-{name}")
    client = NotebookClient(nb, km=km, timeout=300, allow_errors=True,
                            resources={"metadata": {"path": str(cwd)}})
    try:
        client.execute()
    finally:  # a client given its kernel manager leaves the kernel running
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    return nb


def describe_errors(nb) -> str:
    """One line per cell that raised ("" when none did)."""
    out = []
    for i, gid, ename in errors(nb):
        (err,) = [o for o in nb.cells[i].outputs if o.output_type == "error"]
        out.append(f"cell {i} ({gid or 'lesson'}): {ename}: {str(err.get('evalue', ''))[:300]}")
    return "; ".join(out)


def run_all(py: Path, workdir: Path, names: list[str] | None = None, setup: str | None = None,
            as_colab: bool = False, jobs: int = 2) -> dict:
    """Run every released notebook (or `names`) in `py`'s kernel, `jobs` at a time, and print
    how long each took (kernel start included), slowest first."""
    names = names or assignment_names()

    def timed(name):
        clock = time.perf_counter()
        return run_released_notebook(py, name, workdir, setup, as_colab), time.perf_counter() - clock

    with ThreadPoolExecutor(jobs) as pool:
        results = dict(zip(names, pool.map(timed, names)))
    print("[timing] per notebook: " + ", ".join(
        f"{name} {secs:.0f} s" for name, (_, secs) in sorted(results.items(), key=lambda kv: -kv[1][1])))
    return {name: nb for name, (nb, _) in results.items()}


def build_wheel(source: Path, dest: Path) -> Path:
    """The course package as a wheel (what pip builds from the repository on Colab)."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "-w", str(dest), str(source)], check=True, capture_output=True)
    (wheel,) = dest.glob("activations_course-*.whl")
    return wheel


def python_tag() -> str:
    return sysconfig.get_python_version()


def git_available() -> bool:
    return shutil.which("git") is not None
