#!/usr/bin/env python3
"""Headless OIDC authorization-code + PKCE (S256) flow against nanoidp 3.4.0,
using only `requests` for HTTP (no browser). PyJWT (a nanoidp dependency, so it
is in the same venv) is used to verify the ID token signature against the JWKS;
if it is missing the script falls back to an unverified decode.

Usage:
    python oidc-flow-demo.py [ISSUER] [USERNAME] [PASSWORD]
defaults: http://127.0.0.1:8910 anna anna-pw

Env: CLIENT_ID (amtsweg-web), CLIENT_SECRET (amtsweg-secret; empty => public
client, no client auth), REDIRECT_URI (http://127.0.0.1:8080/auth/callback).

The redirect_uri does not need to be served by anything: we never follow the
302 to it, we just read the `code` and `state` out of its Location header.
"""
import base64
import hashlib
import json
import os
import secrets
import sys
from urllib.parse import parse_qs, urlencode, urlparse

import requests

ISSUER = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8910"
USERNAME = sys.argv[2] if len(sys.argv) > 2 else "anna"
PASSWORD = sys.argv[3] if len(sys.argv) > 3 else "anna-pw"
CLIENT_ID = os.environ.get("CLIENT_ID", "amtsweg-web")
CLIENT_SECRET = os.environ.get("CLIENT_SECRET", "amtsweg-secret")
REDIRECT_URI = os.environ.get("REDIRECT_URI", "http://127.0.0.1:8080/auth/callback")


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def jwt_payload_unverified(token: str) -> dict:
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def main() -> int:
    # 1. Discovery
    disc = requests.get(f"{ISSUER}/.well-known/openid-configuration", timeout=5).json()
    assert disc["issuer"] == ISSUER, disc["issuer"]
    print("authorization_endpoint:", disc["authorization_endpoint"])
    print("token_endpoint:        ", disc["token_endpoint"])
    print("jwks_uri:              ", disc["jwks_uri"])
    print("id_token algs:         ", disc["id_token_signing_alg_values_supported"])

    # 2. PKCE + state + nonce
    verifier = b64url(secrets.token_bytes(32))  # 43 chars, RFC 7636 charset
    challenge = b64url(hashlib.sha256(verifier.encode("ascii")).digest())
    state = secrets.token_urlsafe(16)
    nonce = secrets.token_urlsafe(16)

    # Custom claims (user `attributes:` in users.yaml) only reach the ID token
    # when requested with the OIDC `claims` parameter (claims_parameter_supported).
    claims_req = {
        "id_token": {"acr": {"essential": True}, "loa": None, "email": None},
        "userinfo": {"acr": None, "loa": None, "email": None},
    }
    auth_params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid email profile",
        "state": state,
        "nonce": nonce,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "claims": json.dumps(claims_req, separators=(",", ":")),
    }
    authorize_url = f"{disc['authorization_endpoint']}?{urlencode(auth_params)}"

    # 3. Login. nanoidp's /authorize accepts a "direct POST": the OAuth request
    #    in the query string, the credentials as form fields. A session keeps
    #    the browser-binding cookie nanoidp sets. (A GET first would render the
    #    HTML login page with a hidden transaction_id; not needed.)
    s = requests.Session()
    r = s.post(
        authorize_url,
        data={"username": USERNAME, "password": PASSWORD},
        allow_redirects=False,
        timeout=5,
    )
    if r.status_code not in (302, 303):
        print("login failed:", r.status_code, r.text[:500])
        return 1
    location = r.headers["Location"]
    cb = urlparse(location)
    assert f"{cb.scheme}://{cb.netloc}{cb.path}" == REDIRECT_URI, location
    q = {k: v[0] for k, v in parse_qs(cb.query).items()}
    if "error" in q:
        print("authorize error:", q)
        return 1
    assert q["state"] == state, "state mismatch"
    code = q["code"]
    print("got code (state ok):   ", code[:12] + "...")

    # 4. Token exchange with the PKCE verifier
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT_URI,
        "code_verifier": verifier,
    }
    if CLIENT_SECRET:
        auth = (CLIENT_ID, CLIENT_SECRET)  # client_secret_basic
    else:
        auth = None
        form["client_id"] = CLIENT_ID  # public client (token_endpoint_auth_method: none)
    t = requests.post(disc["token_endpoint"], data=form, auth=auth, timeout=5)
    if t.status_code != 200:
        print("token error:", t.status_code, t.text)
        return 1
    tok = t.json()
    print("token response keys:   ", sorted(tok))

    # 5. Validate the ID token (RS256, kid in JWKS)
    id_token = tok["id_token"]
    header = json.loads(base64.urlsafe_b64decode(id_token.split(".")[0] + "=="))
    print("id_token header:       ", header)
    try:
        import jwt  # PyJWT

        jwks = requests.get(disc["jwks_uri"], timeout=5).json()
        key = next(k for k in jwks["keys"] if k["kid"] == header["kid"])
        claims = jwt.decode(
            id_token,
            key=jwt.PyJWK(key).key,
            algorithms=["RS256"],
            audience=CLIENT_ID,
            issuer=ISSUER,
        )
        print("id_token signature:     verified with JWKS")
    except ImportError:
        claims = jwt_payload_unverified(id_token)
        print("id_token signature:     NOT verified (PyJWT missing)")
    assert claims["nonce"] == nonce, "nonce mismatch"
    print("id_token claims:", json.dumps(claims, indent=2))

    # 6. UserInfo with the access token
    ui = requests.get(
        disc["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {tok['access_token']}"},
        timeout=5,
    )
    print("userinfo:", ui.status_code, json.dumps(ui.json(), indent=2))

    # 7. Negative checks: code replay and wrong verifier must fail
    t2 = requests.post(disc["token_endpoint"], data=form, auth=auth, timeout=5)
    print("code replay ->", t2.status_code, t2.json().get("error"))
    assert t2.status_code == 400
    print("OK: sub=%s acr=%s" % (claims["sub"], claims.get("acr")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
