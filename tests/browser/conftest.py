"""Fixtures for the browser suite: one server, one headless Chromium, one crawl per variant.

Environment:
  AMTSWEG_BIN            server binary (default .build/debug/amtsweg, relative to the repo root)
  AMTSWEG_BASE_URL       test an already running server instead of starting one
  AMTSWEG_TEST_ARTIFACTS folder for crawled HTML and audit JSON (default: a pytest temp folder)
  CHROME_BIN, CHROMEDRIVER  browser and driver (default /usr/bin/chromium, /usr/bin/chromedriver)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "support"))

import webaudit  # noqa: E402
from server import Server, ServerError  # noqa: E402


_server_failure: list[str] = []  # a failed start is reported once, not retried per test
_servers: list = []  # the server started for this session, for its log


@pytest.fixture(scope="session")
def base_url():
    if os.environ.get("AMTSWEG_BASE_URL"):
        yield os.environ["AMTSWEG_BASE_URL"].rstrip("/")
        return
    if _server_failure:
        pytest.fail("the server did not start (see the first error)", pytrace=False)
    server = Server(os.environ.get("AMTSWEG_BIN"))
    try:
        server.start()
    except ServerError as e:
        server.cleanup()
        _server_failure.append(str(e))
        pytest.fail(str(e), pytrace=False)
    print(f"\nserver {server.base_url} ready after {server.ready_after:.2f} s", file=sys.stderr)
    _servers.append(server)
    yield server.base_url
    alive = server.proc is not None and server.proc.poll() is None
    log = server.log_tail()
    server.cleanup()
    if not alive:
        pytest.fail(f"the server died during the tests; log tail:\n{log}", pytrace=False)


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    d = os.environ.get("AMTSWEG_TEST_ARTIFACTS")
    path = Path(d) if d else tmp_path_factory.mktemp("browser-artifacts")
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def demo_staff(base_url):
    """Credentials of the demo staff `serve --demo` printed once: {"clerk": (email, password, secret), "admin": …}."""
    import re
    if not _servers:
        pytest.skip("demo staff credentials are only known for a server this session started")
    log = _servers[0].log_path.read_text(errors="replace")
    found = {}
    for role, label in (("clerk", "demo clerk"), ("admin", "demo admin")):
        m = re.search(label + r": (\S+)\s+password (\S+)\s+TOTP secret \(raw\) (\S+)", log)
        if m:
            found[role] = m.groups()
    return found


@pytest.fixture(scope="session")
def browser():
    b = webaudit.Browser()
    yield b
    b.quit()


@pytest.fixture(scope="session")
def crawls(base_url):
    """variant name -> list of Page, computed on first use."""
    cache: dict[str, list] = {}

    def get(variant_name: str):
        if variant_name not in cache:
            v = next(v for v in webaudit.VARIANTS if v.name == variant_name)
            cache[variant_name] = webaudit.crawl(base_url, v)
        return cache[variant_name]

    return get


@pytest.fixture(scope="session")
def audits(crawls, browser, artifacts):
    """variant name -> list of Audit for the pages chosen for the browser audit."""
    cache: dict[str, list] = {}

    def get(variant_name: str):
        if variant_name not in cache:
            v = next(v for v in webaudit.VARIANTS if v.name == variant_name)
            result = [browser.audit(p, v) for p in crawls(variant_name) if p.audit]
            cache[variant_name] = result
            webaudit.dump_json(
                artifacts / f"audit-{variant_name}.json",
                [{"url": a.page.url, "structure": a.structure, "axe": a.axe, "focus": a.focus_sequence,
                  "focus_end": a.focus_end, "reflow": a.reflow, "errors": a.errors} for a in result],
            )
        return cache[variant_name]

    return get


VARIANT_NAMES = [v.name for v in webaudit.VARIANTS]
