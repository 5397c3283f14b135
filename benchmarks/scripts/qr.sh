#!/usr/bin/env bash
# Benchmark: `landcarbon regress quantile --method fn` and `--method pfn` on the peer data set qr_1e6.csv
# (n = 10^6, y on x1..x5, 5 quantiles), side by side in this one script with R quantreg rq(method = "fn") (the
# peer script ../shared/bench/peers/quantreg.R) and rq(method = "pfn") (peers/quantreg_pfn.R). Optional (QR_NID=1): with se = "nid", LandCarbon fn and pfn against R fn + summary(se = "nid").
# Data: ../shared/bench/make_data.sh --only qr (deterministic). Results: benchmarks/results/qr-<date>.{csv,md}.
# REPS (default 1: one R fit takes ~25 s unloaded) repeats every measurement.
export REPS="${REPS:-1}"
. "$(dirname "$0")/lib.sh"
need_pkgs Rscript:r-base-core
Rscript -e 'library(quantreg); library(data.table)' >/dev/null 2>&1 || need_pkgs_r=1
[ -z "${need_pkgs_r:-}" ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-cran-quantreg r-cran-data.table >/dev/null
[ -f "$DATA/qr_1e6.csv" ] || bash "$SHARED_BENCH/make_data.sh" --only qr >/dev/null || exit 1
CSV_IN="$DATA/qr_1e6.csv"; S="n=1e6;p=5+1;5tau"
TAUS=0.1,0.25,0.5,0.75,0.9
build_landcarbon
CSV="$RESULTS/qr-$DATE.csv"; MD="$RESULTS/qr-$DATE.md"
echo "task,tool,size,rep,wall_s,max_rss_mb,rc" > "$CSV"
echo "- load average at start: $(cut -d" " -f1-3 /proc/loadavg)" > "$MD.notes"

echo "LandCarbon fn, no inference" >&2
measure "$CSV" qr_fn_fit "LandCarbon regress quantile --method fn --se none (process: CSV read + 5 fits + OLS)" "$S" -- \
  "$LANDCARBON" regress quantile "$CSV_IN" --y y --x x1,x2,x3,x4,x5 --tau $TAUS --method fn --se none --json
cp "$LAST_OUT" "$DATA/qr_landcarbon.json"

echo "R quantreg fn" >&2
measure "$CSV" qr_fn_fit "R quantreg rq(method=fn) (process: fread + 5 fits)" "$S" -- \
  Rscript "$SHARED_BENCH/peers/quantreg.R" "$CSV_IN" fn "$DATA/qr_r_fn.csv"
echo "- R in-process fit time (rq only, data load excluded): $(grep -o 'BENCH_INPROC_S=[0-9.]*' "${LAST_OUT%.out}.err" | cut -d= -f2) s" >> "$MD.notes"

echo "LandCarbon pfn" >&2
measure "$CSV" qr_pfn_fit "LandCarbon regress quantile --method pfn --se none (process: CSV read + 5 fits + OLS)" "$S" -- \
  "$LANDCARBON" regress quantile "$CSV_IN" --y y --x x1,x2,x3,x4,x5 --tau $TAUS --method pfn --se none --json
cp "$LAST_OUT" "$DATA/qr_landcarbon_pfn.json"

echo "R quantreg pfn" >&2
measure "$CSV" qr_pfn_fit "R quantreg rq(method=pfn) (process: fread + 5 fits)" "$S" -- \
  Rscript "$ROOT/benchmarks/scripts/peers/quantreg_pfn.R" "$CSV_IN" "$DATA/qr_r_pfn.csv"
echo "- R pfn in-process fit time (rq only): $(grep -o 'BENCH_INPROC_S=[0-9.]*' "${LAST_OUT%.out}.err" | cut -d= -f2) s" >> "$MD.notes"

if [ "${QR_NID:-0}" = 1 ]; then
  echo "LandCarbon fn + nid" >&2
  measure "$CSV" qr_fn_nid "LandCarbon --method fn --se nid (process: fits + nid + slope test)" "$S" -- \
    "$LANDCARBON" regress quantile "$CSV_IN" --y y --x x1,x2,x3,x4,x5 --tau $TAUS --method fn --se nid --json
  echo "LandCarbon pfn + nid" >&2
  measure "$CSV" qr_pfn_nid "LandCarbon --method pfn --se nid (process: fits + nid + slope test)" "$S" -- \
    "$LANDCARBON" regress quantile "$CSV_IN" --y y --x x1,x2,x3,x4,x5 --tau $TAUS --method pfn --se nid --json
  echo "R quantreg fn + summary nid" >&2
  measure "$CSV" qr_fn_nid "R quantreg rq(fn) + summary(se=nid) (process)" "$S" -- \
    Rscript "$SHARED_BENCH/peers/quantreg.R" "$CSV_IN" fn_nid
fi

# Same data, same answer: LandCarbon's coefficients against R's (both Frisch–Newton, duality gap 1e-6).
$PY - "$DATA/qr_landcarbon.json" "$DATA/qr_r_fn.csv" <<'PYEOF' >> "$MD.notes"
import csv, json, sys
lc = {(round(f["tau"], 6), c["term"]): c["estimate"] for f in json.load(open(sys.argv[1]))["fits"] for c in f["coefficients"]}
worst = 0.0
for r in csv.DictReader(open(sys.argv[2])):
    k = (round(float(r["tau"]), 6), r["term"])
    e = float(r["coef"])
    worst = max(worst, abs(lc[k] - e) / max(abs(e), 1e-12))
print(f"- Coefficients, LandCarbon fn vs R fn (25 values): max relative difference {worst:.2e}")
PYEOF
$PY - "$DATA/qr_landcarbon_pfn.json" "$DATA/qr_r_fn.csv" <<'PYEOF' >> "$MD.notes"
import csv, json, sys
lc = {(round(f["tau"], 6), c["term"]): c["estimate"] for f in json.load(open(sys.argv[1]))["fits"] for c in f["coefficients"]}
worst = max(abs(lc[(round(float(r["tau"]), 6), r["term"])] - float(r["coef"])) / max(abs(float(r["coef"])), 1e-12)
            for r in csv.DictReader(open(sys.argv[2])))
print(f"- Coefficients, LandCarbon pfn vs R fn (25 values): max relative difference {worst:.2e}")
PYEOF
echo "- load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$MD.notes"
summarize "$CSV" "$MD" "Quantile regression (Frisch–Newton, 5 quantiles, n = 10^6) vs R quantreg ($DATE)"
{ echo; echo "## Notes"; cat "$MD.notes"; } >> "$MD"; rm -f "$MD.notes"
cat "$MD"
