#!/usr/bin/python3
"""Independent oracle for the hindcast accuracy of the land-use simulation
(src/LandCarbon.Core/Simulation/HindcastAccuracy.cs).

Writes maps.csv (row,col,initial,observed,simulated: three 37 x 23 class maps with values 1..6 and 0 = nodata,
built from a seeded generator: an initial map, an observed map where about 15 % of pixels changed, and a
simulated map that places part of those changes right, some wrong and adds false alarms) and expected.csv: for
model "simulated" (the simulated map) and "persistence" (simulated = initial), overall (class "all") and for
each class 1..6, the figure of merit, producer's and user's accuracy, overall accuracy, kappa and kappa
simulation computed with numpy array operations straight from the definitions:

overall, over pixels valid in all three maps:
  H = #(a != b & s == b), M = #(a != b & s == a), W = #(a != b & s != a & s != b), F = #(a == b & s != a)
  FoM = H/(H+M+W+F), PA = H/(H+M+W), UA = H/(H+W+F), OA = mean(b == s)
  kappa = (OA - sum_c p(b=c) p(s=c)) / (1 - sum_c p(b=c) p(s=c))                       (Cohen 1960)
  kappa simulation = (OA - pt)/(1 - pt), pt = sum_j p(a=j) sum_i p(b=i|a=j) p(s=i|a=j)  (van Vliet et al. 2011)
per class c (gain of c; binary maps "is c" for OA, kappa, kappa simulation):
  O = #(a != c & b == c), S = #(a != c & s == c), H = #(a != c & b == c & s == c)
  FoM = H/(O+S-H), PA = H/O, UA = H/S
A 0/0 is written as an empty cell.
Run: /usr/bin/python3 make_fixtures.py [OUT_DIR]   (numpy 1.24.2, Python 3.11.2 of Debian 12)
"""
import csv
import os
import sys

import numpy as np

out = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261202)
rows, cols = 37, 23
a = rng.choice(np.arange(1, 7), size=(rows, cols), p=[0.4, 0.25, 0.1, 0.1, 0.1, 0.05])
b = a.copy()
change = rng.random((rows, cols)) < 0.15
b[change] = rng.choice(np.arange(1, 7), size=change.sum())
s = a.copy()
right = change & (rng.random((rows, cols)) < 0.5)
s[right] = b[right]
wrong = change & ~right & (rng.random((rows, cols)) < 0.3)
s[wrong] = rng.choice(np.arange(1, 7), size=wrong.sum())
alarm = ~change & (rng.random((rows, cols)) < 0.08)
s[alarm] = rng.choice(np.arange(1, 7), size=alarm.sum())
# nodata in each map at different places
for m in (a, b, s):
    m[rng.random((rows, cols)) < 0.03] = 0

with open(os.path.join(out, "maps.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["row", "col", "initial", "observed", "simulated"])
    for r in range(rows):
        for c in range(cols):
            w.writerow([r, c, int(a[r, c]), int(b[r, c]), int(s[r, c])])


def ratio(x, y):
    return "" if y == 0 else repr(float(x) / float(y))


def kappas(a, b, s, classes):
    oa = np.mean(b == s)
    pe = sum(np.mean(b == c) * np.mean(s == c) for c in classes)
    pt = 0.0
    for j in classes:
        sel = a == j
        if sel.sum() == 0:
            continue
        pt += np.mean(sel) * sum(np.mean(b[sel] == i) * np.mean(s[sel] == i) for i in classes)
    return oa, (oa - pe) / (1 - pe), (oa - pt) / (1 - pt)


def figures(a, b, s):
    valid = (a != 0) & (b != 0) & (s != 0)
    a, b, s = a[valid], b[valid], s[valid]
    rows = []
    h = np.sum((a != b) & (s == b))
    m = np.sum((a != b) & (s == a))
    w = np.sum((a != b) & (s != a) & (s != b))
    f = np.sum((a == b) & (s != a))
    oa, k, ks = kappas(a, b, s, range(1, 7))
    rows.append(["all", valid.sum(), ratio(h, h + m + w + f), ratio(h, h + m + w), ratio(h, h + w + f), repr(float(oa)), repr(float(k)), repr(float(ks))])
    for c in range(1, 7):
        o = np.sum((a != c) & (b == c))
        sg = np.sum((a != c) & (s == c))
        hc = np.sum((a != c) & (b == c) & (s == c))
        oa, k, ks = kappas((a == c).astype(int), (b == c).astype(int), (s == c).astype(int), (0, 1))
        rows.append([str(c), valid.sum(), ratio(hc, o + sg - hc), ratio(hc, o), ratio(hc, sg), repr(float(oa)), repr(float(k)), repr(float(ks))])
    return rows


with open(os.path.join(out, "expected.csv"), "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["model", "class", "pixels", "fom", "producersAccuracy", "usersAccuracy", "overallAccuracy", "kappa", "kappaSimulation"])
    for name, sim in (("simulated", s), ("persistence", a)):
        for r in figures(a, b, sim):
            w.writerow([name] + r)
