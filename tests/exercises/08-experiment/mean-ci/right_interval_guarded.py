# Right: SciPy's t.interval with the standard error, and the zero-spread case handled first.
import numpy as np
from scipy import stats


def mean_ci(values, confidence=0.95):
    x = np.array(values, dtype=float).reshape(-1)
    if len(x) < 2:
        raise ValueError("a confidence interval needs at least two values")
    mean = float(np.mean(x))
    sem = float(stats.sem(x))
    if sem == 0.0:
        return mean, mean, mean
    low, high = stats.t.interval(confidence, len(x) - 1, loc=mean, scale=sem)
    return mean, float(low), float(high)
