"""Helpers that every notebook of the course imports.

The lesson notebooks start with::

    import utils
    device = utils.get_device()      # CUDA, then Apple MPS, then CPU; prints one line
    rng = utils.seed_everything(0)   # python, numpy, torch (and cuDNN flags)
    utils.setup_plotting()           # one look for every figure

Importing this package is cheap: torch and matplotlib are imported only by the
functions that need them, so plain-numpy notebooks never pay for them. The
instructor's tools live in the separate ``coursekit`` package; nothing here grades.
"""
from __future__ import annotations

# Read by the course's import check (activations_course.py): this is the course's package.
COURSE_RUNTIME = True

from .colab import in_colab
from .device import describe_device, get_device
from .plotting import PALETTE, setup_plotting
from .seed import seed_everything, torch_generator

__all__ = [
    "PALETTE",
    "describe_device",
    "get_device",
    "in_colab",
    "seed_everything",
    "setup_plotting",
    "torch_generator",
]
