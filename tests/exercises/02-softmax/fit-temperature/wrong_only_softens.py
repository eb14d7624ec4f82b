# Wrong (boundary): assumes temperature scaling only softens an over-confident model and searches T in [1, 20],
# so an under-confident model (best T below 1) gets T = 1.
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits, dtype=np.float64)
    rows = np.arange(len(labels))

    def nll(lt):
        return -log_softmax(z / np.exp(lt), axis=1)[rows, labels].mean()

    lo, hi = 0.0, np.log(20.0)
    best = minimize_scalar(nll, bounds=(lo, hi), method="bounded", options={"xatol": 1e-8}).x
    return float(np.exp(min([lo, best, hi], key=nll)))
