#!/usr/bin/env bash
# Benchmark: `landcarbon demo --size 8000` — the synthetic Central Guizhou at 30 m (8000 × 8000 = 64 Mpx per
# layer, 6 land-use years plus DEM, NDVI, climate and zones), generated, run through every stage on main and
# reported; the scenario simulation is left out (--no-simulation: its scale is simulation-scale.sh, issue 17).
# Target: peak memory under 4 GB on the 2-core machine. One repetition by default (it is heavy);
# DEMO_REPS=N for more. Results: benchmarks/results/demo-8000-<date>.{csv,md}.
. "$(dirname "$0")/lib.sh"
REPS="${DEMO_REPS:-1}"  # lib.sh defaults REPS to 3; one repetition is enough for this heavy run
SIZE="${SIZE:-8000}"
OUT="${DEMO_OUT:-$DATA/demo-$SIZE}"
build_landcarbon
CSV="$RESULTS/demo-$SIZE-$DATE.csv"; MD="$RESULTS/demo-$SIZE-$DATE.md"
echo "task,tool,size,rep,wall_s,max_rss_mb,rc" > "$CSV"
rm -rf "$OUT"
# LANDCARBON_PROFILE=1: every stage also prints its split per activity (inflate, deflate, file I/O, GC; thread CPU
# seconds) to stderr and records it in run.json; the timers cost nothing measurable.
measure "$CSV" demo "landcarbon demo" "${SIZE}x${SIZE}x6" -- env LANDCARBON_PROFILE=1 "$LANDCARBON" demo --size "$SIZE" --out "$OUT" --no-simulation
summarize "$CSV" "$MD" "landcarbon demo --size $SIZE: whole chain and report ($DATE)"
{
  echo
  echo "## Stages (last repetition)"
  echo '```'
  grep -E ': done in|report.html' "$LAST_OUT" | sed "s|$DATA/|\$LC_BENCH_DATA/|"
  echo '```'
  echo
  echo "## Split per activity (last repetition; CPU seconds summed over threads, file I/O also as wall seconds)"
  echo '```'
  grep -E ': profile ' "${LAST_OUT%.out}.err"
  echo '```'
  echo
  echo "Peak memory target: < 4096 MB (max RSS above). Wall times are only as quiet as the machine was: see"
  echo "load_at_start above (a load above ~2.5 on these 2 cores means other work shared them)."
} >> "$MD"
cat "$MD"
