# not one of the six families (the exercise's own logic): ignores the pairing: difference of the two means with an unpaired (Welch) t interval,
# so the seed-to-seed variation shared by a and b is not cancelled and the interval is far too wide.
import numpy as np
from scipy import stats


def paired_difference_ci(a, b, confidence=0.95):
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.size != b.size or a.size < 2:
        raise ValueError("need two samples of equal length >= 2")
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    se = np.sqrt(va + vb)
    if se == 0:
        gap = float(a.mean() - b.mean())
        return gap, gap, gap
    df = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))
    gap = a.mean() - b.mean()
    half = stats.t.ppf((1 + confidence) / 2, df) * se
    return float(gap), float(gap - half), float(gap + half)
