#!/usr/bin/env python3
"""COG oracle for LandCarbon's GeoTIFF writer (Debian GDAL 3.6.2, python3-gdal, numpy 1.24).

For each file: GDAL's own Cloud-Optimized GeoTIFF validator (osgeo_utils.samples.validate_cloud_optimized_geotiff,
shipped with python3-gdal), the overview sizes, and each overview level recomputed with numpy from the level above
as GDAL reads it: 2x2 blocks (fewer at odd edges), nodata left out; MODE = most frequent value, ties to the smaller;
AVERAGE = mean. Prints one JSON line per file:
{"file", "valid", "errors", "warnings", "levels": [[w, h], ...], "mismatches": [...], "maxAbsDiff": [...]}.
Usage: cog_check.py mode|average FILE...
"""
import json
import sys

import numpy as np
from osgeo import gdal
from osgeo_utils.samples import validate_cloud_optimized_geotiff as v

gdal.UseExceptions()


def reduce(a, nodata, mode):
    h, w = a.shape
    oh, ow = (h + 1) // 2, (w + 1) // 2
    out = np.full((oh, ow), np.nan if nodata is None else nodata, dtype=np.float64)
    for r in range(oh):
        for c in range(ow):
            cell = a[2 * r:2 * r + 2, 2 * c:2 * c + 2].astype(np.float64).ravel()
            cell = cell[~np.isnan(cell)]
            if nodata is not None:
                cell = cell[cell != nodata]
            if cell.size == 0:
                continue
            if mode == "mode":
                vals, counts = np.unique(cell, return_counts=True)  # sorted values: argmax picks the smaller on ties
                out[r, c] = vals[np.argmax(counts)]
            else:
                out[r, c] = cell.mean()
    return out


def main():
    mode = sys.argv[1]
    for path in sys.argv[2:]:
        warnings, errors, _ = v.validate(path, full_check=True)
        ds = gdal.Open(path)
        b = ds.GetRasterBand(1)
        nodata = b.GetNoDataValue()
        # GDAL 3.6 reads Int8 as bytes flagged PIXELTYPE=SIGNEDBYTE: reinterpret them as signed.
        signed = b.DataType == gdal.GDT_Byte and b.GetMetadataItem("PIXELTYPE", "IMAGE_STRUCTURE") == "SIGNEDBYTE"

        def read(band):
            a = band.ReadAsArray()
            return (a.astype(np.int8) if signed else a).astype(np.float64)

        if signed and nodata is not None and nodata > 127:
            nodata -= 256
        prev = read(b)
        levels, mismatches, diffs = [], [], []
        for i in range(b.GetOverviewCount()):
            o = b.GetOverview(i)
            levels.append([o.XSize, o.YSize])
            got = read(o)
            want = reduce(prev, nodata, mode)
            if b.DataType == gdal.GDT_Float32:
                want = want.astype(np.float32).astype(np.float64)
            both_nan = np.isnan(got) & np.isnan(want)
            d = np.where(both_nan, 0, np.abs(got - want))
            d = np.where(np.isnan(d), np.inf, d)
            mismatches.append(int(np.count_nonzero(d > 0)))
            diffs.append(float(d.max()) if d.size else 0.0)
            prev = got
        print(json.dumps({"file": path, "valid": not errors, "errors": errors, "warnings": warnings,
                          "levels": levels, "mismatches": mismatches, "maxAbsDiff": diffs}))


if __name__ == "__main__":
    main()
