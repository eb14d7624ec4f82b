# family 3 (blind tails): sigma' = (1 - tanh(x/2)^2) / 4 never overflows, but 1 - t*t cancels to 0
# for |x| beyond about 38, where the true value (about e^-|x|) is still a normal float.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    t = np.tanh(x / 2)
    return 0.25 * (1 - t * t)
