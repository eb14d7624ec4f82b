"""Sliders for the notebooks, with a plain-text fallback.

A slider needs ``ipywidgets`` *and* a front end that draws widgets (JupyterLab,
Notebook 7, Colab). GitHub's notebook viewer, ``nbconvert`` and nbval have none:
there the notebook prints one line and relies on the static figure drawn just
before it. The same code runs with ipywidgets 7.7.1 (what Colab ships) and 8.

Usage in a notebook::

    def sliders(widgets):
        return {"T": widgets.FloatLogSlider(value=1.0, base=10, min=-2, max=2, description="T")}

    utils.widgets.interact(draw, sliders, force=SHOW_SLIDER, fallback="...")
"""
from __future__ import annotations

import os
from typing import Any, Callable

DEFAULT_FALLBACK = "No widget front end here: the static figure above shows the same."


def widget_front_end(force: bool | None = None) -> bool:
    """True where a slider will be drawn: ``force`` if given, else Colab or a Jupyter server's kernel.

    ``JPY_SESSION_NAME`` is set by jupyter_server for the kernels it starts (JupyterLab,
    Notebook 7); it is absent when nbconvert or nbval run the notebook headless.
    """
    if force is not None:
        return bool(force)
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return False
    from .colab import in_colab

    return in_colab() or "JPY_SESSION_NAME" in os.environ


def interact(draw: Callable[..., Any], make_sliders: Callable[[Any], dict[str, Any]],
             force: bool | None = None, fallback: str = DEFAULT_FALLBACK) -> None:
    """Show ``draw`` under the sliders that ``make_sliders(ipywidgets)`` returns, or print ``fallback``.

    ``make_sliders`` receives the ``ipywidgets`` module and returns ``{argument name: widget}``;
    ``draw`` is called with those arguments each time a slider moves. Returns whether the
    sliders were shown.
    """
    if not widget_front_end(force):
        print(fallback)
        return
    import ipywidgets
    from IPython.display import display

    display(ipywidgets.interactive(draw, **make_sliders(ipywidgets)))
