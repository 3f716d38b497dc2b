"""The submission API (issue 5) as a third-party client sees it.

OAuth 2.0 client credentials (RFC 6749 § 4.4), the forms' JSON Schemas (draft 2020-12, checked
with jsonschema_rs, an implementation independent of ours), FIT-Connect-shaped submissions with
attachments, idempotency, and RFC 9457 problem documents with JSON pointers for every bad input.

Runs its own server (fresh SQLite file) so that the operator CLI can register clients in the same
database: `amtsweg clients --database-url sqlite:<file>`. Skipped when AMTSWEG_BASE_URL points
at a running server (no access to its database there).
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path

import jsonschema_rs
import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from server import Server, ServerError  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data/forms/bewohnerparkausweis/beispiel-antrag.json"
WOHNGELD_SAMPLE = REPO / "data/forms/wohngeld/beispiel-antrag.json"
JENA = "160530000000"
PARKING = "99108001001000"  # Bewohnerparkausweis Erteilung (S05000058)
WOHNGELD = "99107023037000"  # Wohngeld Mietzuschuss (S99100001)
PROBLEM = "application/problem+json"
TIMEOUT = 30

# The smallest files the server's content sniffing accepts as PDF.
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


# -- helpers --------------------------------------------------------------------------------------


@dataclass
class Client:
    id: str
    secret: str


def canonical(data) -> bytes:
    """Canonical data JSON: sorted keys, no whitespace, UTF-8 (the metadata hash is over these bytes)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def integral_floats_to_int(value):
    """1850.00 in a file reads as 1850.0 in Python; the server's canonical form prints 1850."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: integral_floats_to_int(v) for k, v in value.items()}
    if isinstance(value, list):
        return [integral_floats_to_int(v) for v in value]
    return value


def problem(response: requests.Response, status: int, pointer: str | None = None,
            type_suffix: str | None = None) -> dict:
    """Asserts an RFC 9457 problem document with this status (and pointer / type); returns it."""
    assert response.status_code == status, f"{response.status_code} {response.text[:800]}"
    assert response.headers["content-type"].split(";")[0].strip() == PROBLEM, response.headers["content-type"]
    body = response.json()
    assert {"type", "title", "status"} <= body.keys(), body
    assert body["status"] == status
    assert isinstance(body["title"], str) and body["title"]
    if type_suffix:
        assert body["type"].endswith(type_suffix), body["type"]
    if pointer is not None:
        pointers = [e["pointer"] for e in body.get("errors", [])]
        assert pointer in pointers, f"expected pointer {pointer} in {pointers}: {body}"
        assert all(isinstance(e.get("detail"), str) and e["detail"] for e in body["errors"])
    return body


class API:
    """One server, its database and the few requests every test needs."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.base = server.base_url
        self.database = server.database_path
        forms = requests.get(f"{self.base}/api/v1/forms", timeout=TIMEOUT).json()["forms"]
        self.forms = {f["id"]: f for f in forms}
        self._destinations: dict[tuple[str, str], str] = {}

    # clients and tokens

    def register(self, name: str, services: str = "*", scopes: str | None = None) -> Client:
        cmd = [str(self.server.binary), "clients", "--database-url", f"sqlite:{self.database}",
               "--name", name, "--services", services, "--log-level", "error"]
        if scopes is not None:
            cmd += ["--scopes", scopes]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, timeout=60).stdout
        cid = re.search(r"client_id:\s*(\S+)", out)
        secret = re.search(r"client_secret \(shown once\):\s*(\S+)", out)
        assert cid and secret, out
        return Client(cid.group(1), secret.group(1))

    def token_response(self, client: Client, scope: str | None = None, **form) -> requests.Response:
        data = {"grant_type": "client_credentials", **form}
        if scope is not None:
            data["scope"] = scope
        return requests.post(f"{self.base}/api/v1/oauth/token", data=data, auth=(client.id, client.secret),
                             timeout=TIMEOUT)

    def token(self, client: Client, scope: str | None = None) -> str:
        r = self.token_response(client, scope)
        assert r.status_code == 200, r.text
        return r.json()["access_token"]

    # routing and envelopes

    def destination(self, leika: str, ars: str = JENA) -> str:
        if (leika, ars) not in self._destinations:
            r = requests.get(f"{self.base}/api/v1/routes", params={"leikaKey": leika, "ars": ars}, timeout=TIMEOUT)
            assert r.status_code == 200, r.text
            self._destinations[(leika, ars)] = r.json()["routes"][0]["destinationId"]
        return self._destinations[(leika, ars)]

    def envelope(self, data, leika: str = PARKING, form: str = "S05000058", ars: str = JENA,
                 destination: str | None = None, data_hash: str | None = None) -> dict:
        return {
            "destinationId": destination or self.destination(leika, ars),
            "ars": ars,
            "metadata": {
                "contentStructure": {
                    "data": {
                        "hash": {"type": "sha512", "content": data_hash or hashlib.sha512(canonical(data)).hexdigest()},
                        "submissionSchema": {"schemaUri": self.forms[form]["schemaUri"],
                                             "mimeType": "application/json"},
                    },
                    "attachments": [],
                },
                "publicServiceType": {"identifier": f"urn:de:fim:leika:leistung:{leika}"},
            },
            "data": data,
        }

    def submit(self, token: str | None, body, key: str | None = None, content_type: str = "application/json",
               raw: bytes | None = None) -> requests.Response:
        headers = {"Content-Type": content_type}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        if key:
            headers["Idempotency-Key"] = key
        payload = raw if raw is not None else json.dumps(body, ensure_ascii=False).encode()
        return requests.post(f"{self.base}/api/v1/submissions", data=payload, headers=headers, timeout=TIMEOUT)

    def upload(self, token: str, content: bytes = PDF, content_type: str = "application/pdf") -> requests.Response:
        return requests.post(f"{self.base}/api/v1/attachments", data=content,
                             headers={"Authorization": f"Bearer {token}", "Content-Type": content_type},
                             timeout=TIMEOUT)

    def status(self, token: str, submission_id: str) -> requests.Response:
        return requests.get(f"{self.base}/api/v1/submissions/{submission_id}",
                            headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT)

    def sql(self, query: str, *args):
        with sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=30) as db:
            return db.execute(query, args).fetchall()


