# family 2 (dtype not kept).
# Wrong: np.asarray(z, dtype=float) turns float32 logits into float64 results.
import numpy as np


def temperature_limits(z, axis=-1):
    z = np.asarray(z, dtype=float)
    n = z.shape[axis]
    if n == 0:
        raise ValueError("no classes")
    top = z == z.max(axis=axis, keepdims=True)
    cold = top / top.sum(axis=axis, keepdims=True)
    hot = np.full(z.shape, 1 / n)
    slope = (z - z.mean(axis=axis, keepdims=True)) / n
    return cold, hot, slope
