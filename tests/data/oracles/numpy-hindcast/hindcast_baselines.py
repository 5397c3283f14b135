"""Independent oracle for the risk hindcast (docs/methods/risk.md §6) on the Wuhan 30 m rasters, with numpy + GDAL:
CBI = class coefficient (tests/data/cases/change/wuhan_classes.csv) x 0.09 ha as float32; dCBI of each consecutive
interval where the class changed (float32); sums over 33 x 33-pixel fishnet cells (990 m) divided by the interval's
years; the shared reference of 2010-2013 (index <= 0 -> 1, else 2 + number of the quartiles (numpy 'linear' = R type
7) of the positive values of 2003-2005 and 2005-2010 that it reaches); the two baselines (persistence-of-level,
climatology with ties to the lowest level); OA, Cohen's kappa and linearly weighted kappa from the textbook
formulas. Writes expected_wuhan.csv. Run: python3 hindcast_baselines.py ../../../../../shared/data/lulc-wuhan-30m
"""
import csv, os, sys
import numpy as np
from osgeo import gdal

d = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
coef = {}
with open(os.path.join(here, "..", "..", "cases", "change", "wuhan_classes.csv")) as f:
    for r in csv.DictReader(f):
        coef[int(r["code"])] = float(r["coefficientTonnesCPerHa"])
years = [2003, 2005, 2010, 2013]
cls, cbi = {}, {}
for y in years:
    a = gdal.Open(os.path.join(d, f"wh{y}_refy.tif")).ReadAsArray().astype(np.int64)
    c = np.full(a.shape, np.nan, dtype=np.float32)
    for k, v in coef.items():
        c[a == k] = np.float32(v * 0.09)
    cls[y], cbi[y] = a, c
F = 33
def fishnet(x):
    h, w = x.shape
    H, W = -(-h // F), -(-w // F)
    p = np.full((H * F, W * F), np.nan)
    p[:h, :w] = x
    b = p.reshape(H, F, W, F)
    valid = np.isfinite(b).any(axis=(1, 3))
    s = np.nansum(b, axis=(1, 3))
    s[~valid] = np.nan
    return s.ravel()
idx = []
for a, b in zip(years, years[1:]):
    valid = np.isfinite(cbi[a]) & np.isfinite(cbi[b])
    dc = np.where(valid, np.where(cls[a] != cls[b], (cbi[b].astype(np.float64) - cbi[a].astype(np.float64)), 0.0), np.nan).astype(np.float32)
    idx.append(fishnet(dc.astype(np.float64)) / (b - a))
past = np.concatenate(idx[:2])
pos = np.sort(past[np.isfinite(past) & (past > 0)])
q = np.quantile(pos, [0.25, 0.5, 0.75])
def level(x):
    out = np.zeros(x.shape, dtype=int)
    ok = np.isfinite(x)
    g = np.where(x > 0, 1 + (x[:, None] >= q[None, :]).sum(axis=1), 0)
    out[ok] = np.maximum(1, g[ok] + 1)
    return out
obs, prev, first = level(idx[2]), level(idx[1]), level(idx[0])
clim = np.where(first == prev, prev, np.minimum(first, prev))  # two past intervals: equal, or a tie -> the lower
mask = (obs > 0) & (prev > 0) & (first > 0)
def measures(p, o):
    L = 5
    m = np.zeros((L, L))
    np.add.at(m, (p - 1, o - 1), 1)
    n = m.sum(); rows, cols = m.sum(1), m.sum(0)
    oa = np.trace(m) / n
    pe = (rows * cols).sum() / n**2
    w = 1 - np.abs(np.subtract.outer(np.arange(L), np.arange(L))) / (L - 1)
    po_w = (w * m).sum() / n
    pe_w = (w * np.outer(rows, cols)).sum() / n**2
    return int(n), oa, (oa - pe) / (1 - pe), (po_w - pe_w) / (1 - pe_w)
with open(os.path.join(here, "expected_wuhan.csv"), "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["method", "n", "overallAccuracy", "kappa", "weightedKappa", "break1", "break2", "break3"])
    for name, p in [("persistence-of-level", prev), ("climatology", clim)]:
        n, oa, k, kw = measures(p[mask], obs[mask])
        w.writerow([name, n, repr(oa), repr(k), repr(kw)] + [repr(float(v)) for v in q])
print(open(os.path.join(here, "expected_wuhan.csv")).read())
