"""The dependencies are listed once, in pyproject.toml; everything else refers to them."""
from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement

from harness import ROOT

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
