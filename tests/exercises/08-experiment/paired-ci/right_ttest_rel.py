# Right: SciPy's paired t test and its confidence interval, with the zero-spread case handled first.
import numpy as np
from scipy import stats


def paired_difference_ci(a, b, confidence=0.95):
    a = np.array(a, dtype=float)
    b = np.array(b, dtype=float)
    if a.ndim != 1 or a.shape != b.shape:
        raise ValueError("a and b must be 1-D and of the same length")
    if len(a) < 2:
        raise ValueError("need at least two pairs")
    d = a - b
    gap = float(d.mean())
    if np.all(d == d[0]):
        return gap, gap, gap
    ci = stats.ttest_rel(a, b).confidence_interval(confidence_level=confidence)
    return gap, float(ci.low), float(ci.high)
