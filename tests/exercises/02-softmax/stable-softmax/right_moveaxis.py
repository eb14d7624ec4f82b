# Right: move the softmax axis to the end, work on the last axis, move it back.
import numpy as np


def stable_softmax(z, axis=-1):
    last = np.moveaxis(np.asarray(z), axis, -1)
    shifted = last - np.max(last, axis=-1)[..., None]
    e = np.exp(shifted)
    out = e / np.sum(e, axis=-1)[..., None]
    return np.moveaxis(out, -1, axis)
