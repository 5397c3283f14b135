# Writes holes.tif: the "holes" grid of grid_values.csv as a Float64 GeoTIFF (nodata -9999, EPSG:32650, 1 km
# cells) for the `landcarbon spatial` command tests. usage: /usr/bin/python3 make_raster.py (needs python3-gdal).
import csv, os
from osgeo import gdal, osr
import numpy as np
here = os.path.dirname(os.path.abspath(__file__))
rows = [r for r in csv.DictReader(open(os.path.join(here, "grid_values.csv"))) if r["case"] == "holes"]
nr, nc = int(rows[0]["nrow"]), int(rows[0]["ncol"])
a = np.full((nr, nc), -9999.0)
for r in rows:
    if r["value"] != "NA":
        a[int(r["row"]), int(r["col"])] = float(r["value"])
ds = gdal.GetDriverByName("GTiff").Create(os.path.join(here, "holes.tif"), nc, nr, 1, gdal.GDT_Float64)
ds.SetGeoTransform((500000.0, 1000.0, 0.0, 3400000.0, 0.0, -1000.0))
srs = osr.SpatialReference(); srs.ImportFromEPSG(32650)
ds.SetProjection(srs.ExportToWkt())
b = ds.GetRasterBand(1); b.SetNoDataValue(-9999.0); b.WriteArray(a)
ds = None
