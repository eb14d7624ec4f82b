# family 5 (boundary): no length check: NumPy broadcasting subtracts a length-1 array from every element of the
# other one, so mismatched samples give a number instead of a ValueError.
import numpy as np
from scipy import stats


def paired_difference_ci(a, b, confidence=0.95):
    d = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    if d.size < 2:
        raise ValueError("need at least 2 pairs")
    half = stats.t.ppf((1 + confidence) / 2, d.size - 1) * d.std(ddof=1) / np.sqrt(d.size)
    return float(d.mean()), float(d.mean() - half), float(d.mean() + half)
