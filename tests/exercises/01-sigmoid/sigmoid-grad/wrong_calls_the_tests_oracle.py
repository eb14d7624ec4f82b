# Wrong (uses the tests' own code): returns the tests' exact values through their helper _exact_grad, which the
# answer finds by name when the tests call it. The grader finds the name and withholds the exercise's points.
import numpy as np


def sigmoid_grad(x):
    x = np.asarray(x)
    dtype = x.dtype if x.dtype.kind == "f" else np.dtype(np.float64)
    return _exact_grad(x).astype(dtype)  # noqa: F821  defined by the test cell
