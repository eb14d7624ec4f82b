"""Check that the packages the course needs are installed, against pyproject.toml's ranges."""
from __future__ import annotations

import re
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


def check_environment(extra: str | None = None, verbose: bool = True) -> dict[str, bool]:
    """For each requirement: is an acceptable version installed? Prints one line each.

    The printed lines name the package and say ``ok`` or what is wrong; they do not
    print version numbers, so the output is the same on every machine that passes.
    """
    from packaging.requirements import Requirement

    result: dict[str, bool] = {}
    for text in requirements(extra):
        req = Requirement(text)
        try:
            version = metadata.version(req.name)
        except metadata.PackageNotFoundError:
            ok, why = False, "MISSING: install it (make lab does)"
        else:
            ok = req.specifier.contains(version, prereleases=True) or not req.specifier
            why = "ok" if ok else f"version {version} is outside {req.specifier}"
        result[req.name] = ok
        if verbose:
            print(f"{req.name:<14} {why}")
    return result
