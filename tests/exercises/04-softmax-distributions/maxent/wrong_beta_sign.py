# Wrong: finds beta correctly but returns softmax(-beta * z) (the "energy" sign mixed up),
# so the average score lands on the other side of the mean.
import numpy as np
from scipy.optimize import brentq


def maxent_distribution(z, mu):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 1 or z.size < 2 or not z.min() < mu < z.max():
        raise ValueError("need 1-D z and min(z) < mu < max(z)")

    def probs(beta):
        s = beta * z
        e = np.exp(s - s.max())
        return e / e.sum()

    lo, hi = -1.0, 1.0
    while probs(lo) @ z > mu:
        lo *= 2
    while probs(hi) @ z < mu:
        hi *= 2
    beta = brentq(lambda b: probs(b) @ z - mu, lo, hi, xtol=1e-15, rtol=1e-15)
    return probs(-beta)
