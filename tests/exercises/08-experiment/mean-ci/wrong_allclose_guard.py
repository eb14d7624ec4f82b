# family 5 (boundary: near-constant values): treats values that np.allclose calls equal as constant,
# so values 0.7 +- 1e-6 (within allclose's default rtol of 1e-5) get a zero-width interval.
import numpy as np
from scipy import stats


def mean_ci(values, confidence=0.95):
    x = np.asarray(values, dtype=np.float64)
    if x.size < 2:
        raise ValueError("need at least 2 values")
    mean = float(x.mean())
    if np.allclose(x, x[0]):
        return mean, mean, mean
    half = stats.t.ppf(0.5 + confidence / 2, x.size - 1) * x.std(ddof=1) / np.sqrt(x.size)
    return mean, float(mean - half), float(mean + half)
