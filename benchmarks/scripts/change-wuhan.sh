#!/usr/bin/env bash
# Benchmark + real-data check: `landcarbon run` (accounting + change analysis) on the Wuhan 30 m rasters
# (4 years, 2931x2931, ../shared/data/lulc-wuhan-30m), 7 source codes mapped to the six classes, fixed coefficients
# (construction 50 t C/ha/yr), and a GDAL+numpy peer computing the same transition tables with Σ ΔCBI.
# Checks: tables agree cell by cell with the peer (pixels exact, ΔCBI to 1e-6 relative), the 2003->2013 table equals
# the GDAL/numpy REFERENCE counts aggregated to six classes, checks.csv all true.
# Results: benchmarks/results/change-wuhan-<date>.{csv,md}.
. "$(dirname "$0")/lib.sh"
REPS="${REPS:-3}"
W="$ROOT/../shared/data/lulc-wuhan-30m"
[ -f "$W/wh2003_refy.tif" ] || { echo "Wuhan data not found at ../shared/data/lulc-wuhan-30m" >&2; exit 1; }
W="$(cd "$W" && pwd)"
build_landcarbon
WORK="$DATA/change-wuhan"; mkdir -p "$WORK"
cat > "$WORK/study.yaml" <<YAML
region: Wuhan (PLUS sample data)
years: {2003: $W/wh2003_refy.tif, 2005: $W/wh2005_refy.tif, 2010: $W/wh2010_refy.tif, 2013: $W/wh2013_refy.tif}
classes:
  map: {1: grassland, 2: forest, 3: cultivated, 4: construction, 5: unused, 6: water, 7: forest}
accounting: {construction: {value: 50}, writeCoefficientRasters: false}
change: {}
YAML
CSV="$RESULTS/change-wuhan-$DATE.csv"; MD="$RESULTS/change-wuhan-$DATE.md"
echo "task,tool,size,rep,wall_s,max_rss_mb,rc" > "$CSV"
S=4x2931x2931
rm -rf "$WORK/out"
# LANDCARBON_PROFILE=1: run.json records each stage's wall and thread-CPU seconds per activity (printed below).
measure "$CSV" change "LandCarbon run (accounting + change; 4 intervals)" $S -- env LANDCARBON_PROFILE=1 "$LANDCARBON" run "$WORK/study.yaml" --out "$WORK/out"
cp "$LAST_OUT" "$WORK/run.out"; cp "${LAST_OUT%.out}.err" "$WORK/run.err" 2>/dev/null
measure "$CSV" change "GDAL+numpy (transition tables with ΔCBI only)" $S -- $PY "$ROOT/benchmarks/scripts/peers/change_numpy.py" "$W"
cp "$LAST_OUT" "$WORK/numpy.csv"
$PY - "$WORK/out/tables" "$WORK/numpy.csv" "$W/REFERENCE_transition_counts_2003_2013.csv" <<'PYEOF' > "$MD.checks"
import csv, sys, glob, os
t, peer, ref = sys.argv[1:4]
lc = {}
for f in glob.glob(os.path.join(t, "transitions_[0-9]*_[0-9]*.csv")):
    key = os.path.basename(f)[len("transitions_"):-4]
    for r in csv.DictReader(open(f)):
        lc[(key, int(r["from"]), int(r["to"]))] = (int(r["pixels"]), float(r["deltaTonnesC"]))
np_ = {}
for line in open(peer):
    k, a, b, n, s = line.strip().split(",")
    np_[(k, int(a), int(b))] = (int(n), float(s))
same_px = lc.keys() == np_.keys() and all(lc[k][0] == np_[k][0] for k in lc)
worst = max(abs(lc[k][1] - np_[k][1]) / max(1.0, abs(np_[k][1])) for k in lc) if same_px else float("nan")
print(f"- transition tables vs GDAL+numpy: {len(lc)} cells over 4 intervals, pixels {'identical' if same_px else 'DIFFERENT'}, largest relative ΔCBI difference {worst:.2e}")
m = {1: 3, 2: 2, 3: 1, 4: 5, 5: 6, 6: 4, 7: 2}
agg = {}
rows = list(csv.reader(open(ref)))[1:]
for r in rows:
    for j, v in enumerate(r[1:], start=1):
        k = (m[int(r[0])], m[j]); agg[k] = agg.get(k, 0) + int(v)
ours = {(a, b): v[0] for (k, a, b), v in lc.items() if k == "2003_2013"}
print("- 2003→2013 vs REFERENCE_transition_counts (aggregated to six classes): " + ("identical" if {k: v for k, v in agg.items() if v} == ours else "DIFFERENT"))
checks = list(csv.DictReader(open(os.path.join(t, "checks.csv"))))
print(f"- checks.csv: {sum(c['passed'] == 'true' for c in checks)} of {len(checks)} passed")
PYEOF
summarize "$CSV" "$MD" "change analysis on Wuhan 30 m vs GDAL+numpy ($DATE)"
STAGES="$($PY - "$WORK/out/run.json" <<'PYEOF'
import json, sys
stages = [s for s in json.load(open(sys.argv[1])).get("stages", []) if s.get("profile") and s["name"] in ("accounting", "change")]
for s in stages:
    p = s["profile"]
    acts = " ".join(f"{k}={v['cpuSeconds']:.2f}" for k, v in p["activities"].items())
    print(f"{s['name']}: wall={p['wallSeconds']:.2f}s cpu={p['processCpuSeconds']:.2f}s {acts} other={p['otherCpuSeconds']:.2f} gcPause={p['gcPauseSeconds']:.2f} allocMB={p['allocatedMb']:.0f}")
print(f"accounting + change: wall={sum(s['profile']['wallSeconds'] for s in stages):.2f}s (the row of issue 18; the process time above also has start-up, checks and the report)")
PYEOF
)"
{ echo; echo "## Accounting and change stages (last repetition; thread-CPU seconds per activity)"; echo '```'; echo "$STAGES"; echo '```'; echo "## Checks"; cat "$MD.checks"; echo "- landcarbon exit code: see the rc column (stderr of the last run: $(tail -1 "$WORK/run.err" 2>/dev/null))"; echo; echo "Other helpers' builds and tests shared the 2 cores during this run (see load_at_start)."; } >> "$MD"; rm -f "$MD.checks"
cat "$MD"
