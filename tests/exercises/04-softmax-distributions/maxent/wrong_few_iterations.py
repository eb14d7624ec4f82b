# family 3 (accuracy: a fixed handful of iterations).
# Wrong: only 20 bisection steps on a fixed bracket [-50, 50]: beta is off by about 1e-4,
# so the average score misses mu by far more than 1e-9.
import numpy as np


def maxent_distribution(z, mu):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 1 or z.size < 2 or not z.min() < mu < z.max():
        raise ValueError("need 1-D z and min(z) < mu < max(z)")

    def probs(beta):
        s = beta * z
        e = np.exp(s - s.max())
        return e / e.sum()

    lo, hi = -50.0, 50.0
    for _ in range(20):
        mid = 0.5 * (lo + hi)
        if probs(mid) @ z < mu:
            lo = mid
        else:
            hi = mid
    return probs(0.5 * (lo + hi))
