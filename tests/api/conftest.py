"""One amtsweg server (fresh SQLite, demo data) for the API contract tests.

Environment: AMTSWEG_BIN (server binary), AMTSWEG_BASE_URL (test a running server instead).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))

from server import Server, ServerError  # noqa: E402


@pytest.fixture(scope="session")
def base_url():
    if os.environ.get("AMTSWEG_BASE_URL"):
        yield os.environ["AMTSWEG_BASE_URL"].rstrip("/")
        return
    server = Server(os.environ.get("AMTSWEG_BIN"))
    try:
        server.start()
    except ServerError as e:
        server.cleanup()
        pytest.fail(str(e), pytrace=False)
    yield server.base_url
    server.cleanup()
