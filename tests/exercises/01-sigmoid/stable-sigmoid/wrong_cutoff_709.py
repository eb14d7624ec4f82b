# Wrong (breaks "no overflow for any finite input ... in float32 and float64" and "relative error of 1e-12 ..., tails
# included"): guards the naive formula with float64's overflow bound 709 for every dtype, so float32 -100 still
# overflows (float32's bound is 88.7) and float64 sigma(-720) ~ 2e-313 comes out as 0.
import numpy as np


def stable_sigmoid(x):
    x = np.asarray(x)
    if x.dtype.kind != "f":
        x = x.astype(np.float64)
    out = np.zeros_like(x)
    ok = x >= -709                     # exp(709) is still finite
    out[ok] = 1 / (1 + np.exp(-x[ok]))
    return out
