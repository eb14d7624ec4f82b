# Wrong (input changed): subtracts each row's maximum from the caller's logits in place "for stability" (the
# best temperature is unchanged by the shift, but the caller's array is not).
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax


def fit_temperature(logits, labels):
    z = np.asarray(logits)
    z -= z.max(axis=1, keepdims=True)
    rows = np.arange(len(labels))

    def nll(lt):
        return -log_softmax(z.astype(np.float64) / np.exp(lt), axis=1)[rows, labels].mean()

    lo, hi = np.log(0.05), np.log(20.0)
    best = minimize_scalar(nll, bounds=(lo, hi), method="bounded", options={"xatol": 1e-8}).x
    return float(np.exp(min([lo, best, hi], key=nll)))
