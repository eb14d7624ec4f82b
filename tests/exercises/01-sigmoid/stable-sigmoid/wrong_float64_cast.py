# family 2 (dtype): stable, but casts everything to float64, so a float32 input loses its dtype.
import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(-np.abs(x))
    return np.where(x >= 0, 1 / (1 + e), e / (1 + e))
