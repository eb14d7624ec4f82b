"""``HideHiddenTests``: feedback that teaches without giving the hidden tests away.

nbgrader's ``GenerateFeedback`` renders the autograded notebook as it ran, hidden tests
included (the source between ``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS``), so a
student who reads the feedback could hard-code the answers next year. This preprocessor
(added to ``GenerateFeedback.preprocessors`` in nbgrader_config.py) replaces that source by a
one-line note and shortens each error of a test cell to its last line, ``AssertionError:
<the test's message>``: the student sees which test failed and why, not the test's code
(IPython tracebacks quote the failing source lines). ``HideHiddenTests.enabled = False``
shows everything.
"""
from __future__ import annotations

from typing import Any

from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Bool

from ..layout import BEGIN_HIDDEN, END_HIDDEN
from ..notebooks import cell_source, nbg

HIDDEN_NOTE = "# (hidden tests: not shown in the feedback)"


def hide_hidden(source: str) -> str:
    """The source with every hidden-tests block replaced by one note (kept indented)."""
    out, hiding = [], False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped == BEGIN_HIDDEN:
            hiding = True
            out.append(line[: len(line) - len(line.lstrip())] + HIDDEN_NOTE)
        elif stripped == END_HIDDEN and hiding:
            hiding = False
        elif not hiding:
            out.append(line)
    return "\n".join(out)


class HideHiddenTests(NbGraderPreprocessor):
    enabled = Bool(True, help="hide hidden tests and test tracebacks in the feedback").tag(config=True)

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        if cell.cell_type != "code":
            return cell, resources
        src = cell_source(cell)
        if BEGIN_HIDDEN in src:
            cell.source = hide_hidden(src)
        if nbg(cell).get("grade") and not nbg(cell).get("solution"):
            for out in cell.get("outputs", []):
                if out.output_type == "error":
                    out.traceback = [f"{out.ename}: {out.evalue}"]
        return cell, resources
