# Right: golden-section search over log T by hand, the loss from torch's log_softmax in float64.
import math

import numpy as np
import torch


def fit_temperature(logits, labels):
    z = torch.tensor(np.asarray(logits), dtype=torch.float64)
    y = torch.as_tensor(np.asarray(labels), dtype=torch.long)

    def nll(log_t):
        return torch.nn.functional.cross_entropy(z / math.exp(log_t), y).item()

    a, b = math.log(0.05), math.log(20.0)
    ratio = (math.sqrt(5) - 1) / 2
    c, d = b - ratio * (b - a), a + ratio * (b - a)
    while b - a > 1e-9:
        if nll(c) < nll(d):
            b, d = d, c
            c = b - ratio * (b - a)
        else:
            a, c = c, d
            d = a + ratio * (b - a)
    best = min([math.log(0.05), (a + b) / 2, math.log(20.0)], key=nll)
    return float(math.exp(best))
