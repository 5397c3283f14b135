#!/usr/bin/python3
"""Makes a float32 NDVI-like correction raster on the grid of a land-use raster (for the reclass benchmark).

usage: make_ndvi.py LANDUSE.tif OUT.tif
NDVI = 0.45 + 0.25·sin(col/430)·cos(row/610) + 0.03·class code, nodata -9999 where the land use is nodata;
tiled 256x256 DEFLATE. Written strip by strip, so memory stays small. Deterministic (no randomness).
"""
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()
src, dst = sys.argv[1], sys.argv[2]
ds = gdal.Open(src)
b = ds.GetRasterBand(1)
w, h = ds.RasterXSize, ds.RasterYSize
nd = b.GetNoDataValue()
out = gdal.GetDriverByName("GTiff").Create(dst, w, h, 1, gdal.GDT_Float32,
                                          options=["TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=DEFLATE"])
out.SetGeoTransform(ds.GetGeoTransform())
out.SetProjection(ds.GetProjection())
ob = out.GetRasterBand(1)
ob.SetNoDataValue(-9999)
cols = np.sin(np.arange(w) / 430.0)
step = 256
for y in range(0, h, step):
    n = min(step, h - y)
    a = b.ReadAsArray(0, y, w, n)
    rows = np.cos(np.arange(y, y + n) / 610.0)[:, None]
    v = (0.45 + 0.25 * rows * cols[None, :] + 0.03 * a).astype(np.float32)
    if nd is not None:
        v[a == int(nd)] = -9999
    ob.WriteArray(v, 0, y)
ob.FlushCache()
out = None
