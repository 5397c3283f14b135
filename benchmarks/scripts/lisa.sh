#!/usr/bin/env bash
# Benchmark: LISA with 999 conditional permutations. `landcarbon spatial lisa` on the peer grid (1000x1000 float32,
# ../shared/bench/make_data.sh --only grid) and on its top-left 250x250 and 125x125 crops, side by side in this one
# script with R spdep localmoran_perm (nsim = 999, queen cell2nb, style W; ../shared/bench/peers/lisa.R) on the same
# crops (spdep 1.2-7 localmoran_perm is O(n^2); the 1000x1000 run would take hours, see the peers results).
# LandCarbon times are whole processes (start-up, GeoTIFF read, statistics, four GeoTIFFs and a CSV written);
# spdep's process time includes R start-up, the CSV read and cell2nb; its in-process LISA time is listed too.
# Results: benchmarks/results/lisa-<date>.{csv,md}. REPS defaults to 1 here (long runs).
REPS="${REPS:-1}"
. "$(dirname "$0")/lib.sh"
need_pkgs gdal_translate:gdal-bin Rscript:r-base-core
[ -f "$DATA/grid_1000.tif" ] && [ -f "$DATA/grid_1000.csv" ] || bash "$SHARED_BENCH/make_data.sh" --only grid >/dev/null || exit 1
for s in 125 250; do
  [ -f "$DATA/grid_$s.tif" ] || gdal_translate -q -srcwin 0 0 $s $s "$DATA/grid_1000.tif" "$DATA/grid_$s.tif"
done
build_landcarbon
CSV="$RESULTS/lisa-$DATE.csv"; MD="$RESULTS/lisa-$DATE.md"; CHECKS="$MD.checks"
echo "task,tool,size,rep,wall_s,max_rss_mb,rc" > "$CSV"; : > "$CHECKS"
# CPU seconds (user + sys) of the last measured process: on a shared machine they say more than wall time.
cpu_of_last() { awk -F': ' '/User time|System time/{s+=$2} END{printf "%.2f", s}' "${LAST_OUT%.out}"; }

for s in 125 250 1000; do
  echo "LandCarbon ${s}x${s}" >&2
  measure "$CSV" lisa_perm999 "LandCarbon spatial lisa" "${s}x${s}" -- \
    "$LANDCARBON" spatial lisa "$DATA/grid_$s.tif" --out "$DATA/lisa_lc_$s" --permutations 999 --seed 1 --json
  echo "- LandCarbon ${s}x${s} CPU (user+sys): $(cpu_of_last) s" >> "$CHECKS"
done
for s in 125 250; do
  echo "spdep ${s}x${s}" >&2
  measure "$CSV" lisa_perm999 "R spdep localmoran_perm" "${s}x${s}" -- \
    Rscript "$SHARED_BENCH/peers/lisa.R" "$DATA/grid_1000.csv" $s lisa cell2nb
  echo "- spdep ${s}x${s} CPU (user+sys): $(cpu_of_last) s" >> "$CHECKS"
  echo "- spdep ${s}x${s} in-process: $(grep -o 'BENCH_INPROC_S=[0-9.]*.*' "${LAST_OUT%.out}.err")" >> "$CHECKS"
done

# Same statistic: LandCarbon's I_i, E, Var, Z against spdep localmoran on the 125x125 crop.
Rscript - "$DATA/grid_1000.csv" "$DATA/lisa_lc_125/lisa.csv" >> "$CHECKS" 2>/dev/null <<'REOF'
suppressMessages({ library(spdep); library(data.table) })
a <- commandArgs(TRUE)
g <- fread(a[1], select = c("row", "col", "value"))[row < 125 & col < 125]; setorder(g, row, col)
lm <- localmoran(g$value, nb2listw(cell2nb(125, 125, type = "queen"), style = "W"))
o <- fread(a[2]); setorder(o, row, col)
d <- max(abs(c(o$Ii - lm[, 1], o$E - lm[, 2], o$Var - lm[, 3], o$Z - lm[, 4])))
cat(sprintf("- LandCarbon vs spdep localmoran (125x125): max |difference| in Ii, E, Var, Z = %.3g\n", d))
# Pseudo-p: both are Monte Carlo (spdep samples with replacement, LandCarbon without), so compare classes only.
pp <- localmoran_perm(g$value, nb2listw(cell2nb(125, 125, type = "queen"), style = "W"), nsim = 999, iseed = 1)
agree <- mean((pp[, 7] <= 0.05) == (o$pseudoP <= 0.05))
cat(sprintf("- significant at 0.05 (folded pseudo-p): LandCarbon and spdep agree on %.2f %% of cells\n", 100 * agree))
REOF

summarize "$CSV" "$MD" "LISA, 999 permutations: LandCarbon vs R spdep localmoran_perm ($DATE)"
{
  echo
  echo "## Equal-size ratios (process wall, spdep / LandCarbon)"
  for s in 125 250; do
    awk -F, -v s="${s}x${s}" '$3==s && $2 ~ /LandCarbon/ {l=$5} $3==s && $2 ~ /spdep/ {r=$5} END {if (l>0) printf "- %s: %.1f x\n", s, r/l}' "$CSV"
  done
  echo "- 1000x1000: spdep not run (extrapolated ~11064 s in ../shared/bench/results/peers-2026-11-28.md); LandCarbon row above."
  echo
  echo "## Checks"
  cat "$CHECKS"
  echo
  echo "Load at end: $(cut -d' ' -f1-3 /proc/loadavg). Other helpers shared the 2 cores during this run (see load average)."
} >> "$MD"
rm -f "$CHECKS"
cat "$MD"
