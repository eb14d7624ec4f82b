# Wrong (type): searches in the logits' own dtype and returns a NumPy scalar; for float32 logits that is a
# numpy.float32, not the promised Python float.
import numpy as np
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits)
    rows = np.arange(len(labels))
    grid = np.exp(np.linspace(np.log(0.05), np.log(20.0), 20001)).astype(z.dtype)
    losses = [-log_softmax(z.astype(np.float64) / float(t), axis=1)[rows, labels].mean() for t in grid[::50]]
    k = int(np.argmin(losses)) * 50
    fine = grid[max(k - 50, 0):k + 51]
    return fine[int(np.argmin([-log_softmax(z.astype(np.float64) / float(t), axis=1)[rows, labels].mean()
                               for t in fine]))]
