# family 1 (input changed): forms the differences in place (a -= b). For a float64 array np.asarray returns the
# caller's own array, so the caller's `a` now holds a - b.
import numpy as np
from scipy import stats


def paired_difference_ci(a, b, confidence=0.95):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape or a.size < 2:
        raise ValueError("need two samples of equal length >= 2")
    a -= b
    half = stats.t.ppf(0.5 + confidence / 2, a.size - 1) * a.std(ddof=1) / np.sqrt(a.size)
    return float(a.mean()), float(a.mean() - half), float(a.mean() + half)
