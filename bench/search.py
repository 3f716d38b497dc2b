#!/usr/bin/env python3
"""Search benchmark (issue 3): in process and over HTTP, on a synthetic catalogue of 10,000 services.

1. `catalog-bench` (release): index build time and per-query p50/p99 in process, for the seed
   catalogue (78 services) and the synthetic one; exports the synthetic catalogue as JSON.
2. Over HTTP with the standard setting of bench/run.py (wrk -t2 -c64, 5 s warm-up, three 15 s runs,
   median): the raw baseline and `GET /api/v1/services?q=…` served from the synthetic catalogue.

Targets: in process p99 < 2 ms, index build < 1 s; over HTTP >= 5,000 searches/s.
Writes bench/results/search-<UTC timestamp>.json.

    swift build -c release --product amtsweg --product catalog-bench   (or two swift build calls)
    python3 bench/search.py [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests" / "support"))
from run import bench_endpoint  # noqa: E402
from server import Server, resolve_binary  # noqa: E402

QUERIES = ["Auto%20anmelden%20Jena", "Perso%20verloren", "Wohngeld%20Saalfeld"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=None, help="amtsweg binary (default .build/release/amtsweg)")
    ap.add_argument("--quick", action="store_true", help="1 s warm-up, one 3 s run per endpoint")
    ap.add_argument("--count", type=int, default=10_000)
    a = ap.parse_args()
    a.threads, a.connections = 2, 64
    a.warmup, a.duration, a.runs = (1, 3, 1) if a.quick else (5, 15, 3)
    binary = resolve_binary(a.bin, default=".build/release/amtsweg")
    bench_bin = binary.parent / "catalog-bench"

    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "catalog.json"
        print(f"in process: {a.count} services ...", flush=True)
        out = subprocess.run([str(bench_bin), "--count", str(a.count), "--export", str(export)],
                             check=True, capture_output=True, text=True).stdout
        in_process = json.loads(out)
        syn = in_process["synthetic"]
        print(f"    index build {syn['index_build_ms']} ms, p50 {syn['p50_ms']} ms, p99 {syn['p99_ms']} ms, "
              f"{syn['searches_per_second']} searches/s (one core)", flush=True)

        endpoints = {}
        with Server(binary, raw=True) as raw:
            print("raw baseline ...", flush=True)
            endpoints["raw baseline GET /"] = bench_endpoint(raw, "/", a, None)
        with Server(binary, extra_args=["--catalog", str(export)]) as app:
            for q in QUERIES:
                name = f"GET /api/v1/services?q={q}&limit=10"
                print(f"{name} ...", flush=True)
                endpoints[name] = bench_endpoint(app, f"/api/v1/services?q={q}&limit=10", a, None)

    http_rps = min(e["rps_median"] for k, e in endpoints.items() if "services" in k)
    targets = {
        "in_process_p99_under_2ms": {"limit": 2, "value": syn["p99_ms"], "met": syn["p99_ms"] < 2},
        "index_build_under_1s": {"limit": 1000, "value": syn["index_build_ms"], "met": syn["index_build_ms"] < 1000},
        "http_at_least_5000_per_s": {"limit": 5000, "value": http_rps, "met": http_rps >= 5000},
    }
    result = {
        "benchmark": "search", "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "setting": {"threads": a.threads, "connections": a.connections, "warmup_s": a.warmup,
                    "duration_s": a.duration, "runs": a.runs},
        "in_process": in_process, "http": endpoints, "targets": targets,
    }
    print()
    print(f"{'endpoint':58} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, e in endpoints.items():
        print(f"{name:58} {e['rps_median']:>8.0f} {e['p50_ms_median']:>8} {e['p99_ms_median']:>8}")
    print()
    for name, t in targets.items():
        print(f"  {'met    ' if t['met'] else 'NOT MET'}  {name} ({t['value']})")
    results = REPO / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = results / f"search-{stamp}{'-quick' if a.quick else ''}.json"
    path.write_text(json.dumps(result, indent=1) + "\n")
    print(f"\nwritten: {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
