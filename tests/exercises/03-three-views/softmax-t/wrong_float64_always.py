# Wrong: np.asarray(z, dtype=float) turns float32 logits into float64.
import numpy as np


def softmax_t(z, T, axis=-1):
    z = np.asarray(z, dtype=float)
    if T <= 0:
        raise ValueError("T must be positive")
    s = z / T
    e = np.exp(s - s.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
