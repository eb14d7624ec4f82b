# family: wrong formula (not one of the six families).
# Wrong: meets the constraint with a mixture of the uniform distribution and a point mass on the
# best (or worst) state. The average is right, but this is not the distribution of largest entropy.
import numpy as np


def maxent_distribution(z, mu):
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 1 or z.size < 2 or not z.min() < mu < z.max():
        raise ValueError("need 1-D z and min(z) < mu < max(z)")
    n = z.size
    uniform = np.full(n, 1.0 / n)
    corner = np.eye(n)[np.argmax(z) if mu >= z.mean() else np.argmin(z)]
    a = (mu - z.mean()) / (corner @ z - z.mean())
    return (1 - a) * uniform + a * corner
