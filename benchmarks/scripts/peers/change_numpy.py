"""Peer for the change-analysis benchmark: GDAL + numpy computes, for every interval of the Wuhan study, the
six-class transition table with pixels and sum of dCBI (TransitionOnly scope, fixed class coefficients, float32 CBI
as LandCarbon writes it), and prints it as CSV lines interval,from,to,pixels,deltaTonnesC.
usage: change_numpy.py RASTER_DIR"""
import sys
import numpy as np
from osgeo import gdal

d = sys.argv[1]
years = [2003, 2005, 2010, 2013]
# Wuhan code -> LandClass (1 cultivated, 2 forest, 3 grassland, 4 water, 5 construction, 6 unused); 0 nodata
lut = np.zeros(256, np.int64)
for code, cls in {1: 3, 2: 2, 3: 1, 4: 5, 5: 6, 6: 4, 7: 2}.items():
    lut[code] = cls
coef = np.array([np.nan, 0.422, -0.644, -0.021, -0.253, 50.0, -0.005])
classes = {}
for y in years:
    ds = gdal.Open(f"{d}/wh{y}_refy.tif")
    band = ds.GetRasterBand(1)
    a = band.ReadAsArray().astype(np.int64)
    nd = band.GetNoDataValue()
    gt = ds.GetGeoTransform()
    ha = abs(gt[1] * gt[5]) / 1e4
    c = lut[np.where(a < 0, a + 256, a) % 256]
    c[a == nd] = 0
    classes[y] = c.ravel()
cbi = (coef * ha).astype(np.float32)
for y1, y2 in list(zip(years, years[1:])) + [(years[0], years[-1])]:
    a, b = classes[y1], classes[y2]
    ok = (a > 0) & (b > 0)
    a, b = a[ok], b[ok]
    delta = np.where(a == b, 0.0, cbi[b].astype(np.float64) - cbi[a].astype(np.float64))
    key = a * 7 + b
    n = np.bincount(key, minlength=49)
    s = np.bincount(key, weights=delta, minlength=49)
    for k in np.nonzero(n)[0]:
        print(f"{y1}_{y2},{k // 7},{k % 7},{n[k]},{s[k]!r}")
