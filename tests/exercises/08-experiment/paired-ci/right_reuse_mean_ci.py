# Right: checks the lengths, then reuses mean_ci from Exercise 1 on the differences.
import numpy as np


def paired_difference_ci(a, b, confidence=0.95):
    if len(a) != len(b):
        raise ValueError(f"a and b must have the same length, got {len(a)} and {len(b)}")
    diffs = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)
    return mean_ci(diffs, confidence=confidence)
