#!/usr/bin/env bash
# Coverage-guided fuzzing of LandCarbon's parsers with SharpFuzz + AFL++ (Debian afl++).
# usage: fuzz/run.sh TARGET [SECONDS]    targets: see fuzz/LandCarbon.Fuzz/FuzzTargets.cs; default 60 s
# AFL runs with a fixed RNG seed (FUZZ_SEED, default 20261128) so a CI run repeats the start of a run done before
# committing; set another seed to explore further. Seeds come from fuzz/corpus/TARGET; findings go to
# artifacts/fuzz-findings/TARGET. Exits 1 when AFL found a crash (copy each crash into fuzz/regressions/TARGET/ and fix it: the replay test runs that folder in CI).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="${1:?target}"; SECONDS_="${2:-60}"
OUT="$ROOT/artifacts/fuzz"; FIND="$ROOT/artifacts/fuzz-findings/$TARGET"
command -v afl-fuzz >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends afl++ >/dev/null
TOOLS="$ROOT/artifacts/tools"
[ -x "$TOOLS/sharpfuzz" ] || dotnet tool install --tool-path "$TOOLS" SharpFuzz.CommandLine --version 2.3.0 >/dev/null
dotnet publish "$ROOT/fuzz/LandCarbon.Fuzz" -c Release -o "$OUT" --nologo -v q >/dev/null
# Adds AFL coverage probes to the library under test (a second run reports "already instrumented").
"$TOOLS/sharpfuzz" "$OUT/LandCarbon.Core.dll" >/dev/null 2>&1 || true
rm -rf "$FIND"; mkdir -p "$FIND"
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
timeout $((SECONDS_ + 60)) afl-fuzz -s "${FUZZ_SEED:-20261128}" -i "$ROOT/fuzz/corpus/$TARGET" -o "$FIND" -t 10000 -m none -V "$SECONDS_" \
  -- dotnet "$OUT/LandCarbon.Fuzz.dll" "$TARGET" >"$FIND/afl.log" 2>&1 || true
stats="$FIND/default/fuzzer_stats"
[ -f "$stats" ] || { echo "fuzz $TARGET: afl-fuzz did not start"; tail -20 "$FIND/afl.log"; exit 1; }
execs=$(awk -F': ' '/^execs_done/{print $2}' "$stats"); paths=$(awk -F': ' '/^corpus_count/{print $2}' "$stats")
crashes=$(find "$FIND/default/crashes" -type f -name 'id:*' 2>/dev/null | wc -l)
echo "fuzz $TARGET: ${SECONDS_}s, $execs executions, $paths corpus entries, $crashes crashes"
# Crashes are replayed on an uninstrumented build (instrumented code only runs under afl-fuzz) to show the exception.
if [ "$crashes" -gt 0 ]; then
  dotnet build "$ROOT/fuzz/LandCarbon.Fuzz" -c Debug -o "$ROOT/artifacts/fuzz-replay" --nologo -v q >/dev/null
  dotnet "$ROOT/artifacts/fuzz-replay/LandCarbon.Fuzz.dll" "$TARGET" --replay "$FIND/default/crashes" || true
  echo "copy the files of $FIND/default/crashes into fuzz/regressions/$TARGET/ and fix them"
fi
[ "$crashes" -eq 0 ]
