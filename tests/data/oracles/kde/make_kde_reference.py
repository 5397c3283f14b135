#!/usr/bin/python3
"""Brute-force kernel density reference for LandCarbon's POI kernel density (tests/.../Poi/KernelDensityOracleTests).

Run with Debian's python3 + python3-numpy:  /usr/bin/python3 make_kde_reference.py
Writes, next to this script:
  kde_points.csv    x,y,weight of 400 seeded points (grid CRS metres), some outside the grid
  kde_expected.csv  kernel,radius_m,col,row,density_per_km2 at 300 sampled pixel centres per case
Grid: origin (500000, 3400000), 30 m pixels, 400 x 300, north-up (pixel height -30).
Definitions (independent of the C# code): pixel centre x = ox + (col + 0.5) * pw, y = oy + (row + 0.5) * ph;
every point with d < r contributes weight * K(d);
  quartic:      K = 3 / (pi r^2) * (1 - d^2/r^2)^2              (ArcGIS Kernel Density)
  epanechnikov: K = 2 / (pi r^2) * (1 - d^2/r^2)
  gaussian:     K = 4.5 / (pi r^2 (1 - exp(-4.5))) * exp(-4.5 d^2/r^2)   (sigma = r/3, truncated at r)
density per km^2 = K [per m^2] * 1e6.
"""
import csv
import os

import numpy as np

OX, OY, PW, PH, W, H = 500000.0, 3400000.0, 30.0, -30.0, 400, 300
HERE = os.path.dirname(os.path.abspath(__file__))


def kernel(name, d2, r):
    u2 = d2 / (r * r)
    if name == "quartic":
        return 3.0 / (np.pi * r * r) * (1.0 - u2) ** 2
    if name == "epanechnikov":
        return 2.0 / (np.pi * r * r) * (1.0 - u2)
    if name == "gaussian":
        return 4.5 / (np.pi * r * r * (1.0 - np.exp(-4.5))) * np.exp(-4.5 * u2)
    raise ValueError(name)


def main():
    rng = np.random.default_rng(20261128)
    n = 400
    # Clustered points: half uniform over the grid plus a margin, half around three centres.
    xu = rng.uniform(OX - 1500, OX + W * PW + 1500, n // 2)
    yu = rng.uniform(OY + H * PH - 1500, OY + 1500, n // 2)
    centres = np.array([[OX + 3000, OY - 3000], [OX + 9000, OY - 6000], [OX + 11500, OY - 1000]])
    pick = rng.integers(0, 3, n - n // 2)
    xc = centres[pick, 0] + rng.normal(0, 600, n - n // 2)
    yc = centres[pick, 1] + rng.normal(0, 600, n - n // 2)
    x = np.round(np.concatenate([xu, xc]), 3)
    y = np.round(np.concatenate([yu, yc]), 3)
    w = np.round(rng.uniform(0.5, 3.0, n), 3)
    with open(os.path.join(HERE, "kde_points.csv"), "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["x", "y", "weight"])
        for a, b, c in zip(x, y, w):
            wr.writerow([repr(float(a)), repr(float(b)), repr(float(c))])

    cols = rng.integers(0, W, 300)
    rows = rng.integers(0, H, 300)
    with open(os.path.join(HERE, "kde_expected.csv"), "w", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(["kernel", "radius_m", "col", "row", "density_per_km2"])
        for name, r in [("quartic", 1000.0), ("quartic", 437.5), ("epanechnikov", 1000.0), ("gaussian", 800.0)]:
            for c, rw in zip(cols, rows):
                px = OX + (c + 0.5) * PW
                py = OY + (rw + 0.5) * PH
                d2 = (x - px) ** 2 + (y - py) ** 2
                m = d2 < r * r
                dens = float(np.sum(w[m] * kernel(name, d2[m], r)) * 1e6)
                wr.writerow([name, repr(r), int(c), int(rw), repr(dens)])


if __name__ == "__main__":
    main()
