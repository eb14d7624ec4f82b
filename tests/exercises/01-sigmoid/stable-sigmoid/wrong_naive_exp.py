# Wrong: the textbook formula; np.exp(-x) overflows for x = -1000 and NumPy warns.
import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return 1 / (1 + np.exp(-x))
