#!/usr/bin/env python3
"""Clerk inbox benchmark: GET /behoerde/vorgaenge with 1,000,000 cases, on SQLite and PostgreSQL.

Target (issue text): with 1,000,000 synthetic cases in the database, 200,000 of them in one
authority, the clerk inbox answers in p99 < 50 ms on SQLite and on PostgreSQL for its common
filters and for deep pages (keyset pagination), with the standard setting of bench/run.py
(wrk -t2 -c64 --latency, 5 s warm-up, three 15 s runs, medians).

Per database:
  1. `amtsweg serve --demo` on a fresh database migrates and seeds it (the demo clerk of
     Stadtverwaltung Jena, authority th-stadt-16053, and its one-time credentials); stopped.
  2. 1,000,000 cases are written directly (same rows on both databases, generated here with a fixed
     seed): 200,000 in the clerk's authority, 800,000 across the other authorities of the
     `authorities` table; received_at spread over the last 3 years (Timestamp.string format), deadline
     3 months later, about 30 % open (younger cases more often), assignees among 20 staff (the demo
     clerk has 5 % of its authority's cases, some unassigned), 30 LeiKa services (one common: 15 %),
     a few teams. Then ANALYZE (PostgreSQL: VACUUM ANALYZE, as autovacuum would).
  3. The server starts again on that database; the demo clerk signs in (password + TOTP), and wrk
     sends the session cookie. Every scenario is checked first: one GET must answer 200 with
     exactly the 25 case numbers the same query gives in the database, in order; otherwise the
     benchmark fails (an error page is not timed).
  4. Each scenario: its own wrk run (5 s warm-up, 3 x 15 s, medians of req/s, p50 and p99).
  5. The inbox SQL of CaseStore.inbox is run directly too, for the plan (EXPLAIN QUERY PLAN /
     EXPLAIN (ANALYZE, BUFFERS)) and its time without HTTP; both are in the JSON.

The raw HTTP server (`amtsweg raw-server`) is the baseline of the same run. PostgreSQL: without
--postgres-url the script re-runs itself under `pg_virtualenv -v 15` (a throw-away cluster with
default settings). Writes bench/results/inbox-<UTC timestamp>.json.

    swift build -c release --product amtsweg
    python3 bench/inbox.py                       # both databases, about 25 minutes
    python3 bench/inbox.py --databases sqlite    # one of them
    python3 bench/inbox.py --quick               # smoke test: 1 s warm-up, one 3 s run
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import hashlib
import hmac
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from contextlib import closing
from pathlib import Path
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO / "tests" / "support"))
from run import bench_endpoint, machine_info, wrk  # noqa: E402
from server import Server, ServerError, resolve_binary  # noqa: E402

AUTHORITY = "th-stadt-16053"  # Stadtverwaltung Jena, the demo clerk's authority
JENA_ARS = "160530000000"
TOTAL, IN_AUTHORITY = 1_000_000, 200_000
PAGE = 25
TARGET_P99_MS = 50.0
INBOX = "/behoerde/vorgaenge"
SEED = 20261127
YEARS = 3
# 30 LeiKa keys; the first (Bewohnerparkausweis) is the common one
SERVICES = [
    "99108001001000", "99012077006000", "99012071006000", "99012068006000", "99012070006001", "99059001104000",
    "99027002012000", "99133001026000", "99115005070000", "99107023037000", "99101004012000", "99073001000000",
    "99059004012000", "99059002012000", "99050012104000", "99027002012002", "99115005104000", "99108001036001",
    "99108001020000", "99107108017000", "99107023037001", "99107022012000", "99102013104000", "99085001014003",
    "99085001012005", "99067004001000", "99050012071000", "99050012070000", "99049001001000", "99036020001000",
]
COMMON_SERVICE = SERVICES[0]
OPEN_STATUSES = [("received", 0.35), ("in_review", 0.35), ("awaiting_applicant", 0.20), ("decided", 0.10)]
STAFF = [f"0190bench-0000-7000-8000-{i:012d}" for i in range(1, 20)]  # 19 colleagues of the demo clerk
TEAMS = ["bench-team-buergerservice", "bench-team-verkehr", "bench-team-soziales"]
COLUMNS = ["id", "number", "authority_id", "leika", "ars", "applicant_name", "channel", "status", "is_open",
           "assignee_id", "team_id", "received_at", "deadline", "decision", "closed_at", "updated_at"]
FIRST_NAMES = ["Anna", "Ben", "Clara", "David", "Emma", "Felix", "Greta", "Hannes", "Ida", "Jonas", "Karla", "Lukas",
               "Mia", "Noah", "Olga", "Paul", "Quirin", "Rosa", "Simon", "Tara", "Ulrich", "Vera", "Wim", "Yara"]
LAST_NAMES = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
              "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger"]


# -- helpers ------------------------------------------------------------------------------------

def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 (SHA-1, 30 s, 6 digits) over the raw secret, as the server checks it."""
    counter = int((at or time.time()) // 30)
    mac = hmac.new(secret.encode(), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def timestamp(ms: int) -> str:
    """Timestamp.string: ISO 8601 UTC with milliseconds and Z."""
    d = dt.datetime(1970, 1, 1) + dt.timedelta(milliseconds=ms)
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def uuid7(ms: int, n: int, rng: random.Random) -> str:
    """Identifier.uuidV7: 48-bit milliseconds, version 7, variant; the counter n keeps it unique."""
    rand = rng.getrandbits(38)
    b = ms.to_bytes(6, "big") + (0x7000 | (n >> 12 & 0x0FFF)).to_bytes(2, "big") + \
        (0x8000 | (n & 0x0FFF) << 2 | rand >> 36).to_bytes(2, "big") + (rand & 0xFFFFFFFFF).to_bytes(6, "big")
    h = b.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def add_months(day: dt.date, months: int) -> dt.date:
    m = day.month - 1 + months
    y, m = day.year + m // 12, m % 12 + 1
    last = [31, 29 if y % 4 == 0 and (y % 100 != 0 or y % 400 == 0) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return dt.date(y, m, min(day.day, last[m - 1]))


def cursor(sort: str, key: str, case_id: str) -> str:
    return base64.urlsafe_b64encode(f"{sort}|{key}|{case_id}".encode()).rstrip(b"=").decode()


def generate(now_ms: int, others: list[tuple[str, str]], clerk: str) -> tuple[list[tuple], dict]:
    """TOTAL rows in received order (like real arrivals: authorities interleaved). Every fifth row is in
    AUTHORITY. Returns the rows and the case counters (authority, year) -> last number."""
    rng = random.Random(SEED)
    span = YEARS * 365 * 86_400_000
    start, step = now_ms - span, span // TOTAL
    berlin = ZoneInfo("Europe/Berlin")
    counters: dict[tuple[str, int], int] = {}
    rows = []
    for n in range(TOTAL):
        ms = start + n * step + rng.randrange(step)
        received = timestamp(ms)
        age_days = (now_ms - ms) / 86_400_000
        if n % 5 == 0:
            authority, ars = AUTHORITY, JENA_ARS
        else:
            authority, ars = others[rng.randrange(len(others))]
        p_open = 0.9 if age_days < 91 else 0.5 if age_days < 365 else 0.15
        is_open = rng.random() < p_open
        if is_open:
            x, status = rng.random(), "decided"
            for s, w in OPEN_STATUSES:
                if x < w:
                    status = s
                    break
                x -= w
        else:
            status = "closed"
        if authority == AUTHORITY and rng.random() < 0.05:
            assignee = clerk
        elif status == "received" and rng.random() < 0.6:
            assignee = None
        else:
            assignee = STAFF[rng.randrange(len(STAFF))]
        x = rng.random()
        leika = SERVICES[0] if x < 0.15 else SERVICES[1] if x < 0.25 else SERVICES[2 + rng.randrange(len(SERVICES) - 2)]
        team = TEAMS[rng.randrange(len(TEAMS))] if rng.random() < 0.1 else None
        local = dt.datetime.fromtimestamp(ms / 1000, berlin).date()
        deadline = add_months(local, 3).isoformat()
        year = local.year
        counters[(authority, year)] = number = counters.get((authority, year), 0) + 1
        closed_at = timestamp(ms + rng.randrange(5, 120) * 86_400_000) if not is_open else None
        if closed_at and closed_at > timestamp(now_ms):
            closed_at = timestamp(now_ms - rng.randrange(1, 86_400_000))
        decision = '{"outcome":"granted"}' if status in ("decided", "closed") else None
        name = f"{LAST_NAMES[rng.randrange(len(LAST_NAMES))]}, {FIRST_NAMES[rng.randrange(len(FIRST_NAMES))]}"
        rows.append((uuid7(ms, n, rng), f"{year}-{number:06d}", authority, leika, ars, name, "online", status,
                     1 if is_open else 0, assignee, team, received, deadline, decision, closed_at,
                     closed_at or received))
    return rows, counters


# -- databases ------------------------------------------------------------------------------------

class Db:
    kind = ""

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        raise NotImplementedError


class SQLiteDb(Db):
    kind = "sqlite"

    def __init__(self, path: Path) -> None:
        self.path = path

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        with closing(sqlite3.connect(self.path, timeout=60)) as db:
            return db.execute(sql, params).fetchall()

    def load(self, rows: list[tuple], counters: dict, accounts: list[tuple]) -> None:
        with closing(sqlite3.connect(self.path, timeout=60, isolation_level=None)) as db:
            db.execute("PRAGMA cache_size = -1000000")  # 1 GB for the load only: the indexes stay in memory
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT INTO accounts (id, kind, display_name, created_at) VALUES (?, ?, ?, ?)", accounts)
            db.executemany(f"INSERT INTO cases ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})", rows)
            db.executemany(
                "INSERT INTO case_counters (authority_id, year, next) VALUES (?, ?, ?) ON CONFLICT (authority_id, year) "
                "DO UPDATE SET next = max(next, excluded.next)", [(a, y, n) for (a, y), n in counters.items()])
            db.execute("COMMIT")
            db.execute("ANALYZE")
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def info(self) -> dict:
        size = self.path.stat().st_size
        return {"file_mb": round(size / 2**20, 1), "python_sqlite_version": sqlite3.sqlite_version}


class PostgresDb(Db):
    kind = "postgres"

    def __init__(self, url: str) -> None:
        self.url = url

    def psql(self, sql: str, *extra: str, stdin: str | None = None) -> str:
        p = subprocess.run(["psql", self.url, "-X", "-v", "ON_ERROR_STOP=1", "-tA", "-F", "\t", *extra, "-c", sql],
                           capture_output=True, text=True, input=stdin, timeout=1800)
        if p.returncode != 0:
            raise RuntimeError(f"psql failed: {p.stderr.strip()}\nSQL: {sql[:500]}")
        return p.stdout

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        out = self.psql(inline(sql, params))
        return [tuple(None if v == "" else v for v in line.split("\t")) for line in out.splitlines() if line]

    def load(self, rows: list[tuple], counters: dict, accounts: list[tuple]) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "cases.csv"
            with open(path, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                for r in rows:
                    w.writerow(["\\N" if v is None else v for v in r])
            os.chmod(tmp, 0o755)
            os.chmod(path, 0o644)
            values = ", ".join(f"({quote(i)}, {quote(k)}, {quote(d)}, {quote(c)})" for i, k, d, c in accounts)
            counter_values = ", ".join(f"({quote(a)}, {y}, {n})" for (a, y), n in counters.items())
            self.psql(f"INSERT INTO accounts (id, kind, display_name, created_at) VALUES {values}")
            self.psql(f"\\copy cases ({', '.join(COLUMNS)}) FROM '{path}' WITH (FORMAT csv, NULL '\\N')")
            self.psql(f"INSERT INTO case_counters (authority_id, year, next) VALUES {counter_values} "
                      "ON CONFLICT (authority_id, year) DO UPDATE SET next = GREATEST(case_counters.next, excluded.next)")
        self.psql("VACUUM (ANALYZE) cases")
        self.psql("VACUUM (ANALYZE) accounts")
        # The load dirtied about 1.6 GB: write it out now (as pgbench does before a run; SQLite's load
        # ends with a WAL checkpoint too), or the checkpointer spreads that I/O over the first scenario.
        self.psql("CHECKPOINT")

    def info(self) -> dict:
        out = {}
        for name in ("server_version", "shared_buffers", "work_mem", "effective_cache_size", "random_page_cost",
                     "max_connections"):
            out[name] = self.psql(f"SHOW {name}").strip()
        out["cases_total_size"] = self.psql("SELECT pg_size_pretty(pg_total_relation_size('cases'))").strip()
        return out


def quote(v) -> str:
    if v is None:
        return "NULL"
    if isinstance(v, int):
        return str(v)
    return "'" + str(v).replace("'", "''") + "'"


def inline(sql: str, params: tuple) -> str:
    """The `?` placeholders of `sql` replaced by literals (our own values only)."""
    parts = sql.split("?")
    assert len(parts) == len(params) + 1, (sql, params)
    return "".join(p + (quote(params[i]) if i < len(params) else "") for i, p in enumerate(parts))


# -- the inbox query (as CaseStore.inbox builds it) ------------------------------------------------

def inbox_sql(q: dict, me: str, today: str, limit: int = PAGE + 1, offset: int = 0) -> tuple[str, tuple]:
    """The SQL of CaseStore.inbox for the query parameters `q`, with `?` placeholders (it asks for one
    row more than the page to know whether there is a next page)."""
    cond, params = ["c.authority_id = ?"], [AUTHORITY]
    status = q.get("status", "open")
    if q.get("overdue") == "1" and status == "closed":
        status = "open"
    if status == "open":
        cond.append("c.is_open = 1")
    elif status == "closed":
        cond.append("c.is_open = 0")
    else:
        cond.append("c.status = ?")
        params.append(status)
    if "service" in q:
        cond.append("c.leika = ?")
        params.append(q["service"])
    if q.get("assignee") == "none":
        cond.append("c.assignee_id IS NULL")
    elif "assignee" in q:
        cond.append("c.assignee_id = ?")
        params.append(me if q["assignee"] == "me" else q["assignee"])
    if "team" in q:
        cond.append("c.team_id = ?")
        params.append(q["team"])
    if q.get("overdue") == "1":
        cond.append("c.deadline < ?")
        params.append(today)
    sort = q.get("sort", "newest")
    after = None
    if "after" in q:
        s, key, cid = base64.urlsafe_b64decode(q["after"] + "=" * (-len(q["after"]) % 4)).decode().split("|")
        assert s == sort
        after = (key, cid)
    if sort == "newest":
        if after:
            cond.append("(c.received_at, c.id) < (?, ?)")
            params += after
        order = "c.received_at DESC, c.id DESC"
    elif sort == "oldest":
        if after:
            cond.append("(c.received_at, c.id) > (?, ?)")
            params += after
        order = "c.received_at ASC, c.id ASC"
    else:
        if after:
            cond.append("(c.deadline, c.id) > (?, ?)")
            params += after
        order = "c.deadline ASC, c.id ASC"
    sql = ("SELECT c.id, c.number, c.leika, c.status, c.applicant_name, c.assignee_id, a.display_name AS assignee_name, "
           "c.received_at, c.deadline, c.channel FROM cases c LEFT JOIN accounts a ON a.id = c.assignee_id "
           f"WHERE {' AND '.join(cond)} ORDER BY {order} LIMIT {limit}" + (f" OFFSET {offset}" if offset else ""))
    return sql, tuple(params)


def scenarios(db: Db, me: str, today: str) -> list[dict]:
    """The measured URLs; deep-page cursors are taken from the database (the row before the page)."""
    def key_at(q: dict, offset: int) -> str:
        sql, params = inbox_sql(q, me, today, limit=1, offset=offset - 1)
        rows = db.query(sql, params)
        if not rows:
            raise RuntimeError(f"no row at offset {offset} for {q}")
        sort = q.get("sort", "newest")
        return cursor(sort, rows[0][8] if sort == "deadline" else rows[0][7], rows[0][0])

    out = [
        {"name": "default: open, newest first", "q": {}},
        {"name": "status=awaiting_applicant", "q": {"status": "awaiting_applicant"}},
        {"name": "assignee=me", "q": {"assignee": "me"}},
        {"name": f"service={COMMON_SERVICE}", "q": {"service": COMMON_SERVICE}},
        {"name": "overdue=1&sort=deadline", "q": {"overdue": "1", "sort": "deadline"}},
        {"name": "deep page: open, newest, after row 50,000", "q": {}, "deep": 50_000},
        {"name": "deep page: status=closed, after row 100,000", "q": {"status": "closed"}, "deep": 100_000},
        {"name": "sort=oldest", "q": {"sort": "oldest"}},
    ]
    for s in out:
        if "deep" in s:
            s["q"] = dict(s["q"], after=key_at(s["q"], s["deep"]))
        s["path"] = INBOX + ("?" + urllib.parse.urlencode(s["q"]) if s["q"] else "")
    return out


def expected_numbers(db: Db, q: dict, me: str, today: str) -> list[str]:
    sql, params = inbox_sql(q, me, today, limit=PAGE)
    return [r[1] for r in db.query(sql, params)]


def plan(db: Db, q: dict, me: str, today: str, repeat: int = 20) -> dict:
    """The plan of the inbox SQL and its time in the database alone (no HTTP)."""
    sql, params = inbox_sql(q, me, today)
    if isinstance(db, SQLiteDb):
        with closing(sqlite3.connect(db.path, timeout=60)) as c:
            rows = c.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
            times = []
            for _ in range(repeat):
                t = time.perf_counter()
                c.execute(sql, params).fetchall()
                times.append((time.perf_counter() - t) * 1000)
        return {"sql": sql, "params": list(params), "plan": [r[-1] for r in rows],
                "median_ms": round(statistics.median(times), 3), "note": f"python sqlite3 {sqlite3.sqlite_version}"}
    text = inline(sql, params)
    out = db.psql("EXPLAIN (ANALYZE, BUFFERS) " + text)
    planning, times = [], []
    for _ in range(repeat // 4):
        explained = db.psql("EXPLAIN (ANALYZE) " + text)
        planning.append(float(re.search(r"Planning Time: ([\d.]+) ms", explained).group(1)))
        times.append(float(re.search(r"Execution Time: ([\d.]+) ms", explained).group(1)))
    return {"sql": sql, "params": list(params), "plan": out.rstrip().splitlines(),
            "median_ms": round(statistics.median(times), 3), "planning_median_ms": round(statistics.median(planning), 3),
            "note": "execution time of EXPLAIN ANALYZE; planning separately"}


# -- the server --------------------------------------------------------------------------------------

class PgServer(Server):
    """`amtsweg serve --demo` on PostgreSQL (the URL in AMTSWEG_DATABASE_URL)."""

    def command(self) -> list[str]:
        return [str(self.binary), "serve", "--demo", "--host", "127.0.0.1", "--port", str(self.port), *self.extra_args]


def app_env(database_url: str | None) -> dict:
    env = dict(os.environ, AMTSWEG_LOG_LEVEL="warning", AMTSWEG_RATE_LIMIT_LOGIN="10000/60")
    if database_url:
        env["AMTSWEG_DATABASE_URL"] = database_url
    return env


def start_server(binary: Path, kind: str, sqlite_path: Path | None, pg_url: str | None) -> Server:
    if kind == "sqlite":
        return Server(binary, database_path=sqlite_path, env=app_env(None)).start()
    return PgServer(binary, env=app_env(pg_url)).start()


def credentials(server: Server) -> tuple[str, str, str]:
    log = server.log_path.read_text(errors="replace")
    m = re.search(r"demo clerk: (\S+)\s+password (\S+)\s+TOTP secret \(raw\) (\S+)", log)
    if not m:
        raise RuntimeError(f"no demo clerk credentials in the server log:\n{log[-2000:]}")
    return m.group(1), m.group(2), m.group(3)


class Browser:
    """A cookie-keeping HTTP client (standard library only)."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, url: str, data: dict | None = None) -> tuple[int, str, int]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(urllib.request.Request(url, data=body), timeout=60) as r:
                raw = r.read()
                return r.status, raw.decode("utf-8", "replace"), len(raw)
        except urllib.error.HTTPError as e:
            raw = e.read()
            return e.code, raw.decode("utf-8", "replace"), len(raw)

    def cookie_header(self) -> str:
        return "Cookie: " + "; ".join(f"{c.name}={c.value}" for c in self.jar)


def sign_in(base: str, email: str, password: str, secret: str) -> Browser:
    b = Browser()
    for attempt in range(2):
        _, form, _ = b.request(f"{base}/mitarbeiter/anmelden")
        token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
        status, page, _ = b.request(f"{base}/mitarbeiter/anmelden", {
            "csrf_token": token, "email": email, "password": password, "code": totp(secret)})
        if status == 200 and "Demo-Sachbearbeitung" in page:
            return b
        time.sleep(31 - time.time() % 30)  # a code used in this 30 s window may be refused: a fresh one
    raise RuntimeError(f"staff sign-in failed: {status} {page[:500]}")


def table_rows(html: str) -> int:
    """Case rows in the inbox table (`<tr data-case>` in CaseTemplates)."""
    return len(re.findall(r"<tr data-case[\s>]", html))


def check_page(b: Browser, base: str, path: str, numbers: list[str]) -> dict:
    """One GET: 200, 25 rows, exactly the expected case numbers in order, a next link."""
    t = time.perf_counter()
    status, html, size = b.request(base + path)
    ms = (time.perf_counter() - t) * 1000
    problems = []
    if status != 200:
        problems.append(f"status {status}")
    rows = table_rows(html)
    if rows != PAGE:
        problems.append(f"{rows} table rows, expected {PAGE}")
    if len(numbers) != PAGE:
        problems.append(f"the database has {len(numbers)} rows for this query, expected {PAGE}")
    positions = [html.find(n) for n in numbers]
    if any(p < 0 for p in positions):
        problems.append(f"case numbers missing: {[n for n, p in zip(numbers, positions) if p < 0][:5]}")
    elif positions != sorted(positions):
        problems.append("case numbers in a different order than the database gives")
    if not re.search(r'rel="next"', html):
        problems.append('no rel="next" link')
    if problems:
        raise RuntimeError(f"GET {path}: " + "; ".join(problems) + f"\n{html[:1500]}")
    return {"status": status, "rows": rows, "single_get_ms": round(ms, 2), "bytes": size}


# -- one database --------------------------------------------------------------------------------

def seed_and_load(kind: str, binary: Path, db: Db, sqlite_path: Path | None,
                  pg_url: str | None) -> tuple[str, str, str, str, float, float]:
    """Seeds a fresh database with `serve --demo` and writes the 1,000,000 cases into it.
    Returns the demo clerk's email, password, TOTP secret and account id, and the seconds spent
    generating and loading."""
    print(f"[{kind}] seeding (serve --demo on a fresh database) ...", flush=True)
    seed = start_server(binary, kind, sqlite_path, pg_url)
    try:
        email, password, secret = credentials(seed)
    finally:
        seed.stop()
        seed.cleanup()  # the SQLite file is outside the server's own temporary folder
    clerk = db.query("SELECT id FROM accounts WHERE email = ?", (email,))[0][0]
    others = [(r[0], r[1]) for r in db.query(
        "SELECT id, served_ars FROM authorities WHERE id <> ? ORDER BY id", (AUTHORITY,))]
    if not db.query("SELECT 1 FROM staff_accounts WHERE account_id = ? AND authority_id = ?", (clerk, AUTHORITY)):
        raise RuntimeError(f"the demo clerk {clerk} is not staff of {AUTHORITY}")
    existing = int(db.query("SELECT COUNT(*) FROM cases")[0][0])
    if existing:
        raise RuntimeError(f"the fresh database already holds {existing} cases")
    kind_row = db.query("SELECT kind FROM accounts WHERE id = ?", (clerk,))[0][0]
    now_ms = int(time.time() * 1000)
    t = time.monotonic()
    rows, counters = generate(now_ms, others, clerk)
    generated = time.monotonic() - t
    accounts = [(sid, kind_row, f"Sachbearbeitung {i + 1:02d} (Bench)", timestamp(now_ms))
                for i, sid in enumerate(STAFF)]
    print(f"[{kind}] generated {len(rows):,} cases in {generated:.1f} s; loading ...", flush=True)
    t = time.monotonic()
    db.load(rows, counters, accounts)
    return email, password, secret, clerk, generated, time.monotonic() - t


def run_database(kind: str, binary: Path, a: argparse.Namespace, pg_url: str | None) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix=f"amtsweg-inbox-{kind}-"))
    sqlite_path = tmp / "amtsweg.sqlite" if kind == "sqlite" else None
    db: Db = SQLiteDb(sqlite_path) if kind == "sqlite" else PostgresDb(pg_url)
    out: dict = {"database": kind}
    try:
        email, password, secret, clerk, generated, loaded = seed_and_load(kind, binary, db, sqlite_path, pg_url)
        counts = {
            "cases": int(db.query("SELECT COUNT(*) FROM cases")[0][0]),
            "in_authority": int(db.query("SELECT COUNT(*) FROM cases WHERE authority_id = ?", (AUTHORITY,))[0][0]),
            "open_in_authority": int(db.query(
                "SELECT COUNT(*) FROM cases WHERE authority_id = ? AND is_open = 1", (AUTHORITY,))[0][0]),
            "authorities": int(db.query("SELECT COUNT(*) FROM authorities")[0][0]),
        }
        print(f"[{kind}] loaded in {loaded:.1f} s (incl. ANALYZE): {counts}", flush=True)
        if counts["cases"] != TOTAL or counts["in_authority"] != IN_AUTHORITY:
            raise RuntimeError(f"unexpected counts after the load: {counts}")
        out.update({"generate_s": round(generated, 1), "load_s": round(loaded, 1), "counts": counts})

        today = dt.datetime.now(ZoneInfo("Europe/Berlin")).date().isoformat()
        scen = scenarios(db, clerk, today)
        app = start_server(binary, kind, sqlite_path, pg_url)
        try:
            session = sign_in(app.base_url, email, password, secret)
            header = session.cookie_header()
            results = {}
            for s in scen:
                q = s["q"]
                sql, params = inbox_sql(q, clerk, today)
                sql = "SELECT COUNT(*) FROM (" + sql.split(" ORDER BY ")[0] + ") x"
                stats = {"matching_after_cursor" if "after" in q else "matching": int(db.query(sql, params)[0][0])}
                numbers = expected_numbers(db, q, clerk, today)
                time.sleep(1)  # let requests still queued from the previous scenario drain
                check = check_page(session, app.base_url, s["path"], numbers)
                print(f"[{kind}] {s['name']}: GET {s['path'][:90]} -> 200, {check['rows']} rows as expected "
                      f"({stats}), single GET {check['single_get_ms']} ms", flush=True)
                load = [round(x, 2) for x in os.getloadavg()]
                r = bench_endpoint(app, s["path"], a, None, headers=[header])
                r.update(check=check, rows=stats, loadavg_before=load)
                if r["non_2xx_total"] or r["socket_errors_total"]:
                    r["valid"] = False
                    print(f"[{kind}]   INVALID: {r['non_2xx_total']} non-2xx, {r['socket_errors_total']} socket errors",
                          flush=True)
                else:
                    r["valid"] = True
                r["met"] = r["valid"] and r["p99_ms_median"] is not None and r["p99_ms_median"] < TARGET_P99_MS
                results[s["name"]] = r
            # the page must still be served to the same session afterwards (no expiry during the run)
            check_page(session, app.base_url, scen[0]["path"], expected_numbers(db, scen[0]["q"], clerk, today))
            if app.proc.poll() is not None:
                raise ServerError(f"server died during the benchmark:\n{app.log_tail()}")
        finally:
            app.cleanup()
        print(f"[{kind}] plans ...", flush=True)
        for s in scen:
            results[s["name"]]["sql"] = plan(db, s["q"], clerk, today)
        out.update({"today": today, "clerk_account_id": clerk, "scenarios": results, "database_info": db.info()})
        return out
    finally:
        if not os.environ.get("AMTSWEG_KEEP_TMP"):
            shutil.rmtree(tmp, ignore_errors=True)


def pg_url_from_env() -> str:
    pw = urllib.parse.quote(os.environ.get("PGPASSWORD", ""), safe="")
    return (f"postgres://{os.environ['PGUSER']}:{pw}@127.0.0.1:{os.environ['PGPORT']}/"
            f"{os.environ.get('PGDATABASE', 'postgres')}")


def fresh_pg_database(admin_url: str) -> str:
    name = "amtsweg_inbox_" + hashlib.sha1(os.urandom(8)).hexdigest()[:10]
    PostgresDb(admin_url).psql(f"CREATE DATABASE {name}")
    parts = urllib.parse.urlsplit(admin_url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", help="amtsweg binary (default $AMTSWEG_BIN or .build/release/amtsweg)")
    ap.add_argument("--quick", action="store_true", help="1 s warm-up, one 3 s run per scenario")
    ap.add_argument("--databases", default="sqlite,postgres", help="sqlite, postgres or both (default)")
    ap.add_argument("--postgres-url", default=os.environ.get("AMTSWEG_BENCH_POSTGRES_URL"),
                    help="an existing server (a fresh database is created in it); default: pg_virtualenv -v 15")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is not met")
    a = ap.parse_args()
    a.threads, a.connections = 2, 64
    a.warmup, a.duration, a.runs = (1, 3, 1) if a.quick else (5, 15, 3)
    kinds = [k.strip() for k in a.databases.split(",") if k.strip()]
    if not set(kinds) <= {"sqlite", "postgres"}:
        ap.error("--databases: sqlite, postgres")

    if "postgres" in kinds and not a.postgres_url and not os.environ.get("AMTSWEG_INBOX_IN_PG_VIRTUALENV"):
        if not shutil.which("pg_virtualenv"):
            print("inbox.py: pg_virtualenv not found (apt-get install postgresql-15 postgresql-common)", file=sys.stderr)
            return 2
        os.environ["AMTSWEG_INBOX_IN_PG_VIRTUALENV"] = "1"
        os.execvp("pg_virtualenv", ["pg_virtualenv", "-v", "15", sys.executable, *sys.argv])
    if not shutil.which("wrk"):
        print("inbox.py: wrk not found (apt-get install wrk)", file=sys.stderr)
        return 2
    binary = resolve_binary(a.bin, default=".build/release/amtsweg")
    if not binary.exists():
        print(f"inbox.py: {binary} not found (swift build -c release --product amtsweg, or --bin)", file=sys.stderr)
        return 2
    if "/debug/" in str(binary):
        print("inbox.py: WARNING: this is a debug build; numbers are not comparable", file=sys.stderr)

    started = dt.datetime.now(dt.timezone.utc)
    result: dict = {
        "benchmark": "clerk inbox", "started_at": started.isoformat(timespec="seconds"),
        "setting": {"threads": a.threads, "connections": a.connections, "warmup_s": a.warmup,
                    "duration_s": a.duration, "runs": a.runs, "quick": a.quick, "page_rows": PAGE},
        "data": {"cases": TOTAL, "in_authority": IN_AUTHORITY, "authority": AUTHORITY, "seed": SEED,
                 "years": YEARS, "services": len(SERVICES), "common_service": COMMON_SERVICE},
        "target": {"p99_ms_below": TARGET_P99_MS},
        "machine": machine_info(binary), "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "baseline": None, "databases": {},
    }
    try:
        print("raw baseline ...", flush=True)
        with Server(binary, raw=True) as raw:
            result["baseline"] = bench_endpoint(raw, "/", a, None)
        for kind in kinds:
            pg_url = None
            if kind == "postgres":
                pg_url = fresh_pg_database(a.postgres_url or pg_url_from_env())
            result["databases"][kind] = run_database(kind, binary, a, pg_url)
    except (ServerError, RuntimeError, subprocess.CalledProcessError) as e:
        print(f"inbox.py: {e}", file=sys.stderr)
        return 1

    b = result["baseline"]
    print()
    print(f"{'scenario':46} {'database':9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}  target p99 < {TARGET_P99_MS:.0f} ms")
    print(f"{'raw baseline GET /':46} {'-':9} {b['rps_median']:>8.0f} {b['p50_ms_median']:>8.2f} "
          f"{b['p99_ms_median']:>8.2f}")
    all_met = True
    summary = []
    for kind, d in result["databases"].items():
        for name, r in d["scenarios"].items():
            all_met &= r["met"]
            summary.append({"scenario": name, "database": kind, "rps": r["rps_median"], "p50_ms": r["p50_ms_median"],
                            "p99_ms": r["p99_ms_median"], "met": r["met"]})
            print(f"{name:46} {kind:9} {r['rps_median']:>8.0f} {r['p50_ms_median']:>8.2f} {r['p99_ms_median']:>8.2f}  "
                  f"{'met' if r['met'] else 'NOT MET' + ('' if r['valid'] else ' (invalid runs)')}")
    result["summary"] = summary
    result["all_targets_met"] = all_met
    print(f"\n  {'met    ' if all_met else 'NOT MET'}  inbox p99 < {TARGET_P99_MS:.0f} ms in every scenario "
          f"on {', '.join(result['databases'])}")
    results = REPO / "bench" / "results"
    results.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%dT%H%M%SZ")
    path = results / f"inbox-{stamp}{'-quick' if a.quick else ''}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {path.relative_to(REPO)}")
    return 1 if a.check and not all_met else 0


if __name__ == "__main__":
    sys.exit(main())
