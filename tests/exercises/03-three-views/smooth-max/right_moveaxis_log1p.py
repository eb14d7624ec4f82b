# Right: moves `axis` to the end, then max + T * log1p(sum of the other scaled exponentials).
import numpy as np


def smooth_max(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if T <= 0:
        raise ValueError("T must be positive")
    T = z.dtype.type(T)
    x = np.moveaxis(z, axis, -1)
    srt = np.sort(x, axis=-1)
    m = srt[..., -1]
    rest = np.exp((srt[..., :-1] - m[..., None]) / T).sum(axis=-1)
    return m + T * np.log1p(rest)
