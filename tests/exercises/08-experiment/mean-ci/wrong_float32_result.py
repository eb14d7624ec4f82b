# family 2 (shapes, dtypes, devices): computes in the input's dtype and returns NumPy scalars: float32 input gives float32
# results (not Python floats, and rounded to float32 precision).
import numpy as np
from scipy import stats


def mean_ci(values, confidence=0.95):
    x = np.asarray(values)
    if x.size < 2:
        raise ValueError("need at least 2 values")
    m = x.mean()
    half = (stats.t.ppf((1 + confidence) / 2, x.size - 1) * x.std(ddof=1) / np.sqrt(x.size)).astype(x.dtype)
    return m, m - half, m + half
