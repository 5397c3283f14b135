#!/usr/bin/python3
"""Makes the tiny GeoTIFF fixtures in this folder with GDAL (run with Debian's /usr/bin/python3 from this folder:
`/usr/bin/python3 make_rasters.py`). Every file is at most 50 KB. Good files cover the layouts, types, compressions,
predictors, byte orders and CRSs the reader supports; broken_* files are damaged or unsupported on purpose.
EXPECTED.jsonl holds GDAL's view of every good file (via ../oracles/gdal/gdal_read.py); VERSIONS the tool versions."""
import os
import struct
import subprocess
import sys

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()
HERE = os.path.dirname(os.path.abspath(__file__))
os.chdir(HERE)
rng = np.random.default_rng(20261128)

KRASS_ALBERS = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +x_0=0 +y_0=0 +ellps=krass +units=m +no_defs"
CLCD_ALBERS = "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs"

# CLCD classes 1..9 with their official colours.
CLCD_COLORS = {1: (250, 227, 156), 2: (68, 111, 51), 3: (51, 160, 44), 4: (171, 211, 223), 5: (220, 240, 100),
               6: (73, 112, 240), 7: (232, 232, 232), 8: (200, 0, 0), 9: (240, 240, 240)}


def srs_of(crs):
    s = osr.SpatialReference()
    if isinstance(crs, int):
        s.ImportFromEPSG(crs)
    else:
        s.ImportFromProj4(crs)
    return s.ExportToWkt()


