# Wrong (rule broken: "No overflow, division by zero or invalid operation may happen"): tries the unshifted formula
# first under np.errstate(all="ignore") (which overrides the tests' errstate(all="raise")), and redoes with the
# max-shift only the rows that came out non-finite: exp(1000) overflows, just silently.
import numpy as np


def log_softmax(z, axis=-1):
    z = np.asarray(z)
    with np.errstate(all="ignore"):
        fast = z - np.log(np.exp(z).sum(axis=axis, keepdims=True))
    bad = ~np.isfinite(fast).all(axis=axis, keepdims=True)
    if bad.any():
        m = z.max(axis=axis, keepdims=True)
        slow = (z - m) - np.log(np.exp(z - m).sum(axis=axis, keepdims=True))
        fast = np.where(bad, slow, fast)
    return fast
