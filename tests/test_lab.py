"""`make lab` serves JupyterLab on the course as a student needs it (nbgrader's Validate, no
instructor UI); `make lab-instructor` serves the instructor's, with formgrader."""
from __future__ import annotations

import json
import re
import urllib.error

import pytest

from labserver import get as _get
from labserver import make_lab

INSTRUCTOR_PLUGINS = ("@jupyter/nbgrader:formgrader", "@jupyter/nbgrader:create-assignment",
                      "@jupyter/nbgrader:course-list")


@pytest.fixture(scope="module")
def lab():
    with make_lab() as base:
        yield base


@pytest.fixture(scope="module")
def instructor_lab():
    with make_lab(target="lab-instructor") as base:
        yield base


def _status(url: str) -> int:
    try:
        return _get(url)[0]
    except urllib.error.HTTPError as exc:
        return exc.code


def _disabled(base: str) -> set[str]:
    """The plugins the page turns off (JupyterLab writes its page config into the /lab page)."""
    status, body = _get(f"{base}/lab")
    m = re.search(rb'<script id="jupyter-config-data" type="application/json">(.*?)</script>', body, re.S)
    assert m, "no page config in /lab"
    cfg = json.loads(m.group(1))
    return set(cfg.get("disabledExtensions", []))


def test_lab_page_is_served(lab):
    status, body = _get(f"{lab}/lab")
    assert status == 200 and b"JupyterLab" in body


def test_the_course_is_browsable(lab):
    status, body = _get(f"{lab}/api/contents/notebooks")
    names = {item["name"] for item in json.loads(body)["content"]}
    assert "00-start-here" in names
    status, body = _get(f"{lab}/api/contents/notebooks/00-start-here/00-start-here.ipynb")
    nb = json.loads(body)
    assert nb["type"] == "notebook" and nb["content"]["cells"]


def test_students_get_validate_but_no_instructor_ui(lab):
    status, body = _get(f"{lab}/lab/api/extensions")
    names = {e["name"] for e in json.loads(body)}
    assert any("nbgrader" in n for n in names), f"nbgrader's lab extension is missing: {sorted(names)}"
    disabled = _disabled(lab)
    assert set(INSTRUCTOR_PLUGINS) <= disabled, f"instructor panels still on for students: {disabled}"
    assert "@jupyter/nbgrader:validate-assignment" not in disabled
    assert _status(f"{lab}/formgrader") == 404, "formgrader is served to students"


def test_instructors_get_formgrader(instructor_lab):
    assert not set(INSTRUCTOR_PLUGINS) & _disabled(instructor_lab)
    assert _status(f"{instructor_lab}/formgrader") == 200
