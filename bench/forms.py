#!/usr/bin/env python3
"""Forms and submissions benchmark (issue 5): in process and over HTTP.

1. `forms-bench` (release, run from the repository root): import of a generated XDatenfelder 2.0
   schema with 1,000 fields in 200 groups next to XMLParser alone on the same bytes, validation
   of the parking-permit sample and its JSON parse (median and p99 in ms).
2. Over HTTP with the standard setting of bench/run.py (wrk -t2 -c64 --latency, 5 s warm-up, three
   15 s runs, medians): the raw baseline (`amtsweg raw-server`) and POST /api/v1/submissions on
   `amtsweg serve --demo` with a fresh SQLite file: the parking permit with a vehicle holder
   (about 33 values and two PDF attachments uploaded once), validated, routed to Stadtverwaltung
   Jena, stored durably (group commit) and answered with its receipt. bench/submit.lua sends a
   unique Idempotency-Key per request, so every 2xx is a new submission.

After every recorded run the stored submissions are counted in the database file: completed
requests <= new rows <= requests sent (the difference is what was in flight when wrk stopped).
Any non-2xx answer, socket error or count outside that range makes the run invalid, and an
invalid run fails its target.

Targets: HTTP >= 2,000 submissions/s with p99 < 50 ms (SQLite, wrk on loopback); import of 1,000
fields in 200 groups < 50 ms (median). Writes bench/results/forms-<UTC timestamp>.json.

    swift build -c release --product amtsweg --product forms-bench
    python3 bench/forms.py [--quick] [--bin PATH]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests" / "support"))
from run import bench_endpoint, machine_info, median_of, wrk  # noqa: E402
from server import Server, ServerError, resolve_binary  # noqa: E402

SCRIPT = REPO / "bench" / "submit.lua"
SAMPLE = REPO / "data" / "forms" / "bewohnerparkausweis" / "beispiel-antrag.json"
PARKING = "99108001001000"
JENA = "160530000000"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TARGET_RPS, TARGET_P99_MS, TARGET_IMPORT_MS = 2000, 50, 50


def canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def count_values(value) -> int:
    if isinstance(value, dict):
        return sum(count_values(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_values(v) for v in value)
    return 1


def http(method: str, url: str, body: bytes | None = None, headers: dict | None = None) -> tuple[int, dict]:
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, {"error": e.read().decode("utf-8", "replace")[:500]}


class Submitter:
    """A registered client on one server: tokens, attachments, the request body."""

    def __init__(self, app: Server) -> None:
        self.app = app
        out = subprocess.run(
            [str(app.binary), "clients", "--database-url", f"sqlite:{app.database_path}", "--name", "forms-bench",
             "--services", PARKING, "--log-level", "error"],
            check=True, capture_output=True, text=True, timeout=120, cwd=REPO).stdout
        self.client_id = re.search(r"client_id:\s*(\S+)", out).group(1)
        self.secret = re.search(r"client_secret \(shown once\):\s*(\S+)", out).group(1)

    def token(self) -> str:
        body = urllib.parse.urlencode({"grant_type": "client_credentials", "client_id": self.client_id,
                                       "client_secret": self.secret}).encode()
        status, answer = http("POST", f"{self.app.base_url}/api/v1/oauth/token", body,
                              {"Content-Type": "application/x-www-form-urlencoded"})
        if status != 200:
            raise RuntimeError(f"token: {status} {answer}")
        return answer["access_token"]

    def body(self, token: str) -> tuple[bytes, int]:
        """The envelope: parking permit, vehicle of another holder, two uploaded PDFs."""
        ids = []
        for _ in range(2):
            status, answer = http("POST", f"{self.app.base_url}/api/v1/attachments", PDF,
                                  {"Authorization": f"Bearer {token}", "Content-Type": "application/pdf"})
            if status != 201:
                raise RuntimeError(f"attachment upload: {status} {answer}")
            ids.append(answer["attachmentId"])
        data = copy.deepcopy(json.loads(SAMPLE.read_text(encoding="utf-8")))
        data["G05000477"]["F05001047"] = "02"
        data["G05000499"] = {
            "F05001243": "Beispiel", "F05001244": "Hans", "F05001245": "Löbdergraben", "F05001246": "12",
            "F05001247": "a", "G05000554": {"F00000054": "07743", "F00000035": "Jena"}, "F05001249": "000",
            "F05001355": "hans.beispiel@example.org", "F05001045": ids[0], "F05001248": ids[1],
        }
        _, forms = http("GET", f"{self.app.base_url}/api/v1/forms")
        schema_uri = next(f["schemaUri"] for f in forms["forms"] if f["id"] == "S05000058")
        _, routes = http("GET", f"{self.app.base_url}/api/v1/routes?leikaKey={PARKING}&ars={JENA}")
        envelope = {
            "destinationId": routes["routes"][0]["destinationId"], "ars": JENA,
            "metadata": {
                "contentStructure": {
                    "data": {"hash": {"type": "sha512", "content": hashlib.sha512(canonical(data)).hexdigest()},
                             "submissionSchema": {"schemaUri": schema_uri, "mimeType": "application/json"}},
                    "attachments": []},
                "publicServiceType": {"identifier": f"urn:de:fim:leika:leistung:{PARKING}"}},
            "data": data,
        }
        return json.dumps(envelope, ensure_ascii=False).encode(), count_values(data)

    def count(self, table: str = "submissions") -> int:
        with closing(sqlite3.connect(f"file:{self.app.database_path}?mode=ro", uri=True, timeout=30)) as db:
            return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def settled_count(self, timeout: float = 15.0) -> int:
        """The row count once requests still in the server after wrk stopped are done."""
        last, deadline = self.count(), time.monotonic() + timeout
        while time.monotonic() < deadline:
            time.sleep(0.2)
            now = self.count()
            if now == last:
                return now
            last = now
        return last


def bench_submissions(app: Server, sub: Submitter, a: argparse.Namespace) -> dict:
    url = app.base_url + "/api/v1/submissions"
    script = str(SCRIPT)
    wrk(url, a.threads, a.connections, a.warmup, script, [f"Authorization: Bearer {sub.token()}"])  # warm-up
    runs = []
    for i in range(a.runs):
        auth = [f"Authorization: Bearer {sub.token()}"]  # 900 s each: a fresh one per run
        before = sub.settled_count()
        r = wrk(url, a.threads, a.connections, a.duration, script, auth)
        stored = sub.settled_count() - before
        m = re.search(r"submit\.lua: sent (\d+)", r["raw"])
        r["sent"] = int(m.group(1)) if m else None
        r["stored"] = stored
        completed_2xx = (r["requests"] or 0) - r["non_2xx"]
        problems = []
        if r["non_2xx"]:
            problems.append(f"{r['non_2xx']} non-2xx answers")
        if r["socket_errors"]:
            problems.append(f"{r['socket_errors']} socket errors")
        if r["sent"] is None:
            problems.append("submit.lua printed no request count")
        elif not completed_2xx <= stored <= r["sent"]:
            problems.append(f"{stored} stored, but {completed_2xx} answered 2xx and {r['sent']} sent")
        r["valid"], r["problems"] = not problems, problems
        print(f"    run {i + 1}/{a.runs}: {r['rps']:.0f} req/s, p50 {r.get('p50_ms')} ms, p99 {r.get('p99_ms')} ms, "
              f"non-2xx {r['non_2xx']}, socket errors {r['socket_errors']}; {completed_2xx} answered 2xx, "
              f"{stored} stored, {r['sent']} sent -> {'valid' if r['valid'] else 'INVALID: ' + '; '.join(problems)}",
              flush=True)
        runs.append(r)
    return {
        "url_path": "/api/v1/submissions",
        "rps_median": median_of(runs, "rps"),
        "p50_ms_median": median_of(runs, "p50_ms"),
        "p99_ms_median": median_of(runs, "p99_ms"),
        "non_2xx_total": sum(r["non_2xx"] for r in runs),
        "socket_errors_total": sum(r["socket_errors"] for r in runs),
        "all_runs_valid": all(r["valid"] for r in runs),
        "runs": [{k: v for k, v in r.items() if k != "raw"} for r in runs],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=None, help="amtsweg binary (default .build/release/amtsweg); forms-bench "
                    "is taken from the same directory")
    ap.add_argument("--quick", action="store_true", help="1 s warm-up, one 3 s run per endpoint")
    a = ap.parse_args()
    a.threads, a.connections = 2, 64
    a.warmup, a.duration, a.runs = (1, 3, 1) if a.quick else (5, 15, 3)
    if not shutil.which("wrk"):
        print("forms.py: wrk not found (apt-get install wrk)", file=sys.stderr)
        return 2
    binary = resolve_binary(a.bin, default=".build/release/amtsweg")
    if not binary.exists():
        print(f"forms.py: {binary} not found (swift build -c release --product amtsweg, or --bin)", file=sys.stderr)
        return 2
    if "/debug/" in str(binary):
        print("forms.py: WARNING: this is a debug build; numbers are not comparable", file=sys.stderr)
    bench_bin = binary.parent / "forms-bench"

    in_process = None
    if bench_bin.exists():
        print("in process: forms-bench ...", flush=True)
        out = subprocess.run([str(bench_bin)], check=True, capture_output=True, text=True, cwd=REPO).stdout
        in_process = json.loads(out.strip().splitlines()[-1])
        median = in_process["import_1000_fields_ms"]["median"]
        print(f"    import of 1,000 fields in 200 groups: median {median:.2f} ms "
              f"(XMLParser alone {in_process['xmlparser_alone_ms']['median']:.2f} ms); validation of the parking "
              f"permit: median {in_process['validate_parking_permit_ms']['median']:.4f} ms", flush=True)
    elif a.quick:
        print(f"forms.py: WARNING: {bench_bin} not found: in-process figures skipped "
              "(swift build -c release --product forms-bench)", file=sys.stderr)
    else:
        print(f"forms.py: {bench_bin} not found (swift build -c release --product forms-bench)", file=sys.stderr)
        return 2

    endpoints: dict = {}
    verification: dict = {}
    try:
        with Server(binary, raw=True) as raw:
            print("raw baseline ...", flush=True)
            endpoints["raw baseline GET /"] = bench_endpoint(raw, "/", a, None)
        env = dict(os.environ, AMTSWEG_RATE_LIMIT_SUBMISSIONS="1000000000/60", AMTSWEG_RATE_LIMIT_TOKEN="1000000/60",
                   AMTSWEG_RATE_LIMIT_API_WRITES="1000000/60", AMTSWEG_LOG_LEVEL="warning")
        with Server(binary, env=env) as app, tempfile.TemporaryDirectory() as tmp:
            sub = Submitter(app)
            body, values = sub.body(sub.token())
            body_path = Path(tmp) / "submission.json"
            body_path.write_bytes(body)
            os.environ["AMTSWEG_BENCH_BODY"] = str(body_path)  # read by bench/submit.lua in wrk
            # one request by hand first: the body must be accepted, or the benchmark measures errors
            status, answer = http("POST", app.base_url + "/api/v1/submissions", body,
                                  {"Authorization": f"Bearer {sub.token()}", "Content-Type": "application/json",
                                   "Idempotency-Key": "forms-bench-probe"})
            if status != 201:
                raise RuntimeError(f"the benchmark submission is not accepted: {status} {answer}")
            print(f"submissions POST /api/v1/submissions ({values} values, 2 attachments, "
                  f"{len(body)} bytes) ...", flush=True)
            endpoints["submissions POST /api/v1/submissions"] = bench_submissions(app, sub, a)
            n = sub.count()
            verification = {"body_bytes": len(body), "values": values, "submissions_stored": n,
                            "events_stored": sub.count("submission_events"),
                            "documents_linked": sub.count("submission_documents")}
            # every stored submission has its received and routed events and both attachments
            verification["complete"] = (verification["events_stored"] == 2 * n
                                        and verification["documents_linked"] == 2 * n)
            if app.proc.poll() is not None:
                raise ServerError(f"server died during the benchmark:\n{app.log_tail()}")
    except (ServerError, RuntimeError, subprocess.CalledProcessError) as e:
        print(f"forms.py: {e}", file=sys.stderr)
        return 1

    s = endpoints["submissions POST /api/v1/submissions"]
    http_met = ((s["rps_median"] or 0) >= TARGET_RPS and (s["p99_ms_median"] or 1e9) < TARGET_P99_MS
                and s["all_runs_valid"] and verification["complete"])
    import_ms = in_process["import_1000_fields_ms"]["median"] if in_process else None
    targets = {
        "http_submissions": {"limit_rps": TARGET_RPS, "limit_p99_ms": TARGET_P99_MS, "rps": s["rps_median"],
                             "p99_ms": s["p99_ms_median"], "valid": s["all_runs_valid"] and verification["complete"],
                             "met": http_met},
        "import_1000_fields": {"limit_ms": TARGET_IMPORT_MS, "median_ms": import_ms,
                               "met": import_ms is not None and import_ms < TARGET_IMPORT_MS},
    }
    result = {
        "benchmark": "forms and submissions", "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "setting": {"threads": a.threads, "connections": a.connections, "warmup_s": a.warmup,
                    "duration_s": a.duration, "runs": a.runs, "quick": a.quick},
        "machine": machine_info(binary), "in_process": in_process, "http": endpoints,
        "verification": verification, "targets": targets,
    }
    print()
    print(f"{'endpoint':40} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'errors':>7}")
    for name, e in endpoints.items():
        print(f"{name:40} {e['rps_median']:>8.0f} {e['p50_ms_median']:>8} {e['p99_ms_median']:>8} "
              f"{e['non_2xx_total']:>8} {e['socket_errors_total']:>7}")
    if in_process:
        print()
        for key in ("import_1000_fields_ms", "xmlparser_alone_ms", "validate_parking_permit_ms",
                    "parse_parking_permit_json_ms"):
            if key in in_process:
                print(f"{key:40} median {in_process[key]['median']:.4f}  p99 {in_process[key]['p99']:.4f}")
    v = verification
    print(f"\nstored {v['submissions_stored']} submissions, {v['events_stored']} events, {v['documents_linked']} "
          f"attachment links ({'complete' if v['complete'] else 'INCOMPLETE'})")
    print()
    t = targets["http_submissions"]
    print(f"  {'met    ' if t['met'] else 'NOT MET'}  HTTP submissions ({t['rps']} req/s, p99 {t['p99_ms']} ms"
          f"{'' if t['valid'] else ', INVALID runs'}; target >= {TARGET_RPS} req/s, p99 < {TARGET_P99_MS} ms)")
    t = targets["import_1000_fields"]
    measured = "not measured" if t["median_ms"] is None else f"{t['median_ms']:.2f} ms"
    print(f"  {'met    ' if t['met'] else 'NOT MET'}  import of 1,000 fields in 200 groups "
          f"({measured}; target < {TARGET_IMPORT_MS} ms)")
    results = REPO / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = results / f"forms-{stamp}{'-quick' if a.quick else ''}.json"
    path.write_text(json.dumps(result, indent=1) + "\n")
    print(f"\nwritten: {path.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