def with_holder(data: dict, first: str, second: str) -> dict:
    """The sample with a vehicle registered to someone else (rule R05000281 requires G05000499)."""
    data = copy.deepcopy(data)
    data["G05000477"]["F05001047"] = "02"
    data["G05000499"] = {
        "F05001243": "Beispiel",
        "F05001244": "Hans",
        "F05001245": "Löbdergraben",
        "F05001246": "12",
        "F05001247": "a",
        "G05000554": {"F00000054": "07743", "F00000035": "Jena"},
        "F05001249": "000",
        "F05001355": "hans.beispiel@example.org",
        "F05001045": first,
        "F05001248": second,
    }
    return data


# -- fixtures -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api():
    if os.environ.get("AMTSWEG_BASE_URL"):
        pytest.skip("needs its own server: clients are registered in its database with the CLI")
    server = Server(os.environ.get("AMTSWEG_BIN"))
    try:
        server.start()
    except ServerError as e:
        server.cleanup()
        pytest.fail(str(e), pytrace=False)
    yield API(server)
    alive = server.proc is not None and server.proc.poll() is None
    server.cleanup()
    assert alive, "the server died during the tests"


@pytest.fixture(scope="module")
def client(api) -> Client:
    return api.register("Fachverfahren Test")


@pytest.fixture(scope="module")
def token(api, client) -> str:
    return api.token(client)


@pytest.fixture(scope="module")
def schemas(api) -> dict[str, dict]:
    out = {}
    for form_id, form in api.forms.items():
        r = requests.get(form["schemaUri"], timeout=TIMEOUT)
        assert r.status_code == 200, r.text
        out[form_id] = r.json()
    return out


@pytest.fixture(scope="module")
def wohngeld_sample(api, token) -> dict:
    """The Wohngeld sample with its file field pointing at an attachment of `client`."""
    data = integral_floats_to_int(json.loads(WOHNGELD_SAMPLE.read_text(encoding="utf-8")))
    r = api.upload(token)
    assert r.status_code == 201, r.text
    data["G99100006"]["F99100022"] = r.json()["attachmentId"]
    return data


