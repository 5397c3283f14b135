#!/usr/bin/env bash
# Benchmark: `landcarbon lucc transitions` on the peer data set (two 10000x10000 uint8 Deflate-tiled rasters),
# side by side in this one script with GDAL+numpy (np.bincount; 1 and 2 GDAL threads) and GRASS r.stats -c.
# Data: ../shared/bench/make_data.sh (deterministic). Results: benchmarks/results/transitions-<date>.{csv,md}.
. "$(dirname "$0")/lib.sh"
need_pkgs gdalinfo:gdal-bin grass:grass-core
bash "$SHARED_BENCH/make_data.sh" >/dev/null || exit 1
A="$DATA/lu_2000.tif"; B="$DATA/lu_2020.tif"; S=2x10000x10000
build_landcarbon
CSV="$RESULTS/transitions-$DATE.csv"; MD="$RESULTS/transitions-$DATE.md"
echo "task,tool,size,rep,wall_s,max_rss_mb,rc" > "$CSV"

echo "LandCarbon" >&2
# Counts with areas: true areas by default (the data are UTM, so every pixel has its own area), and the nominal
# area model (area = count × pixel area) as the peers' work, which counts only.
measure "$CSV" transitions "LandCarbon lucc transitions (true areas)" $S -- "$LANDCARBON" lucc transitions "$A" "$B" --json
cp "$LAST_OUT" "$DATA/tr_landcarbon.json"
measure "$CSV" transitions "LandCarbon lucc transitions (nominal area)" $S -- "$LANDCARBON" lucc transitions "$A" "$B" --json --area-model nominal
echo "GDAL+numpy" >&2
measure "$CSV" transitions "GDAL+numpy (strips)" $S -- $PY "$SHARED_BENCH/peers/transitions_gdal.py" "$A" "$B" strips
cp "$LAST_OUT" "$DATA/tr_numpy.txt"
measure "$CSV" transitions "GDAL+numpy (strips; GDAL_NUM_THREADS=2)" $S -- env GDAL_NUM_THREADS=2 $PY "$SHARED_BENCH/peers/transitions_gdal.py" "$A" "$B" strips

echo "GRASS" >&2
GDB="$DATA/grassdb"; MAPSET="$GDB/lcbench/PERMANENT"
[ -d "$GDB/lcbench" ] || { mkdir -p "$GDB"; grass -c "$A" -e "$GDB/lcbench" >/dev/null 2>&1; }
grass "$MAPSET" --exec g.list type=raster 2>/dev/null | grep -qx lu2000 || grass "$MAPSET" --exec r.in.gdal --q --o input="$A" output=lu2000
grass "$MAPSET" --exec g.list type=raster 2>/dev/null | grep -qx lu2020 || grass "$MAPSET" --exec r.in.gdal --q --o input="$B" output=lu2020
grass "$MAPSET" --exec g.region raster=lu2000 >/dev/null 2>&1
measure "$CSV" transitions "GRASS r.stats -c -n (native; import excluded)" $S -- grass "$MAPSET" --exec r.stats -c -n --q input=lu2000,lu2020

# The three tools must agree cell by cell.
$PY - "$DATA/tr_landcarbon.json" "$DATA/tr_numpy.txt" <<'PYEOF' >> "$MD.checks"
import json, sys
j = json.load(open(sys.argv[1]))
lc = {(f, t): j["counts"][i][k] for i, f in enumerate(j["classes"]) for k, t in enumerate(j["classes"]) if j["counts"][i][k]}
np_ = {}
for line in open(sys.argv[2]):
    f, t, c = map(int, line.split(","))
    np_[(f, t)] = c
print("- LandCarbon vs GDAL+numpy: " + ("identical" if lc == np_ else f"DIFFERENT ({len(set(lc.items()) ^ set(np_.items()))} cells)"))
PYEOF
summarize "$CSV" "$MD" "lucc transitions vs GDAL+numpy and GRASS r.stats ($DATE)"
{ echo; echo "## Checks"; cat "$MD.checks"; } >> "$MD"; rm -f "$MD.checks"
cat "$MD"
