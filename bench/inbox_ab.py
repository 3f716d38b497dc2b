#!/usr/bin/env python3
"""A/B of two (or more) amtsweg binaries on the clerk inbox, on PostgreSQL, with CPU per request.

For deciding a change, not for the issue's figures (bench/inbox.py gives those). The host's speed
drifts by a third within minutes here, so the binaries take turns on the same database, round after
round, and besides req/s and p99 each run reports the CPU that the server process and the
PostgreSQL processes spent per request (from /proc/PID/stat over the run), which is steadier.

    python3 bench/inbox_ab.py --postgres-url postgres://u:p@127.0.0.1:5432/postgres \\
        --binaries /tmp/before/amtsweg .build/release/amtsweg
    # again on the same data (the first run prints the state file it wrote):
    python3 bench/inbox_ab.py --state /tmp/amtsweg-inbox-ab.json --binaries A B --rounds 3

The first run creates a database next to the one in the URL, loads the 1,000,000 cases of
bench/inbox.py into it (about 90 s) and keeps it; drop it yourself when done. Each run: 3 s warm-up,
then `wrk -t2 -c64 -d10s --latency` per path. Writes bench/results/inbox-ab-<UTC timestamp>.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import inbox as I  # noqa: E402

PATHS = ["/behoerde/vorgaenge", "/behoerde/vorgaenge?service=99108001001000"]


def cpu_seconds(pids: list[str]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass  # a process that ended meanwhile
    return total / os.sysconf("SC_CLK_TCK")


def postgres_pids() -> list[str]:
    return subprocess.run(["pgrep", "-f", "postgres"], capture_output=True, text=True).stdout.split()


def prepare(admin_url: str, binary: Path, state_file: Path) -> dict:
    url = I.fresh_pg_database(admin_url)
    email, password, secret, _, _, _ = I.seed_and_load("postgres", binary, I.PostgresDb(url), None, url)
    state = {"url": url, "email": email, "password": password, "secret": secret}
    state_file.write_text(json.dumps(state))
    print(f"state written to {state_file}", flush=True)
    return state


def measure(binary: Path, state: dict, paths: list[str], seconds: int) -> list[dict]:
    server = I.start_server(binary, "postgres", None, state["url"])
    try:
        base = server.base_url
        cookie = I.sign_in(base, state["email"], state["password"], state["secret"]).cookie_header()
        out = []
        for path in paths:
            subprocess.run(["wrk", "-t2", "-c64", "-d3s", "-H", cookie, base + path], capture_output=True, check=True)
            s0, p0 = cpu_seconds([str(server.proc.pid)]), cpu_seconds(postgres_pids())
            text = subprocess.run(
                ["wrk", "-t2", "-c64", f"-d{seconds}s", "--latency", "-H", cookie, base + path],
                capture_output=True, text=True, check=True).stdout
            s1, p1 = cpu_seconds([str(server.proc.pid)]), cpu_seconds(postgres_pids())
            requests = int(re.search(r"(\d+) requests in", text).group(1))
            if "Non-2xx" in text:
                raise RuntimeError(f"{binary} answered errors on {path}:\n{text}")
            p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", text)
            p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
            out.append({
                "path": path,
                "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)),
                "p99_ms": p99_ms,
                "server_ms_per_request": round(1000 * (s1 - s0) / requests, 3),
                "postgres_ms_per_request": round(1000 * (p1 - p0) / requests, 3),
            })
        return out
    finally:
        server.stop()
        server.cleanup()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--postgres-url", help="an existing cluster; a new database is created in it")
    ap.add_argument("--state", default="/tmp/amtsweg-inbox-ab.json", help="reuse the database of an earlier run")
    ap.add_argument("--binaries", nargs="+", required=True)
    ap.add_argument("--paths", nargs="+", default=PATHS)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--seconds", type=int, default=10)
    a = ap.parse_args()
    binaries = [Path(b).resolve() for b in a.binaries]
    state_file = Path(a.state)
    if a.postgres_url:
        state = prepare(a.postgres_url, binaries[0], state_file)
    elif state_file.exists():
        state = json.loads(state_file.read_text())
    else:
        ap.error("give --postgres-url (first run) or an existing --state file")
    runs = []
    for r in range(a.rounds):
        for binary in binaries:
            for m in measure(binary, state, a.paths, a.seconds):
                m.update(round=r + 1, binary=str(binary))
                runs.append(m)
                print(f"round {r + 1} {str(binary)[-40:]:40} {m['path'][:48]:48} {m['rps']:8.0f} req/s "
                      f"p99 {m['p99_ms']:6.1f} ms  server {m['server_ms_per_request']:.3f} ms/req  "
                      f"postgres {m['postgres_ms_per_request']:.3f} ms/req", flush=True)
    print("\nmedians per binary and path:")
    summary = []
    for binary in binaries:
        for path in a.paths:
            mine = [m for m in runs if m["binary"] == str(binary) and m["path"] == path]
            row = {k: statistics.median(m[k] for m in mine)
                   for k in ("rps", "p99_ms", "server_ms_per_request", "postgres_ms_per_request")}
            row.update(binary=str(binary), path=path)
            summary.append(row)
            print(f"  {str(binary)[-40:]:40} {path[:48]:48} {row['rps']:8.0f} req/s p99 {row['p99_ms']:6.1f} ms "
                  f"server {row['server_ms_per_request']:.3f} postgres {row['postgres_ms_per_request']:.3f} ms/req")
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    result = REPO / "bench" / "results" / f"inbox-ab-{stamp}.json"
    result.write_text(json.dumps({"benchmark": "clerk inbox A/B (PostgreSQL)", "machine": I.machine_info(binaries[0]),
                                  "runs": runs, "medians": summary}, indent=1))
    print(f"written {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
