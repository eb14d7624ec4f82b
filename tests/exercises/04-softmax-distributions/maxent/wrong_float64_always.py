# family 2 (dtype not kept): computes in float64, as it should, but forgets to cast back, so
# float32 scores give a float64 distribution.
import numpy as np
from scipy.optimize import brentq


def maxent_distribution(z, mu):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 1 or z.size < 2 or not z.min() < mu < z.max():
        raise ValueError("need a 1-D z with at least two scores and min z < mu < max z")

    def probs(beta):
        s = beta * z
        e = np.exp(s - s.max())
        return e / e.sum()

    lo, hi = -1.0, 1.0
    while probs(lo) @ z > mu:
        lo *= 2.0
    while probs(hi) @ z < mu:
        hi *= 2.0
    beta = brentq(lambda b: probs(b) @ z - mu, lo, hi, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=500)
    return probs(beta)
