# family 5 (boundary: beta < 0 never reached).
# Wrong: bisection only over beta in [0, 100], as if beta were always a positive inverse temperature:
# any mu below the mean of z gets the uniform distribution instead.
import numpy as np


def maxent_distribution(z, mu):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 1 or z.size < 2 or not z.min() < mu < z.max():
        raise ValueError("need 1-D z and min(z) < mu < max(z)")

    def probs(beta):
        s = beta * z
        e = np.exp(s - s.max())
        return e / e.sum()

    lo, hi = 0.0, 100.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if probs(mid) @ z < mu:
            lo = mid
        else:
            hi = mid
    return probs(0.5 * (lo + hi))
