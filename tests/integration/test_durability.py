"""Every acknowledged submission survives a crash (issue 5: "committed durably before anyone is told
accepted").

One `amtsweg serve` on a SQLite file takes N submissions from several threads at once; as soon as
KILL_AFTER of them have been answered 201, another thread SIGKILLs the process while the rest are
still in flight (no shutdown handler runs, nothing buffered in the process is flushed). A new
server on the same file must then return every acknowledged submission unchanged, every stored
submission must be whole (its received and routed events with it), and retrying the unanswered
requests with their Idempotency-Keys must end with exactly N submissions — none lost, none twice.

SIGKILL tests the order "commit, then answer" and SQLite's recovery of the WAL; a power cut would
additionally test the fsync (synchronous=FULL), which a test cannot do.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from server import REPO_ROOT, Server, ServerError  # noqa: E402

N = 200
KILL_AFTER = 150
THREADS = 8
JENA = "160530000000"
PARKING = "99108001001000"
SAMPLE = REPO_ROOT / "data/forms/bewohnerparkausweis/beispiel-antrag.json"


def canonical(data) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def start(binary, database: Path) -> Server:
    server = Server(binary, database_path=database)
    try:
        server.start()
    except ServerError as e:
        server.cleanup()
        pytest.fail(str(e), pytrace=False)
    return server


def register(server: Server) -> tuple[str, str]:
    out = subprocess.run(
        [str(server.binary), "clients", "--database-url", f"sqlite:{server.database_path}", "--name", "Durability",
         "--services", PARKING, "--log-level", "error"],
        check=True, capture_output=True, text=True, timeout=60).stdout
    return (re.search(r"client_id:\s*(\S+)", out).group(1),
            re.search(r"client_secret \(shown once\):\s*(\S+)", out).group(1))


def token(base: str, client: tuple[str, str]) -> str:
    r = requests.post(f"{base}/api/v1/oauth/token", data={"grant_type": "client_credentials"}, auth=client, timeout=30)
    assert r.status_code == 200, r.text
    return r.json()["access_token"]


def bodies(base: str) -> list[bytes]:
    """N different applications (the applicant's family name carries the number)."""
    schema_uri = next(f["schemaUri"] for f in requests.get(f"{base}/api/v1/forms", timeout=30).json()["forms"]
                      if f["id"] == "S05000058")
    destination = requests.get(f"{base}/api/v1/routes", params={"leikaKey": PARKING, "ars": JENA},
                               timeout=30).json()["routes"][0]["destinationId"]
    out = []
    for i in range(N):
        data = json.loads(SAMPLE.read_text(encoding="utf-8"))
        data["G05000496"]["F05000059"] = f"Beispiel-{i:04d}"
        out.append(json.dumps({
            "destinationId": destination, "ars": JENA,
            "metadata": {
                "contentStructure": {
                    "data": {"hash": {"type": "sha512", "content": hashlib.sha512(canonical(data)).hexdigest()},
                             "submissionSchema": {"schemaUri": schema_uri, "mimeType": "application/json"}},
                    "attachments": []},
                "publicServiceType": {"identifier": f"urn:de:fim:leika:leistung:{PARKING}"}},
            "data": data,
        }, ensure_ascii=False).encode())
    return out


def test_acknowledged_submissions_survive_sigkill(tmp_path):
    binary = os.environ.get("AMTSWEG_BIN")
    database = tmp_path / "amtsweg.sqlite"
    first = start(binary, database)
    second = None
    try:
        client = register(first)
        bearer = token(first.base_url, client)
        payloads = bodies(first.base_url)
        keys = [f"durability-{i:04d}" for i in range(N)]

        acked: dict[int, dict] = {}  # request number -> the 201 answer
        failed: dict[int, str] = {}  # request number -> what happened instead
        lock = threading.Lock()
        enough = threading.Event()
        killed = threading.Event()
        in_flight_at_kill = []
        sent = set()
        next_index = iter(range(N))

        def worker() -> None:
            session = requests.Session()
            headers = {"Authorization": f"Bearer {bearer}", "Content-Type": "application/json"}
            while True:
                with lock:
                    i = next(next_index, None)
                    if i is None:
                        return
                    sent.add(i)
                try:
                    r = session.post(f"{first.base_url}/api/v1/submissions", data=payloads[i],
                                     headers={**headers, "Idempotency-Key": keys[i]}, timeout=30)
                except requests.RequestException as e:
                    with lock:
                        failed[i] = type(e).__name__
                        sent.discard(i)
                    continue
                with lock:
                    sent.discard(i)
                    if r.status_code == 201:
                        acked[i] = r.json()
                        if len(acked) >= KILL_AFTER:
                            enough.set()
                    else:
                        failed[i] = f"{r.status_code} {r.text[:200]}"

        def killer() -> None:
            enough.wait(timeout=300)
            with lock:
                in_flight_at_kill.append(len(sent))
            os.killpg(first.pid, signal.SIGKILL)  # the server runs in its own session/process group
            killed.set()

        k = threading.Thread(target=killer)
        k.start()
        workers = [threading.Thread(target=worker) for _ in range(THREADS)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout=600)
        enough.set()  # in case fewer than KILL_AFTER succeeded: kill anyway, the asserts below report it
        k.join(timeout=30)
        assert killed.is_set()
        first.proc.wait(timeout=30)
        assert first.proc.returncode == -signal.SIGKILL
        first.stop()

        print(f"\n{len(acked)} acknowledged, {len(failed)} not answered, {in_flight_at_kill[0]} in flight at the kill")
        assert len(acked) >= KILL_AFTER, f"only {len(acked)} acknowledged before the kill: {list(failed.values())[:5]}"
        assert all(not reason[:1].isdigit() for reason in failed.values()), \
            f"non-201 answers before the kill: {[r for r in failed.values() if r[:1].isdigit()][:5]}"
        assert in_flight_at_kill[0] > 0, "nothing was in flight at the kill: the test proves less than it should"

        # The restarted server is the first to open the file after the crash (it recovers the WAL).
        second = start(binary, database)
        with closing(sqlite3.connect(database, timeout=30)) as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            stored = db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
            incomplete = db.execute(
                "SELECT COUNT(*) FROM submissions s WHERE (SELECT COUNT(*) FROM submission_events e "
                "WHERE e.submission_id = s.id AND e.kind IN ('received', 'routed')) != 2").fetchone()[0]
        print(f"{stored} submissions stored")
        assert stored >= len(acked), f"{stored} rows for {len(acked)} acknowledged submissions"
        assert incomplete == 0, "a submission was stored without its events (not one transaction)"

        bearer = token(second.base_url, client)
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {bearer}"
        lost, changed = [], []
        for i, answer in acked.items():
            r = session.get(f"{second.base_url}/api/v1/submissions/{answer['submissionId']}", timeout=30)
            if r.status_code != 200:
                lost.append((i, r.status_code))
                continue
            got = r.json()
            for field in ("submissionId", "reference", "submittedAt", "leikaKey", "ars", "destinationId",
                          "contentHash"):
                if got[field] != answer[field]:
                    changed.append((i, field, answer[field], got[field]))
            if [e["kind"] for e in got["events"]] != ["received", "routed"]:
                changed.append((i, "events", answer["events"], got["events"]))
        assert lost == [], f"acknowledged but lost after the crash: {lost[:10]}"
        assert changed == [], f"acknowledged but changed after the crash: {changed[:10]}"

        # Retrying what got no answer, with the same keys: stored ones replay, the rest are created.
        for i in sorted(failed):
            r = session.post(f"{second.base_url}/api/v1/submissions", data=payloads[i], timeout=30,
                             headers={"Content-Type": "application/json", "Idempotency-Key": keys[i]})
            assert r.status_code == 201, r.text
        with closing(sqlite3.connect(database, timeout=30)) as db:
            assert db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == N
            assert db.execute("SELECT COUNT(DISTINCT idempotency_key) FROM submissions").fetchone()[0] == N
        # Replays of acknowledged ones return the acknowledged submission.
        for i in list(acked)[:10]:
            r = session.post(f"{second.base_url}/api/v1/submissions", data=payloads[i], timeout=30,
                             headers={"Content-Type": "application/json", "Idempotency-Key": keys[i]})
            assert r.status_code == 201 and r.headers.get("idempotent-replayed") == "true", r.text
            assert r.json()["submissionId"] == acked[i]["submissionId"]
    finally:
        if second is not None:
            second.cleanup()
        first.cleanup()
