#!/usr/bin/env bash
# Benchmark (issue 17): the land-use simulation at scale — target 64 Mpx, 10 simulated years, 2 cores, within
# 2 minutes and 4 GB. Land use and elevation come from a demo run's inputs (by default the demo-8000 run,
# 8000 × 8000 = 64 Mpx, shared with serve-load.sh; made with `landcarbon demo --size 8000` when absent). SIZE (px, e.g.
# SIZE=2000) resamples them first with `gdal_translate -outsize SIZE SIZE -r nearest` (mode for the classes would
# also do; nearest keeps the codes) for a smaller run.
# `landcarbon simulate` on a study of the two last years (2020, 2024; flux accounting at 50 t C/ha for
# construction, coefficient rasters off) with `simulation: {calibrate: [2020, 2024], horizon: [2025 … 2034],
# scenarios: [natural], dem: dem.tif}`: ten yearly allocations, each from the previous map.
# /usr/bin/time -v gives the wall time and peak RSS; the stage times come from the run's progress lines and the
# simulation's CPU split per phase (read, drivers, sampling, training, prediction, allocation, write, chain) from
# LANDCARBON_PROFILE=1.
# Results: benchmarks/results/simulation-scale-<date>.{csv,md}.
# Usage: benchmarks/scripts/simulation-scale.sh [DEMO_RUN_DIR]
REPS="${REPS:-1}"
. "$(dirname "$0")/lib.sh"
DEMO="${1:-$DATA/demo-8000}"
SIZE="${SIZE:-}"
mkdir -p "$DATA"
build_landcarbon
if [ ! -f "$DEMO/inputs/landuse_2024.tif" ]; then
  "$LANDCARBON" demo --size 8000 --no-simulation --out "$DEMO" >/dev/null || { echo "demo --size 8000 failed" >&2; exit 1; }
fi
WORK="$DATA/simulation-scale${SIZE:+-$SIZE}"; rm -rf "$WORK"; mkdir -p "$WORK"
for f in landuse_2020 landuse_2024 dem; do
  if [ -n "$SIZE" ]; then
    gdal_translate -q -outsize "$SIZE" "$SIZE" -r nearest "$DEMO/inputs/$f.tif" "$WORK/$f.tif" || exit 1
  else
    ln -s "$(cd "$DEMO/inputs" && pwd)/$f.tif" "$WORK/$f.tif"
  fi
done
PX=$(gdalinfo "$WORK/landuse_2024.tif" | awk '/^Size is/{gsub(",",""); print $3 "x" $4}')
cat > "$WORK/study.yaml" <<YAML
region: Synthetic Central Guizhou (demo), simulation benchmark
years: {2020: landuse_2020.tif, 2024: landuse_2024.tif}
classes:
  map: {1: cultivated, 2: forest, 3: forest, 4: grassland, 5: water, 6: unused, 7: unused, 8: construction, 9: water}
  nodata: [0, 255]
accounting: {construction: {value: 50}, writeCoefficientRasters: false}
simulation:
  calibrate: [2020, 2024]
  horizon: [2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034]
  scenarios: [natural]
  dem: dem.tif
YAML
CSV="$RESULTS/simulation-scale-$DATE.csv"; MD="$RESULTS/simulation-scale-$DATE.md"
[ -f "$CSV" ] || echo "task,tool,size,rep,wall_s,max_rss_mb,rc" > "$CSV"
measure "$CSV" simulate "LandCarbon simulate (accounting of 2 years + 10 yearly allocations)" "2x$PX" -- \
  env LANDCARBON_PROFILE=1 "$LANDCARBON" simulate "$WORK/study.yaml" --out "$WORK/out"
summarize "$CSV" "$MD" "land-use simulation at scale ($DATE)"
{ echo; echo "## Stages (last repetition, $PX)"; echo '```'; grep -E "done in|failed|phases" "$LAST_OUT" "${LAST_OUT%.out}.err" 2>/dev/null | sed 's/^[^:]*://'; echo '```'
  echo; echo "Target (issue 17): 64 Mpx (8000x8000), 10 simulated years, 2 cores: < 120 s and < 4096 MB peak RSS."; } >> "$MD"
cat "$MD"
