# Wrong: breaks "when all values are equal the interval has zero width, low == mean == high": stats.sem of [0.7] * 3 is not 0 (the float mean is 0.6999999999999998), so the sem == 0 guard never fires.
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
