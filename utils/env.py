"""Check the packages the notebooks need, against the ranges the course declares.

The ranges are those of the course package's dependencies (``pyproject.toml``, read
back from the installed package's metadata, so the check works on Colab too):

* a **lower bound** is a hard floor: the oldest version the course's tests run the
  notebooks with. A missing package, or one below its floor, is a failure: some
  notebook will not work. :func:`check_environment` reports it as ``False``.
* an **upper bound** is as far as the course was tested. A newer version is most
  likely fine, so the check only warns and prints the command that installs a
  tested version (on Colab, whose packages the course never changes, that is the
  fix to try if a notebook then misbehaves).

Lines for packages that are fine read ``<name> ok`` and carry no version number,
so a notebook's output is the same on every machine that passes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

DIST = "activations-course"


def requirements(extra: str | None = None) -> list[str]:
    """The requirement strings of the course package (its core list, or one extra's)."""
    try:
        reqs = metadata.requires(DIST) or []
    except metadata.PackageNotFoundError as exc:  # running from a checkout without install
        raise RuntimeError(
            f"the course package '{DIST}' is not installed: run `make lab` "
            "(or `pip install -e .` in the course folder)") from exc
    out = []
    for r in reqs:
        marker = r.split(";", 1)[1] if ";" in r else ""
        wanted = re.search(r"extra\s*==\s*['\"]([^'\"]+)['\"]", marker)
        if (wanted.group(1) if wanted else None) == extra:
            out.append(r.split(";", 1)[0].strip())
    return out


@dataclass(frozen=True)
class Status:
    """The verdict on one requirement.

    ``level`` is ``"ok"``, ``"warn"`` (installed, newer than tested) or ``"fail"``
    (missing, or below the hard floor); ``message`` is the line to print, fix included.
    """

    name: str
    installed: str | None
    level: str
    message: str

    @property
    def usable(self) -> bool:
        return self.level != "fail"


def _install_hint(name: str, spec: str) -> str:
    return f'%pip install "{name}{spec}" (in a terminal: pip install "{name}{spec}"), then restart the kernel'


def assess(requirement: str, installed: str | None) -> Status:
    """Classify one installed version (``None``: not installed) against one requirement string."""
    from packaging.requirements import Requirement
    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    req = Requirement(requirement)
    spec = str(req.specifier)
    if installed is None:
        return Status(req.name, None, "fail", f"MISSING: {_install_hint(req.name, spec)}")
    version = Version(installed)
    floors = SpecifierSet(",".join(str(s) for s in req.specifier if s.operator in (">=", ">", "==", "~=", "===")))
    if not floors.contains(version, prereleases=True):
        return Status(req.name, installed, "fail",
                      f"TOO OLD: {installed} is below {floors}, the oldest version the notebooks are "
                      f"tested with; {_install_hint(req.name, spec)}")
    if not req.specifier.contains(version, prereleases=True):
        return Status(req.name, installed, "warn",
                      f"WARNING: {installed} is outside the tested range {spec}; it will probably work. "
                      f"If a notebook fails: {_install_hint(req.name, spec)}")
    return Status(req.name, installed, "ok", "ok")


def environment_status(extra: str | None = None) -> list[Status]:
    """The verdict on every requirement of the course package (or of one extra)."""
    out = []
    for text in requirements(extra):
        from packaging.requirements import Requirement

        name = Requirement(text).name
        try:
            installed: str | None = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        out.append(assess(text, installed))
    return out


def check_environment(extra: str | None = None, verbose: bool = True) -> dict[str, bool]:
    """For each requirement: can the notebooks work with what is installed? Prints one line each.

    ``False`` only for a missing package or one below its hard floor; a version newer
    than the tested range gives ``True`` and a printed warning with the fix. So
    ``assert all(check_environment().values())`` stops a notebook only where it
    cannot work, never on a merely untested version (Colab's, for instance).
    """
    result: dict[str, bool] = {}
    for status in environment_status(extra):
        result[status.name] = status.usable
        if verbose:
            print(f"{status.name:<14} {status.message}")
    return result
