"""eID login end to end against a real OpenID Connect provider (nanoidp, PKCE enforced): each
trust level maps as configured; an unknown level, a wrong state, a replayed callback and a code
redeemed with the wrong PKCE verifier are rejected."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from server import REPO_ROOT, Server, free_port, http_status  # noqa: E402

NANOIDP = REPO_ROOT / ".venv-idp" / "bin" / "nanoidp"
USERS = REPO_ROOT / "tests" / "support" / "nanoidp" / "users.yaml"
CLIENT_ID, CLIENT_SECRET = "amtsweg-web", "amtsweg-ci-secret"
ACR_MAP = "eidas-low=low,eidas-substantial=substantial,eidas-high=high"

pytestmark = pytest.mark.skipif(
    not NANOIDP.exists() and os.environ.get("AMTSWEG_REQUIRE_IDP") != "1",
    reason="nanoidp not installed (scripts/test.sh sets up .venv-idp)")


@pytest.fixture(scope="module")
def stack(tmp_path_factory):
    assert NANOIDP.exists(), "nanoidp missing: run scripts/test.sh nodes (it installs .venv-idp)"
    config = tmp_path_factory.mktemp("nanoidp")
    idp_port, app_port = free_port(), free_port()
    issuer = f"http://127.0.0.1:{idp_port}"
    callback = f"http://127.0.0.1:{app_port}/anmelden/eid/callback"
    staff_callback = f"http://127.0.0.1:{app_port}/mitarbeiter/anmelden/oidc/callback"
    (config / "settings.yaml").write_text(f"""config_version: 1
server: {{host: "127.0.0.1", port: {idp_port}}}
oauth:
  issuer: "{issuer}"
  audience: "amtsweg"
  require_pkce: true
  clients:
    - client_id: "{CLIENT_ID}"
      client_secret: "{CLIENT_SECRET}"
      token_endpoint_auth_method: "client_secret_basic"
      redirect_uris: ["{callback}"]
    - client_id: "amtsweg-staff"
      client_secret: "{CLIENT_SECRET}-staff"
      token_endpoint_auth_method: "client_secret_basic"
      redirect_uris: ["{staff_callback}"]
jwt: {{keys_dir: "./keys"}}
""")
    shutil.copy(USERS, config / "users.yaml")
    idp_log = open(config / "idp.log", "wb")
    idp = subprocess.Popen([str(NANOIDP), "--config", str(config), "--host", "127.0.0.1", "--port", str(idp_port)],
                           stdout=idp_log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 60
    while http_status(f"{issuer}/health") != 200:
        assert idp.poll() is None and time.monotonic() < deadline, (config / "idp.log").read_text()[-2000:]
        time.sleep(0.2)
    env = dict(os.environ, AMTSWEG_OIDC_ISSUER=issuer, AMTSWEG_OIDC_CLIENT_ID=CLIENT_ID,
               AMTSWEG_OIDC_CLIENT_SECRET=CLIENT_SECRET, AMTSWEG_OIDC_ACR_MAP=ACR_MAP,
               AMTSWEG_STAFF_OIDC_ISSUER=issuer, AMTSWEG_STAFF_OIDC_CLIENT_ID="amtsweg-staff",
               AMTSWEG_STAFF_OIDC_CLIENT_SECRET=f"{CLIENT_SECRET}-staff")
    app = Server(port=app_port, env=env)
    app.start()
    # a staff account for sam, as an administrator would create it
    subprocess.run([str(app.binary), "staff", "--database-url", f"sqlite:{app.database_path}",
                    "--authority", "th-stadt-16053", "--email", "sam@example.org", "--name", "Sam Substanz",
                    "--roles", "clerk"], check=True, capture_output=True, cwd=REPO_ROOT)
    try:
        yield app.base_url, issuer
    finally:
        app.cleanup()
        os.killpg(idp.pid, signal.SIGTERM)
        idp.wait(timeout=10)


def authorize(base: str, user: str, password: str) -> tuple[requests.Session, str]:
    """Starts the login at Amtsweg and logs in at the provider; returns the callback URL."""
    s = requests.Session()
    start = s.get(f"{base}/anmelden/eid?next=/konto", allow_redirects=False)
    assert start.status_code == 303, start.text[:300]
    location = start.headers["location"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
    assert query["code_challenge_method"] == ["S256"] and query["state"] and query["nonce"]
    login = requests.post(location, data={"username": user, "password": password}, allow_redirects=False)
    assert login.status_code in (302, 303), login.text[:300]
    return s, login.headers["location"]


@pytest.mark.parametrize("user, level", [("lena", "niedrig"), ("sam", "substanziell"), ("hanna", "hoch")])
def test_login_maps_each_trust_level(stack, user, level):
    base, _ = stack
    s, callback = authorize(base, user, f"{user}-pw")
    done = s.get(callback, allow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/konto"
    page = s.get(f"{base}/konto").text
    assert re.search(r"<dt>Vertrauensniveau dieser Anmeldung</dt><dd>" + level, page), page[:2000]


def test_unknown_level_is_refused(stack):
    base, _ = stack
    s, callback = authorize(base, "udo", "udo-pw")
    r = s.get(callback, allow_redirects=False)
    assert r.status_code == 400 and "sid" not in r.cookies


def test_wrong_state_and_replayed_callback_are_refused(stack):
    base, _ = stack
    s, callback = authorize(base, "sam", "sam-pw")
    forged = re.sub(r"state=[^&]+", "state=forged-state", callback)
    assert s.get(forged, allow_redirects=False).status_code == 400
    first = s.get(callback, allow_redirects=False)
    assert first.status_code == 303
    replay = requests.get(callback, allow_redirects=False)  # the same code and state again
    assert replay.status_code == 400 and "sid" not in replay.cookies


def test_code_cannot_be_redeemed_with_a_wrong_pkce_verifier(stack):
    base, issuer = stack
    _, callback = authorize(base, "hanna", "hanna-pw")
    code = urllib.parse.parse_qs(urllib.parse.urlsplit(callback).query)["code"][0]
    token_endpoint = requests.get(f"{issuer}/.well-known/openid-configuration").json()["token_endpoint"]
    r = requests.post(token_endpoint, auth=(CLIENT_ID, CLIENT_SECRET), data={
        "grant_type": "authorization_code", "code": code, "redirect_uri": callback.split("?")[0],
        "code_verifier": "a-wrong-verifier-that-is-long-enough-0123456789abcdef"})
    assert r.status_code == 400 and r.json().get("error") == "invalid_grant"


def test_staff_log_in_through_the_authority_directory(stack):
    base, _ = stack
    s = requests.Session()
    start = s.get(f"{base}/mitarbeiter/anmelden/oidc", allow_redirects=False)
    assert start.status_code == 303
    login = requests.post(start.headers["location"], data={"username": "sam", "password": "sam-pw"},
                          allow_redirects=False)
    done = s.get(login.headers["location"], allow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/konto"
    page = s.get(f"{base}/konto").text
    assert "Beschäftigtenkonto" in page and "Sam Substanz" in page
    # someone the directory knows but who has no staff account gets nothing
    other = requests.Session()
    start = other.get(f"{base}/mitarbeiter/anmelden/oidc", allow_redirects=False)
    login = requests.post(start.headers["location"], data={"username": "lena", "password": "lena-pw"},
                          allow_redirects=False)
    refused = other.get(login.headers["location"], allow_redirects=False)
    assert refused.status_code == 400 and "sid" not in refused.cookies
