# family 2 (dtype): correct and stable, but a float32 input comes back as float64.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(-np.abs(x))
    return e / (1 + e) ** 2
