#!/usr/bin/env python3
"""Bounded loopback load generator for `landcarbon serve` (issue 19): random tiles of random layers at random
zooms inside the layers' bounds, a fixed number of requests from a fixed number of workers, latency percentiles,
errors, and the server's resident memory sampled during the run (flat = no leak).

Usage: serve_load.py URL [--requests 20000] [--concurrency 32] [--zmin 6] [--zmax 14] [--pid PID] [--seed 19]
                     [--new-connections]
Each worker keeps one HTTP/1.1 connection open (keep-alive), as map clients do; --new-connections opens a new
connection per request (urllib, the client of the first records), which costs the client and the server a TCP
handshake per tile and the Python client about twice the CPU per request.
Limits: at most 50,000 requests and 64 workers, loopback URLs only (127.0.0.1 / localhost / ::1).
Prints one JSON document. Standard library only (python3)."""
import argparse
import http.client
import json
import math
import os
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def tile_of(lon, lat, z):
    n = 2 ** z
    lat = max(min(lat, 85.0511), -85.0511)
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_s(pid):
    """User + system CPU seconds of process pid so far (/proc/PID/stat), or None."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def loadavg():
    with open("/proc/loadavg") as f:
        return [float(x) for x in f.read().split()[:3]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--requests", type=int, default=20000)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--zmin", type=int, default=6)
    ap.add_argument("--zmax", type=int, default=14)
    ap.add_argument("--pid", type=int)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--warmup", type=int, default=200, help="requests before the measured ones (not counted)")
    ap.add_argument("--new-connections", action="store_true", help="a new connection per request (urllib) instead of keep-alive")
    a = ap.parse_args()
    host = urllib.parse.urlparse(a.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("serve_load.py only loads a server on this machine (loopback URL)")
    a.requests = min(a.requests, 50000)
    a.warmup = min(max(a.warmup, 0), 5000)
    a.concurrency = min(max(a.concurrency, 1), 64)
    base = a.url.rstrip("/") + "/"
    layers = json.load(urllib.request.urlopen(base + "api/layers"))["layers"]
    rnd = random.Random(a.seed)
    urls = []
    for _ in range(a.requests + a.warmup):
        l = rnd.choice(layers)
        w, s, e, n = l["bounds"]
        z = rnd.randint(a.zmin, a.zmax)
        x, y = tile_of(rnd.uniform(w, e), rnd.uniform(s, n), z)
        urls.append(f"{base}tiles/{l['id']}/{z}/{x}/{y}.png")
    warm, urls = urls[:a.warmup], urls[a.warmup:]
    lat, errors, rss, load = [], [], [], []
    lock = threading.Lock()
    stop = threading.Event()
    t_start = time.perf_counter()

    def sample():
        while not stop.is_set():
            t = round(time.perf_counter() - t_start, 1)
            if a.pid and (m := rss_mb(a.pid)) is not None:
                rss.append((t, round(m, 1)))
            load.append((t, loadavg()[0]))
            stop.wait(0.5)

    parsed = urllib.parse.urlparse(base)
    local = threading.local()

    def fetch(u, timeout):
        """(status, content type) of GET u: urllib (a new connection) or this worker's keep-alive connection."""
        if a.new_connections:
            with urllib.request.urlopen(u, timeout=timeout) as r:
                r.read()
                return r.status, r.headers.get("Content-Type")
        c = getattr(local, "conn", None)
        if c is None:
            c = local.conn = http.client.HTTPConnection(parsed.hostname, parsed.port or 80, timeout=timeout)
        try:
            c.request("GET", urllib.parse.urlparse(u).path)
            r = c.getresponse()
            r.read()
            return r.status, r.getheader("Content-Type")
        except (OSError, http.client.HTTPException):
            local.conn = None   # a fresh connection for the next request
            c.close()
            raise

    def get(u):
        t0 = time.perf_counter()
        try:
            status, ctype = fetch(u, 30)
            ok = status == 200 and ctype == "image/png"
            if not ok:
                with lock:
                    errors.append(f"{u}: status {status}, {ctype}")
        except (urllib.error.URLError, OSError, http.client.HTTPException) as ex:
            ok = False
            with lock:
                errors.append(f"{u}: {ex}")
        dt = (time.perf_counter() - t0) * 1000
        with lock:
            lat.append(dt)
        return ok

    pool = ThreadPoolExecutor(a.concurrency)
    list(pool.map(lambda u: fetch(u, 60), warm))  # warm-up: JIT, caches, connections (not measured)
    load_before = loadavg()
    rss_before = rss_mb(a.pid) if a.pid else None
    cpu_before = cpu_s(a.pid) if a.pid else None
    client_before = os.times()
    t_start = time.perf_counter()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    t0 = time.perf_counter()
    list(pool.map(get, urls))
    wall = time.perf_counter() - t0
    client_after = os.times()
    pool.shutdown()
    cpu_after = cpu_s(a.pid) if a.pid else None
    stop.set()
    sampler.join()
    lat.sort()
    q = lambda p: lat[min(len(lat) - 1, int(p * len(lat)))]
    memory = None
    if len(rss) >= 8:
        m = [v for _, v in rss]
        k = len(m) // 4
        second, last = statistics.median(m[k:2 * k]), statistics.median(m[3 * k:])
        memory = {"before": round(rss_before, 1) if rss_before else None, "first": m[0], "max": max(m), "last": m[-1],
                  "median_second_quarter": second, "median_last_quarter": last,
                  "growth_last_vs_second_quarter": round(last / second - 1, 4), "series_t_s_mb": rss}
    p95 = round(q(0.95), 2)
    print(json.dumps({
        "requests": len(urls), "warmup_requests": len(warm), "concurrency": a.concurrency, "zoom": [a.zmin, a.zmax],
        "seed": a.seed, "connections": "new per request" if a.new_connections else "keep-alive", "wall_s": round(wall, 2), "requests_per_s": round(len(urls) / wall, 1),
        "errors": len(errors), "first_errors": errors[:5],
        "latency_ms": {"p50": round(q(0.5), 2), "p95": p95, "p99": round(q(0.99), 2),
                       "max": round(lat[-1], 2), "mean": round(statistics.fmean(lat), 2)},
        # Server CPU per request: the cost of a tile whatever the machine's load (load inflates latency, not this).
        "server_cpu_ms_per_request": round((cpu_after - cpu_before) * 1000 / len(urls), 2) if cpu_before is not None and cpu_after is not None else None,
        # The client's own CPU (Python, on the same cores as the server).
        "client_cpu_ms_per_request": round((client_after.user + client_after.system - client_before.user - client_before.system) * 1000 / len(urls), 2),
        "target_p95_ms": 50, "p95_within_target": p95 <= 50,
        "load_average_1min": {"before": load_before[0], "max_during": max(v for _, v in load) if load else None,
                              "after": loadavg()[0], "series_t_s": load},
        "server_rss_mb": memory,
    }, indent=2))


if __name__ == "__main__":
    main()