# -- OAuth 2.0 client credentials -------------------------------------------------------------------


def test_token_is_issued_for_client_credentials(api, client):
    r = api.token_response(client)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert "no-store" in r.headers.get("cache-control", "")
    body = r.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 900
    assert set(body["scope"].split()) == {"submissions:write", "submissions:read"}
    assert body["access_token"].count(".") == 2
    # client authentication in the form body instead of HTTP Basic (RFC 6749 § 2.3.1)
    r = requests.post(f"{api.base}/api/v1/oauth/token", timeout=TIMEOUT, data={
        "grant_type": "client_credentials", "client_id": client.id, "client_secret": client.secret,
        "scope": "submissions:read"})
    assert r.status_code == 200, r.text
    assert r.json()["scope"] == "submissions:read"


def test_token_with_wrong_secret_is_invalid_client(api, client):
    r = api.token_response(Client(client.id, client.secret[:-2] + "xx"))
    assert r.status_code == 401
    assert r.json()["error"] == "invalid_client"
    assert r.headers.get("www-authenticate")
    r = api.token_response(Client("client-" + str(uuid.uuid4()), client.secret))
    assert r.status_code == 401 and r.json()["error"] == "invalid_client"
    r = requests.post(f"{api.base}/api/v1/oauth/token", data={"grant_type": "client_credentials"}, timeout=TIMEOUT)
    assert r.status_code == 401 and r.json()["error"] == "invalid_client"


def test_token_with_unsupported_grant_type(api, client):
    r = requests.post(f"{api.base}/api/v1/oauth/token", auth=(client.id, client.secret), timeout=TIMEOUT,
                      data={"grant_type": "password", "username": "x", "password": "y"})
    assert r.status_code == 400
    assert r.json()["error"] == "unsupported_grant_type"


def test_token_with_a_scope_the_client_may_not_have(api):
    reader = api.register("Nur lesen", scopes="submissions:read")
    r = api.token_response(reader, scope="submissions:write")
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_scope"
    assert api.token_response(reader, scope="admin").json().get("error") == "invalid_scope"
    assert api.token_response(reader).json()["scope"] == "submissions:read"


def test_a_token_without_the_needed_scope_gets_403(api, client):
    read_only = api.token(client, scope="submissions:read")
    problem(api.submit(read_only, api.envelope(sample())), 403)
    problem(api.upload(read_only), 403)
    write_only = api.token(client, scope="submissions:write")
    r = api.submit(write_only, api.envelope(sample()))
    assert r.status_code == 201, r.text
    problem(api.status(write_only, r.json()["submissionId"]), 403)
    assert api.status(read_only, r.json()["submissionId"]).status_code == 200


# -- JSON Schemas: valid draft 2020-12, and the same verdict as the server -------------------------


@pytest.mark.parametrize("form_id", ["S05000058", "S99100001"])
def test_form_schema_is_valid_draft_2020_12(api, schemas, form_id):
    schema = schemas[form_id]
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == api.forms[form_id]["schemaUri"]
    jsonschema_rs.meta.validate(schema)  # raises on an invalid schema
    assert isinstance(jsonschema_rs.validator_for(schema), jsonschema_rs.Draft202012Validator)
    r = requests.get(api.forms[form_id]["schemaUri"], timeout=TIMEOUT)
    assert r.headers["content-type"].startswith("application/schema+json")


def schema_errors(schema: dict, data) -> list[str]:
    validator = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
    return ["/" + "/".join(str(p) for p in e.instance_path) + f": {e.message}" for e in validator.iter_errors(data)]


def test_the_parking_permit_sample_is_valid_for_schema_and_server(api, schemas, token):
    data = sample()
    assert schema_errors(schemas["S05000058"], data) == []
    r = api.submit(token, api.envelope(data))
    assert r.status_code == 201, r.text


