# Right: scipy.optimize.brentq on mu(beta) - mu after growing a bracket, softmax from scipy.
import numpy as np
from scipy.optimize import brentq
from scipy.special import softmax


def maxent_distribution(z, mu):
    z = np.asarray(z)
    dtype = z.dtype if z.dtype in (np.float32, np.float64) else np.float64
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 1 or len(z) < 2:
        raise ValueError("z must be 1-D with at least two entries")
    if mu <= z.min() or mu >= z.max():
        raise ValueError("mu must lie strictly inside (min z, max z)")
    gap = lambda b: softmax(b * z) @ z - mu
    width = 1.0
    while gap(-width) > 0 or gap(width) < 0:
        width *= 2
    beta = brentq(gap, -width, width, xtol=1e-14, rtol=4 * np.finfo(float).eps, maxiter=500)
    return softmax(beta * z).astype(dtype)
