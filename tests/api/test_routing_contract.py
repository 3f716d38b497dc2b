"""The routing API against FITKO's own schema, and its signatures against the published JWKS.

The response schema is taken from tests/api/fixtures/routing-api.yaml (FIT-Connect
routing API 2.0) as published, not from our OpenAPI document; signatures are checked with the
`cryptography` package (RSASSA-PSS, SHA-512, MGF1-SHA-512, salt = 64 bytes: JWA PS512), an
implementation independent of ours.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import jsonschema_rs
import pytest
import requests
import yaml
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "tests/api/fixtures/routing-api.yaml"


def b64url(data: str) -> bytes:
    return base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))


@pytest.fixture(scope="module")
def schemas():
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    components = spec["components"]["schemas"]

    def validator(name: str):
        # the OpenAPI 3.0 schema objects are JSON Schema here; refs resolve inside the document
        schema = {"$ref": f"#/components/schemas/{name}", "components": {"schemas": components}}
        return jsonschema_rs.Draft4Validator(schema, validate_formats=True)

    return {"route-result": validator("route-result"), "jwks": validator("jwks")}


def jwks_keys(base_url: str) -> dict[str, rsa.RSAPublicKey]:
    response = requests.get(f"{base_url}/.well-known/jwks.json", timeout=10)
    response.raise_for_status()
    keys = {}
    for jwk in response.json()["keys"]:
        public = rsa.RSAPublicNumbers(
            int.from_bytes(b64url(jwk["e"]), "big"), int.from_bytes(b64url(jwk["n"]), "big")
        ).public_key()
        cert = x509.load_der_x509_certificate(base64.b64decode(jwk["x5c"][0]))
        assert cert.public_key().public_numbers() == public.public_numbers(), "x5c certifies the JWK's key"
        keys[jwk["kid"]] = public
    return keys


def verify(jws: str, keys: dict[str, rsa.RSAPublicKey]) -> dict:
    header_b64, payload_b64, signature_b64 = jws.split(".")
    header = json.loads(b64url(header_b64))
    assert header["alg"] == "PS512"
    keys[header["kid"]].verify(
        b64url(signature_b64),
        f"{header_b64}.{payload_b64}".encode(),
        padding.PSS(mgf=padding.MGF1(hashes.SHA512()), salt_length=64),
        hashes.SHA512(),
    )
    return json.loads(b64url(payload_b64))


def test_jwks_matches_fit_connect_schema(base_url, schemas):
    body = requests.get(f"{base_url}/.well-known/jwks.json", timeout=10).json()
    errors = [e.message for e in schemas["jwks"].iter_errors(body)]
    assert errors == []
    assert requests.get(f"{base_url}/api/v1/jwks", timeout=10).json() == body


@pytest.mark.parametrize(
    "query, expected_names",
    [
        ("leikaKey=99036020001000&ars=160530000000", ["Stadtverwaltung Jena"]),
        ("leikaKey=99012070006001&ars=160640046046", ["Stadtverwaltung Mühlhausen/Thüringen"]),
        ("leikaKey=99059001104000&ars=160760089089", ["Verwaltungsgemeinschaft Hermsdorf"]),
        ("leikaKey=99059001104000&ags=16076089", ["Verwaltungsgemeinschaft Hermsdorf"]),
        ("leikaKey=99036020001000&ars=16&limit=50", None),
        ("leikaKey=99059001104000&ars=16061&limit=7&offset=3", None),
    ],
)
def test_routes_validate_and_signatures_verify(base_url, schemas, query, expected_names):
    response = requests.get(f"{base_url}/api/v1/routes?{query}", timeout=30)
    assert response.status_code == 200, response.text
    body = response.json()
    errors = [f"{list(e.instance_path)}: {e.message}" for e in schemas["route-result"].iter_errors(body)]
    assert errors == []
    assert body["count"] == len(body["routes"]) > 0
    if expected_names is not None:
        assert [r["destinationName"] for r in body["routes"]] == expected_names
    keys = jwks_keys(base_url)
    leika = query.split("leikaKey=")[1].split("&")[0]
    for route in body["routes"]:
        claims = verify(route["destinationSignature"], keys)
        assert claims["destinationId"] == route["destinationId"]
        assert claims["services"][0]["leistungIDs"] == [f"urn:de:fim:leika:leistung:{leika}"]


def test_a_tampered_signature_fails(base_url):
    route = requests.get(
        f"{base_url}/api/v1/routes?leikaKey=99036020001000&ars=160530000000", timeout=30
    ).json()["routes"][0]
    header, payload, signature = route["destinationSignature"].split(".")
    claims = json.loads(b64url(payload))
    claims["destinationId"] = "00000000-0000-5000-8000-000000000000"
    forged_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(InvalidSignature):
        verify(f"{header}.{forged_payload}.{signature}", jwks_keys(base_url))


def test_bad_requests_get_problem_documents(base_url, schemas):
    for query in ["ars=16", "leikaKey=99036020001000", "leikaKey=99036020001000&ars=16&ags=16053000", "leikaKey=abc&ars=16"]:
        response = requests.get(f"{base_url}/api/v1/routes?{query}", timeout=10)
        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
        assert {"type", "title", "status"} <= response.json().keys()
