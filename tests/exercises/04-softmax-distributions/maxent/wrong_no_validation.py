# family 5 (boundary: mu at or beyond the ends, a constant z).
# Wrong: no input checks: mu outside (min z, max z) or a constant z should raise ValueError,
# but this loops a bounded number of times and returns something anyway.
import numpy as np


def maxent_distribution(z, mu):
    z0 = np.asarray(z)
    out_dtype = z0.dtype if z0.dtype in (np.float32, np.float64) else np.dtype(np.float64)
    z = z0.astype(np.float64).ravel()

    def probs(beta):
        s = beta * z
        e = np.exp(s - s.max())
        return e / e.sum()

    lo, hi = -1.0, 1.0
    for _ in range(60):
        if probs(lo) @ z <= mu:
            break
        lo *= 2
    for _ in range(60):
        if probs(hi) @ z >= mu:
            break
        hi *= 2
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if probs(mid) @ z < mu:
            lo = mid
        else:
            hi = mid
    return probs(0.5 * (lo + hi)).astype(out_dtype)
