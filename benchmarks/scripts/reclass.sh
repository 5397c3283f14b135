#!/usr/bin/env bash
# Benchmark: the fused per-pixel accounting kernel of `landcarbon run` (reclassify CLCD → 6 classes, composite
# coefficient with a normalised vegetation correction, CBI = CC × pixel area, writing the float32 CBI raster and the
# uint8 class raster, tiled Deflate) on the peer 100-million-pixel land-use raster, side by side in this one script
# with gdal_calc.py --calc "take(lut,A)*0.09" and the GDAL+numpy peer (1 and 2 threads), which only reclassify and
# multiply. LandCarbon's wall time includes loading and checking the study (a full histogram pass over the raster).
# Data: ../shared/bench/make_data.sh --only landuse (deterministic). Results: benchmarks/results/reclass-<date>.{csv,md}.
. "$(dirname "$0")/lib.sh"
need_pkgs gdal_calc.py:python3-gdal
[ -f "$DATA/lu_2000.tif" ] || bash "$SHARED_BENCH/make_data.sh" --only landuse >/dev/null || exit 1
A="$DATA/lu_2000.tif"; S=10000x10000
WORK="$DATA/reclass"; mkdir -p "$WORK"
[ -f "$WORK/ndvi_2000.tif" ] || $PY "$(dirname "$0")/peers/make_ndvi.py" "$A" "$WORK/ndvi_2000.tif" || exit 1
build_landcarbon
CSV="$RESULTS/reclass-$DATE.csv"; MD="$RESULTS/reclass-$DATE.md"
echo "task,tool,size,rep,wall_s,max_rss_mb,rc" > "$CSV"

# The peers multiply by the nominal pixel area (0.09 ha), so the rows compared with them use areaModel: nominal;
# the default true areas (UTM: 1/k² per pixel) are measured too. report: false: the report is not this work.
for model in nominal true; do
cat > "$WORK/plain_$model.yaml" <<YAML
years: {2000: $A}
accounting: {construction: {value: 50}, writeCoefficientRasters: false, areaModel: $model}
report: false
YAML
cat > "$WORK/corrected_$model.yaml" <<YAML
years: {2000: $A}
accounting:
  construction: {value: 50}
  writeCoefficientRasters: false
  areaModel: $model
  corrections:
    vegetation: {raster: $WORK/ndvi_2000.tif, classes: [cultivated, forest, grassland]}
report: false
YAML
done

echo "LandCarbon" >&2
measure "$CSV" reclass_multiply "LandCarbon run: reclass + CBI + class raster (nominal area)" $S -- "$LANDCARBON" run "$WORK/plain_nominal.yaml" --out "$WORK/lc_plain"
measure "$CSV" reclass_multiply "LandCarbon run: reclass + normalised NDVI correction (2 passes) + CBI + class raster (nominal area)" $S -- "$LANDCARBON" run "$WORK/corrected_nominal.yaml" --out "$WORK/lc_corrected"
measure "$CSV" reclass_multiply "LandCarbon run: reclass + CBI + class raster (true areas)" $S -- "$LANDCARBON" run "$WORK/plain_true.yaml" --out "$WORK/lc_plain_true"
measure "$CSV" reclass_multiply "LandCarbon run: reclass + normalised NDVI correction (2 passes) + CBI + class raster (true areas)" $S -- "$LANDCARBON" run "$WORK/corrected_true.yaml" --out "$WORK/lc_corrected_true"
echo "gdal_calc" >&2
LUT="[0,0.422,-0.644,-0.644,-0.021,-0.253,-0.005,-0.005,50,-0.253]"
measure "$CSV" reclass_multiply "gdal_calc.py take(lut;A)*0.09" $S -- gdal_calc.py --quiet --overwrite -A "$A" --outfile "$WORK/gdal_calc.tif" \
  --calc "take(numpy.array($LUT,dtype=numpy.float32),A)*0.09" --type Float32 --NoDataValue=-9999 \
  --co TILED=YES --co BLOCKXSIZE=256 --co BLOCKYSIZE=256 --co COMPRESS=DEFLATE
echo "GDAL+numpy" >&2
measure "$CSV" reclass_multiply "GDAL+numpy (strips)" $S -- $PY "$SHARED_BENCH/peers/reclass_gdal.py" "$A" "$WORK/numpy.tif"
measure "$CSV" reclass_multiply "GDAL+numpy (strips; GDAL_NUM_THREADS=2)" $S -- env GDAL_NUM_THREADS=2 $PY "$SHARED_BENCH/peers/reclass_gdal.py" "$A" "$WORK/numpy.tif"

# Check: LandCarbon's CBI raster equals take(lut,A)*0.09 of the same coefficients pixel for pixel (float32), and
# its table total equals the float64 sum of those pixels.
$PY - "$A" "$WORK/lc_plain/rasters/cbi_2000.tif" "$WORK/lc_plain/tables/budget_by_year.csv" <<'PYEOF' > "$MD.checks"
import sys
import numpy as np
from osgeo import gdal
lut = np.array([0, 0.422, -0.644, -0.644, -0.021, -0.253, -0.005, -0.005, 50, -0.253])
a_ds = gdal.Open(sys.argv[1]); c_ds = gdal.Open(sys.argv[2])
a_b = a_ds.GetRasterBand(1); c_b = c_ds.GetRasterBand(1)
h = a_ds.RasterYSize; w = a_ds.RasterXSize
diff = 0; net = 0.0
for y in range(0, h, 1000):
    n = min(1000, h - y)
    a = a_b.ReadAsArray(0, y, w, n); c = c_b.ReadAsArray(0, y, w, n)
    ref = (lut[a] * 0.09).astype(np.float32)
    valid = a != 0
    diff += int(np.count_nonzero(ref[valid] != c[valid])) + int(np.count_nonzero(~np.isnan(c[~valid])))
    net += float(c[valid].astype(np.float64).sum())
row = open(sys.argv[3]).read().splitlines()[1].split(",")
print(f"- CBI pixels differing from take(lut,A)*0.09 (float32): {diff}")
print(f"- net from the table {float(row[3]):.6f} t C/yr vs numpy float64 sum of the raster {net:.6f}: relative difference {abs(float(row[3]) - net) / abs(net):.2e}")
PYEOF
summarize "$CSV" "$MD" "reclassify + coefficient × area: LandCarbon vs gdal_calc and GDAL+numpy ($DATE)"
{ echo; echo "## Checks"; cat "$MD.checks"; echo; echo "Check load_at_start: other work on the 2 cores inflates every row."; } >> "$MD"; rm -f "$MD.checks"
cat "$MD"
