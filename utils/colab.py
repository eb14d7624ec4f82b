"""Where is this notebook running?"""
from __future__ import annotations

import sys


def in_colab() -> bool:
    """Return True inside Google Colab.

    Colab imports ``google.colab`` into every kernel before the first cell runs,
    so its presence in ``sys.modules`` is the cheap and reliable test (importing
    it ourselves would succeed only where the package is installed).
    """
    return "google.colab" in sys.modules
