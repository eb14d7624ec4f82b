# Right: sigma'(x) = sigma(x) * sigma(-x), each factor from a two-branch stable sigmoid.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)

    def sig(v):
        out = np.empty_like(v)
        pos = v >= 0
        out[pos] = 1 / (1 + np.exp(-v[pos]))
        ev = np.exp(v[~pos])
        out[~pos] = ev / (1 + ev)
        return out

    return sig(x) * sig(-x)
