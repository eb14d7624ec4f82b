# family 5 (float32 arithmetic where float64 is promised): subtracts in the input's dtype and converts
# afterwards, so float32 runs give differences rounded to float32.
import numpy as np
from scipy import stats


def paired_difference_ci(a, b, confidence=0.95):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape or a.size < 2:
        raise ValueError("need two samples of equal length >= 2")
    d = (a - b).astype(np.float64)
    half = stats.t.ppf(0.5 + confidence / 2, d.size - 1) * d.std(ddof=1) / np.sqrt(d.size)
    return float(d.mean()), float(d.mean() - half), float(d.mean() + half)
