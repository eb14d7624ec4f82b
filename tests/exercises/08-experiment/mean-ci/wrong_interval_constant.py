# family 5 (boundary): scipy.stats.t.interval with scale = standard error; right for ordinary samples, but for
# constant values the scale is 0, so it returns nan and warns instead of a zero-width interval.
import numpy as np
from scipy import stats


def mean_ci(values, confidence=0.95):
    x = np.asarray(values, dtype=np.float64)
    if x.size < 2:
        raise ValueError("need at least 2 values")
    low, high = stats.t.interval(confidence, x.size - 1, loc=x.mean(), scale=stats.sem(x))
    return float(x.mean()), float(low), float(high)
