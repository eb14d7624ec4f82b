# family 3 (cancellation): breaks "within a relative error of 1e-09": the centre is mean(a) - mean(b), two large nearly equal numbers subtracted after averaging, instead of the mean of the differences.
import numpy as np
from scipy import stats


def paired_difference_ci(a, b, confidence=0.95):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape or a.size < 2:
        raise ValueError("need two samples of equal length >= 2")
    gap = a.mean() - b.mean()
    d = a - b
    half = stats.t.ppf(0.5 + confidence / 2, d.size - 1) * d.std(ddof=1) / np.sqrt(d.size)
    return float(gap), float(gap - half), float(gap + half)
