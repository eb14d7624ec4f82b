# Right: subtract the first value before averaging (exact for nearby values), so equal values give exactly 0 spread; add it back at the end.
import numpy as np
from scipy import stats


def mean_ci(values, confidence=0.95):
    x = np.array(values, dtype=np.float64).reshape(-1)
    n = x.size
    if n < 2:
        raise ValueError(f"need at least 2 values, got {n}")
    shift = x[0]
    y = x - shift
    ybar = y.mean()
    sd = np.sqrt(np.sum((y - ybar) ** 2) / (n - 1))
    half = float(stats.t.ppf(0.5 + confidence / 2, df=n - 1)) * float(sd) / np.sqrt(n)
    mean = float(shift + ybar)
    return mean, float(mean - half), float(mean + half)
