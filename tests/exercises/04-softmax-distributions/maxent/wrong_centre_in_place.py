# family 1 (input changed): centres the caller's scores in place (z -= mean; np.asarray makes no
# copy of a float64 array) to keep beta * z small; the returned distribution is right.
import numpy as np


def maxent_distribution(z, mu):
    z = np.asarray(z)
    out_dtype = z.dtype if z.dtype in (np.float32, np.float64) else np.dtype(np.float64)
    if z.dtype != np.float64:
        z = z.astype(np.float64)
    if z.ndim != 1 or z.size < 2 or not z.min() < mu < z.max():
        raise ValueError("need a 1-D z with at least two scores and min z < mu < max z")
    centre = z.mean()
    z -= centre
    mu = mu - centre

    def probs(beta):
        s = beta * z
        e = np.exp(s - s.max())
        return e / e.sum()

    lo, hi = -1.0, 1.0
    while probs(lo) @ z > mu:
        lo *= 2.0
    while probs(hi) @ z < mu:
        hi *= 2.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        lo, hi = (mid, hi) if probs(mid) @ z < mu else (lo, mid)
    return probs(0.5 * (lo + hi)).astype(out_dtype)
