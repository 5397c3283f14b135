#!/usr/bin/env bash
# Benchmark: `landcarbon serve` under a bounded loopback load (issue 19): serves RUN_DIR (default: the demo-8000
# run, `landcarbon demo --size 8000 --out $DATA/demo-8000`), then serve_load.py sends REQUESTS (20,000) random tile
# requests from CONCURRENCY (32) workers at random zooms 6–14 and reports p50/p95/p99 latency, errors and the
# server's memory. Results: benchmarks/results/serve-load-<date>.json. Run it on a quiet machine only.
. "$(dirname "$0")/lib.sh"
RUN_DIR="${1:-$DATA/demo-8000}"
PORT="${PORT:-18080}"
build_landcarbon
[ -d "$RUN_DIR/rasters" ] || "$LANDCARBON" demo --size 8000 --out "$RUN_DIR" >/dev/null || exit 1
"$LANDCARBON" serve "$RUN_DIR" --port "$PORT" > "$DATA/serve.log" 2>&1 &
SERVER=$!
trap 'kill -INT $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$PORT/api/layers" >/dev/null && break; sleep 1; done
OUT="$RESULTS/serve-load-$DATE.json"
{ machine_facts; } >&2
$PY "$(dirname "$0")/serve_load.py" "http://127.0.0.1:$PORT/" --requests "${REQUESTS:-20000}" --concurrency "${CONCURRENCY:-32}" \
  --zmin 6 --zmax 14 --pid "$SERVER" | tee "$OUT"
