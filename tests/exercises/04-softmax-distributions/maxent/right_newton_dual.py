# Right: minimises the convex dual log Z(beta) - beta * mu by safeguarded Newton steps
# (gradient: mean - mu, curvature: variance), falling back to bisection when a step leaves the bracket.
import numpy as np
from scipy.special import logsumexp


def maxent_distribution(z, mu):
    z_in = np.asarray(z)
    out = z_in.dtype if z_in.dtype in (np.float32, np.float64) else np.dtype(np.float64)
    z = z_in.astype(np.float64)
    if z.ndim != 1 or z.size < 2 or not (z.min() < mu < z.max()):
        raise ValueError("need a 1-D z of length >= 2 and min(z) < mu < max(z)")

    def stats(beta):
        p = np.exp(beta * z - logsumexp(beta * z))
        m = p @ z
        return p, m, p @ (z - m) ** 2

    lo, hi = -1.0, 1.0
    while stats(lo)[1] > mu:
        lo *= 2
    while stats(hi)[1] < mu:
        hi *= 2
    beta = 0.0 if lo < 0 < hi else 0.5 * (lo + hi)
    for _ in range(500):
        p, m, var = stats(beta)
        if m < mu:
            lo = beta
        else:
            hi = beta
        step = (m - mu) / var if var > 0 else np.inf
        new = beta - step
        if not lo < new < hi:
            new = 0.5 * (lo + hi)
        if new == beta or hi - lo <= 4 * np.finfo(float).eps * max(1.0, abs(beta)):
            break
        beta = new
    return stats(beta)[0].astype(out)
