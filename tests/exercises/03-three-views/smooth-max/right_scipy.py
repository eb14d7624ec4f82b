# Right: T times scipy's logsumexp of the scaled logits.
import numpy as np
from scipy.special import logsumexp


def smooth_max(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if not np.issubdtype(z.dtype, np.floating):
        z = z.astype(np.float64)
    if T <= 0:
        raise ValueError(f"T must be > 0, got {T}")
    T = z.dtype.type(T)
    return T * logsumexp(z / T, axis=axis)
