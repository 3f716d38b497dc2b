#!/usr/bin/env python3
"""Foundation benchmark: throughput, latency, memory and start-up time of the amtsweg binary.

Needs wrk (Debian package `wrk`) and a release build:

    swift build -c release && python3 bench/run.py            # full run, ~4 minutes
    python3 bench/run.py --quick                               # smoke test, ~30 s

See bench/README.md for what is measured and the targets. Only loopback addresses are used.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "support"))
from server import Server, ServerError, resolve_binary  # noqa: E402

MB = 1024 * 1024
TARGETS = {
    "idle_rss_mb": 80.0,  # RSS at idle after start-up and warm-up
    "load_rss_mb": 300.0,  # peak RSS under load
    "first_answer_s": 1.0,  # process start -> first 200 on /readyz
}
ENDPOINTS = [
    # (name, server kind, path)
    ("raw baseline GET /", "raw", "/"),
    ("start page GET /", "app", "/"),
    ("API GET /api/v1/regions?q=Jena", "app", "/api/v1/regions?q=Jena"),
]

_UNIT = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3, "h": 3600e3}


def to_ms(value: str) -> float:
    m = re.fullmatch(r"([\d.]+)(us|ms|s|m|h)", value.strip())
    if not m:
        raise ValueError(f"unknown latency {value!r}")
    return float(m.group(1)) * _UNIT[m.group(2)]


def parse_wrk(out: str) -> dict:
    """Requests/sec, p50/p75/p90/p99 (ms), request count, errors and non-2xx from `wrk --latency`."""
    res: dict = {}
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    res["rps"] = float(m.group(1)) if m else None
    for pct, val in re.findall(r"^\s+(50|75|90|99)%\s+(\S+)\s*$", out, re.M):
        res[f"p{pct}_ms"] = round(to_ms(val), 3)
    m = re.search(r"(\d+) requests in", out)
    res["requests"] = int(m.group(1)) if m else None
    m = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    res["non_2xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    res["socket_errors"] = sum(int(x) for x in m.groups()) if m else 0
    return res


def vm_status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM (peak RSS) of a process, in bytes."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                out[k] = int(v.split()[0]) * 1024
    except FileNotFoundError:
        pass
    return out


class RssSampler(threading.Thread):
    """Samples VmRSS every `interval` seconds while running."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak = max(self.peak, vm_status(self.pid).get("VmRSS", 0))
            self._halt.wait(self.interval)

    def stop(self) -> int:
        self._halt.set()
        self.join()
        return self.peak


def wrk(url: str, threads: int, connections: int, seconds: int, script: str | None = None,
        headers: list[str] | None = None) -> dict:
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        cmd += ["-s", script]
    for h in headers or []:
        cmd += ["-H", h]
    cmd.append(url)
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60)
    if p.returncode != 0:
        raise RuntimeError(f"wrk failed ({p.returncode}): {p.stderr or p.stdout}")
    r = parse_wrk(p.stdout)
    r["raw"] = p.stdout
    return r


def median_of(runs: list[dict], key: str):
    vals = [r[key] for r in runs if r.get(key) is not None]
    return round(statistics.median(vals), 3) if vals else None


def bench_endpoint(server: Server, path: str, a: argparse.Namespace, sampler: RssSampler | None,
                   script: str | None = None, headers: list[str] | None = None) -> dict:
    url = server.base_url + path
    wrk(url, a.threads, a.connections, a.warmup, script, headers)  # warm-up, not recorded
    runs = []
    for i in range(a.runs):
        r = wrk(url, a.threads, a.connections, a.duration, script, headers)
        print(f"    run {i + 1}/{a.runs}: {r['rps']:.0f} req/s, p50 {r.get('p50_ms')} ms, "
              f"p99 {r.get('p99_ms')} ms, non-2xx {r['non_2xx']}, socket errors {r['socket_errors']}", flush=True)
        runs.append(r)
    return {
        "url_path": path,
        "rps_median": median_of(runs, "rps"),
        "p50_ms_median": median_of(runs, "p50_ms"),
        "p99_ms_median": median_of(runs, "p99_ms"),
        "non_2xx_total": sum(r["non_2xx"] for r in runs),
        "socket_errors_total": sum(r["socket_errors"] for r in runs),
        "runs": [{k: v for k, v in r.items() if k != "raw"} for r in runs],
    }


