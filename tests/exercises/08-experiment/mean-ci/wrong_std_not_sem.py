# Wrong: uses the standard deviation of the values instead of the standard error of their mean
# (forgets to divide by sqrt(n)).
import numpy as np
from scipy import stats


def mean_ci(values, confidence=0.95):
    x = np.asarray(values, dtype=np.float64)
    if x.size < 2:
        raise ValueError("need at least 2 values")
    half = stats.t.ppf((1 + confidence) / 2, x.size - 1) * x.std(ddof=1)
    return float(x.mean()), float(x.mean() - half), float(x.mean() + half)
