#!/usr/bin/env bash
# Benchmark: `landcarbon serve` under a bounded loopback load (issue 19). One command:
#   benchmarks/scripts/serve-load.sh [RUN_DIR]
# builds the CLI (Release), makes the demo-8000 run if RUN_DIR has none (`landcarbon demo --size 8000`, by default
# into $DATA/demo-8000, ~6 min on a quiet 2-core machine), serves it on 127.0.0.1:$PORT, and runs serve_load.py:
# REQUESTS (20,000) random tile requests of random layers at random zooms 6–14 from CONCURRENCY (32) workers after
# 200 warm-up requests; latency p50/p95/p99, errors, the server's resident memory and the load average every 0.5 s.
# Results: benchmarks/results/serve-load-<date>[-LABEL].json (all figures and series) and .md (summary with the
# machine facts). LABEL (default "quiet") names the conditions, e.g. LABEL=busy when other work shares the cores.
# Target: p95 ≤ 50 ms, no errors, flat memory. Exit 1 when the server does not start or the load fails.
. "$(dirname "$0")/lib.sh"
RUN_DIR="${1:-$DATA/demo-8000}"
PORT="${PORT:-18080}"
LABEL="${LABEL:-quiet}"
mkdir -p "$DATA"
build_landcarbon
if [ ! -d "$RUN_DIR/rasters" ]; then
  echo "making the demo-8000 run in $RUN_DIR" >&2
  "$LANDCARBON" demo --size 8000 --no-simulation --out "$RUN_DIR" >/dev/null || { echo "demo --size 8000 failed" >&2; exit 1; }
fi
if curl -s "http://127.0.0.1:$PORT/" >/dev/null 2>&1; then echo "port $PORT is in use; set PORT=..." >&2; exit 1; fi
"$LANDCARBON" serve "$RUN_DIR" --port "$PORT" > "$DATA/serve-load.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$PORT/api/layers" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/api/layers" >/dev/null || { echo "server did not start; see $DATA/serve-load.log" >&2; exit 1; }

OUT="$RESULTS/serve-load-$DATE-$LABEL"
FACTS=$(machine_facts)
$PY "$(dirname "$0")/serve_load.py" "http://127.0.0.1:$PORT/" --requests "${REQUESTS:-20000}" --concurrency "${CONCURRENCY:-32}" \
  --zmin 6 --zmax 14 --pid "$SERVER" > "$OUT.json.tmp" || { echo "load generator failed" >&2; rm -f "$OUT.json.tmp"; exit 1; }
LAYERS=$(curl -sf "http://127.0.0.1:$PORT/api/layers" | $PY -c 'import json,sys; print(len(json.load(sys.stdin)["layers"]))')
SIZE=$($PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["command"].split("--size ")[1].split()[0])' "$RUN_DIR/run.json" 2>/dev/null || echo "?")
$PY - "$OUT.json.tmp" "$OUT" "$LABEL" "$LAYERS" "$SIZE" "$FACTS" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
out, label, layers, size, facts = sys.argv[2:7]
r = {"label": label, "machine": facts.splitlines(), "run": {"demoSize": size, "layers": int(layers)}, **r}
json.dump(r, open(out + ".json", "w"), indent=1)
m, l = r["server_rss_mb"] or {}, r["latency_ms"]
series = m.get("series_t_s_mb", [])
step = max(1, len(series) // 12)
with open(out + ".md", "w") as f:
    f.write(f"# landcarbon serve under load: demo --size {size} ({label} machine)\n\n```\n{facts}\n```\n\n")
    f.write(f"{r['requests']} tile requests ({r['warmup_requests']} warm-up before), {r['concurrency']} concurrent, "
            f"random layers of {layers} and zooms {r['zoom'][0]}–{r['zoom'][1]}, seed {r['seed']}; loopback, Python client "
            f"(benchmarks/scripts/serve_load.py) on the same 2 cores.\n\n")
    f.write("| p50 ms | p95 ms | p99 ms | max ms | mean ms | req/s | errors | RSS MB before / max / last | RSS growth, last vs second quarter | load avg before / max / after |\n")
    f.write("|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n")
    la = r["load_average_1min"]
    f.write(f"| {l['p50']} | {l['p95']} | {l['p99']} | {l['max']} | {l['mean']} | {r['requests_per_s']} | {r['errors']} | "
            f"{m.get('before')} / {m.get('max')} / {m.get('last')} | {m.get('growth_last_vs_second_quarter')} | "
            f"{la['before']} / {la['max_during']} / {la['after']} |\n\n")
    f.write(f"Target (issue 19): p95 ≤ 50 ms → {'met' if r['p95_within_target'] else 'NOT met'}; errors: {r['errors']}.\n\n")
    f.write(f"Connections: {r.get('connections')}; server CPU {r.get('server_cpu_ms_per_request')} ms per request, "
            f"client CPU {r.get('client_cpu_ms_per_request')} ms per request.\n\n")
    f.write("Server RSS over the run (s → MB): " + ", ".join(f"{t:g} → {v:g}" for t, v in series[::step]) + ".\n")
EOF
rm -f "$OUT.json.tmp"
cat "$OUT.md"
