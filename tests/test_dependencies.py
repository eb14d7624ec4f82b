"""The dependencies are listed once, in pyproject.toml; everything else refers to them."""
from __future__ import annotations

import json
import re
import subprocess
import tomllib

import pytest

from packaging.requirements import Requirement

from harness import ROOT

COLAB_LISTS = ROOT / "tests" / "colab"

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]
NAME = PROJECT["name"]


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def all_requirements() -> list[Requirement]:
    reqs = [Requirement(r) for r in PROJECT["dependencies"]]
    for extra in PROJECT["optional-dependencies"].values():
        reqs += [Requirement(r) for r in extra if Requirement(r).name != NAME]
    return reqs


def test_environment_yml_refers_to_pyproject_and_lists_nothing_itself():
    text = (ROOT / "environment.yml").read_text()
    deps = re.findall(r"^\s*-\s+(\S.*)$", text, re.M)
    assert "python=3.11" in deps and "pip" in deps
    pip_lines = [d for d in deps if d not in ("python=3.11", "pip", "pip:", "conda-forge")]
    assert pip_lines == ["-e .[instructor]"], (
        f"environment.yml must only install the course with pip (found {pip_lines}); "
        "add packages to pyproject.toml instead")


def test_torch_is_a_range_for_users_and_pinned_for_tests():
    torch_req = next(r for r in all_requirements() if r.name == "torch")
    assert "==" not in str(torch_req.specifier) and torch_req.specifier.contains("2.13.0")
    pins = constraints()
    assert pins["torch"] == "2.13.0", "tests install the local CPU wheel torch==2.13.0"


def constraints() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints" / "test.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, version = line.partition("==")
            assert version, f"constraints/test.txt pins exact versions; {line!r} is not a pin"
            pins[_norm(name)] = version
    return pins


def test_every_dependency_is_locked_and_the_lock_satisfies_the_ranges():
    pins = constraints()
    for req in all_requirements():
        assert _norm(req.name) in pins, f"{req.name} is in pyproject.toml but not locked in constraints/test.txt"
        assert req.specifier.contains(pins[_norm(req.name)], prereleases=True), (
            f"constraints/test.txt pins {req.name}=={pins[_norm(req.name)]}, outside pyproject's {req.specifier}")


def test_no_exact_pins_for_users():
    """Exact pins in the user-facing list would make Colab reinstall numpy or torch."""
    for req in all_requirements():
        if req.name != "nbgrader":
            assert not any(s.operator == "==" for s in req.specifier), f"{req} is pinned exactly"


def test_no_second_dependency_list():
    for name in ("requirements.txt", "requirements-dev.txt", "setup.py", "setup.cfg", "Pipfile"):
        assert not (ROOT / name).exists(), f"{name} would be a second dependency list"


def test_makefile_installs_through_pyproject_and_constraints():
    make = (ROOT / "Makefile").read_text()
    assert '-c $(CONSTRAINTS) -e ".[dev]"' in make
    assert "CONSTRAINTS ?= constraints/test.txt" in make
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_readme_has_exactly_two_setup_commands():
    text = (ROOT / "README.md").read_text()
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = quick.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make lab", "make test"]
    for doc in ("INSTRUCTORS.md", "CONTRIBUTING.md", "LICENSE"):
        assert (ROOT / doc).is_file() and doc in text


# --------------------------------------------------------------------------- ranges that work
def colab_pins(date: str) -> dict[str, str]:
    """Colab's versions at `date` (tests/colab/), torch included (from the list's header)."""
    from colab_env import norm, read_pins

    path = COLAB_LISTS / f"colab-{date}.txt"
    pins = read_pins(path)
    (torch_version,) = re.findall(r"^# Colab's torch: (\S+)$", path.read_text(), re.M)
    pins["torch"] = torch_version
    return {norm(k): v for k, v in pins.items()}


def colab_dates() -> list[str]:
    return sorted(p.stem.removeprefix("colab-") for p in COLAB_LISTS.glob("colab-*.txt"))


def test_colab_lists_cover_both_transformers_majors_and_ipywidgets_7():
    dates = colab_dates()
    assert len(dates) >= 2
    majors = {colab_pins(d)["transformers"].split(".")[0] for d in dates}
    assert majors >= {"4", "5"}, majors
    assert all(colab_pins(d)["ipywidgets"] == "7.7.1" for d in dates)


def test_declared_ranges_admit_colabs_versions():
    """pip would accept Colab's packages as they are, so nothing there needs a reinstall."""
    for date in colab_dates():
        pins = colab_pins(date)
        for text in PROJECT["dependencies"]:
            req = Requirement(text)
            version = pins[_norm(req.name)]
            assert req.specifier.contains(version, prereleases=True), (
                f"Colab {date} has {req.name} {version}, outside pyproject's {req.specifier}")


def lower_bound(req: Requirement) -> str:
    (floor,) = [s.version for s in req.specifier if s.operator == ">="]
    return floor


def test_every_dependency_has_a_floor_and_the_floors_are_older_than_the_lock():
    from packaging.version import Version

    pins = constraints()
    for text in PROJECT["dependencies"]:
        req = Requirement(text)
        assert Version(lower_bound(req)) <= Version(pins[_norm(req.name)])


@pytest.mark.slow
def test_notebooks_run_with_the_declared_floors(tmp_path):
    """One environment with the lower bound of every dependency but torch (the local CPU wheel),
    and Colab's January 2026 versions of everything else; every released notebook then runs top
    to bottom with the reference answers filled in (all of them import numpy and matplotlib, so
    every notebook uses some floor). A floor that does not work fails here."""
    from packaging.version import Version

    from colab_env import describe_errors, install_course, make_venv, run_all

    floors = {_norm(Requirement(t).name): lower_bound(Requirement(t)) for t in PROJECT["dependencies"]}
    floors.pop("torch")
    base = COLAB_LISTS / f"colab-{colab_dates()[0]}.txt"
    # The rest of the environment (kernel, transitive dependencies) pinned as Colab had it.
    rest = [line for line in base.read_text().splitlines()
            if line and not line.startswith("#") and _norm(line.split("==")[0]) not in floors]
    py = make_venv(tmp_path / "venv", [f"{name}=={version}" for name, version in floors.items()] + rest)
    install_course(py, tmp_path / "wheel")
    probe = ("import json, sys\nfrom importlib import metadata\n"
             "print(json.dumps({n: metadata.version(n) for n in sys.argv[1:]}))")
    got = json.loads(subprocess.run([str(py), "-c", probe, *floors], capture_output=True, text=True,
                                    check=True).stdout)
    for name, version in floors.items():
        assert Version(got[name]) == Version(version), f"{name}: {got[name]} installed, floor is {version}"
    results = run_all(py, tmp_path / "runs")
    broken = {name: describe_errors(nb) for name, nb in results.items() if describe_errors(nb)}
    assert not broken, "\n".join(f"{name}: {e}" for name, e in broken.items())
