#!/usr/bin/env python3
"""Start an amtsweg server for a test harness, wait until it answers, stop it afterwards.

Used by the browser suite (imported by tests/browser/conftest.py), by
tests/api/run_schemathesis.sh (as a command wrapper) and by bench/run.py.

As a command:

    python3 tests/support/server.py [--bin PATH] [--raw] -- COMMAND ARGS...

starts the server on a free loopback port with a fresh SQLite file, runs COMMAND with
AMTSWEG_BASE_URL=http://127.0.0.1:PORT in its environment, stops the server and exits
with COMMAND's exit code (or 3 when the server did not come up).

Only the standard library is used, so this works before the venv exists.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def resolve_binary(path: str | None, default: str = ".build/debug/amtsweg") -> Path:
    """AMTSWEG_BIN (or `path`) relative to the repository root unless absolute."""
    p = Path(path or os.environ.get("AMTSWEG_BIN") or default)
    if not p.is_absolute():
        p = REPO_ROOT / p
    return p


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(url: str, timeout: float = 2.0) -> int | None:
    """Status code of a GET, or None when nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except (urllib.error.URLError, ConnectionError, socket.timeout, OSError):
        return None


class ServerError(RuntimeError):
    pass


class Server:
    """One amtsweg process on 127.0.0.1.

    raw=False: `amtsweg serve --demo … --database-url sqlite:<tmp>`; ready when /readyz is 200.
    raw=True:  `amtsweg raw-server …`; ready when GET / is 200.
    """

    def __init__(
        self,
        binary: str | Path | None = None,
        *,
        raw: bool = False,
        port: int | None = None,
        database_path: str | Path | None = None,
        extra_args: list[str] | None = None,
        startup_timeout: float = 120.0,
        poll_interval: float = 0.05,
        env: dict[str, str] | None = None,
    ) -> None:
        self.binary = resolve_binary(str(binary) if binary else None)
        self.raw = raw
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.startup_timeout = startup_timeout
        self.poll_interval = poll_interval
        self.extra_args = extra_args or []
        self.env = env
        self._tmpdir: str | None = None
        self.database_path = Path(database_path) if database_path else None
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path: Path | None = None
        self._log = None
        self.started_at: float | None = None  # time.monotonic() just before exec
        self.ready_after: float | None = None  # seconds from start to first 200

    # -- lifecycle -------------------------------------------------------------------------

    @property
    def ready_path(self) -> str:
        return "/" if self.raw else "/readyz"

    def command(self) -> list[str]:
        host = ["--host", "127.0.0.1", "--port", str(self.port)]
        if self.raw:
            return [str(self.binary), "raw-server", *host, *self.extra_args]
        assert self.database_path is not None
        return [
            str(self.binary), "serve", "--demo", *host,
            "--database-url", f"sqlite:{self.database_path}",
            *self.extra_args,
        ]

    def start(self) -> "Server":
        if not self.binary.exists():
            raise ServerError(f"server binary not found: {self.binary} (build it, or set AMTSWEG_BIN)")
        self._tmpdir = tempfile.mkdtemp(prefix="amtsweg-test-")
        if self.database_path is None and not self.raw:
            self.database_path = Path(self._tmpdir) / "amtsweg.sqlite"
        self.log_path = Path(self._tmpdir) / "server.log"
        self._log = open(self.log_path, "wb")
        self.started_at = time.monotonic()
        env = dict(os.environ if self.env is None else self.env)
        # The suites send many form posts and API writes from one address; the defaults
        # (10 per hour, 30 per minute) would answer most of them with 429.
        env.setdefault("AMTSWEG_RATE_LIMIT_FORMS", "10000/60")
        env.setdefault("AMTSWEG_RATE_LIMIT_API_WRITES", "10000/60")
        env.setdefault("AMTSWEG_RATE_LIMIT_ASSISTANT", "10000/60")
        env.setdefault("AMTSWEG_RATE_LIMIT_LOGIN", "10000/60")
        env.setdefault("AMTSWEG_RATE_LIMIT_TOKEN", "10000/60")
        env.setdefault("AMTSWEG_RATE_LIMIT_SUBMISSIONS", "1000000/60")
        self.proc = subprocess.Popen(
            self.command(),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=REPO_ROOT,
            env=env,
            start_new_session=True,
        )
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        assert self.proc is not None and self.started_at is not None
        url = self.base_url + self.ready_path
        deadline = self.started_at + self.startup_timeout
        while True:
            if self.proc.poll() is not None:
                raise ServerError(
                    f"server exited with code {self.proc.returncode} before it was ready\n"
                    f"command: {' '.join(self.command())}\n--- log ---\n{self.log_tail()}"
                )
            if http_status(url, timeout=1.0) == 200:
                self.ready_after = time.monotonic() - self.started_at
                return
            if time.monotonic() > deadline:
                self.stop()
                raise ServerError(
                    f"server not ready at {url} after {self.startup_timeout:.0f} s\n"
                    f"--- log ---\n{self.log_tail()}"
                )
            time.sleep(self.poll_interval)

    def log_tail(self, max_bytes: int = 6000) -> str:
        if self._log:
            self._log.flush()
        if not self.log_path or not self.log_path.exists():
            return ""
        data = self.log_path.read_bytes()
        return data[-max_bytes:].decode("utf-8", "replace")

    def stop(self, timeout: float = 10.0) -> int | None:
        """SIGTERM, then SIGKILL after `timeout` s. Returns the exit code."""
        rc = None
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                rc = self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                rc = self.proc.wait()
        elif self.proc is not None:
            rc = self.proc.returncode
        if self._log:
            self._log.close()
            self._log = None
        return rc

    def cleanup(self) -> None:
        self.stop()
        if self._tmpdir and not os.environ.get("AMTSWEG_KEEP_TMP"):
            shutil.rmtree(self._tmpdir, ignore_errors=True)

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.cleanup()


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", help="server binary (default: $AMTSWEG_BIN or .build/debug/amtsweg)")
    ap.add_argument("--raw", action="store_true", help="start `raw-server` instead of `serve --demo`")
    ap.add_argument("command", nargs=argparse.REMAINDER, help="-- COMMAND ARGS...")
    args = ap.parse_args(argv)
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("no command given after --")
    server = Server(args.bin, raw=args.raw)
    try:
        server.start()
    except ServerError as e:
        print(f"server.py: {e}", file=sys.stderr)
        server.cleanup()
        return 3
    print(f"server.py: {server.base_url} ready after {server.ready_after:.2f} s (pid {server.pid})", flush=True)
    env = dict(os.environ, AMTSWEG_BASE_URL=server.base_url)
    try:
        rc = subprocess.call(cmd, env=env)
    finally:
        alive = server.proc is not None and server.proc.poll() is None
        if not alive:
            print(f"server.py: server died during the run; log tail:\n{server.log_tail()}", file=sys.stderr)
        server.cleanup()
    if not alive and rc == 0:
        return 4
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
