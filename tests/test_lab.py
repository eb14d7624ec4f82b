"""`make lab` serves JupyterLab on the course, with nbgrader's extensions, as a new user starts it."""
from __future__ import annotations

import json

import pytest

from labserver import get as _get
from labserver import make_lab


@pytest.fixture(scope="module")
def lab():
    with make_lab() as base:
        yield base


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


def test_nbgrader_extensions_are_enabled(lab):
    status, body = _get(f"{lab}/lab/api/extensions")
    names = {e["name"] for e in json.loads(body)}
    assert any("nbgrader" in n for n in names), f"nbgrader's lab extension is missing: {sorted(names)}"
