"""``SandboxedExecute``: nbgrader's ``Execute``, with student code kept away from everything.

nbgrader_config.py puts it in place of ``Execute`` in ``Autograde.autograde_preprocessors``,
so ``nbgrader autograde``, formgrader's button and ``course grade`` all run it. For each
notebook it:

1. copies the *regular* files beside the notebook (nbgrader's copy of the assignment's
   files) into two fresh scratch folders, one per execution path; links, FIFOs and devices
   are not copied;
2. starts the plain-Python second run (:mod:`coursekit.grading.plainrun`) in the first,
   sandboxed, beside
3. the notebook kernel, started by :class:`~coursekit.grading.sandbox.SandboxKernelManager`
   in the second, sandboxed;
4. waits for both, deletes both scratch folders without reading anything back, and leaves
   the plain run's result in ``resources["coursekit"]["plain"]`` for the ``Verdict``.

nbgrader writes the executed notebook into ``autograded/`` afterwards, from this process:
the kernel never sees that folder, so it cannot plant links there (for feedback to follow)
or replace its own notebook with a link to another student's file.
"""
from __future__ import annotations

import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any

from nbclient.exceptions import DeadKernelError
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer

from ..notebooks import cell_source, nbg
from .plainrun import PlainRun
from .sandbox import Limits, SandboxKernelManager, SandboxUnavailable, availability, refusal


def copy_regular_files(src: Path, dest: Path) -> list[str]:
    """Copy the regular files under ``src`` (not notebooks) to ``dest``; return what was skipped."""
    skipped = []
    dest.mkdir(parents=True)
    for p in sorted(src.rglob("*")):
        rel = p.relative_to(src)
        mode = p.lstat().st_mode
        if stat.S_ISDIR(mode):
            (dest / rel).mkdir(parents=True, exist_ok=True)
        elif stat.S_ISREG(mode) and p.lstat().st_nlink == 1:
            if p.suffix != ".ipynb":
                (dest / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(p, dest / rel, follow_symlinks=False)
        else:
            skipped.append(str(rel))
    return skipped


def last_graded(nb: Any) -> int | None:
    """Index of the notebook's last graded code cell (a test cell or a manually graded code
    answer); None if it has none (then every cell runs)."""
    graded = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and nbg(c).get("grade")]
    return graded[-1] if graded else None


def not_run(nb: Any, why: str, last: int | None = None) -> int:
    """After the kernel died: an error output on every code cell it did not run (a cell
    without outputs would otherwise earn its points), up to cell ``last`` if given. Returns how
    many there were."""
    n = 0
    for i, cell in enumerate(nb.cells):
        if last is not None and i > last:
            break
        if cell.cell_type == "code" and cell.get("execution_count") is None:
            cell.setdefault("outputs", []).append(NotebookNode(
                output_type="error", ename="KernelDied", evalue="not run: the kernel died before this cell",
                traceback=[f"KernelDied: not run: the kernel died before this cell ({why[:200]})"]))
            n += 1
    return n


class SandboxedExecute(Execute):
    """Execute a notebook in the bubblewrap sandbox, in a scratch folder, twice (kernel and
    plain Python)."""

    sandbox = Bool(True, help="Run student code in bubblewrap. False grades without it (only on a machine "
                   "with nothing of value); every notebook is then flagged.").tag(config=True)
    plain_run = Bool(True, help="Also run the code cells as plain Python and keep both outcomes "
                     "(coursekit.grading.plainrun).").tag(config=True)
    share_imports = Bool(True, help="Fork the plain runs from one pre-imported process per grading process "
                         "(coursekit.grading.zygote) instead of importing numpy, torch, ... for every "
                         "notebook.").tag(config=True)
    figures = Bool(True, help="Show figures in the executed notebook (False: matplotlib's Agg backend, no "
                   "images; faster, for test runs such as the exercise catalogs).").tag(config=True)
    stop_after_last_graded = Bool(False, help="Run the code cells only up to the last graded one, in both runs. "
                                  "The points are the same (no cell can change the output of a cell that ran "
                                  "before it), but the lesson cells after it get no outputs in the autograded "
                                  "notebook and its feedback; faster where a long lesson cell comes after the "
                                  "exercises, for test runs such as the exercise catalogs.").tag(config=True)
    _last: int | None = None     # the last cell to run (stop_after_last_graded), per notebook
    memory_mb = Integer(Limits.memory_mb, help="address-space limit of student code, MB").tag(config=True)
    file_mb = Integer(Limits.file_mb, help="largest file student code may write, MB").tag(config=True)

    def preprocess(self, nb: Any, resources: Any, km: Any = None) -> tuple[Any, Any]:
        found = availability()
        if self.sandbox and not found:
            self.log.error(refusal(found.reason))
            raise SandboxUnavailable(refusal(found.reason))
        if not self.sandbox:
            self.log.warning("grading WITHOUT the sandbox (SandboxedExecute.sandbox = False)")
        meta = resources.setdefault("metadata", {})
        home = Path(meta.get("path") or ".")
        info = resources.setdefault("coursekit", {})
        with tempfile.TemporaryDirectory(prefix="course-grade-") as tmp:
            scratch = Path(tmp)
            info["skipped"] = copy_regular_files(home, scratch / "kernel")
            copy_regular_files(home, scratch / "plain")
            self._scratch = scratch
            plain = None
            self._last = last_graded(nb) if self.stop_after_last_graded else None
            if self.plain_run:
                cells = [(i, cell_source(c), bool(nbg(c).get("grade")) and bool(nbg(c).get("locked")))
                         for i, c in enumerate(nb.cells) if c.cell_type == "code"
                         and (self._last is None or i <= self._last)]
                plain = PlainRun(cells, scratch / "plain", self._limits(), self.timeout or 120, self.sandbox,
                                 self.share_imports)
            meta["path"] = str(scratch / "kernel")
            try:
                nb, resources = super().preprocess(nb, resources, km)
            except DeadKernelError as exc:
                info["kernel_died"] = not_run(nb, str(exc), self._last)
            finally:
                meta["path"] = str(home)
                if plain is not None:
                    info["plain"] = plain.finish()
                self.km = None
        info["sandboxed"] = bool(self.sandbox)
        return nb, resources

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        if self._last is not None and index > self._last:
            return cell, resources          # stop_after_last_graded: not run, no outputs
        return super().preprocess_cell(cell, resources, index)

    def _limits(self) -> Limits:
        return Limits(memory_mb=self.memory_mb, file_mb=self.file_mb)

    def create_kernel_manager(self) -> Any:
        if not self.kernel_name:
            self.kernel_name = self.nb.metadata.get("kernelspec", {}).get("name") or "python3"
        self.km = SandboxKernelManager.for_scratch(self.kernel_name, self._scratch / "kernel",
                                                   self._scratch / "runtime", bool(self.sandbox), self._limits(),
                                                   self.config, figures=bool(self.figures))
        return self.km
