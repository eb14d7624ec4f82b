"""``Verdict``: the points a test cell may keep, decided after both runs and before nbgrader
saves them (it sits just before ``SaveAutoGrades`` in ``Autograde.autograde_preprocessors``).

* **Both runs must pass.** A test cell keeps its points only where the notebook kernel
  passed it (nbgrader's rule: no error, nothing on stderr) *and* the plain-Python run passed
  it (:mod:`coursekit.grading.plainrun`). Where the kernel passed and the plain run did not,
  an error output is appended to the cell, so nbgrader scores it 0, and the finding names
  both outcomes. Where only the plain run passed, nbgrader's 0 stands and the finding says so.
* **Monkeypatching** found by the static scan or by the plain run: every test cell's points
  are withheld the same way. **An answer that uses the tests' own code** (the scan's
  ``uses-test-code``): the test cells of that exercise lose their points.
* **Outputs have a size limit**, images included: an output over ``max_output_kb`` (or the
  notebook's outputs beyond ``max_notebook_kb``) is replaced by a note, so it is neither
  stored in ``autograded/`` nor sent back as feedback.
* **What happened** while running (cell timeouts, memory errors, ``sys.exit``, no sandbox,
  links left by student code) becomes findings.

Every finding goes into ``metadata.coursekit.findings`` of the autograded notebook, and each
one that costs points is logged as a warning (plain ``nbgrader autograde`` shows it).
The instructor keeps the last word: formgrader's manual score overrides the automatic one.
"""
from __future__ import annotations

import json
from typing import Any

from nbformat import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from nbgrader.utils import determine_grade
from traitlets import Integer

from ..notebooks import nbg
from .models import METADATA_KEY, Finding, Level
from .plainrun import PlainResult

RUN_ERRORS = {"CellTimeoutError": "cell-timeout", "KeyboardInterrupt": "cell-timeout",
              "MemoryError": "memory", "SystemExit": "sys-exit"}


def output_size(output: dict[str, Any]) -> int:
    return len(json.dumps(output, default=str))


def error_output(ename: str, evalue: str) -> NotebookNode:
    return NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


def is_test(cell: Any) -> bool:
    m = nbg(cell)
    return cell.cell_type == "code" and bool(m.get("grade")) and not m.get("solution")


def kernel_passed(cell: Any) -> bool:
    score, max_score = determine_grade(cell)
    return score is not None and score >= max_score


def limit_outputs(nb: Any, max_output: int, max_notebook: int) -> list[Finding]:
    """Replace outputs over the limits by a note (stderr stays stderr, errors stay errors)."""
    found, total = [], 0
    for i, cell in enumerate(nb.cells):
        for k, out in enumerate(cell.get("outputs", [])):
            size = output_size(out)
            total += size
            if size <= max_output and total <= max_notebook:
                continue
            note = (f"[an output of {size / 1e6:.1f} MB was removed: over the grading limit of "
                    f"{max_output / 1e6:.1f} MB per output, {max_notebook / 1e6:.1f} MB per notebook]")
            if out.output_type == "stream":
                cell.outputs[k] = NotebookNode(output_type="stream", name=out.name, text=note)
            elif out.output_type == "error":
                cell.outputs[k] = error_output(out.ename, str(out.evalue)[:2000])
            else:
                cell.outputs[k] = NotebookNode(output_type="display_data", metadata={},
                                               data={"text/plain": note})
            found.append(Finding("output-too-large", Level.INFO, note, nbg(cell).get("grade_id") or f"cell {i + 1}"))
    return found


def run_findings(nb: Any) -> list[Finding]:
    out: list[Finding] = []
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            kind = RUN_ERRORS.get(o.get("ename", "")) if o.output_type == "error" else None
            if kind and not any(f.kind == kind and f.cell == (nbg(cell).get("grade_id") or f"cell {i + 1}")
                                for f in out):
                out.append(Finding(kind, Level.ATTENTION, f"{o.ename}: {str(o.get('evalue', ''))[:200]}",
                                   nbg(cell).get("grade_id") or f"cell {i + 1}"))
    return out


