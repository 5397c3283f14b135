#!/usr/bin/python3
"""Oracle fixtures for Risk: Box-Cox lambda by maximum likelihood (scipy.stats.boxcox) and the normal shares of
the error-theory levels (scipy.stats.norm). Run with Debian's /usr/bin/python3 (python3-scipy)."""
import csv
import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20261128)
rows = []
# Three skewed positive samples, written out so the C# test fits the same values.
samples = {
    "lognormal": rng.lognormal(mean=0.5, sigma=0.8, size=400),
    "gamma": rng.gamma(shape=2.0, scale=3.0, size=300),
    "shifted_normal": rng.normal(loc=10.0, scale=2.0, size=250) ** 2,
}
with open("boxcox_samples.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["sample", "value"])
    for name, x in samples.items():
        for v in x:
            w.writerow([name, repr(float(v))])
with open("boxcox_lambda.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["sample", "n", "lambda", "llf"])
    for name, x in samples.items():
        _, lam = stats.boxcox(x)
        w.writerow([name, len(x), repr(float(lam)), repr(float(stats.boxcox_llf(lam, x)))])
# Shares of N(0,1) in the five error-theory levels (k = -1, 0, 1, 2) and the four-level option (-0.5, 0.5, 1.5).
with open("normal_level_shares.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["scheme", "level", "share"])
    for scheme, ks in (("five", [-1, 0, 1, 2]), ("four", [-0.5, 0.5, 1.5])):
        edges = [-np.inf] + ks + [np.inf]
        for i in range(len(edges) - 1):
            w.writerow([scheme, i + 1, repr(float(stats.norm.cdf(edges[i + 1]) - stats.norm.cdf(edges[i])))])
with open("VERSIONS", "w") as f:
    f.write(f"python {'.'.join(map(str, __import__('sys').version_info[:3]))}\nnumpy {np.__version__}\nscipy {scipy.__version__}\n")
