# Right: log sigma'(x) = -softplus(x) - softplus(-x), each from np.logaddexp (never overflows),
# computed in float64 and cast back to the input's float dtype.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    dtype = x.dtype if x.dtype.kind == "f" else np.float64
    x64 = x.astype(np.float64)
    return np.exp(-np.logaddexp(0.0, x64) - np.logaddexp(0.0, -x64)).astype(dtype)
