#!/usr/bin/env bash
# Benchmark: `landcarbon poi density` (exact quartic kernel density, r = 1 km, one raster per function) on the peer
# data set (100,000 points, 7746 x 7746 px at 30 m = 60 Mpx), side by side in this one script with GRASS v.kernel
# (one raster for all points, same points, kernel, radius and grid). Values are compared at 2,000 seeded pixels:
# the sum of LandCarbon's function rasters (per km²) / 10⁶ against v.kernel's intensity (points per m²).
# Data: ../shared/bench/make_data.sh --only poi (deterministic). Results: benchmarks/results/kde-<date>.{csv,md}.
. "$(dirname "$0")/lib.sh"
need_pkgs gdalinfo:gdal-bin grass:grass-core
[ -f "$DATA/poi.csv" ] && [ -f "$DATA/poi_region.txt" ] && [ -f "$DATA/lu_2020.tif" ] || bash "$SHARED_BENCH/make_data.sh" >/dev/null || exit 1
read -r W N COLS ROWS < <(sed -E 's/.*n=([0-9.]+).*w=([0-9.]+).*rows=([0-9]+) cols=([0-9]+).*/\2 \1 \4 \3/' "$DATA/poi_region.txt")
# The study grid: the POI sub-grid of the land-use raster, without nodata (so both tools cover every pixel).
REF="$DATA/poi_ref.tif"
if [ ! -f "$REF" ]; then
  read -r OX OY < <(gdalinfo "$DATA/lu_2020.tif" | sed -nE 's/^Origin = \(([0-9.]+),([0-9.]+)\)/\1 \2/p')
  XOFF=$(awk -v w="$W" -v o="$OX" 'BEGIN{printf "%d", (w-o)/30}'); YOFF=$(awk -v n="$N" -v o="$OY" 'BEGIN{printf "%d", (o-n)/30}')
  gdal_translate -q -srcwin "$XOFF" "$YOFF" "$COLS" "$ROWS" -a_nodata none -co TILED=YES -co COMPRESS=DEFLATE "$DATA/lu_2020.tif" "$REF" || exit 1
fi
S="${COLS}x${ROWS}@30m"
build_landcarbon
CSV="$RESULTS/kde-$DATE.csv"; MD="$RESULTS/kde-$DATE.md"
echo "task,tool,size,rep,wall_s,max_rss_mb,rc" > "$CSV"

echo "LandCarbon" >&2
OUT="$DATA/lc_kde"
measure "$CSV" kde_quartic "LandCarbon poi density (6 function rasters)" "$S" -- \
  "$LANDCARBON" poi density "$DATA/poi.csv" --grid "$REF" --radius-m 1000 --out "$OUT" --crs grid --category category --json
cp "$LAST_OUT" "$DATA/lc_kde.json"

echo "GRASS" >&2
GDB="$DATA/grassdb"; MAPSET="$GDB/lcbench/PERMANENT"
[ -d "$GDB/lcbench" ] || { mkdir -p "$GDB"; grass -c "$REF" -e "$GDB/lcbench" >/dev/null 2>&1; }
if ! grass "$MAPSET" --exec g.list type=vector 2>/dev/null | grep -qx poi; then
  REPS=1 measure "$CSV" import "GRASS v.in.ascii (not part of kde)" "100000 pts" -- \
    grass "$MAPSET" --exec v.in.ascii --q --o input="$DATA/poi_grass.txt" output=poi separator=pipe x=1 y=2 cat=3 \
      columns="x double precision, y double precision, cat integer, category varchar(16)"
fi
# shellcheck disable=SC2046
grass "$MAPSET" --exec g.region $(sed 's/ rows=[0-9]* cols=[0-9]*//' "$DATA/poi_region.txt") save=poi30 --o >/dev/null 2>&1
measure "$CSV" kde_quartic "GRASS v.kernel (1 raster)" "$S" -- \
  grass "$MAPSET" --exec env WIND_OVERRIDE=poi30 v.kernel --q --o input=poi output=kde30 radius=1000 kernel=quartic

# Agreement at 2,000 seeded pixel centres.
SAMPLE="$DATA/kde_sample.txt"
$PY - "$W" "$N" "$COLS" "$ROWS" > "$SAMPLE" <<'PYEOF'
import sys, numpy as np
w, n, cols, rows = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(7)
for c, r in zip(rng.integers(0, cols, 2000), rng.integers(0, rows, 2000)):
    print(f"{c} {r} {w + (c + 0.5) * 30:.3f} {n - (r + 0.5) * 30:.3f}")
PYEOF
# (grass --exec does not forward stdin, so the points go in coordinates=x1,y1,x2,y2,… in batches of 200;
# output lines are x,y,,value)
: > "$DATA/kde_grass_values.txt"
for start in $(seq 1 200 2000); do
  grass "$MAPSET" --exec env WIND_OVERRIDE=poi30 r.what map=kde30 separator=comma \
    coordinates="$(sed -n "${start},$((start + 199))p" "$SAMPLE" | awk '{printf "%s%s,%s", (NR > 1 ? "," : ""), $3, $4}')" 2>/dev/null \
    | awk -F, 'NF == 4 {print $4}' >> "$DATA/kde_grass_values.txt"
done
$PY - "$SAMPLE" "$DATA/kde_grass_values.txt" "$OUT/rasters" <<'PYEOF' > "$MD.checks"
import glob, sys, numpy as np
from osgeo import gdal
s = np.loadtxt(sys.argv[1]); g = np.array([float(v) if v not in ("*", "") else np.nan for v in open(sys.argv[2]).read().split()])
cols, rows = s[:, 0].astype(int), s[:, 1].astype(int)
total = np.zeros(len(s))
files = sorted(glob.glob(sys.argv[3] + "/poi_density_*.tif"))
for f in files:
    ds = gdal.Open(f)          # keep the dataset alive while its band is read
    b = ds.GetRasterBand(1)
    total += np.array([b.ReadAsArray(int(c), int(r), 1, 1)[0, 0] for c, r in zip(cols, rows)], dtype=float)
ours = total / 1e6   # per km² → per m², the unit of v.kernel
m = np.isfinite(g) & (np.maximum(np.abs(g), np.abs(ours)) > 1e-3 * np.nanmax(np.abs(g)))
rel = np.abs(ours[m] - g[m]) / np.abs(g[m])
print(f"- {len(files)} LandCarbon rasters summed; {m.sum()} of {len(s)} sampled pixels above 0.1 % of the peak compared")
print(f"- relative difference LandCarbon vs v.kernel: median {np.median(rel):.3e}, max {rel.max():.3e} (float32 storage ~6e-8)")
print(f"- pixels where exactly one tool is zero: {int(((ours == 0) != (g == 0)).sum())}")
PYEOF
summarize "$CSV" "$MD" "POI kernel density: LandCarbon vs GRASS v.kernel ($DATE)"
{
  echo
  echo "LandCarbon writes six float32 Deflate GeoTIFFs (one per function: industrial, transport, residential,"
  echo "commercial-service, public-service, other); v.kernel writes one GRASS raster for all points. Both evaluate the"
  echo "quartic kernel exactly at every pixel centre within 1 km. The machine's 2 cores were shared with other work"
  echo "(parallel helpers building and testing) while this ran; see load_at_start."
  echo
  echo "## Checks"
  cat "$MD.checks"
} >> "$MD"
rm -f "$MD.checks"
cat "$MD"
