"""`amtsweg audit verify` on a real log: staff open and change cases through the web, the command
passes on the untouched database, and names the first broken entry after a row is altered by hand
(and after a row is deleted)."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from server import Server  # noqa: E402
from test_mail import clerk_session, csrf  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def verify(server: Server, key: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(server.binary), "audit", "verify", "--database-url", f"sqlite:{server.database_path}", "--key", str(key)],
        capture_output=True, text=True, timeout=120)


def test_audit_verify_names_the_altered_entry(tmp_path):
    key = tmp_path / "keys" / "audit.pem"
    server = Server(env=dict(os.environ, AMTSWEG_AUDIT_KEY_FILE=str(key)))
    server.start()
    try:
        log = server.log_path.read_text(errors="replace")
        m = re.search(r"demo clerk: (\S+)\s+password (\S+)\s+TOTP secret \(raw\) (\S+)", log)
        assert m, log[-2000:]
        base = server.base_url
        clerk = clerk_session(base, *m.groups())
        form = clerk.get(f"{base}/behoerde/vorgaenge/neu")
        assert form.status_code == 200
        r = clerk.post(
            f"{base}/behoerde/vorgaenge/neu",
            data={"csrf_token": csrf(form.text), "channel": "paper", "service": "99115005104000",
                  "name": "Paula Papier", "ars": "160530000000", "note": "per Post"},
            files={"file": ("antrag.pdf", PDF, "application/pdf")}, allow_redirects=False)
        assert r.status_code == 303, r.text[:800]
        case_url = base + r.headers["Location"]
        for _ in range(3):
            page = clerk.get(case_url)
            assert page.status_code == 200 and "Paula Papier" in page.text
        r = clerk.post(case_url + "/vermerk", data={"csrf_token": csrf(page.text), "note": "Telefonat geführt"},
                       allow_redirects=False)
        assert r.status_code == 303
    finally:
        server.stop()
    try:
        assert key.exists() and oct(key.stat().st_mode & 0o777) == "0o600", "the key lives outside the database"
        clean = verify(server, key)
        assert clean.returncode == 0, clean.stdout + clean.stderr
        assert re.search(r"1 case audit chain\(s\), (\d+) entries, 0 broken", clean.stdout), clean.stdout
        db = sqlite3.connect(server.database_path)
        n = db.execute("SELECT COUNT(*) FROM case_audit").fetchone()[0]
        assert n == 5, n  # entered, opened three times, note
        db.execute("UPDATE case_audit SET actor = 'jemand' WHERE seq = 3")
        db.commit()
        broken = verify(server, key)
        assert broken.returncode == 1, broken.stdout
        assert "entry 3: content altered" in broken.stdout, broken.stdout
        # Put it back, then remove an entry in the middle: the next one is named.
        db.execute("UPDATE case_audit SET actor = (SELECT actor FROM case_audit WHERE seq = 2) WHERE seq = 3")
        db.commit()
        assert verify(server, key).returncode == 0
        db.execute("DELETE FROM case_audit WHERE seq = 4")
        db.commit()
        gap = verify(server, key)
        assert gap.returncode == 1 and "entry 4" in gap.stdout, gap.stdout
        db.close()
    finally:
        server.cleanup()


def test_audit_verify_covers_the_retrieval_log(tmp_path):
    """Erika consents in the Wohngeld journey: two retrievals in her chain. `audit verify` passes,
    then names the record changed by hand (exit 1)."""
    key = tmp_path / "keys" / "audit.pem"
    server = Server(env=dict(os.environ, AMTSWEG_AUDIT_KEY_FILE=str(key)))
    server.start()
    try:
        base = server.base_url
        s = requests.Session()
        form = s.get(f"{base}/anmelden/test-eid")
        r = s.post(f"{base}/anmelden/test-eid", data={"csrf_token": csrf(form.text), "person": "erika",
                                                      "level": "substantial", "next": "/konto"})
        assert r.status_code == 200, r.text[:500]
        start = s.get(f"{base}/leistungen/99107023037000/antrag?ars=160530000000")
        r = s.post(f"{base}/leistungen/99107023037000/antrag",
                   data={"csrf_token": csrf(start.text), "ars": "160530000000"}, allow_redirects=False)
        assert r.status_code == 303 and r.headers["Location"].endswith("/einwilligung"), r.headers
        consent = s.get(base + r.headers["Location"])
        r = s.post(base + r.headers["Location"], data={"csrf_token": csrf(consent.text), "action": "agree"},
                   allow_redirects=False)
        assert r.status_code == 303, r.text[:800]
        export = s.get(f"{base}/konto/datenschutz.json").json()
        assert len(export["records"]) == 2
    finally:
        server.stop()
    try:
        clean = verify(server, key)
        assert clean.returncode == 0, clean.stdout + clean.stderr
        assert "1 retrieval log chain(s), 2 records, 0 broken" in clean.stdout, clean.stdout
        db = sqlite3.connect(server.database_path)
        rid = db.execute("SELECT id FROM retrieval_log WHERE seq = 2").fetchone()[0]
        db.execute("UPDATE retrieval_log SET purpose = 'Neugier' WHERE seq = 2")
        db.commit()
        db.close()
        broken = verify(server, key)
        assert broken.returncode == 1, broken.stdout
        assert "BROKEN retrieval log: subject account:" in broken.stdout, broken.stdout
        assert f"record 2 ({rid}): content altered" in broken.stdout, broken.stdout
    finally:
        server.cleanup()
