#!/usr/bin/env python3
"""Tile oracle for `landcarbon serve` (issue 19): the raster value under every pixel centre of a 256 px EPSG:3857
tile, as GDAL and PROJ find it (Debian GDAL 3.6.2, python3-gdal, numpy).

Reads lines "FILE Z X Y" on stdin. For each tile, the centre of tile pixel (i, j) is the EPSG:3857 point
(−πR + (256·X + i + 0.5)·res, πR − (256·Y + j + 0.5)·res) with R = 6378137 and res = 2πR / (256·2^Z); osr transforms
it from EPSG:3857 to the raster's CRS (PROJ), the inverse of the file's geotransform gives the fractional
column/row, and the value is the full-resolution pixel holding it (band 1 read with ReadAsArray). Off the raster, at
the band's nodata value or NaN the value is null.

Prints one JSON line per tile: {"file", "z", "x", "y", "values": [65,536 numbers or null, row-major],
"edge": [distance in raster pixels from the pixel centre's position to the nearest pixel border, row-major]}.
"""
import json
import math
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()

R = 6378137.0
N = 256


def tile(path, z, x, y):
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    data = band.ReadAsArray()
    nodata = band.GetNoDataValue()
    gt = ds.GetGeoTransform()
    src = osr.SpatialReference()
    src.ImportFromEPSG(3857)
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dst = osr.SpatialReference()
    dst.ImportFromWkt(ds.GetProjection())
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(src, dst)
    res = 2 * math.pi * R / (N * 2 ** z)
    j, i = np.mgrid[0:N, 0:N]
    mx = -math.pi * R + (N * x + i + 0.5) * res
    my = math.pi * R - (N * y + j + 0.5) * res
    pts = ct.TransformPoints(np.column_stack([mx.ravel(), my.ravel()]).tolist())
    gx = np.array([p[0] for p in pts])
    gy = np.array([p[1] for p in pts])
    inv = gdal.InvGeoTransform(gt)
    col = inv[0] + inv[1] * gx + inv[2] * gy
    row = inv[3] + inv[4] * gx + inv[5] * gy
    h, w = data.shape
    inside = (col >= 0) & (row >= 0) & (col < w) & (row < h)
    ci = np.clip(np.floor(col).astype(np.int64), 0, w - 1)
    ri = np.clip(np.floor(row).astype(np.int64), 0, h - 1)
    v = data[ri, ci].astype(np.float64)
    valid = inside & ~np.isnan(v)
    if nodata is not None and not math.isnan(nodata):
        valid &= v != nodata
    fc, fr = col - np.floor(col), row - np.floor(row)
    edge = np.minimum(np.minimum(fc, 1 - fc), np.minimum(fr, 1 - fr))
    values = [float(a) if ok_ else None for a, ok_ in zip(v.tolist(), valid.tolist())]
    return {"file": path, "z": z, "x": x, "y": y, "values": values, "edge": [round(e, 6) for e in edge.tolist()]}


def main():
    for line in sys.stdin:
        parts = line.split()
        if len(parts) != 4:
            continue
        print(json.dumps(tile(parts[0], int(parts[1]), int(parts[2]), int(parts[3]))))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