def test_the_wohngeld_sample_is_valid_for_schema_and_server(api, schemas, token, wohngeld_sample):
    assert schema_errors(schemas["S99100001"], wohngeld_sample) == []
    r = api.submit(token, api.envelope(wohngeld_sample, leika=WOHNGELD, form="S99100001"))
    assert r.status_code == 201, r.text


def _walk(d, path: str):
    *parents, last = path.split("/")
    for p in parents:
        d = d[int(p)] if p.isdigit() else d[p]
    return d, int(last) if last.isdigit() else last


def _set(path: str, value):
    def mutate(d):
        parent, key = _walk(d, path)
        parent[key] = value
    return mutate


def _delete(path: str):
    def mutate(d):
        parent, key = _walk(d, path)
        del parent[key]
    return mutate


P, W = "S05000058", "S99100001"

# (form, name, mutation of the form's sample, pointer the server must name)
MUTATIONS = [
    (P, "unknown field", _set("G05000477/F09999999", "x"), "/data/G05000477/F09999999"),
    (P, "unknown top-level field", _set("F09999999", "x"), "/data/F09999999"),
    (P, "unknown field, null", _set("G05000477/F09999999", None), "/data/G05000477/F09999999"),
    (P, "wrong type: number as string", _set("G05000477/F05001062", "482915"), "/data/G05000477/F05001062"),
    (P, "wrong type: string as number", _set("G05000477/F05000627", 1984), "/data/G05000477/F05000627"),
    (P, "wrong type: string as boolean", _set("G05000496/F05000059", True), "/data/G05000496/F05000059"),
    (P, "wrong type: first names not an array", _set("G05000496/F05000060", "Erika"), "/data/G05000496/F05000060"),
    (P, "wrong type: group as string", _set("G05000496/G00000113", "Jena"), "/data/G05000496/G00000113"),
    (P, "wrong type: group as array", _set("G05000477", []), "/data/G05000477"),
    (P, "wrong type: null for an optional field", _set("G05000493/F05001348", None), "/data/G05000493/F05001348"),
    (P, "wrong type: null for an optional group", _set("G05000499", None), "/data/G05000499"),
    (P, "missing mandatory field", _delete("G05000496/F05000059"), "/data/G05000496/F05000059"),
    (P, "missing mandatory field, null", _set("G05000496/F05000059", None), "/data/G05000496/F05000059"),
    (P, "missing mandatory group", _delete("G05000477"), "/data/G05000477"),
    (P, "missing mandatory consent", _delete("F05001344"), "/data/F05001344"),
    (P, "code not in list", _set("G05000477/F05001047", "03"), "/data/G05000477/F05001047"),
    (P, "code with a trailing space", _set("G05000477/F05001047", "01 "), "/data/G05000477/F05001047"),
    (P, "country code not in list", _set("G05000496/F05000523", "999"), "/data/G05000496/F05000523"),
    (P, "too long", _set("G05000496/F05000059", "B" * 121), "/data/G05000496/F05000059"),
    # 120 user-perceived characters, 240 code points: JSON Schema (and XML Schema, which
    # XDatenfelder's lengths come from) count code points.
    (P, "too long in code points", _set("G05000496/F05000059", "e\u0301" * 120), "/data/G05000496/F05000059"),
    (P, "empty", _set("G05000496/F05000067", ""), "/data/G05000496/F05000067"),
    (P, "too short postcode", _set("G05000496/G00000113/F00000054", "0774"), "/data/G05000496/G00000113/F00000054"),
    (P, "postcode pattern", _set("G05000496/G00000113/F00000054", "00743"), "/data/G05000496/G00000113/F00000054"),
    (P, "postcode in other digits", _set("G05000496/G00000113/F00000054", "\uff10\uff17\uff17\uff14\uff13"),
     "/data/G05000496/G00000113/F00000054"),
    (P, "house number suffix pattern", _set("G05000496/G05000428/F00000084", "-"),
     "/data/G05000496/G05000428/F00000084"),
    (P, "invalid date", _set("G05000496/F05000351", "1984-02-30"), "/data/G05000496/F05000351"),
    (P, "date with time", _set("G05000496/F05000351", "1984-03-17T00:00:00Z"), "/data/G05000496/F05000351"),
    (P, "no first name", _set("G05000496/F05000060", []), "/data/G05000496/F05000060"),
    (P, "first name null", _set("G05000496/F05000060", ["Erika", None]), "/data/G05000496/F05000060/1"),
    (P, "first name too long", _set("G05000496/F05000060", ["E" * 81]), "/data/G05000496/F05000060/0"),
    (W, "unknown field in a repeated group", _set("G99100003/0/F09999999", "x"), "/data/G99100003/0/F09999999"),
    (W, "more than two decimals", _set("G99100004/0/G99100005/0/F99100016", 1850.001),
     "/data/G99100004/0/G99100005/0/F99100016"),
    (W, "not an integer", _set("G99100004/0/F99100010", 1.5), "/data/G99100004/0/F99100010"),
    (W, "above maximum", _set("G99100004/0/F99100010", 13), "/data/G99100004/0/F99100010"),
    (W, "below minimum", _set("G99100006/F99100017", 0), "/data/G99100006/F99100017"),
    (W, "boolean as string", _set("G99100009/F99100031", "true"), "/data/G99100009/F99100031"),
    (W, "IBAN pattern", _set("G99100008/F99100028", "DE02 1203 0000 0000 2020 5X"), "/data/G99100008/F99100028"),
    (W, "too many repetitions", lambda d: d.__setitem__("G99100003", d["G99100003"] * 12), "/data/G99100003"),
    (W, "file field not a UUID", _set("G99100006/F99100022", "mietvertrag.pdf"), "/data/G99100006/F99100022"),
]

