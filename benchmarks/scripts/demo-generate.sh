#!/usr/bin/env bash
# Benchmark: the demo's synthetic-study generation (and the report stage) as CPU seconds, for A/B runs on a shared
# machine. Runs `landcarbon demo --size N --no-simulation` with LANDCARBON_PROFILE=1 for each size in SIZES
# (default "2000 4000") and prints, per run, the process user+sys CPU seconds, wall seconds, peak RSS and the
# per-activity split of the generate and report stages (thread CPU seconds, which a loaded machine does not
# inflate much). With OLD_CLI=path/to/landcarbon the runs alternate old, new, old, new … (interleaved, GEN_REPS pairs
# per size, default 1; STAGES="poi|risk|spatial" picks the stages whose split is printed, a regex, default
# "generate|report") and the script checks that the generated inputs and every output are byte-identical
# (SHA-256; run.json and report.html differ only by the output folder and the stage times, so they are left out).
# Output folders: $LC_BENCH_DATA/demo-generate/<label>-<size>-<rep>. NO_BUILD=1 reuses artifacts/bench-cli.
. "$(dirname "$0")/lib.sh"
SIZES="${SIZES:-2000 4000}"
REPS="${GEN_REPS:-1}"  # lib.sh sets REPS=3 for the other scripts; one pair per size by default
OLD_CLI="${OLD_CLI:-}"
WORK="$DATA/demo-generate"
build_landcarbon
mkdir -p "$WORK"
machine_facts
run() {  # run LABEL CLI SIZE REP
  local label="$1" cli="$2" size="$3" rep="$4" out="$WORK/$1-$3-$4"
  rm -rf "$out"
  local load0; load0=$(cut -d' ' -f1-3 /proc/loadavg)
  env LANDCARBON_PROFILE=1 /usr/bin/time -v -o "$out.time" "$cli" demo --size "$size" --out "$out" --no-simulation \
    >"$out.out" 2>"$out.err"
  local rc=$?
  awk -v l="$label" -v s="$size" -v r="$rep" -v rc="$rc" -v l0="$load0" -v l1="$(cut -d' ' -f1-3 /proc/loadavg)" -F': ' '
    /User time/ {u=$2} /System time/ {y=$2} /Maximum resident/ {m=$2/1024}
    /Elapsed \(wall clock\)/ {n=split($2,a,":"); w=0; for(i=1;i<=n;i++) w=w*60+a[i]}
    END {printf "%s size=%s rep=%s rc=%s user+sys=%.1fs wall=%.1fs maxRSS=%.0fMB load %s -> %s\n", l, s, r, rc, u+y, w, m, l0, l1}' "$out.time"
  grep -E "^(${STAGES:-generate|report})[^:]*: profile" "$out.err" | sed 's/^/    /'
  (cd "$out" && find . -type f ! -name run.json ! -name report.html | sort | xargs sha256sum) > "$out.sha256"
}
for size in $SIZES; do
  for rep in $(seq 1 "$REPS"); do
    if [ -n "$OLD_CLI" ]; then
      run old "$OLD_CLI" "$size" "$rep"
      run new "$LANDCARBON" "$size" "$rep"
      if cmp -s "$WORK/old-$size-$rep.sha256" "$WORK/new-$size-$rep.sha256"; then
        echo "  size $size rep $rep: $(wc -l < "$WORK/new-$size-$rep.sha256") files byte-identical (inputs and outputs)"
      else
        echo "  size $size rep $rep: FILES DIFFER:"; diff "$WORK/old-$size-$rep.sha256" "$WORK/new-$size-$rep.sha256" | head -20
      fi
    else
      run new "$LANDCARBON" "$size" "$rep"
    fi
  done
done
