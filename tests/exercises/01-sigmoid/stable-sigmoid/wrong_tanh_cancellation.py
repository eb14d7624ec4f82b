# family 3 (blind tails): 0.5 * (1 + tanh(x/2)) never overflows, but 1 + tanh cancels to 0 for very negative x,
# so the tiny tail values (sigma(-40) ~ 4e-18) are lost.
import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return 0.5 * (1 + np.tanh(x / 2))