# (form, name, change that keeps the data valid): both must still accept.
VALID_VARIANTS = [
    (P, "longest family name", _set("G05000496/F05000059", "B" * 120)),
    (P, "no optional start date", _delete("G05000493/F05001348")),
    (P, "letters in the house number suffix", _set("G05000496/G05000428/F00000084", "ä")),
    (P, "renewal with the existing permit", lambda d: d["G05000493"].update(
        F05001347="02", G05000599={"F05001345": "2025-12-01", "F05001346": 4711})),
    # 6 code points, 3 user-perceived characters: valid under minLength 6 as JSON Schema counts
    (P, "mobile number of six code points", _set("G05000496/F05000068", "e\u0301" * 3)),
    (W, "amounts in cents", _set("G99100004/0/G99100005/0/F99100016", 1850.07)),
    (W, "living alone", lambda d: d.update(G99100003=[], G99100004=d["G99100004"][:1])),
]


def form_sample(form_id: str, wohngeld_sample: dict) -> dict:
    return sample() if form_id == P else copy.deepcopy(wohngeld_sample)


def submit_form(api, token, form_id: str, data) -> requests.Response:
    if form_id == P:
        return api.submit(token, api.envelope(data))
    return api.submit(token, api.envelope(data, leika=WOHNGELD, form=W))


@pytest.mark.parametrize("form_id, name, mutate, pointer", MUTATIONS, ids=[f"{m[0]}: {m[1]}" for m in MUTATIONS])
def test_schema_and_server_reject_the_same_mutations(api, schemas, token, wohngeld_sample, form_id, name, mutate,
                                                     pointer):
    data = form_sample(form_id, wohngeld_sample)
    mutate(data)
    errors = schema_errors(schemas[form_id], data)
    assert errors, f"the JSON Schema accepts the mutation '{name}'"
    r = submit_form(api, token, form_id, data)
    body = problem(r, 422, pointer=pointer, type_suffix="validation-failed")
    # Every schema error lies on or above a pointer the server names (same place, same verdict).
    server_pointers = [e["pointer"].removeprefix("/data") for e in body["errors"]]
    for error in errors:
        path = error.split(": ", 1)[0].rstrip("/")
        assert any(p == path or p.startswith(path + "/") for p in server_pointers), (error, server_pointers)


@pytest.mark.parametrize("form_id, name, change", VALID_VARIANTS, ids=[f"{v[0]}: {v[1]}" for v in VALID_VARIANTS])
def test_schema_and_server_accept_the_same_valid_variants(api, schemas, token, wohngeld_sample, form_id, name,
                                                          change):
    data = form_sample(form_id, wohngeld_sample)
    change(data)
    assert schema_errors(schemas[form_id], data) == []
    r = submit_form(api, token, form_id, data)
    assert r.status_code == 201, r.text


