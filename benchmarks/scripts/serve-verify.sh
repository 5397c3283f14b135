#!/usr/bin/env bash
# Verification (issue 19) on the default-size demo run: `landcarbon demo` (1000 × 1000 px, seed 42) into
# $DATA/demo-default unless RUN_DIR is given, then
#  1. /api/point against GDAL at 100 seeded random points (tests/data/oracles/gdal/point_check.py: every layer's value
#     as `gdallocationinfo -valonly -wgs84` reads it, nulls off the data, class colours and names, the zone by OGR);
#  2. GDAL's Cloud-Optimized GeoTIFF validator and the numpy overview recomputation on every raster of the run
#     (rasters/ and inputs/; tests/data/oracles/gdal/cog_check.py, mode for integer rasters, average for float ones).
# Writes benchmarks/results/serve-verify-<date>.md (summary) and .json (both oracles' full output); exit 1 on any
# mismatch. Usage: benchmarks/scripts/serve-verify.sh [RUN_DIR]
. "$(dirname "$0")/lib.sh"
ORACLES="$ROOT/tests/data/oracles/gdal"
RUN_DIR="${1:-$DATA/demo-default}"
PORT="${PORT:-18081}"
need_pkgs gdallocationinfo:gdal-bin
build_landcarbon
mkdir -p "$DATA"
if [ ! -f "$RUN_DIR/run.json" ]; then
  "$LANDCARBON" demo --out "$RUN_DIR" >/dev/null || { echo "demo failed" >&2; exit 1; }
fi
"$LANDCARBON" serve "$RUN_DIR" --port "$PORT" > "$DATA/serve-verify.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$PORT/api/layers" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/api/layers" >/dev/null || { echo "server did not start; see $DATA/serve-verify.log" >&2; exit 1; }

POINTS_JSON=$(mktemp) COG_JSON=$(mktemp)
$PY "$ORACLES/point_check.py" "http://127.0.0.1:$PORT/" "$RUN_DIR" --points 100 --seed 19 > "$POINTS_JSON" || exit 1
: > "$COG_JSON"
for kind in mode average; do
  files=()
  for f in "$RUN_DIR"/rasters/*.tif "$RUN_DIR"/inputs/*.tif; do
    t=$(gdalinfo "$f" | grep -m1 -o 'Type=[A-Za-z0-9]*')
    case "$t:$kind" in Type=Float*:average|Type=[!F]*:mode) files+=("$f") ;; esac
  done
  [ ${#files[@]} -eq 0 ] || $PY "$ORACLES/cog_check.py" "$kind" "${files[@]}" >> "$COG_JSON" || exit 1
done

OUT="$RESULTS/serve-verify-$DATE"
$PY - "$POINTS_JSON" "$COG_JSON" "$OUT.json" "$RUN_DIR" > "$OUT.md.tmp" <<'EOF'
import json, sys, os
points = json.load(open(sys.argv[1]))
cogs = [json.loads(l.replace("Infinity", "1e308")) for l in open(sys.argv[2]) if l.strip()]
run_dir = sys.argv[4]
for c in cogs:
    c["file"] = os.path.relpath(c["file"], run_dir)
json.dump({"points": points, "cog": cogs}, open(sys.argv[3], "w"), ensure_ascii=False, indent=1)
invalid = [c for c in cogs if not c["valid"] or any(c["mismatches"])]
run = json.load(open(os.path.join(run_dir, "run.json")))
print("Run: `%s` (LandCarbon %s)\n" % (run["command"].split(" --out ")[0] + " " + " ".join(run["command"].split(" --out ")[1].split()[1:]), run["toolVersion"]))
print("## /api/point against GDAL (tests/data/oracles/gdal/point_check.py)\n")
print("| points | layers | values compared | off the raster (null both ways) | nodata (null both ways) | classes | land-class names from the study | in a zone | outside every zone | mismatches |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
print("| %(points)d | %(layers)d | %(values)d | %(offRaster)d | %(nulls)d | %(classes)d | %(classNamesFromStudy)d | %(zoned)d | %(unzoned)d | %(mismatchCount)d |" % points)
print("\n## Cloud-Optimized GeoTIFF (GDAL validate_cloud_optimized_geotiff, full check; overviews recomputed with numpy)\n")
print("%d rasters checked (%d in rasters/, %d in inputs/), %d invalid or with an overview that differs from numpy's." % (
    len(cogs), sum(c["file"].startswith("rasters") for c in cogs), sum(c["file"].startswith("inputs") for c in cogs), len(invalid)))
print("Overview levels of the full-size rasters: %s." % sorted({str(c["levels"]) for c in cogs}))
for c in invalid:
    print("- %s: errors %s, mismatches %s" % (c["file"], c["errors"], c["mismatches"]))
sys.exit(1 if invalid or points["mismatchCount"] else 0)
EOF
status=$?
{ echo "# serve verification on the default-size demo ($DATE)"; echo; echo '```'; machine_facts; echo '```'; echo; cat "$OUT.md.tmp"; } > "$OUT.md"
rm -f "$OUT.md.tmp" "$POINTS_JSON" "$COG_JSON"
cat "$OUT.md"
exit $status
