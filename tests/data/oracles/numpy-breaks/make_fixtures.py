#!/usr/bin/python3
"""Oracle for the report's diverging map classes (src/LandCarbon.Reporting/Maps/DivergingScale.cs).

Writes values.csv (a skewed signed sample like a ΔCBI map: mostly zeros, small sinks, large sources, ties, NaN)
and expected.csv: the breaks b_i = numpy.quantile(|v| of finite non-zero v, i/5) (numpy's default linear
method), repeated bounds dropped, and the class code of every value: 0 for v = 0, sign(v) * (index of the first
bound >= |v|, 1-based). Run: /usr/bin/python3 make_fixtures.py OUT_DIR (default: this folder).
"""
import csv
import os
import sys

import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261128)
zeros = np.zeros(120)
sinks = -rng.lognormal(mean=3.0, sigma=1.0, size=40)
sources = rng.lognormal(mean=7.0, sigma=1.5, size=35)
ties = np.array([250.0] * 6 + [-250.0] * 3)
extremes = np.array([2.5e5, -4.0e3])
values = np.concatenate([zeros, sinks, sources, ties, extremes])
rng.shuffle(values)
values = np.concatenate([values, [np.nan, np.nan]])

finite = values[np.isfinite(values)]
mag = np.sort(np.abs(finite[finite != 0]))
breaks = []
for i in range(1, 6):
    b = float(np.quantile(mag, i / 5))
    if not breaks or b > breaks[-1]:
        breaks.append(b)
b = np.array(breaks)


def code(v):
    if np.isnan(v):
        return "NaN"
    if v == 0:
        return "0"
    i = int(np.searchsorted(b, abs(v), side="left"))
    i = min(i, len(b) - 1)
    return str(int(np.sign(v)) * (i + 1))


with open(os.path.join(out, "values.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["value", "class"])
    for v in values:
        w.writerow(["NaN" if np.isnan(v) else repr(float(v)), code(v)])
with open(os.path.join(out, "expected.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["i", "break"])
    for i, x in enumerate(breaks, 1):
        w.writerow([i, repr(x)])
