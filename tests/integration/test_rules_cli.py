"""`amtsweg rules wohngeld`: households as JSON lines in, one result with its trace per line out,
in order; a bad line gives its problem with a JSON pointer and the run goes on (exit code 1)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from server import resolve_binary  # noqa: E402

GOOD = {"id": "a", "stichtag": "2025-03-01", "ars": "160530000000",
        "wohnkosten": {"art": "miete", "betrag": "600"},
        "mitglieder": [{"rolle": "antragsteller", "jahreseinkommen": "14000",
                        "zahltKrankenPflegeversicherung": True, "zahltRentenversicherung": True}]}


def run(lines: list[str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(resolve_binary(None)), "rules", "wohngeld", *args],
                          input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=60)


def test_results_in_order_with_trace_and_problems_per_line():
    richer = dict(GOOD, id="b", mitglieder=[dict(GOOD["mitglieder"][0], jahreseinkommen="20000")])
    bad = dict(GOOD, id="c", wohnkosten={"art": "miete", "betrag": "viel"})
    done = run([json.dumps(GOOD), json.dumps(richer), "not json", json.dumps(bad)])
    assert done.returncode == 1, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", "b", None, "c"]
    a, b = out[0], out[1]
    assert a["status"] == "anspruch" and a["mietstufe"] == 3 and a["betrag"] > 0
    assert b["betrag"] <= a["betrag"], "more income never gives more Wohngeld"
    assert any("§ 19" in t["norm"] for t in a["trace"]), "the trace carries its norms"
    assert out[2]["line"] == 3 and "problem" in out[2]
    assert out[3]["problem"]["pointer"] == "/wohnkosten/betrag"
    assert "2 of 4" in done.stderr


def test_no_trace_and_a_clean_run():
    done = run([json.dumps(GOOD)], "--no-trace")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["trace"] == [] and result["betrag"] > 0
