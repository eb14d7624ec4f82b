"""One look for every figure of the course."""
from __future__ import annotations

from typing import Any

# Okabe-Ito: distinguishable with every common colour-vision deficiency.
PALETTE: dict[str, str] = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "red": "#D55E00",
    "purple": "#CC79A7",
    "sky": "#56B4E9",
    "yellow": "#F0E442",
    "black": "#000000",
}

RC: dict[str, Any] = {
    "figure.figsize": (7.0, 3.6),   # fits the notebook width in JupyterLab and on Colab
    "figure.dpi": 110,              # sharp on high-density screens, PNGs still small (see `make bench`)
    "savefig.dpi": 110,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 10,
    "axes.titlesize": 11,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
}


def setup_plotting() -> None:
    """Apply the course's matplotlib style and render inline figures as PNG.

    PNG (not SVG) because nbval ignores images when it compares outputs and the
    files stay small. Safe to call outside a notebook.
    """
    import matplotlib as mpl
    from cycler import cycler

    mpl.rcParams.update(RC)
    mpl.rcParams["axes.prop_cycle"] = cycler(color=list(PALETTE.values()))
    try:
        from IPython import get_ipython

        if get_ipython() is not None:
            from matplotlib_inline.backend_inline import set_matplotlib_formats

            set_matplotlib_formats("png")
    except ImportError:  # plain python: nothing to configure
        pass
