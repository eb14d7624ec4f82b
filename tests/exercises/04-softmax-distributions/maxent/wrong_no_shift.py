# family 4 (overflow, caught under np.errstate(all="raise")).
# Wrong: exp(beta * z) without subtracting the maximum: scores near 1000 overflow.
import numpy as np
from scipy.optimize import brentq


def maxent_distribution(z, mu):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 1 or z.size < 2 or not z.min() < mu < z.max():
        raise ValueError("need 1-D z and min(z) < mu < max(z)")

    def probs(beta):
        e = np.exp(beta * z)
        return e / e.sum()

    beta = brentq(lambda b: probs(b) @ z - mu, -50.0, 50.0, xtol=1e-15, rtol=1e-15)
    return probs(beta)
