# not one of the six families (the exercise's own logic): the normal quantile (scipy.stats.norm) instead of Student's t with n - 1 degrees of freedom.
import numpy as np
from scipy import stats


def paired_difference_ci(a, b, confidence=0.95):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape or a.size < 2:
        raise ValueError("need two samples of equal length >= 2")
    d = a - b
    half = stats.norm.ppf((1 + confidence) / 2) * d.std(ddof=1) / np.sqrt(d.size)
    return float(d.mean()), float(d.mean() - half), float(d.mean() + half)
