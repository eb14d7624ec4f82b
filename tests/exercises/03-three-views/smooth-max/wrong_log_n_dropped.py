# Wrong: "smooth max" taken as max + T * log(mean of exp), i.e. subtracts T log n: falls below the max.
import numpy as np


def smooth_max(z, T=1.0, axis=-1):
    z = np.asarray(z)
    if z.dtype not in (np.float32, np.float64):
        z = z.astype(np.float64)
    if T <= 0:
        raise ValueError("T must be positive")
    T = z.dtype.type(T)
    m = z.max(axis=axis, keepdims=True)
    return np.squeeze(m + T * np.log(np.exp((z - m) / T).mean(axis=axis, keepdims=True)), axis=axis)
