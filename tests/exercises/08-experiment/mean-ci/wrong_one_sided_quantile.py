# Wrong: takes the t quantile at `confidence` (one-sided) instead of at (1 + confidence) / 2.
import numpy as np
from scipy import stats


def mean_ci(values, confidence=0.95):
    x = np.asarray(values, dtype=np.float64)
    if x.size < 2:
        raise ValueError("need at least 2 values")
    half = stats.t.ppf(confidence, x.size - 1) * x.std(ddof=1) / np.sqrt(x.size)
    return float(x.mean()), float(x.mean() - half), float(x.mean() + half)
