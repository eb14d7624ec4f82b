# not one of the six families (the exercise's own logic): uses the normal quantile 1.96 instead of Student's t with n - 1 degrees of freedom
# (intervals too narrow with few seeds, and the confidence argument is ignored).
import numpy as np


def mean_ci(values, confidence=0.95):
    x = np.asarray(values, dtype=np.float64)
    if x.size < 2:
        raise ValueError("need at least 2 values")
    half = 1.96 * x.std(ddof=1) / np.sqrt(x.size)
    return float(x.mean()), float(x.mean() - half), float(x.mean() + half)
