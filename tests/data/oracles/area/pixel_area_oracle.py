#!/usr/bin/python3
"""Independent oracle of LandCarbon's true pixel areas (docs/methods/raster.md section 6).

Usage: pixel_area_oracle.py RASTER.tif [OUT.csv]

Writes `code,pixels,areaM2` (one row per valid code, ascending) and a last row `total,<pixels>,<areaM2>`.
The area of each pixel is computed without LandCarbon's formulas:

* geographic CRS: the closed-form area of a longitude/latitude cell on the CRS's ellipsoid,
  A = (a^2 (1 - e^2) / 2) * dlon * (q(lat2) - q(lat1)),
  q(p) = sin p / (1 - e^2 sin^2 p) - 1/(2e) ln((1 - e sin p) / (1 + e sin p))     (Snyder 1987, eq. 3-12);
* projected CRS: the four pixel corners are transformed to longitude/latitude with GDAL/PROJ (osr), and the
  area of that small quadrilateral is its area in (lon, lat) radians (shoelace) times M*N*cos(lat) at its
  centroid (M, N the meridional and prime-vertical radii of curvature of the ellipsoid).

Sums are accumulated with math.fsum per code. Tools: Python 3.11.7, GDAL 3.6.2 (PROJ through osr), numpy 1.24.2.
"""
import math
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()


def ellipsoid(srs):
    a = srs.GetSemiMajor()
    inv_f = srs.GetInvFlattening()
    e2 = 0.0 if inv_f == 0 else (2 - 1 / inv_f) / inv_f
    return a, e2


def q(lat, e2):
    s = np.sin(lat)
    if e2 == 0:
        return 2 * s
    e = math.sqrt(e2)
    return s / (1 - e2 * s * s) - 1 / (2 * e) * np.log((1 - e * s) / (1 + e * s))


def geographic_row_areas(gt, height, srs):
    a, e2 = ellipsoid(srs)
    rad = srs.GetAngularUnits()  # radians per unit
    rows = np.arange(height + 1, dtype=np.float64)
    lat = (gt[3] + rows * gt[5]) * rad
    qs = q(lat, e2)
    dlon = abs(gt[1]) * rad
    return a * a * (1 - e2) / 2 * dlon * np.abs(qs[1:] - qs[:-1])


def projected_area_rows(gt, width, height, srs):
    """Yields (row0, areas[rows, width]) in chunks."""
    a, e2 = ellipsoid(srs)
    geo = srs.CloneGeogCS()
    geo.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(srs, geo)
    chunk = 128
    cols = np.arange(width + 1, dtype=np.float64)
    for r0 in range(0, height, chunk):
        r1 = min(height, r0 + chunk)
        rr = np.arange(r0, r1 + 1, dtype=np.float64)
        C, R = np.meshgrid(cols, rr)
        x = gt[0] + C * gt[1] + R * gt[2]
        y = gt[3] + C * gt[4] + R * gt[5]
        pts = np.column_stack([x.ravel(), y.ravel()])
        out = np.array(ct.TransformPoints(pts))
        lon = np.radians(out[:, 0]).reshape(x.shape)
        lat = np.radians(out[:, 1]).reshape(x.shape)
        # corners of pixel (i, j): (i, j), (i, j+1), (i+1, j+1), (i+1, j); the shoelace on coordinates relative to
        # the first corner (absolute radians would cancel away ~1e-5 of a 30 m pixel's area)
        x0, y0 = lon[:-1, :-1], lat[:-1, :-1]
        x1, y1 = lon[:-1, 1:] - x0, lat[:-1, 1:] - y0
        x2, y2 = lon[1:, 1:] - x0, lat[1:, 1:] - y0
        x3, y3 = lon[1:, :-1] - x0, lat[1:, :-1] - y0
        shoelace = 0.5 * np.abs((x1 * y2 - x2 * y1) + (x2 * y3 - x3 * y2))
        latc = y0 + (y1 + y2 + y3) / 4
        s2 = np.sin(latc) ** 2
        n = a / np.sqrt(1 - e2 * s2)
        m = a * (1 - e2) / (1 - e2 * s2) ** 1.5
        yield r0, shoelace * m * n * np.cos(latc)


def main():
    path = sys.argv[1]
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    nodata = band.GetNoDataValue()
    data = band.ReadAsArray()
    gt = ds.GetGeoTransform()
    srs = osr.SpatialReference(wkt=ds.GetProjection())
    height, width = data.shape
    sums = {}
    counts = {}
    valid = np.ones(data.shape, dtype=bool) if nodata is None else data != nodata

    def add(block, areas):
        for code in np.unique(block[valid_block]):
            sel = valid_block & (block == code)
            sums.setdefault(int(code), []).append(math.fsum(areas[sel].tolist()))
            counts[int(code)] = counts.get(int(code), 0) + int(sel.sum())

    if srs.IsGeographic():
        row_areas = geographic_row_areas(gt, height, srs)
        for r0 in range(0, height, 256):
            r1 = min(height, r0 + 256)
            block = data[r0:r1]
            valid_block = valid[r0:r1]
            areas = np.repeat(row_areas[r0:r1, None], width, axis=1)
            add(block, areas)
    else:
        for r0, areas in projected_area_rows(gt, width, height, srs):
            r1 = r0 + areas.shape[0]
            block = data[r0:r1]
            valid_block = valid[r0:r1]
            add(block, areas)
    lines = ["code,pixels,areaM2"]
    total = []
    for code in sorted(sums):
        s = math.fsum(sums[code])
        total.append(s)
        lines.append(f"{code},{counts[code]},{s!r}")
    lines.append(f"total,{sum(counts.values())},{math.fsum(total)!r}")
    text = "\n".join(lines) + "\n"
    if len(sys.argv) > 2:
        with open(sys.argv[2], "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
