# Wrong (family e, boundary): breaks "Raise ValueError unless ... min z < mu < max z": tests the end points with
# mu <= min or mu >= max, so mu = nan (or a z containing nan) is not rejected and some distribution comes back.
import numpy as np
from scipy.special import softmax


def maxent_distribution(z, mu):
    z = np.asarray(z)
    out = z.dtype if z.dtype in (np.float32, np.float64) else np.dtype(np.float64)
    z = z.astype(np.float64)
    if z.ndim != 1 or z.size < 2:
        raise ValueError("z must be 1-D with at least two scores")
    if mu <= z.min() or mu >= z.max():
        raise ValueError("mu must lie strictly between min z and max z")
    avg = lambda b: softmax(b * z) @ z
    lo, hi = -1.0, 1.0
    while avg(lo) > mu:
        lo *= 2.0
    while avg(hi) < mu:
        hi *= 2.0
    for _ in range(2000):
        mid = 0.5 * (lo + hi)
        if mid <= lo or mid >= hi:
            break
        if avg(mid) < mu:
            lo = mid
        else:
            hi = mid
    return softmax(0.5 * (lo + hi) * z).astype(out)
