#!/usr/bin/python3
"""Independent oracle for the scenario chain (issue 17, item 5), read with GDAL and summed with numpy.

Usage: sum_rasters.py CLASS_FROM CBI_FROM CLASS_TO CBI_TO
Prints one line of comma-separated values:
  sourceTo,sinkTo,netTo,deltaTransitionSum,budgetDifference
where source/sink/net are the sums of the positive / minus the negative / all valid CBI pixels of CBI_TO (t C/yr),
deltaTransitionSum is the sum of CBI_TO - CBI_FROM over the pixels whose class changed and that have a CBI in both
years (the change analysis' default scope "transitionOnly"), and budgetDifference is sum(CBI_TO) - sum(CBI_FROM).
Class rasters: uint8, 0 = nodata; CBI rasters: float32, NaN = nodata. Sums in float64 with math.fsum.

Tool versions when committed: Debian python3 3.11, python3-gdal 3.6.2, python3-numpy 1.24.
"""
import math
import sys

import numpy as np
from osgeo import gdal


def read(path, dtype):
    ds = gdal.Open(path)
    return ds.GetRasterBand(1).ReadAsArray().astype(dtype)


def main():
    cf, bf, ct, bt = sys.argv[1:5]
    class_from, class_to = read(cf, np.int32), read(ct, np.int32)
    cbi_from, cbi_to = read(bf, np.float64), read(bt, np.float64)
    valid_to = ~np.isnan(cbi_to)
    v = cbi_to[valid_to]
    source = math.fsum(v[v > 0])
    sink = -math.fsum(v[v < 0])
    net = math.fsum(v)
    changed = (class_from != class_to) & (class_from != 0) & (class_to != 0) & ~np.isnan(cbi_from) & valid_to
    delta = math.fsum((cbi_to[changed] - cbi_from[changed]).tolist())
    diff = net - math.fsum(cbi_from[~np.isnan(cbi_from)])
    print(",".join(repr(x) for x in (source, sink, net, delta, diff)))


if __name__ == "__main__":
    main()
