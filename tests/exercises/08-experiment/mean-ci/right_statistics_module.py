# Right: the standard library's statistics module for mean and sample stdev, t.isf for the quantile.
import math
import statistics

from scipy import stats


def mean_ci(values, confidence=0.95):
    xs = [float(v) for v in values]
    n = len(xs)
    if n < 2:
        raise ValueError("need two or more values")
    mean = statistics.fmean(xs)
    t = float(stats.t.isf((1 - confidence) / 2, n - 1))
    half = t * statistics.stdev(xs) / math.sqrt(n)
    return mean, mean - half, mean + half
