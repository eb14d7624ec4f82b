# Wrong (blind tail): clips the logits to [-30, 30] "for safety", which is harmless for the cold and hot limits
# of small logits but changes the slope of any slice with larger logits (near 1e6 every logit becomes 30).
import numpy as np


def temperature_limits(z, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    n = z.shape[axis]
    if n == 0:
        raise ValueError("no classes")
    top = z == z.max(axis=axis, keepdims=True)
    cold = (top / top.sum(axis=axis, keepdims=True)).astype(z.dtype)
    hot = np.full(z.shape, 1 / n, dtype=z.dtype)
    safe = np.clip(z, -30, 30)
    return cold, hot, (safe - safe.mean(axis=axis, keepdims=True)) / z.dtype.type(n)
