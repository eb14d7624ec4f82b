"""Grading helpers that plug into nbgrader (see nbgrader_config.py).

Plain nbgrader executes a submitted notebook with nbclient, and nbclient skips
every cell tagged ``skip-execution``. A student who adds that tag to a test cell
(JupyterLab's property inspector, or Colab's JSON) gets full marks without
running it: a skipped cell has no error output, and nbgrader reads "no error" as
"passed". :class:`StripExecutionTags` removes such tags before execution.
"""
from __future__ import annotations

from typing import Any

from nbgrader.preprocessors import NbGraderPreprocessor

from ..layout import EXECUTION_TAGS


class StripExecutionTags(NbGraderPreprocessor):
    """Drop execution-changing tags from every cell, and every tag from nbgrader cells."""

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> tuple[Any, Any]:
        tags = cell.metadata.get("tags")
        if not tags:
            return cell, resources
        if "nbgrader" in cell.metadata:
            kept: list[str] = []
        else:
            kept = [t for t in tags if t not in EXECUTION_TAGS]
        if len(kept) != len(tags):
            self.log.warning(
                "Removed tags %s from cell %s before grading",
                sorted(set(tags) - set(kept)),
                cell.metadata.get("nbgrader", {}).get("grade_id", index),
            )
        if kept:
            cell.metadata["tags"] = kept
        else:
            del cell.metadata["tags"]
        return cell, resources
