# Wrong: always works along the last axis, whatever `axis` says.
import numpy as np


def stable_softmax(z, axis=-1):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
