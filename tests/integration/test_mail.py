"""Notification e-mails through a real SMTP sink (aiosmtpd): a message sent to a citizen gives
exactly one e-mail without the message's content; with the SMTP server down, the e-mail is
retried by the job queue and delivered once the server is back."""

from __future__ import annotations

import email
import hashlib
import hmac
import os
import re
import struct
import subprocess
import sys
import time
from email.policy import default as default_policy
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from server import REPO_ROOT, Server, free_port  # noqa: E402

SINK = REPO_ROOT / "tests" / "support" / "smtp_sink.py"
SECRET_TEXT = "Ihr Bescheid liegt bei: Aktenzeichen 4711"


def totp(secret: str, at: float | None = None) -> str:
    counter = int((at or time.time()) // 30)
    mac = hmac.new(secret.encode(), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class Sink:
    def __init__(self, directory: Path, port: int) -> None:
        self.directory, self.port, self.proc = directory, port, None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(SINK), "--dir", str(self.directory), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        line = self.proc.stdout.readline()
        assert "listening" in line, line

    def stop(self) -> None:
        if self.proc:
            self.proc.terminate()
            self.proc.wait(timeout=10)
            self.proc = None

    def messages(self) -> list:
        return [email.message_from_bytes(p.read_bytes(), policy=default_policy)
                for p in sorted(self.directory.glob("*.eml"))]


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out after {timeout} s waiting for {what}", pytrace=False)


@pytest.fixture()
def setup(tmp_path):
    port = free_port()
    sink = Sink(tmp_path / "mails", port)
    sink.start()
    env = dict(os.environ, AMTSWEG_SMTP_URL=f"smtp://127.0.0.1:{port}", AMTSWEG_MAIL_FROM="postfach@amtsweg.invalid")
    server = Server(env=env)
    server.start()
    try:
        log = server.log_path.read_text(errors="replace")
        m = re.search(r"demo clerk: (\S+)\s+password (\S+)\s+TOTP secret \(raw\) (\S+)", log)
        assert m, f"no demo clerk credentials in the server log:\n{log[-2000:]}"
        yield server, sink, m.group(1), m.group(2), m.group(3)
    finally:
        server.cleanup()
        sink.stop()


def citizen_with_notifications(base: str, address: str) -> requests.Session:
    s = requests.Session()
    form = s.get(f"{base}/anmelden/test-eid")
    r = s.post(f"{base}/anmelden/test-eid", data={"csrf_token": csrf(form.text), "person": "max",
                                                   "level": "substantial", "next": "/konto"})
    assert r.status_code == 200 and "Max Beispiel" in r.text, r.text[:500]
    r = s.post(f"{base}/konto/benachrichtigung", data={"csrf_token": csrf(r.text), "notification_email": address})
    assert r.status_code == 200 and address in r.text
    return s


def clerk_session(base: str, user: str, password: str, secret: str) -> requests.Session:
    s = requests.Session()
    form = s.get(f"{base}/mitarbeiter/anmelden")
    r = s.post(f"{base}/mitarbeiter/anmelden", data={"csrf_token": csrf(form.text), "email": user,
                                                      "password": password, "code": totp(secret)})
    assert r.status_code == 200 and "Demo-Sachbearbeitung" in r.text, r.text[:500]
    return s


def send(clerk: requests.Session, base: str, recipient: str, subject: str) -> None:
    form = clerk.get(f"{base}/behoerde/postausgang")
    r = clerk.post(f"{base}/behoerde/postausgang", data={"csrf_token": csrf(form.text), "recipient": recipient,
                                                         "subject": subject, "body": SECRET_TEXT})
    assert r.status_code == 200, r.text[:800]


def account_id_of(session: requests.Session, base: str) -> str:
    """The account id, as the account page shows it (the citizen gives it to the authority)."""
    page = session.get(f"{base}/konto").text
    m = re.search(r'data-account-id="([0-9a-f-]+)"', page)
    assert m, "the account page shows no account id"
    return m.group(1)


def test_one_email_per_message_without_content_and_retried_when_smtp_is_down(setup):
    server, sink, user, password, secret = setup
    base = server.base_url
    citizen = citizen_with_notifications(base, "max.beispiel@example.org")
    recipient = account_id_of(citizen, base)
    clerk = clerk_session(base, user, password, secret)

    send(clerk, base, recipient, "Ihr Antrag")
    wait_for(lambda: len(sink.messages()) == 1, 30, "the notification e-mail")
    time.sleep(2)
    mails = sink.messages()
    assert len(mails) == 1, f"expected exactly one e-mail, got {len(mails)}"
    mail = mails[0]
    assert mail["To"] == "max.beispiel@example.org"
    text = mail.get_body(preferencelist=("plain",)).get_content()
    assert "/konto/postfach" in text
    assert SECRET_TEXT not in text and "Ihr Antrag" not in text and "4711" not in mail.as_string()

    # the SMTP server goes down; the message is still delivered to the mailbox at once
    sink.stop()
    send(clerk, base, recipient, "Zweite Nachricht")
    assert "Zweite Nachricht" in citizen.get(f"{base}/konto/postfach").text
    time.sleep(4)  # at least one failed attempt
    sink.start()
    wait_for(lambda: len(sink.messages()) == 2, 60, "the retried e-mail")
    time.sleep(3)
    assert len(sink.messages()) == 2, "the retried e-mail arrived more than once"
