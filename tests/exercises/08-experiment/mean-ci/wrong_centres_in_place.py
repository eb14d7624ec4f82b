# family 1 (input changed): centres the data in place to get the deviations. np.asarray does not copy a float64
# array, so the caller's values are overwritten with their deviations from the mean.
import numpy as np
from scipy import stats


def mean_ci(values, confidence=0.95):
    x = np.asarray(values, dtype=np.float64)
    n = x.size
    if n < 2:
        raise ValueError("need at least 2 values")
    mean = x.mean()
    x -= mean
    sem = np.sqrt((x**2).sum() / (n - 1) / n)
    half = stats.t.ppf(0.5 + confidence / 2, n - 1) * sem
    return float(mean), float(mean - half), float(mean + half)