# -- submit, status, access ---------------------------------------------------------------------------


def test_submit_and_read_the_status(api, client, token):
    data = sample()
    envelope = api.envelope(data)
    r = api.submit(token, envelope)
    assert r.status_code == 201, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    sid = body["submissionId"]
    assert uuid.UUID(sid)
    assert r.headers["location"].endswith(f"/api/v1/submissions/{sid}")
    assert "idempotent-replayed" not in {k.lower() for k in r.headers}
    crockford = "[0-9A-HJKMNP-TV-Z]{4}"
    assert re.fullmatch(rf"AW-\d{{4}}-{crockford}-{crockford}-{crockford}", body["reference"])
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", body["submittedAt"])
    assert body["leikaKey"] == PARKING
    assert body["ars"] == JENA
    assert body["destinationId"] == envelope["destinationId"]
    assert body["status"] == "routed"
    assert body["contentHash"]["type"] == "sha256" and re.fullmatch(r"[0-9a-f]{64}", body["contentHash"]["content"])
    assert [e["kind"] for e in body["events"]] == ["received", "routed"]

    status = api.status(token, sid)
    assert status.status_code == 200, status.text
    got = status.json()
    assert got == body
    assert [e["seq"] for e in got["events"]] == [1, 2]
    # The stored data is the canonical JSON of what was sent.
    (stored,) = api.sql("SELECT data, client_id FROM submissions WHERE id = ?", sid)
    assert json.loads(stored[0]) == data
    assert stored[1] == client.id


def test_another_client_cannot_read_the_submission(api, token):
    r = api.submit(token, api.envelope(sample()))
    assert r.status_code == 201, r.text
    other = api.register("Anderes Verfahren")
    other_token = api.token(other)
    problem(api.status(other_token, r.json()["submissionId"]), 404)
    problem(api.status(token, str(uuid.uuid4())), 404)
    problem(api.status(token, "not-an-id"), 404)


def test_a_client_restricted_to_another_service_gets_403(api, schemas):
    wohngeld_only = api.register("Wohngeld-Verfahren", services=WOHNGELD)
    t = api.token(wohngeld_only)
    problem(api.submit(t, api.envelope(sample())), 403)
    # ... and may submit for its own service
    data = integral_floats_to_int(json.loads(WOHNGELD_SAMPLE.read_text(encoding="utf-8")))
    up = api.upload(t)
    assert up.status_code == 201, up.text
    data["G99100006"]["F99100022"] = up.json()["attachmentId"]
    r = api.submit(t, api.envelope(data, leika=WOHNGELD, form="S99100001"))
    assert r.status_code == 201, r.text


# -- idempotency --------------------------------------------------------------------------------------


def test_idempotency_key_replays_the_first_answer(api, token):
    key = "idem-" + uuid.uuid4().hex
    envelope = api.envelope(sample())
    first = api.submit(token, envelope, key=key)
    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in {k.lower() for k in first.headers}
    again = api.submit(token, envelope, key=key)
    assert again.status_code == 201, again.text
    assert again.headers.get("idempotent-replayed") == "true"
    assert again.json()["submissionId"] == first.json()["submissionId"]
    assert again.json()["reference"] == first.json()["reference"]
    assert api.sql("SELECT COUNT(*) FROM submissions WHERE idempotency_key = ?", key) == [(1,)]


def test_idempotency_keys_are_per_client(api, token):
    key = "idem-" + uuid.uuid4().hex
    envelope = api.envelope(sample())
    mine = api.submit(token, envelope, key=key)
    other = api.token(api.register("Zweites Verfahren"))
    theirs = api.submit(other, envelope, key=key)
    assert mine.status_code == theirs.status_code == 201, (mine.text, theirs.text)
    assert mine.json()["submissionId"] != theirs.json()["submissionId"]
    assert theirs.headers.get("idempotent-replayed") is None
    problem(api.status(other, mine.json()["submissionId"]), 404)


