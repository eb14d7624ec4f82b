"""The one way the toolkit runs nbgrader (and other tools of this environment).

``nbgrader`` is run as ``python -m nbgrader`` with the current interpreter, in the
course folder (so its nbgrader_config.py applies), with this interpreter's ``bin``
folder first on ``PATH``: nbgrader runs the ``alembic`` command from ``PATH`` to set
up a gradebook, which fails when the virtual environment is not activated (as under
``make``).
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path


def tool_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """A copy of the environment with this interpreter's ``bin`` folder first on PATH."""
    bindir = str(Path(sys.executable).parent)
    path = os.environ.get("PATH", "")
    if path.split(os.pathsep)[0] != bindir:
        path = bindir + os.pathsep + path
    return dict(os.environ, PATH=path, **(extra or {}))


def use_tool_path() -> None:
    """Put this interpreter's ``bin`` folder first on ``os.environ['PATH']`` (for nbgrader's
    in-process ``Gradebook``, which runs ``alembic`` from PATH)."""
    os.environ["PATH"] = tool_env()["PATH"]


def nbgrader_argv(args: Sequence[str], root: Path | None = None, db_url: str | None = None) -> list[str]:
    """The command line of ``nbgrader ARGS`` for the course at ``root``."""
    cmd = [sys.executable, "-m", "nbgrader", *args]
    if root is not None:
        cmd.append(f"--CourseDirectory.root={root}")
    if db_url is not None:
        cmd.append(f"--CourseDirectory.db_url={db_url}")
    return cmd


def run_nbgrader(args: Sequence[str], root: Path, db_url: str | None = None,
                 timeout: float | None = None, env: Mapping[str, str] | None = None,
                 set_root: bool = True) -> subprocess.CompletedProcess[str]:
    """Run ``nbgrader ARGS`` in ``root`` and return the finished process (output captured).

    ``set_root`` adds ``--CourseDirectory.root=ROOT``; pass False where ``args`` sets it.
    """
    if importlib.util.find_spec("nbgrader") is None:
        from .errors import INSTALL_HINT, MissingTool

        raise MissingTool(f"nbgrader is not installed for {sys.executable}: {INSTALL_HINT}")
    cmd = nbgrader_argv(args, root if set_root else None, db_url)
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=timeout,
                          env=tool_env({"PYTHONWARNINGS": "ignore", **(env or {})}))