def cross_check(nb: Any, plain: PlainResult, zero: bool) -> list[Finding]:
    """Compare the two runs cell by cell; withhold points where they must be (see module)."""
    found = []
    if plain.tampered:
        found.append(Finding("plain-run-tampered", Level.ZEROED, plain.problem))
    elif plain.problem:
        found.append(Finding("plain-run-stopped", Level.ATTENTION, plain.problem))
    patched = plain.patched()
    if patched:
        found.append(Finding("monkeypatch", Level.ZEROED, "the plain run found library attributes replaced: "
                             + ", ".join(patched)))
        zero = True
    for i, cell in enumerate(nb.cells):
        if not is_test(cell):
            continue
        gid = nbg(cell).get("grade_id", f"cell {i + 1}")
        in_kernel, in_plain = kernel_passed(cell), plain.passed(i)
        run = plain.cells.get(i)
        plain_says = "passed" if in_plain else (run.error if run and run.error else plain.problem or "did not run")
        if in_kernel and not in_plain:
            found.append(Finding("paths-disagree", Level.ZEROED, "passed in the notebook kernel but failed as plain "
                                 f"Python ({plain_says}); something in the notebook changed how the kernel runs "
                                 "cells (an IPython hook?)", gid))
            cell.outputs.append(error_output("PointsWithheld", "this test passed in the notebook kernel but failed "
                                             f"when the notebook ran as plain Python: {plain_says}"))
        elif in_plain and not in_kernel:
            found.append(Finding("paths-disagree", Level.ATTENTION, "failed in the notebook kernel but passed as "
                                 "plain Python; nbgrader's 0 stands", gid))
    if zero:
        withhold(nb)
    return found


def withhold_exercise(nb: Any, grade_id: str, why: str) -> None:
    """The test cells that follow the solution cell ``grade_id`` (up to the next solution cell)
    lose their points; every test cell, where the finding is about a cell the student added."""
    cells = nb.cells
    start = next((i for i, c in enumerate(cells) if nbg(c).get("grade_id") == grade_id), None)
    if start is None:
        withhold(nb, why)
        return
    end = next((i for i in range(start + 1, len(cells)) if nbg(cells[i]).get("solution")), len(cells))
    withhold_cells(cells[start + 1:end], why)


def withhold_cells(cells: list[Any], why: str) -> None:
    """Test cells among ``cells`` that passed lose their points (an error output makes nbgrader score 0)."""
    for cell in cells:
        if is_test(cell) and kernel_passed(cell):
            cell.outputs.append(error_output("PointsWithheld", why))


def withhold(nb: Any, why: str = "the notebook replaces library functions (monkeypatching); an instructor "
                                 "will look at it") -> None:
    """No test cell keeps its points (monkeypatching, by default)."""
    withhold_cells(nb.cells, why)


class Verdict(NbGraderPreprocessor):
    """See the module's doc."""

    max_output_kb = Integer(2000, help="largest output kept, in kB (images included)").tag(config=True)
    max_notebook_kb = Integer(10000, help="largest total of a notebook's outputs kept, in kB").tag(config=True)

    def preprocess(self, nb: Any, resources: Any) -> tuple[Any, Any]:
        info = resources.get("coursekit", {})
        meta = nb.metadata.get(METADATA_KEY, {})
        earlier = [Finding.from_dict(d) for d in meta.get("findings", [])]
        found = limit_outputs(nb, self.max_output_kb * 1000, self.max_notebook_kb * 1000) + run_findings(nb)
        zero = any(f.kind == "monkeypatch" for f in earlier)
        plain = info.get("plain")
        if isinstance(plain, PlainResult):
            found += cross_check(nb, plain, zero)
        elif zero:
            withhold(nb)
        for f in earlier:
            if f.kind == "uses-test-code":
                withhold_exercise(nb, f.cell, f"{f.detail}; an instructor will look at it")
        if info.get("kernel_died"):
            found.append(Finding("kernel-died", Level.ZEROED, f"the kernel died; {info['kernel_died']} cells did "
                                 "not run and earn nothing"))
        if info.get("skipped"):
            found.append(Finding("not-a-regular-file", Level.INFO, "ignored: " + ", ".join(info["skipped"][:5])))
        if info.get("sandboxed") is False:
            found.append(Finding("no-sandbox", Level.ATTENTION, "student code ran without the sandbox"))
        nb.metadata[METADATA_KEY] = {"findings": [f.as_dict() for f in earlier + found]}
        for f in found:
            if f.level is not Level.INFO:
                self.log.warning("%s %s: %s", f.kind, f.cell, f.detail)
        return nb, resources

