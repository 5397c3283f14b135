#!/usr/bin/python3
"""GDAL's view of GeoTIFFs, one JSON line per file: size, type, geotransform, nodata, CRS, colour table,
GDAL checksum and the SHA-256 of the pixel bytes (little-endian, row-major). Used as the oracle for the
GeoTIFF writer and reader tests. Run with Debian's /usr/bin/python3 (python3-gdal, python3-numpy)."""
import hashlib
import json
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()

for path in sys.argv[1:]:
    ds = gdal.Open(path)
    band = ds.GetRasterBand(1)
    arr = band.ReadAsArray()
    md = band.GetMetadata("IMAGE_STRUCTURE")
    dtype = gdal.GetDataTypeName(band.DataType)
    if dtype == "Byte" and md.get("PIXELTYPE") == "SIGNEDBYTE":
        dtype = "Int8"
        arr = arr.view(np.int8)
    srs = ds.GetSpatialRef()
    epsg = None
    proj4 = ""
    if srs is not None:
        proj4 = srs.ExportToProj4().strip()
        if srs.GetAuthorityName(None) == "EPSG":
            epsg = int(srs.GetAuthorityCode(None))
    ct = band.GetColorTable()
    colors = None
    if ct is not None:
        colors = [list(ct.GetColorEntry(i)) for i in range(ct.GetCount())]
    print(json.dumps({
        "file": path,
        "width": ds.RasterXSize,
        "height": ds.RasterYSize,
        "bands": ds.RasterCount,
        "dataType": dtype,
        "geoTransform": list(ds.GetGeoTransform()),
        "nodata": band.GetNoDataValue(),
        "epsg": epsg,
        "proj4": proj4,
        "colors": colors,
        "checksum": band.Checksum(),
        "sha256": hashlib.sha256(np.ascontiguousarray(arr).astype(arr.dtype.newbyteorder("<")).tobytes()).hexdigest(),
    }, allow_nan=True))
    del band
    ds = None
