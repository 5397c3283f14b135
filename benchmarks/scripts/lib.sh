#!/usr/bin/env bash
# Shared helpers for the end-to-end benchmark scripts: build LandCarbon once, time commands with
# /usr/bin/time -v (wall seconds, peak RSS), append rows to a CSV, record the machine.
# Source it: . "$(dirname "$0")/lib.sh"
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SHARED_BENCH="$ROOT/../shared/bench"
DATA="${LC_BENCH_DATA:-/tmp/lc-bench-data}"
RESULTS="$ROOT/benchmarks/results"
DATE="$(date +%F)"
REPS="${REPS:-3}"
PY=/usr/bin/python3
LANDCARBON="$ROOT/artifacts/bench-cli/landcarbon"

need_pkgs() {  # need_pkgs CMD:PKG ...  installs Debian packages whose command is missing
  local missing=()
  for cp in "$@"; do command -v "${cp%%:*}" >/dev/null || missing+=("${cp#*:}"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# The CLI is published as a user would install it: Release, framework-dependent, ReadyToRun (precompiled, so a
# command does not spend its first ~0.1 s CPU in the JIT; hot methods are still re-jitted by tiered compilation).
# R2R=0 publishes plain IL instead.
build_landcarbon() {  # NO_BUILD=1 reuses an existing artifacts/bench-cli build (e.g. while a run uses it)
  if [ -n "${NO_BUILD:-}" ] && [ -x "$LANDCARBON" ]; then return 0; fi
  local r2r=()
  [ "${R2R:-1}" = 0 ] || r2r=(-r "linux-$(uname -m | sed 's/x86_64/x64/;s/aarch64/arm64/')" --self-contained false -p:PublishReadyToRun=true)
  dotnet publish "$ROOT/src/LandCarbon.Cli" -c Release "${r2r[@]}" -o "$ROOT/artifacts/bench-cli" --nologo -v q >/dev/null || exit 1
}

machine_facts() {
  echo "date=$DATE"
  echo "host_cpus=$(nproc) mem_gib=$(free -g | awk '/Mem:/{print $2}') cpu=\"$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)\""
  echo "os=$(. /etc/os-release; echo "$PRETTY_NAME")"
  echo "dotnet=$(dotnet --version) landcarbon=$(git -C "$ROOT" rev-parse --short HEAD) publish=$([ "${R2R:-1}" = 0 ] && echo il || echo readytorun)"
  echo "load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)"
}

# measure CSV TASK TOOL SIZE -- COMMAND...   runs COMMAND $REPS times; appends task,tool,size,rep,wall_s,max_rss_mb,rc
measure() {
  local csv="$1" task="$2" tool="$3" size="$4"; shift 5
  local rep log
  for rep in $(seq 1 "$REPS"); do
    log=$(mktemp)
    /usr/bin/time -v -o "$log" "$@" >"$log.out" 2>"$log.err"
    local rc=$?
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$log")
    rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$log")
    echo "$task,$tool,$size,$rep,$wall,$rss,$rc" >> "$csv"
    echo "  $tool rep $rep: ${wall}s, ${rss} MB, rc=$rc" >&2
    LAST_OUT="$log.out"
  done
}

# summarize CSV MD TITLE   writes a markdown table of medians per (task, tool, size)
summarize() {
  local csv="$1" md="$2" title="$3"
  {
    echo "# $title"
    echo
    echo '```'
    machine_facts
    echo '```'
    echo
    echo "| task | tool | size | median s | min–max s | max RSS MB | reps |"
    echo "|---|---|---|---:|---:|---:|---:|"
    tail -n +2 "$csv" | sort -t, -k1,1 -k3,3 -k2,2 | awk -F, '
      { k=$1 FS $2 FS $3; n[k]++; v[k, n[k]]=$5; if ($6 > r[k]) r[k]=$6; if (!(k in seen)) { seen[k]=1; order[++m]=k } }
      END { for (i=1;i<=m;i++) { k=order[i]; c=n[k];
              for (a=1;a<=c;a++) for (b=a+1;b<=c;b++) if (v[k,b] < v[k,a]) { t=v[k,a]; v[k,a]=v[k,b]; v[k,b]=t }
              med = (c % 2) ? v[k,(c+1)/2] : (v[k,c/2]+v[k,c/2+1])/2
              split(k, p, FS); printf "| %s | %s | %s | %.2f | %.2f–%.2f | %d | %d |\n", p[1], p[2], p[3], med, v[k,1], v[k,c], r[k], c } }'
  } > "$md"
}