def startup_times(binary: Path, n: int) -> dict:
    """Process start -> first 200 on /readyz, `n` times with a fresh database each and `n` times
    against one existing database (migrated and seeded by a first, unrecorded start)."""
    fresh, existing = [], []
    for _ in range(n):
        s = Server(binary, poll_interval=0.005)
        try:
            s.start()
            fresh.append(s.ready_after)
        finally:
            s.cleanup()
    seed = Server(binary, poll_interval=0.005)
    seed.start()
    db = seed.database_path
    seed.stop()
    try:
        for _ in range(n):
            s = Server(binary, database_path=db, poll_interval=0.005)
            try:
                s.start()
                existing.append(s.ready_after)
            finally:
                s.cleanup()
    finally:
        seed.cleanup()
    return {
        "fresh_db_s": [round(x, 4) for x in fresh],
        "fresh_db_median_s": round(statistics.median(fresh), 4),
        "existing_db_s": [round(x, 4) for x in existing],
        "existing_db_median_s": round(statistics.median(existing), 4),
    }


def machine_info(binary: Path) -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True).stdout.strip()
    dirty = bool(subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                                capture_output=True, text=True).stdout.strip())
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return {
        "cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(),
        "python": platform.python_version(),
        "wrk": (wrk_version.stdout or wrk_version.stderr).splitlines()[0] if (wrk_version.stdout or wrk_version.stderr) else "",
        "git_commit": commit, "git_dirty": dirty, "binary": str(binary),
        "binary_mtime": dt.datetime.fromtimestamp(binary.stat().st_mtime, dt.timezone.utc).isoformat(),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", help="binary (default $AMTSWEG_BIN or .build/release/amtsweg)")
    ap.add_argument("--quick", action="store_true", help="smoke test: 1 s warm-up, one 3 s run, 2 starts")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--duration", type=int, default=15, help="seconds per recorded run")
    ap.add_argument("--warmup", type=int, default=5, help="seconds of warm-up per endpoint")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--starts", type=int, default=5, help="starts for the start-up time median")
    ap.add_argument("--idle-seconds", type=float, default=3.0, help="rest after warm-up before idle RSS is read")
    ap.add_argument("--name", default="foundation", help="result file name prefix")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "results")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is not met")
    a = ap.parse_args()
    if a.quick:
        a.warmup, a.duration, a.runs, a.starts, a.idle_seconds = 1, 3, 1, 2, 1.0

    if not shutil.which("wrk"):
        print("bench: wrk not found (apt-get install wrk)", file=sys.stderr)
        return 2
    binary = resolve_binary(a.bin, default=".build/release/amtsweg")
    if not binary.exists():
        print(f"bench: {binary} not found (swift build -c release, or --bin)", file=sys.stderr)
        return 2
    if "/debug/" in str(binary):
        print("bench: WARNING: this is a debug build; numbers are not comparable", file=sys.stderr)

    started = dt.datetime.now(dt.timezone.utc)
    result: dict = {
        "name": a.name, "started_at": started.isoformat(timespec="seconds"),
        "settings": {"threads": a.threads, "connections": a.connections, "duration_s": a.duration,
                     "warmup_s": a.warmup, "runs": a.runs, "starts": a.starts, "quick": a.quick},
        "machine": machine_info(binary), "endpoints": {}, "memory": {}, "startup": {},
    }

    try:
        print("start-up time ...", flush=True)
        result["startup"] = startup_times(binary, a.starts)

        print("raw baseline ...", flush=True)
        with Server(binary, raw=True) as raw:
            result["endpoints"][ENDPOINTS[0][0]] = bench_endpoint(raw, ENDPOINTS[0][2], a, None)

        with Server(binary) as app:
            rss_after_start = vm_status(app.pid).get("VmRSS", 0)
            # warm-up of every app endpoint, then rest, then the idle reading
            for _, kind, path in ENDPOINTS:
                if kind == "app":
                    wrk(app.base_url + path, a.threads, a.connections, a.warmup)
            time.sleep(a.idle_seconds)
            rss_idle = vm_status(app.pid).get("VmRSS", 0)
            sampler = RssSampler(app.pid)
            sampler.start()
            try:
                for name, kind, path in ENDPOINTS:
                    if kind == "app":
                        print(f"{name} ...", flush=True)
                        result["endpoints"][name] = bench_endpoint(app, path, a, sampler)
            finally:
                peak_sampled = sampler.stop()
            hwm = vm_status(app.pid).get("VmHWM", 0)
            if app.proc.poll() is not None:
                raise ServerError(f"server died during the benchmark:\n{app.log_tail()}")
        result["memory"] = {
            "rss_after_start_mb": round(rss_after_start / MB, 1),
            "rss_idle_after_warmup_mb": round(rss_idle / MB, 1),
            "rss_peak_sampled_mb": round(peak_sampled / MB, 1),
            "rss_peak_hwm_mb": round(hwm / MB, 1),
        }
    except (ServerError, RuntimeError) as e:
        print(f"bench: {e}", file=sys.stderr)
        return 1

    mem, st = result["memory"], result["startup"]
    load_peak = max(mem["rss_peak_sampled_mb"], mem["rss_peak_hwm_mb"])
    result["targets"] = {
        "idle_rss_mb": {"limit": TARGETS["idle_rss_mb"], "value": mem["rss_idle_after_warmup_mb"],
                        "met": mem["rss_idle_after_warmup_mb"] < TARGETS["idle_rss_mb"]},
        "load_rss_mb": {"limit": TARGETS["load_rss_mb"], "value": load_peak,
                        "met": load_peak < TARGETS["load_rss_mb"]},
        "first_answer_s": {"limit": TARGETS["first_answer_s"], "value": st["fresh_db_median_s"],
                           "met": st["fresh_db_median_s"] < TARGETS["first_answer_s"]},
    }
    errors = sum(e["non_2xx_total"] + e["socket_errors_total"] for e in result["endpoints"].values())
    result["request_errors_total"] = errors

    a.out.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    out = a.out / f"{a.name}-{stamp}{'-quick' if a.quick else ''}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")

    print()
    print(f"{'endpoint':<36} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}")
    for name, e in result["endpoints"].items():
        print(f"{name:<36} {e['rps_median']:>10.0f} {e['p50_ms_median']:>9.2f} {e['p99_ms_median']:>9.2f} "
              f"{e['non_2xx_total'] + e['socket_errors_total']:>7}")
    print()
    print(f"RSS after start {mem['rss_after_start_mb']} MB, idle after warm-up {mem['rss_idle_after_warmup_mb']} MB, "
          f"peak under load {load_peak} MB (sampled {mem['rss_peak_sampled_mb']}, VmHWM {mem['rss_peak_hwm_mb']})")
    print(f"first answer on /readyz: median {st['fresh_db_median_s']} s with a fresh database "
          f"(migrate + seed), {st['existing_db_median_s']} s with an existing one")
    print()
    labels = {"idle_rss_mb": "idle RSS < 80 MB", "load_rss_mb": "RSS under load < 300 MB",
              "first_answer_s": "first answer < 1 s (fresh database)"}
    for k, t in result["targets"].items():
        print(f"  {'met    ' if t['met'] else 'NOT MET'}  {labels[k]:<38} ({t['value']})")
    if errors:
        print(f"  WARNING: {errors} non-2xx responses or socket errors during the runs (see JSON)")
    print(f"\nwritten: {out.relative_to(REPO) if out.is_relative_to(REPO) else out}")
    if a.check and not all(t["met"] for t in result["targets"].values()):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
