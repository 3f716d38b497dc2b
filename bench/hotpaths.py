#!/usr/bin/env python3
"""Benchmark of the request paths added with the catalogue and accounts issues, next to the raw
HTTP baseline measured in the same run (release build, wrk -t2 -c64, 5 s warm-up, three 15 s
runs, medians):

- GET /api/v1/routes for one municipality (FIT-Connect shape; signatures cached per destination)
- GET /api/v1/routes for the whole Land (22 destinations)
- POST /api/v1/assistant (retrieval, composition and one question-log row per request)
- GET /konto with a session cookie (session lookup + account page)

Targets (ours; the issues name none for these paths): routes >= 5,000 req/s, assistant >= 1,000
req/s, account page >= 2,000 req/s, p99 < 50 ms for all.

    swift build -c release --product amtsweg
    python3 bench/hotpaths.py [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import urllib.request
import urllib.parse
import http.cookiejar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests" / "support"))
from run import bench_endpoint  # noqa: E402
from server import Server, resolve_binary  # noqa: E402

ASSISTANT_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local questions = {
  '{"question":"Was kostet ein Reisepass?"}',
  '{"question":"Wo melde ich mein Auto in Jena an?"}',
  '{"question":"Welche Unterlagen brauche ich für die Ummeldung?"}',
  '{"question":"Wann kommt die Müllabfuhr?"}',
}
local i = 0
request = function()
  i = i + 1
  return wrk.format(nil, nil, nil, questions[(i % #questions) + 1])
end
"""


def login_cookie(base: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(f"{base}/anmelden/test-eid").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    data = urllib.parse.urlencode({"csrf_token": token, "person": "erika", "level": "substantial",
                                   "next": "/konto"}).encode()
    opener.open(f"{base}/anmelden/test-eid", data=data).read()
    sid = next(c.value for c in jar if c.name == "sid")
    return f"Cookie: sid={sid}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=None, help="amtsweg binary (default .build/release/amtsweg)")
    ap.add_argument("--quick", action="store_true", help="1 s warm-up, one 3 s run per endpoint")
    a = ap.parse_args()
    a.threads, a.connections = 2, 64
    a.warmup, a.duration, a.runs = (1, 3, 1) if a.quick else (5, 15, 3)
    binary = resolve_binary(a.bin, default=".build/release/amtsweg")
    endpoints = {}
    with Server(binary, raw=True) as raw:
        print("raw baseline ...", flush=True)
        endpoints["raw baseline GET /"] = bench_endpoint(raw, "/", a, None)
    env = dict(os.environ, AMTSWEG_RATE_LIMIT_ASSISTANT="1000000000/60", AMTSWEG_RATE_LIMIT_LOGIN="1000000/60",
               AMTSWEG_LOG_LEVEL="warning")
    with Server(binary, env=env) as app, tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "assistant.lua"
        script.write_text(ASSISTANT_LUA)
        for name, path in [("routes, one municipality", "/api/v1/routes?leikaKey=99036020001000&ars=160530000000"),
                           ("routes, the whole Land", "/api/v1/routes?leikaKey=99036020001000&ars=16&limit=50")]:
            print(f"{name} ...", flush=True)
            endpoints[name] = bench_endpoint(app, path, a, None)
        print("assistant ...", flush=True)
        endpoints["assistant POST /api/v1/assistant"] = bench_endpoint(app, "/api/v1/assistant", a, None,
                                                                       script=str(script))
        cookie = login_cookie(app.base_url)
        print("account page with session ...", flush=True)
        endpoints["account page GET /konto (session)"] = bench_endpoint(app, "/konto", a, None, headers=[cookie])

    def target(name, key, limit):
        e = endpoints[name]
        return {"limit_rps": limit, "rps": e["rps_median"], "p99_ms": e["p99_ms_median"],
                "met": (e["rps_median"] or 0) >= limit and (e["p99_ms_median"] or 1e9) < 50
                and e["non_2xx_total"] == 0}
    targets = {
        "routes_one_municipality": target("routes, one municipality", "rps", 5000),
        "routes_whole_land": target("routes, the whole Land", "rps", 5000),
        "assistant": target("assistant POST /api/v1/assistant", "rps", 1000),
        "account_page": target("account page GET /konto (session)", "rps", 2000),
    }
    result = {"benchmark": "hot paths (routes, assistant, session)",
              "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
              "setting": {"threads": a.threads, "connections": a.connections, "warmup_s": a.warmup,
                          "duration_s": a.duration, "runs": a.runs},
              "http": endpoints, "targets": targets}
    print()
    print(f"{'endpoint':44} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}")
    for name, e in endpoints.items():
        print(f"{name:44} {e['rps_median']:>8.0f} {e['p50_ms_median']:>8} {e['p99_ms_median']:>8} {e['non_2xx_total']:>8}")
    print()
    for name, t in targets.items():
        print(f"  {'met    ' if t['met'] else 'NOT MET'}  {name} ({t['rps']} req/s, p99 {t['p99_ms']} ms; "
              f"target {t['limit_rps']} req/s, p99 < 50 ms)")
    results = REPO / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = results / f"hotpaths-{stamp}{'-quick' if a.quick else ''}.json"
    path.write_text(json.dumps(result, indent=1) + "\n")
    print(f"\nwritten: {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
