"""utils.widgets: the slider helper and its text fallback."""
from __future__ import annotations

import pytest

from utils import widgets


def test_force_decides(monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    assert widgets.widget_front_end(True) is True
    assert widgets.widget_front_end(False) is False


def test_headless_kernel_gets_no_slider(monkeypatch):
    monkeypatch.delenv("JPY_SESSION_NAME", raising=False)
    monkeypatch.setattr("utils.colab.in_colab", lambda: False)
    assert widgets.widget_front_end() is False


def test_jupyter_server_kernel_gets_a_slider(monkeypatch):
    pytest.importorskip("ipywidgets")
    monkeypatch.setenv("JPY_SESSION_NAME", "x.ipynb")
    assert widgets.widget_front_end() is True


def test_fallback_prints_and_does_not_draw(capsys):
    drawn = []
    widgets.interact(lambda t: drawn.append(t), lambda w: {"t": w.FloatSlider(value=0.5)},
                     force=False, fallback="static panel instead")
    assert drawn == []
    assert capsys.readouterr().out == "static panel instead\n"


def test_sliders_call_draw_with_their_values():
    pytest.importorskip("ipywidgets")
    drawn = []
    widgets.interact(lambda t: drawn.append(t), lambda w: {"t": w.FloatSlider(value=0.25, min=0, max=1)},
                     force=True)
    assert drawn == [0.25]
