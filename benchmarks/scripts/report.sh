#!/usr/bin/env bash
# Benchmark: `landcarbon report RUN_DIR` (maps, charts, tables of a finished demo run) at --size 1000 and, when a
# demo-8000 run folder exists (benchmarks/scripts/demo-8000.sh makes it), at 8000 × 8000. The demo runs are made
# once and not timed; the 8000 folder is linked, not copied, so the benchmark never writes into it.
# BEFORE=/path/to/older/landcarbon also times an older build on the same folders (before/after comparison).
# Targets: size 1000 in a few seconds; at 8000 the report streams the rasters (peak RSS stays small).
# Results: benchmarks/results/report-<date>.{csv,md}.
. "$(dirname "$0")/lib.sh"
REPS="${REPS:-3}"
build_landcarbon
CSV="$RESULTS/report-$DATE.csv"; MD="$RESULTS/report-$DATE.md"
echo "task,tool,size,rep,wall_s,max_rss_mb,rc" > "$CSV"

D1000="$DATA/report-demo-1000"
[ -f "$D1000/run.json" ] || "$LANDCARBON" demo --size 1000 --out "$D1000" >/dev/null || exit 1
measure "$CSV" report "landcarbon report (this build)" 1000x1000 -- "$LANDCARBON" report "$D1000"
"$LANDCARBON" report "$D1000" --profile 2> "$DATA/report-1000-profile.txt" >/dev/null
if [ -n "${BEFORE:-}" ]; then
  measure "$CSV" report "landcarbon report (BEFORE build)" 1000x1000 -- "$BEFORE" report "$D1000"
fi

if [ -f "$DATA/demo-8000/run.json" ]; then
  D8000="$DATA/report-demo-8000"; mkdir -p "$D8000"
  for f in inputs rasters tables run.json; do ln -sfn "$DATA/demo-8000/$f" "$D8000/$f"; done
  REPS=1 measure "$CSV" report "landcarbon report (this build)" 8000x8000 -- "$LANDCARBON" report "$D8000"
  "$LANDCARBON" report "$D8000" --profile 2> "$DATA/report-8000-profile.txt" >/dev/null
  if [ -n "${BEFORE:-}" ]; then
    REPS=1 measure "$CSV" report "landcarbon report (BEFORE build)" 8000x8000 -- timeout 1800 "$BEFORE" report "$D8000"
  fi
fi

summarize "$CSV" "$MD" "landcarbon report: build time and peak memory ($DATE)"
{
  echo
  echo "## Per-figure times, size 1000 (\`report --profile\`, last run)"
  echo '```'
  cat "$DATA/report-1000-profile.txt"
  echo '```'
  if [ -f "$DATA/report-8000-profile.txt" ]; then
    echo
    echo "## Per-figure times, size 8000"
    echo '```'
    cat "$DATA/report-8000-profile.txt"
    echo '```'
  fi
  echo
  echo "Figures are rendered two at a time (one per core); other work shared the 2 cores (see load_at_start), so"
  echo "wall times are upper bounds."
} >> "$MD"
cat "$MD"
