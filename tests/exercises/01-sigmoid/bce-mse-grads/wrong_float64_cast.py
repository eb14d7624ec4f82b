# Wrong: right values, but every input is cast to float64, so a float32 batch gives float64 gradients.
import numpy as np
from scipy.special import expit


def bce_mse_grads(z, y):
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    s = expit(z)
    return s - y, (s - y) * s * (1 - s)
