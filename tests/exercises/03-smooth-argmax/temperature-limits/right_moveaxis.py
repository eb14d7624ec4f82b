# Right: moves `axis` to the end, works on the last axis, and moves it back.
import numpy as np


def temperature_limits(z, axis=-1):
    z = np.asarray(z)
    dtype = z.dtype if z.dtype in (np.float32, np.float64) else np.dtype(np.float64)
    z = np.moveaxis(z.astype(dtype), axis, -1)
    n = z.shape[-1]
    if n == 0:
        raise ValueError("no classes")
    is_max = (z == z.max(axis=-1)[..., None]).astype(dtype)
    cold = is_max / is_max.sum(axis=-1)[..., None]
    hot = np.ones_like(z) / dtype.type(n)
    slope = (z - z.sum(axis=-1)[..., None] / dtype.type(n)) / dtype.type(n)
    return tuple(np.moveaxis(a, -1, axis) for a in (cold, hot, slope))
