# Right: sigma'(x) = sigma(x) * sigma(-x), reusing stable_sigmoid from Exercise 1 (no 1 - s to cancel); the input is made
# float first, so -x of an unsigned or boolean array does not wrap around.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return stable_sigmoid(x) * stable_sigmoid(-x)
