#!/usr/bin/python3
"""Tiny GeoTIFF fixtures for `landcarbon risk grade` and the expected error-theory / parameter / fluctuation
grading and accuracy, computed independently with numpy (GDAL writes the rasters). Run with /usr/bin/python3."""
import csv
import json
import numpy as np
from osgeo import gdal, osr

rng = np.random.default_rng(7)
W, H = 60, 40
x0, y0, px = 600000.0, 2950000.0, 30.0
srs = osr.SpatialReference()
srs.ImportFromEPSG(32648)

# Index: a skewed ΔCBI-like field; nodata -9999 in a corner.
idx = np.where(rng.random((H, W)) < 0.5, 0.0, rng.lognormal(0.0, 1.0, (H, W)) - 0.3).astype(np.float32)
idx[:3, :3] = -9999
# Reference (observed) levels: grade the index with noisy true breaks so the methods disagree with it.
valid = idx != -9999
noisy = idx + rng.normal(0, 0.4, idx.shape)
ref = np.clip(np.digitize(noisy, [0.05, 0.8, 2.0, 4.0]) + 1, 1, 5).astype(np.uint8)
ref[~valid] = 0


def write(path, arr, dtype, nodata):
    d = gdal.GetDriverByName("GTiff").Create(path, W, H, 1, dtype, ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32", "COMPRESS=DEFLATE"])
    d.SetGeoTransform((x0, px, 0, y0, 0, -px))
    d.SetProjection(srs.ExportToWkt())
    b = d.GetRasterBand(1)
    b.SetNoDataValue(nodata)
    b.WriteArray(arr)
    d = None


write("index.tif", idx, gdal.GDT_Float32, -9999)
write("observed.tif", ref, gdal.GDT_Byte, 0)

v = idx[valid].astype(np.float64)
o = ref[valid].astype(int)
mu, sd = v.mean(), v.std(ddof=1)
rows = []
breaks = {
    "errorTheory": [mu + k * sd for k in (-1, 0, 1, 2)],
    "parameter": [m * mu for m in (0.5, 1.0, 1.5, 2.0)],
    "fluctuation": [v.min() + i * (v.max() - v.min()) / 5 for i in (1, 2, 3, 4)],
}
with open("expected_accuracy.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["method", "overallAccuracy", "kappa", "hitRate", "falseAlarmRate", "n", "break1", "break2", "break3", "break4"])
    for m, b in breaks.items():
        p = np.digitize(v, b) + 1  # right=False: a value on a break goes up
        cm = np.zeros((5, 5))
        for a, c in zip(p, o):
            cm[a - 1, c - 1] += 1
        n = cm.sum()
        oa = np.trace(cm) / n
        pe = (cm.sum(1) * cm.sum(0)).sum() / n ** 2
        tp = cm[3:, 3:].sum(); fn = cm[:3, 3:].sum(); fp = cm[3:, :3].sum()
        w.writerow([m, repr(oa), repr((oa - pe) / (1 - pe)), repr(tp / (tp + fn)), repr(fp / (tp + fp)), int(n)] + [repr(float(x)) for x in b])

# Two zones in WGS84 lon/lat splitting the grid at x = x0 + 900 m.
ct = osr.CoordinateTransformation(srs, osr.SpatialReference(osr.SRS_WKT_WGS84_LAT_LONG))
wgs = osr.SpatialReference(); wgs.ImportFromEPSG(4326); wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
ct = osr.CoordinateTransformation(srs, wgs)


def ring(xa, xb, ya, yb):
    pts = [(xa, ya), (xb, ya), (xb, yb), (xa, yb), (xa, ya)]
    return [list(ct.TransformPoint(x, y)[:2]) for x, y in pts]


xm = x0 + 900
feats = [
    {"type": "Feature", "properties": {"adcode": 1, "name": "west"}, "geometry": {"type": "Polygon", "coordinates": [ring(x0 - 100, xm, y0 - H * px - 100, y0 + 100)]}},
    {"type": "Feature", "properties": {"adcode": 2, "name": "east"}, "geometry": {"type": "Polygon", "coordinates": [ring(xm, x0 + W * px + 100, y0 - H * px - 100, y0 + 100)]}},
]
json.dump({"type": "FeatureCollection", "features": feats}, open("zones_wgs84.geojson", "w"), indent=0)
# Zone sums of the index (the pixel-centre rule puts columns 0..29 west, 30..59 east).
with open("expected_zones.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["zoneId", "validPixels", "netDeltaTonnesC"])
    for zid, cols in ((1, slice(0, 30)), (2, slice(30, 60))):
        part = idx[:, cols].astype(np.float64)
        ok = part != -9999
        w.writerow([zid, int(ok.sum()), repr(float(part[ok].sum()))])
# A sample file: 50 pixels with their observed level, by col,row.
pick = np.argwhere(valid)[rng.choice(valid.sum(), 50, replace=False)]
with open("samples.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["col", "row", "level"])
    for r, c in pick:
        w.writerow([c, r, ref[r, c]])
with open("VERSIONS", "w") as f:
    f.write(f"GDAL {gdal.__version__}\nnumpy {np.__version__}\n")
