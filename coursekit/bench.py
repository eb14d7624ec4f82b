"""Benchmark the notebooks: ``course bench`` (``make bench``).

Runs every solution notebook in a fresh kernel and prints one table row each:
wall-clock seconds, the kernel's peak resident memory, and the sizes of the
solution and release files, against the course's targets. Speed and memory
targets live here, not in timed tests.
"""
from __future__ import annotations

import copy
import platform
import shutil
import tempfile
import time
from pathlib import Path

import nbformat

from .layout import RELEASE
from .release import find_assignments

TARGET_SECONDS = {"default": 20.0, "08-experiment": 60.0}
TARGET_RELEASE_KB = 200
TARGET_SOLUTION_KB = 1024

_PROBE = (
    "import resource as _r, sys as _s\n"
    "_k = 1 if _s.platform == 'darwin' else 1024\n"
    "print('__peak_rss__', _r.getrusage(_r.RUSAGE_SELF).ru_maxrss * _k // 1024)"
)


def run_notebook(path: Path, timeout: int = 600) -> tuple[float, float | None, str]:
    """Execute a notebook in a fresh kernel; return (seconds, peak MiB of the kernel, device line)."""
    from nbclient import NotebookClient

    nb = nbformat.read(str(path), as_version=4)
    nb = copy.deepcopy(nb)
    nb.cells.append(nbformat.v4.new_code_cell(_PROBE))
    from jupyter_client.manager import KernelManager

    # IPC transport, as grading uses: no TCP ports, and no "running over TCP without
    # encryption" warning per notebook.
    runtime = tempfile.mkdtemp(prefix="bench-kernel-")
    km = KernelManager(kernel_name="python3", transport="ipc",
                       connection_file=str(Path(runtime) / "kernel.json"))
    client = NotebookClient(nb, km=km, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    try:
        client.execute()
    finally:
        seconds = time.perf_counter() - start
        if km.has_kernel:
            km.shutdown_kernel(now=False)
        shutil.rmtree(runtime, ignore_errors=True)
    peak, device = None, ""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            text = out.get("text", "") if out.get("output_type") == "stream" else ""
            for line in text.splitlines():
                if line.startswith("__peak_rss__"):
                    peak = int(line.split()[1]) / 1024
                elif line.startswith("Device:") and not device:
                    device = line.split("(")[0].replace("Device:", "").strip()
    return seconds, peak, device


def run(root: Path, names: list[str] | None = None) -> int:
    """Time every notebook (or those named); print a table; 1 if one misses a target."""
    assignments = [a for a in find_assignments(root) if not names or a.name in names]
    header = f"{'notebook':<24}{'device':>7}{'seconds':>9}{'peak MiB':>10}{'solution KB':>13}{'release KB':>12}  within targets"
    print(f"python {platform.python_version()} on {platform.machine()}, {_cpus()} CPU cores")
    print(header)
    print("-" * len(header))
    failed = False
    for a in assignments:
        seconds, peak, device = run_notebook(a.source)
        sol_kb = a.source.stat().st_size / 1024
        rel = root / RELEASE / a.name / f"{a.name}.ipynb"
        rel_kb = rel.stat().st_size / 1024 if rel.exists() else float("nan")
        limit = TARGET_SECONDS.get(a.name, TARGET_SECONDS["default"])
        misses = []
        if seconds > limit:
            misses.append(f"time > {limit:.0f} s")
        if rel_kb > TARGET_RELEASE_KB:
            misses.append(f"release > {TARGET_RELEASE_KB} KB")
        if sol_kb > TARGET_SOLUTION_KB:
            misses.append(f"solution > {TARGET_SOLUTION_KB} KB")
        failed |= bool(misses)
        peak_s = f"{peak:.0f}" if peak is not None else "?"
        print(f"{a.name:<24}{device:>7}{seconds:>9.1f}{peak_s:>10}{sol_kb:>13.0f}{rel_kb:>12.0f}  "
              + ("yes" if not misses else "NO: " + ", ".join(misses)), flush=True)
    print(f"targets: each notebook < {TARGET_SECONDS['default']:.0f} s (08: < {TARGET_SECONDS['08-experiment']:.0f} s), "
          f"release < {TARGET_RELEASE_KB} KB, solution < {TARGET_SOLUTION_KB} KB")
    return 1 if failed else 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)



# --------------------------------------------------------------------------- exercise catalogs
#: Seconds `make test` spent grading every exercise catalog through nbgrader before the exercises
#: had contracts and their catalogs grew to the families of mistakes (commit f361cb6), measured
#: on the 2-core development machine on 2026-12-05, on the same quiet machine as the current
#: catalogs. The catalogs may cost at most TARGET_CATALOG_GROWTH more.
CATALOG_BASELINE_SECONDS = 366.0
TARGET_CATALOG_GROWTH = 0.20
_CATALOG_TEST = "tests/test_catalogs.py::test_catalog_grades_as_expected"


def catalog_seconds(pytest_output: str) -> dict[str, float]:
    """assignment -> seconds of its catalog test, from pytest's ``--durations`` lines."""
    import re

    pattern = r"^([\d.]+)s call +" + re.escape(_CATALOG_TEST) + r"\[([\w-]+)\]"
    return {m.group(2): float(m.group(1)) for m in re.finditer(pattern, pytest_output, re.M)}


def run_catalogs(root: Path) -> int:
    """Grade every exercise catalog as `make test` does (pytest, real nbgrader); print seconds per
    notebook and the total against the baseline; 1 if the growth is over its target."""
    import subprocess
    import sys

    from .notebooks import catalog

    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=0",
                           "-o", "addopts=", "-k", "grades_as_expected", "tests/test_catalogs.py"],
                          cwd=root, capture_output=True, text=True)
    seconds = catalog_seconds(proc.stdout)
    header = f"{'catalog':<26}{'entries':>8}{'seconds':>9}"
    print(header)
    print("-" * len(header))
    for a in find_assignments(root):
        entries = sum(len(v) for v in catalog(root, a.name).values())
        print(f"{a.name:<26}{entries:>8}{seconds.get(a.name, float('nan')):>9.1f}")
    total = sum(seconds.values())
    print(f"{'total':<26}{'':>8}{total:>9.1f}")
    if proc.returncode != 0:
        print(proc.stdout[-3000:], file=sys.stderr)
        print("the catalogs did not all grade as expected (see above)", file=sys.stderr)
        return 1
    growth = total / CATALOG_BASELINE_SECONDS - 1
    ok = growth <= TARGET_CATALOG_GROWTH
    print(f"catalog grading: {total:.0f} s against {CATALOG_BASELINE_SECONDS:.0f} s before the contracts' "
          f"families: {growth:+.0%} (target <= {TARGET_CATALOG_GROWTH:+.0%}): {'yes' if ok else 'NO'}"
          " (the baseline was measured on a 2-core machine; compare on one like it)")
    return 0 if ok else 1
