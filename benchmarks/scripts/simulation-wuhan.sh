#!/usr/bin/env bash
# Benchmark + real-data check of the land-use simulation: `landcarbon simulate` on the Wuhan 30 m PLUS sample
# (../shared/data/lulc-wuhan-30m, 2931x2931): hindcast calibrated 2003->2010 and validated on 2013 with WaterWuhan.tif
# as restricted area and the stored drivers (elevation + slope, population, soil type), plus two scenarios
# (natural, lowCarbon) from 2013 to 2020 and 2030. Records wall time and peak RSS, the accuracy table, and
# (GDAL+numpy, independently of LandCarbon) the observed change 2010->2013 and the share of it that is
# cultivated<->forest swapping. Results: benchmarks/results/simulation-wuhan-<date>.{csv,md}.
REPS="${REPS:-1}"   # one run: it takes minutes on the shared machine
. "$(dirname "$0")/lib.sh"
W="$ROOT/../shared/data/lulc-wuhan-30m"
[ -f "$W/wh2003_refy.tif" ] || { echo "Wuhan data not found at ../shared/data/lulc-wuhan-30m" >&2; exit 1; }
W="$(cd "$W" && pwd)"
build_landcarbon
WORK="$DATA/simulation-wuhan"; mkdir -p "$WORK"
cat > "$WORK/study.yaml" <<YAML
region: Wuhan (PLUS sample data)
years: {2003: $W/wh2003_refy.tif, 2005: $W/wh2005_refy.tif, 2010: $W/wh2010_refy.tif, 2013: $W/wh2013_refy.tif}
classes:
  map: {1: grassland, 2: forest, 3: cultivated, 4: construction, 5: unused, 6: water, 7: forest}
  nodata: [15, -128]
accounting: {construction: {value: 50}, writeCoefficientRasters: false}
simulation:
  hindcast: {calibrate: [2003, 2010], validate: 2013}
  horizon: [2020, 2030]
  scenarios: [natural, lowCarbon]
  restricted: $W/WaterWuhan.tif
  dem: $W/drivers/wh_df_dem.tif
  drivers: [$W/drivers/wh_Pop.tif, $W/drivers/wh_soiltype.tif]
YAML
CSV="$RESULTS/simulation-wuhan-$DATE.csv"; MD="$RESULTS/simulation-wuhan-$DATE.md"
echo "task,tool,size,rep,wall_s,max_rss_mb,rc" > "$CSV"
rm -rf "$WORK/out"
measure "$CSV" simulate "LandCarbon simulate (accounting + hindcast + 2 scenarios x 2 years)" 4x2931x2931 -- "$LANDCARBON" simulate "$WORK/study.yaml" --out "$WORK/out"
$PY - "$WORK/out" <<'PYEOF' > "$MD.checks"
import sys, csv
import numpy as np
from osgeo import gdal
out = sys.argv[1]
read = lambda n: gdal.Open(f"{out}/rasters/{n}.tif").ReadAsArray()
a, b, s = read("landuse_2010"), read("landuse_2013"), read("landuse_hindcast_2013")
v = (a > 0) & (b > 0)
ch = v & (a != b)
cf = ch & (((a == 1) & (b == 2)) | ((a == 2) & (b == 1)))
net = sum(max(int((v & (a != k) & (b == k)).sum()) - int((v & (a == k) & (b != k)).sum()), 0) for k in range(1, 7))
print(f"- GDAL+numpy: {int(v.sum())} px valid in 2010 and 2013; {int(ch.sum())} changed ({ch.sum() / v.sum():.4f}); net change {net} px ({net / ch.sum():.4f} of the change); cultivated<->forest {int(cf.sum())} px ({cf.sum() / ch.sum():.4f} of the change)")
sim_counts = [int(((s == k) & v).sum()) for k in range(1, 7)]
obs_counts = [int(((b == k) & v).sum()) for k in range(1, 7)]
print(f"- hindcast class pixels equal the observed 2013 pixels: {sim_counts == obs_counts}")
print("- accuracy (tables/simulation_accuracy.csv):")
for r in csv.DictReader(open(f"{out}/tables/simulation_accuracy.csv")):
    print(f"  - {r['model']}: FoM {r['fom']}, PA {r['producersAccuracy']}, UA {r['usersAccuracy']}, OA {r['overallAccuracy']}, kappa {r['kappa']}, Ksim {r['kappaSimulation']}")
for r in csv.DictReader(open(f"{out}/tables/simulation_accuracy_by_class.csv")):
    if r["model"] == "landcarbon" and r["class"] == "construction":
        print(f"  - construction gain: FoM {r['fom']}, PA {r['producersAccuracy']}, UA {r['usersAccuracy']}, Ksim {r['kappaSimulation']}")
PYEOF
summarize "$CSV" "$MD" "land-use simulation on Wuhan 30 m ($DATE)"
{ echo; echo "## Checks"; cat "$MD.checks"; echo; echo "Other helpers' builds and tests shared the 2 cores during this run (see load_at_start)."; } >> "$MD"; rm -f "$MD.checks"
cat "$MD"
