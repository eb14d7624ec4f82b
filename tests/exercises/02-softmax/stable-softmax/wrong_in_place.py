# Wrong: subtracts the maximum in place, so the caller's array is changed.
import numpy as np


def stable_softmax(z, axis=-1):
    z -= z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)
