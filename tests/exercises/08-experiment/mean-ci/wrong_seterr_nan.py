# family 4 (global state): scipy's t.interval with scale 0 gives nan and an "invalid value" warning for
# constant values, so it switches NumPy's warnings off for the whole session and maps nan to the mean.
import math

import numpy as np
from scipy import stats


def mean_ci(values, confidence=0.95):
    np.seterr(invalid="ignore")
    x = np.asarray(values, dtype=np.float64)
    if x.size < 2:
        raise ValueError("need at least 2 values")
    mean = float(x.mean())
    low, high = stats.t.interval(confidence, x.size - 1, loc=mean, scale=stats.sem(x))
    if math.isnan(low):
        return mean, mean, mean
    return mean, float(low), float(high)
