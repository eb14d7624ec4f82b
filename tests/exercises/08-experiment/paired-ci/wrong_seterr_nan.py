# family 4 (global state): uses ttest_rel's interval, which is nan (with an "invalid value" warning) when
# every difference is the same, so it switches NumPy's warnings off for the session and maps nan to the mean.
import math

import numpy as np
from scipy import stats


def paired_difference_ci(a, b, confidence=0.95):
    np.seterr(all="ignore")
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape or a.size < 2:
        raise ValueError("need two samples of equal length >= 2")
    d = a - b
    ci = stats.ttest_rel(a, b).confidence_interval(confidence)
    if math.isnan(ci.low):
        return float(d.mean()), float(d.mean()), float(d.mean())
    return float(d.mean()), float(ci.low), float(ci.high)
