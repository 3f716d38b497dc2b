"""Two `amtsweg serve` processes on one PostgreSQL database.

They serve the same data, share idempotency keys, and their two job workers execute every job
enqueued once exactly once. Needs AMTSWEG_TEST_POSTGRES_URL (scripts/test.sh provides a
throwaway cluster); psql creates a fresh database for the run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from server import REPO_ROOT, free_port, http_status, resolve_binary  # noqa: E402

ADMIN_URL = os.environ.get("AMTSWEG_TEST_POSTGRES_URL")
if not ADMIN_URL and os.environ.get("AMTSWEG_REQUIRE_POSTGRES") == "1":
    raise RuntimeError("AMTSWEG_REQUIRE_POSTGRES=1 but AMTSWEG_TEST_POSTGRES_URL is not set")
pytestmark = pytest.mark.skipif(not ADMIN_URL, reason="AMTSWEG_TEST_POSTGRES_URL not set")

PROBES = 120


def psql(url: str, sql: str) -> str:
    return subprocess.run(
        ["psql", url, "-v", "ON_ERROR_STOP=1", "-tAc", sql], check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def database_url():
    name = "amtsweg_nodes_" + uuid.uuid4().hex[:12]
    psql(ADMIN_URL, f"CREATE DATABASE {name}")
    parts = urllib.parse.urlsplit(ADMIN_URL)
    url = urllib.parse.urlunsplit(parts._replace(path="/" + name))
    yield url
    psql(ADMIN_URL, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def nodes(database_url, tmp_path_factory):
    binary = resolve_binary(None)
    env = dict(os.environ, AMTSWEG_DATABASE_URL=database_url, AMTSWEG_DOCUMENT_STORAGE="database")
    procs = []
    # Both nodes start at the same moment: migrations must serialise on the advisory lock.
    for name in ("a", "b"):
        port = free_port()
        log = open(tmp_path_factory.mktemp(name) / "server.log", "wb")
        proc = subprocess.Popen(
            [str(binary), "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env, cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
        procs.append((proc, f"http://127.0.0.1:{port}", log))
    deadline = time.monotonic() + 120
    for proc, base, log in procs:
        while http_status(base + "/readyz") != 200:
            assert proc.poll() is None, f"node exited early: {Path(log.name).read_text(errors='replace')[-3000:]}"
            assert time.monotonic() < deadline, "node not ready"
            time.sleep(0.1)
    yield [base for _, base, _ in procs]
    for proc, _, log in procs:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def test_both_nodes_serve_the_same_data(nodes):
    a, b = nodes
    for path in ("/api/v1/regions/160530000000", "/api/v1/authorities?ars=160615051002", "/api/v1/regions?q=Gossnitz"):
        ra, rb = requests.get(a + path, timeout=10), requests.get(b + path, timeout=10)
        assert ra.status_code == rb.status_code == 200
        assert ra.json() == rb.json()
    assert "Stadtverwaltung Jena" in requests.get(b + "/gemeinden/160530000000", timeout=10).text


def test_a_retried_post_on_the_other_node_gets_the_first_answer(nodes):
    a, b = nodes
    headers = {"Content-Type": "application/json", "Idempotency-Key": "two-nodes-" + uuid.uuid4().hex}
    body = json.dumps({"message": "Kontrast zu gering"})
    first = requests.post(a + "/api/v1/barrier-reports", data=body, headers=headers, timeout=10)
    retry = requests.post(b + "/api/v1/barrier-reports", data=body, headers=headers, timeout=10)
    assert first.status_code == retry.status_code == 201
    assert first.json()["id"] == retry.json()["id"]


def test_jobs_enqueued_once_run_exactly_once_with_both_workers(nodes, database_url):
    binary = resolve_binary(None)
    env = dict(os.environ, AMTSWEG_DATABASE_URL=database_url, AMTSWEG_LOG_LEVEL="error")
    subprocess.run([str(binary), "jobs", "--probe", str(PROBES)], env=env, check=True, capture_output=True)
    deadline = time.monotonic() + 60
    while True:
        out = subprocess.run(
            [str(binary), "jobs", "--probe-report"], env=env, check=True, capture_output=True, text=True
        ).stdout
        report = json.loads(out.strip().splitlines()[-1])
        if report["pending"] == 0 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    print("probe report:", report)
    assert report["enqueued"] == PROBES
    assert report["pending"] == 0, "every probe ran"
    assert report["executions"] == PROBES, "no probe ran twice, none was lost"
    assert report["executedTwiceOrMore"] == 0
    # The maintenance job both nodes scheduled at start exists once.
    assert psql(database_url, "SELECT COUNT(*) FROM jobs WHERE kind = 'maintenance.retention' AND status = 'pending'") == "1"
