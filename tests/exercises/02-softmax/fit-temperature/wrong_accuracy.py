# Wrong: picks T by accuracy, which T never changes (argmax of z / T is argmax of z): returns the first grid point.
import numpy as np


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    grid = np.geomspace(0.05, 20.0, 2000)
    accuracy = [np.mean((z / t).argmax(axis=1) == labels) for t in grid]
    return float(grid[int(np.argmax(accuracy))])
