# Wrong (batch of one): squeezes the logits "in case of stray axes", so one example of shape (1, K) becomes (K,)
# and the row indexing fails.
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.squeeze(np.asarray(logits, dtype=np.float64))
    y = np.squeeze(np.asarray(labels))
    rows = np.arange(len(z))

    def nll(lt):
        return -log_softmax(z / np.exp(lt), axis=1)[rows, y].mean()

    lo, hi = np.log(0.05), np.log(20.0)
    best = minimize_scalar(nll, bounds=(lo, hi), method="bounded", options={"xatol": 1e-8}).x
    return float(np.exp(min([lo, best, hi], key=nll)))
