# Wrong: a grid of 50 temperatures is off by up to 6 % between its points; not the minimiser to 1e-3.
import numpy as np
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    rows = np.arange(len(labels))
    grid = np.geomspace(0.05, 20.0, 50)
    losses = [-log_softmax(z / t, axis=1)[rows, labels].mean() for t in grid]
    return float(grid[int(np.argmin(losses))])
