# Wrong: clipping the input to [-30, 30] avoids overflow but gives sigma(-40) = sigma(-30).
import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    return 1 / (1 + np.exp(-np.clip(x, -30, 30)))
