# Right: sigma = (1 + tanh(x/2)) / 2, so sigma' = (1 - tanh(x/2)^2) / 4; tanh never overflows.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    t = np.tanh(x / 2)
    return 0.25 * (1 - t * t)