def patches(h, w, classes, cell=8):
    """Blocky categorical field: classes in 8x8 patches plus some per-pixel noise."""
    base = rng.choice(classes, size=((h + cell - 1) // cell, (w + cell - 1) // cell))
    a = np.kron(base, np.ones((cell, cell), dtype=base.dtype))[:h, :w]
    noise = rng.random((h, w)) < 0.1
    a[noise] = rng.choice(classes, size=noise.sum())
    return a


def write(name, arr, gdal_type, crs, options, nodata=None, origin=(500000.0, 3400000.0), pixel=30.0, colors=None,
          metadata=None):
    h, w = arr.shape
    mem = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal_type)
    mem.SetGeoTransform((origin[0], pixel, 0.0, origin[1], 0.0, -pixel))
    if crs is not None:
        mem.SetProjection(srs_of(crs))
    band = mem.GetRasterBand(1)
    if metadata:
        band.SetMetadata(metadata, "IMAGE_STRUCTURE")
    band.WriteArray(arr)
    if nodata is not None:
        band.SetNoDataValue(nodata)
    if colors is not None:
        ct = gdal.ColorTable()
        for v, c in colors.items():
            ct.SetColorEntry(v, c)
        band.SetColorTable(ct)
    del band
    if os.path.exists(name):
        os.remove(name)
    out = gdal.GetDriverByName("GTiff").CreateCopy(name, mem, options=options)
    out = None
    mem = None


def main():
    u8 = gdal.GDT_Byte
    # The README's first command runs `raster info` on this one: a CLCD-coded tile with the CLCD palette.
    clcd = patches(64, 64, np.arange(1, 10, dtype=np.uint8))
    clcd[:5, :7] = 0
    write("clcd_small.tif", clcd, u8, 32648, ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32", "COMPRESS=DEFLATE"],
          nodata=0, colors=CLCD_COLORS)

    i8 = patches(50, 70, np.array([1, 2, 3, 4, 5, 6, 7], dtype=np.int8)).astype(np.int8)
    i8[-6:, :] = -128
    write("int8_nodata_strip_deflate.tif", i8.view(np.uint8), u8, 32649,
          ["COMPRESS=DEFLATE", "PREDICTOR=2", "BLOCKYSIZE=8", "PIXELTYPE=SIGNEDBYTE"], nodata=-128)

    yy, xx = np.mgrid[0:60, 0:80]
    f32 = (np.sin(xx / 9.0) * np.cos(yy / 7.0) * 100 + rng.normal(0, 0.01, (60, 80))).astype(np.float32)
    f32[10:14, 20:30] = -9999
    f32[0, 0] = np.nan
    write("float32_pred3_tiled_lzw.tif", f32, gdal.GDT_Float32, 4490,
          ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32", "COMPRESS=LZW", "PREDICTOR=3"], nodata=-9999,
          origin=(104.0, 27.0), pixel=0.00025)

    f64 = (xx * 1000.5 - yy * 3.25).astype(np.float64)[:40, :50]
    write("float64_strip_deflate_pred3.tif", f64, gdal.GDT_Float64, 32648, ["COMPRESS=DEFLATE", "PREDICTOR=3", "BLOCKYSIZE=5"])

    u16 = (patches(45, 66, np.arange(0, 40, dtype=np.uint16)) * 1000 + 7).astype(np.uint16)
    write("uint16_strip_lzw_pred2.tif", u16, gdal.GDT_UInt16, 4547, ["COMPRESS=LZW", "PREDICTOR=2", "BLOCKYSIZE=4"],
          nodata=65535, origin=(39500000.0, 3300000.0))

    i16 = (patches(40, 48, np.arange(-20, 20, dtype=np.int16)) * 300).astype(np.int16)
    write("int16_bigendian_tiled_deflate_pred2.tif", i16, gdal.GDT_Int16, 32650,
          ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "COMPRESS=DEFLATE", "PREDICTOR=2", "ENDIANNESS=BIG"],
          nodata=-32768)

    i32 = (patches(30, 41, np.arange(-5, 5, dtype=np.int32)) * 123456).astype(np.int32)
    write("int32_packbits_strip.tif", i32, gdal.GDT_Int32, 3857, ["COMPRESS=PACKBITS"], nodata=-2147483648,
          origin=(11500000.0, 3500000.0))

    u32 = (patches(33, 35, np.arange(0, 6, dtype=np.uint32)) * 700000000).astype(np.uint32)
    write("uint32_uncompressed_tiled.tif", u32, gdal.GDT_UInt32, 32648, ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16"])

    big = patches(100, 120, np.arange(1, 8, dtype=np.uint8))
    write("bigtiff_tiled_deflate.tif", big, u8, 32649,
          ["BIGTIFF=YES", "TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=64", "COMPRESS=DEFLATE"], nodata=15)

    write("bigtiff_strip_lzw.tif", big, u8, 32649, ["BIGTIFF=YES", "COMPRESS=LZW", "BLOCKYSIZE=16"], nodata=15)

    alb = patches(64, 64, np.arange(1, 7, dtype=np.uint8))
    write("albers_krassowsky.tif", alb, u8, KRASS_ALBERS, ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32", "COMPRESS=DEFLATE"],
          nodata=0, origin=(-1500000.0, 4000000.0))
    write("albers_clcd_wgs84.tif", alb, u8, CLCD_ALBERS, ["COMPRESS=LZW"], nodata=0, origin=(-1500000.0, 4000000.0))

    # Sparse: tiles that are entirely nodata are not written at all (TileByteCounts 0).
    sp = np.full((96, 96), 255, dtype=np.uint8)
    sp[32:64, 32:64] = patches(32, 32, np.arange(1, 5, dtype=np.uint8))
    sp[0:10, 80:96] = 3
    write("sparse_tiled.tif", sp, u8, 32648, ["TILED=YES", "BLOCKXSIZE=32", "BLOCKYSIZE=32", "COMPRESS=DEFLATE",
                                               "SPARSE_OK=TRUE"], nodata=255)

    nb4 = patches(50, 45, np.arange(1, 8, dtype=np.uint8))
    write("nbits4_tiled_lzw.tif", nb4, u8, 32649, ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "COMPRESS=LZW", "NBITS=4"],
          nodata=15)

    cog_src = patches(300, 300, np.arange(1, 8, dtype=np.uint8))
    write("_cog_src.tif", cog_src, u8, 32648, [], nodata=0)
    if os.path.exists("cog_deflate.tif"):
        os.remove("cog_deflate.tif")
    gdal.Translate("cog_deflate.tif", "_cog_src.tif", format="COG",
                   creationOptions=["COMPRESS=DEFLATE", "BLOCKSIZE=128", "OVERVIEWS=AUTO"])
    os.remove("_cog_src.tif")

    # ----- broken or unsupported files -----
    small = patches(40, 40, np.arange(1, 5, dtype=np.uint8))
    write("zstd_tiled.tif", small, u8, 32648, ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "COMPRESS=ZSTD"])
    write("broken_jpeg.tif", small, u8, 32648, ["COMPRESS=JPEG"])
    write("broken_webp.tif", np.dstack([small] * 3)[:, :, 0], u8, 32648, ["COMPRESS=LERC"])
    os.rename("broken_webp.tif", "broken_lerc.tif")

    mem = gdal.GetDriverByName("MEM").Create("", 20, 20, 3, u8)
    mem.SetGeoTransform((0, 1, 0, 0, 0, -1))
    gdal.GetDriverByName("GTiff").CreateCopy("broken_multiband.tif", mem, options=["COMPRESS=DEFLATE"])
    mem = None

    with open("broken_magic.tif", "wb") as f:
        f.write(b"GIF89a this is not a TIFF file at all\n")

    write("_whole.tif", small, u8, 32648, ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "COMPRESS=DEFLATE"], nodata=0)
    data = open("_whole.tif", "rb").read()
    # GDAL puts the IFD first and the tiles after it: cutting the file loses the last tiles.
    with open("broken_truncated.tif", "wb") as f:
        f.write(data[: len(data) * 2 // 3])
    with open("broken_header_only.tif", "wb") as f:
        f.write(data[:6])

    # A tile offset moved past the end of the file.
    ds = gdal.Open("_whole.tif")
    off0 = int(ds.GetRasterBand(1).GetMetadataItem("BLOCK_OFFSET_0_1", "TIFF"))
    ds = None
    patched = bytearray(data)
    ifd = struct.unpack("<I", patched[4:8])[0]
    n = struct.unpack("<H", patched[ifd:ifd + 2])[0]
    for i in range(n):
        e = ifd + 2 + 12 * i
        tag, typ, cnt, val = struct.unpack("<HHII", patched[e:e + 12])
        if tag == 324:  # TileOffsets: an array of LONGs at val
            for k in range(cnt):
                p = val + 4 * k
                if struct.unpack("<I", patched[p:p + 4])[0] == off0:
                    patched[p:p + 4] = struct.pack("<I", len(data) + 1000)
    with open("broken_tile_offset.tif", "wb") as f:
        f.write(patched)

    # Damaged Deflate data inside the file (the tile exists but does not decompress).
    corrupt = bytearray(data)
    corrupt[off0:off0 + 20] = bytes(range(200, 220))
    with open("broken_deflate_data.tif", "wb") as f:
        f.write(corrupt)
    os.remove("_whole.tif")

    make_zstd_lzma()

    good = sorted(f for f in os.listdir(".") if f.endswith(".tif") and not f.startswith("broken_"))
    oracle = os.path.join(HERE, "..", "oracles", "gdal", "gdal_read.py")
    out = subprocess.run([sys.executable, oracle] + good, check=True, capture_output=True, text=True).stdout
    with open("EXPECTED.jsonl", "w") as f:
        f.write(out)
    with open("VERSIONS", "w") as f:
        f.write(f"GDAL {gdal.__version__}\nnumpy {np.__version__}\npython {sys.version.split()[0]}\n")
    for name in sorted(os.listdir(".")):
        if name.endswith(".tif"):
            size = os.path.getsize(name)
            assert size <= 50_000, f"{name} is {size} bytes"


def make_zstd_lzma():
    """ZSTD and LZMA files (both common in recent COGs), with and without predictors, tiled and striped. A separate
    random stream keeps every file above byte-identical to what earlier versions of this script wrote."""
    r = np.random.default_rng(20261202)
    yy, xx = np.mgrid[0:45, 0:52]
    i16 = ((xx * 37 - yy * 11) % 400 - 200 + r.integers(-3, 4, (45, 52))).astype(np.int16)
    i16[:4, :9] = -32768
    write("zstd_tiled_pred2_int16.tif", i16, gdal.GDT_Int16, 32649,
          ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "COMPRESS=ZSTD", "PREDICTOR=2", "ZSTD_LEVEL=9"], nodata=-32768)
    f32 = (np.sin(xx / 5.0) * np.cos(yy / 6.0) * 50 + r.normal(0, 0.01, (45, 52))).astype(np.float32)
    f32[20:25, 30:40] = -9999
    write("zstd_strip_pred3_float32.tif", f32, gdal.GDT_Float32, 4326, ["COMPRESS=ZSTD", "PREDICTOR=3", "BLOCKYSIZE=7"],
          nodata=-9999, origin=(106.5, 26.7), pixel=0.00025)
    u8 = (r.integers(1, 7, (38, 41))).astype(np.uint8)
    u8[30:, :] = 0
    write("lzma_tiled.tif", u8, gdal.GDT_Byte, 32648, ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "COMPRESS=LZMA"],
          nodata=0)
    u16 = ((xx * 1000 + yy * 7) % 60000).astype(np.uint16)
    write("lzma_strip_pred2_uint16.tif", u16, gdal.GDT_UInt16, 3857, ["COMPRESS=LZMA", "PREDICTOR=2", "BLOCKYSIZE=10"],
          origin=(11800000.0, 3100000.0))
    f64 = (xx * 0.125 - yy * 3.5 + r.normal(0, 1e-6, (45, 52))).astype(np.float64)[:30, :33]
    write("lzma_tiled_pred3_float64.tif", f64, gdal.GDT_Float64, 32650,
          ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "COMPRESS=LZMA", "PREDICTOR=3", "LZMA_PRESET=9"])

    # Damaged ZSTD data inside the file: the first tile's frame is overwritten after its magic number.
    write("_zstd.tif", u8, gdal.GDT_Byte, 32648, ["TILED=YES", "BLOCKXSIZE=16", "BLOCKYSIZE=16", "COMPRESS=ZSTD"], nodata=0)
    ds = gdal.Open("_zstd.tif")
    off0 = int(ds.GetRasterBand(1).GetMetadataItem("BLOCK_OFFSET_0_0", "TIFF"))
    ds = None
    data = bytearray(open("_zstd.tif", "rb").read())
    data[off0 + 4:off0 + 24] = bytes(range(200, 220))
    with open("broken_zstd_data.tif", "wb") as f:
        f.write(data)
    os.remove("_zstd.tif")


if __name__ == "__main__":
    main()
