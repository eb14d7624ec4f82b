# not one of the six families (the exercise's own logic): population standard deviation (ddof=0, NumPy's default) instead of the sample one (ddof=1).
import numpy as np
from scipy import stats


def mean_ci(values, confidence=0.95):
    x = np.asarray(values, dtype=np.float64)
    if x.size < 2:
        raise ValueError("need at least 2 values")
    half = stats.t.ppf((1 + confidence) / 2, x.size - 1) * np.std(x) / np.sqrt(x.size)
    return float(x.mean()), float(x.mean() - half), float(x.mean() + half)
