#!/usr/bin/env python3
"""SMTP sink for tests: every message received is written as one file into a
directory, so a test can count the files and read them.

Needs aiosmtpd (tested with aiosmtpd==1.4.6, atpublic==9.0.0, attrs==26.1.0 on
Python 3.11).

    python smtp-sink.py --dir /tmp/mails [--host 127.0.0.1] [--port 2525] [--auth-any]

Each message becomes <dir>/<seq:06d>-<epoch_ms>.eml: the raw DATA bytes as the
client sent them, preceded by three headers added by the sink:

    X-Sink-Mail-From: <envelope sender>
    X-Sink-Rcpt-To: <recipient>, <recipient>, ...
    X-Sink-Peer: <client ip>

so `email.message_from_bytes(open(f, "rb").read())` parses it. Files are
written to a dot-file first and renamed, so a test polling `*.eml` never sees a
half-written message. One message with several RCPT TO is one file.

On start it prints "smtp-sink listening on HOST:PORT, writing to DIR" (flushed)
once the port accepts connections; it exits cleanly on SIGTERM/SIGINT.

--auth-any advertises AUTH PLAIN/LOGIN without TLS and accepts any
credentials (for a client that insists on logging in). Without it no AUTH is
advertised, and a client that sends AUTH anyway gets an error.
"""
import argparse
import itertools
import os
import signal
import sys
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class DirectoryHandler:
    def __init__(self, directory: str):
        self.directory = os.path.abspath(directory)
        os.makedirs(self.directory, exist_ok=True)
        self._seq = itertools.count(1)
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            seq = next(self._seq)
        name = f"{seq:06d}-{int(time.time() * 1000)}.eml"
        peer = session.peer[0] if isinstance(session.peer, tuple) else str(session.peer)
        head = (
            f"X-Sink-Mail-From: {envelope.mail_from}\r\n"
            f"X-Sink-Rcpt-To: {', '.join(envelope.rcpt_tos)}\r\n"
            f"X-Sink-Peer: {peer}\r\n"
        ).encode("utf-8")
        data = envelope.original_content or envelope.content
        if isinstance(data, str):
            data = data.encode("utf-8")
        tmp = os.path.join(self.directory, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(head + data)
        os.replace(tmp, os.path.join(self.directory, name))
        print(f"stored {name} from={envelope.mail_from} to={envelope.rcpt_tos}", flush=True)
        return "250 Message accepted for delivery"


def accept_any(server, session, envelope, mechanism, auth_data):
    return AuthResult(success=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", required=True, help="directory for the .eml files (created)")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=2525)
    ap.add_argument("--auth-any", action="store_true", help="accept any AUTH, no TLS needed")
    args = ap.parse_args()

    # (with --auth-any, aiosmtpd 1.4.6 logs a harmless
    #  'Session.login_data is deprecated' line per login: its own internals)
    kwargs = {"enable_SMTPUTF8": True}
    if args.auth_any:
        kwargs.update(authenticator=accept_any, auth_require_tls=False)
    controller = Controller(
        DirectoryHandler(args.dir), hostname=args.host, port=args.port, **kwargs
    )
    controller.start()  # returns once the port answers (self-test connection)
    print(
        f"smtp-sink listening on {args.host}:{args.port}, writing to {os.path.abspath(args.dir)}",
        flush=True,
    )

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