def test_idempotency_key_with_a_different_body_is_422(api, token):
    key = "idem-" + uuid.uuid4().hex
    data = sample()
    assert api.submit(token, api.envelope(data), key=key).status_code == 201
    data["G05000496"]["F05000059"] = "Anders"
    problem(api.submit(token, api.envelope(data), key=key), 422, type_suffix="idempotency-key-reused")
    assert api.sql("SELECT COUNT(*) FROM submissions WHERE idempotency_key = ?", key) == [(1,)]


def test_concurrent_posts_with_one_key_store_one_submission(api, token):
    key = "idem-" + uuid.uuid4().hex
    body = json.dumps(api.envelope(sample()), ensure_ascii=False).encode()
    barrier = threading.Barrier(10)
    answers: list = [None] * 10

    def post(i: int) -> None:
        barrier.wait()
        try:
            answers[i] = api.submit(token, None, key=key, raw=body)
        except Exception as e:  # noqa: BLE001 - reported below
            answers[i] = e

    threads = [threading.Thread(target=post, args=(i,)) for i in range(10)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert all(isinstance(a, requests.Response) for a in answers), answers
    assert [a.status_code for a in answers] == [201] * 10, [a.text for a in answers if a.status_code != 201]
    assert len({a.json()["submissionId"] for a in answers}) == 1
    assert sum(1 for a in answers if a.headers.get("idempotent-replayed") != "true") == 1
    assert api.sql("SELECT COUNT(*) FROM submissions WHERE idempotency_key = ?", key) == [(1,)]


def test_an_invalid_idempotency_key_is_400(api, token):
    problem(api.submit(token, api.envelope(sample()), key="x" * 256), 400)


# -- bad requests: problem documents with pointers ---------------------------------------------------


def test_unknown_top_level_member(api, token):
    envelope = api.envelope(sample())
    envelope["comment"] = "bitte schnell"
    problem(api.submit(token, envelope), 422, pointer="/comment")


def test_malformed_json_is_400(api, token):
    problem(api.submit(token, None, raw=b'{"destinationId": "x", "data": {'), 400)
    problem(api.submit(token, None, raw=b"\xff\xfe not json"), 400)


def test_wrong_content_type_is_415(api, token):
    body = json.dumps(api.envelope(sample())).encode()
    problem(api.submit(token, None, raw=body, content_type="text/plain"), 415)
    problem(api.submit(token, None, raw=body, content_type="application/x-www-form-urlencoded"), 415)
    problem(api.submit(token, None, raw=body, content_type=""), 415)
    # a media type parameter is fine
    r = api.submit(token, None, raw=body, content_type="application/json; charset=utf-8")
    assert r.status_code == 201, r.text


def test_wrong_hash_is_422_with_its_pointer(api, token):
    data = sample()
    wrong = hashlib.sha512(canonical(data) + b" ").hexdigest()
    problem(api.submit(token, api.envelope(data, data_hash=wrong)), 422,
            pointer="/metadata/contentStructure/data/hash/content")
    # the hash must be over the canonical bytes, not over some other serialisation
    pretty = hashlib.sha512(json.dumps(data, indent=2, ensure_ascii=False).encode()).hexdigest()
    problem(api.submit(token, api.envelope(data, data_hash=pretty)), 422,
            pointer="/metadata/contentStructure/data/hash/content")


def test_wrong_destination_is_422_with_its_pointer(api, token):
    # a real destination, but of another municipality (Mühlhausen)
    other = api.destination("99036020001000", "160640046046")
    problem(api.submit(token, api.envelope(sample(), destination=other)), 422, pointer="/destinationId")
    problem(api.submit(token, api.envelope(sample(), destination="not-a-uuid")), 422, pointer="/destinationId")


def test_other_envelope_errors_have_pointers(api, token):
    envelope = api.envelope(sample())
    envelope["ars"] = "999999999999"
    problem(api.submit(token, envelope), 422, pointer="/ars")
    envelope = api.envelope(sample())
    envelope["metadata"]["publicServiceType"]["identifier"] = "urn:de:fim:leika:leistung:00000000000000"
    problem(api.submit(token, envelope), 422, pointer="/metadata/publicServiceType/identifier")
    envelope = api.envelope(sample())
    del envelope["data"]
    problem(api.submit(token, envelope), 422, pointer="/data")


def test_missing_or_invalid_token_is_401(api):
    r = api.submit(None, api.envelope(sample()))
    problem(r, 401)
    assert r.headers.get("www-authenticate", "").startswith("Bearer")
    r = api.submit("not.a.token", api.envelope(sample()))
    problem(r, 401)
    assert "invalid_token" in r.headers.get("www-authenticate", "")
    r = requests.get(f"{api.base}/api/v1/submissions/{uuid.uuid4()}", timeout=TIMEOUT)
    problem(r, 401)


def test_a_submission_body_over_2_mb_is_413(api, token):
    envelope = api.envelope(sample())
    envelope["data"]["G05000496"]["F05000059"] = "B" * (2 * 1024 * 1024 + 1)
    problem(api.submit(token, envelope), 413)
    # the same without Content-Length (chunked): the limit applies while reading
    payload = json.dumps(envelope).encode()
    chunks = (payload[i:i + 65536] for i in range(0, len(payload), 65536))
    r = requests.post(f"{api.base}/api/v1/submissions", data=chunks, timeout=TIMEOUT,
                      headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    problem(r, 413)


def test_an_attachment_over_10_mb_is_413(api, token):
    ok = api.upload(token, PDF + b"\0" * (10 * 1024 * 1024 - len(PDF)))
    assert ok.status_code == 201, ok.text  # exactly 10 MB is allowed
    problem(api.upload(token, PDF + b"\0" * (10 * 1024 * 1024 + 1 - len(PDF))), 413)


def test_attachment_types_are_checked(api, token):
    problem(api.upload(token, b"GIF89a....", "image/gif"), 415)
    problem(api.upload(token, b"MZ\x90\x00 not a pdf", "application/pdf"), 422)
    r = api.upload(token)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["size"] == len(PDF)
    assert body["hash"] == {"type": "sha512", "content": hashlib.sha512(PDF).hexdigest()}
    problem(requests.post(f"{api.base}/api/v1/attachments", data=PDF, timeout=TIMEOUT,
                          headers={"Content-Type": "application/pdf"}), 401)


# -- attachments in the data ---------------------------------------------------------------------------


def test_holder_with_two_uploaded_attachments(api, token):
    ids = []
    for _ in range(2):
        r = api.upload(token)
        assert r.status_code == 201, r.text
        ids.append(r.json()["attachmentId"])
    data = with_holder(sample(), *ids)
    r = api.submit(token, api.envelope(data))
    assert r.status_code == 201, r.text
    sid = r.json()["submissionId"]
    stored = api.sql("SELECT document_id, field_pointer FROM submission_documents WHERE submission_id = ? "
                     "ORDER BY field_pointer", sid)
    assert stored == [(ids[0], "/G05000499/F05001045"), (ids[1], "/G05000499/F05001248")]


def test_holder_required_when_the_vehicle_is_someone_elses(api, token):
    data = sample()
    data["G05000477"]["F05001047"] = "02"
    r = api.submit(token, api.envelope(data))
    problem(r, 422, type_suffix="validation-failed")
    assert any(e["pointer"].startswith("/data/G05000499") for e in r.json()["errors"]), r.json()


def test_an_attachment_of_another_client_is_422(api, token):
    other = api.register("Fremdes Verfahren")
    other_token = api.token(other)
    theirs = api.upload(other_token)
    assert theirs.status_code == 201, theirs.text
    mine = api.upload(token)
    assert mine.status_code == 201, mine.text
    data = with_holder(sample(), theirs.json()["attachmentId"], mine.json()["attachmentId"])
    problem(api.submit(token, api.envelope(data)), 422, pointer="/data/G05000499/F05001045")
    data = with_holder(sample(), mine.json()["attachmentId"], str(uuid.uuid4()))
    problem(api.submit(token, api.envelope(data)), 422, pointer="/data/G05000499/F05001248")
