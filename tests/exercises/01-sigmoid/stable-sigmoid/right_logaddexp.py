# Right: sigma(x) = exp(-log(1 + exp(-x))) with np.logaddexp(0, -x), which never overflows.
import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x)
    if x.dtype not in (np.float32, np.float64):
        x = x.astype(np.float64)
    return np.exp(-np.logaddexp(x.dtype.type(0), -x))
