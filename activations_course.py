"""Make sure that ``import utils`` finds this course's package, and say so clearly if not.

Every released notebook's first cell imports this module. ``utils`` is a common name:
a ``utils.py`` in the notebook's folder (Colab's ``/content``, say), or the unrelated PyPI
package ``utils``, would otherwise be imported instead of the course's, and the notebook
would fail later with ``module 'utils' has no attribute 'get_device'``. Importing this
module raises one ``ImportError`` that says what was found where and how to fix it.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

#: A line that only the course's ``utils/__init__.py`` contains.
MARKER = "COURSE_RUNTIME = True"
HERE = Path(__file__).resolve().parent


class ShadowedUtils(ImportError):
    """Another ``utils`` would be imported instead of the course's."""


def _origin(mod: object) -> Path | None:
    f = getattr(mod, "__file__", None)
    return Path(f).resolve() if f else None


def problem() -> str | None:
    """None if ``import utils`` gives the course's package, else a one-line explanation."""
    loaded = sys.modules.get("utils")
    if loaded is not None:
        origin = _origin(loaded)
    else:
        spec = importlib.util.find_spec("utils")
        if spec is None:
            return ("the course's package 'utils' is not installed: run `make lab` in the course folder "
                    "(on Colab, run the notebook's first cell)")
        origin = Path(spec.origin).resolve() if spec.origin else None
    if origin is None:
        return ("'utils' is a namespace package without the course's files: another package named "
                "'utils' was installed over the course's; run `pip uninstall -y utils` and reinstall the course")
    init = origin if origin.name == "__init__.py" else None
    if init is None or MARKER not in init.read_text(encoding="utf-8", errors="replace"):
        if origin.name == "utils.py" or init is None:
            fix = f"rename or delete {origin}"
        else:
            fix = "run `pip uninstall -y utils` (an unrelated PyPI package), then reinstall the course"
        return (f"'import utils' finds {origin}, not the course's package: {fix}, "
                "then restart the kernel")
    return None


def check() -> None:
    """Raise :class:`ShadowedUtils` with a one-line message if ``utils`` is not the course's."""
    why = problem()
    if why:
        raise ShadowedUtils(why)


check()
