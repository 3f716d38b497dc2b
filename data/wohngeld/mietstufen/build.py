#!/usr/bin/env python3
"""Build mapping.csv (all 601 Thuringian Gemeinden -> Wohngeld Mietenstufe) from
mietstufen-thueringen.yaml and the GV100AD-derived municipality list.

Checks (the script exits non-zero if any fails):
  * the YAML transcription equals the verbatim statute excerpt in sources/ (names and levels);
  * every Kreis key in the YAML exists in the register under the same name;
  * every named Gemeinde in the YAML is matched exactly once: its ARS exists once, the register
    name equals the YAML name, and the annex's spelling resolves to that ARS and to no other;
  * every kreisfreie Stadt is named (it has no Kreis row to fall back on);
  * exactly 601 rows, each with a Mietenstufe in I..VII (unknowns are listed and fail the run).

Usage: python3 build.py [--register PATH] [--out mapping.csv]
Needs Python 3.9+ and PyYAML.
"""
from __future__ import annotations

import argparse
import csv
import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_REGISTER = HERE.parents[1] / "regional" / "thueringen_gemeinden_gv100ad_2026-02-28.csv"
EXCERPT = HERE / "sources" / "wogv-anlage-2023_gii_thueringen-excerpt.html"
LEVELS = ["I", "II", "III", "IV", "V", "VI", "VII"]
EXPECTED_GEMEINDEN = 601
BASIS_NAMED = "named in annex"
BASIS_KREIS = "Kreis"

errors: list[str] = []


def fail(msg: str) -> None:
    errors.append(msg)


def norm(name: str) -> str:
    """Comparison key for annex vs register spellings: case, ', Stadt'/', Kurort', hyphen vs space."""
    s = name.lower()
    for suffix in (", stadt", ", kurort"):
        s = s.replace(suffix, "")
    return re.sub(r"\s+", " ", s.replace("-", " ")).strip()


class _Tables(HTMLParser):
    """Collects (header, rows) of every <table> in the excerpt."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[list[str], list[list[str]]]] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._head: list[str] = []
        self._rows: list[list[str]] = []
        self._in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self._head, self._rows = [], []
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(html.unescape("".join(self._cell)).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            (self._head if self._in_head else self._rows).extend(
                [self._row] if not self._in_head else self._row)
            self._row = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "table":
            self.tables.append((self._head, self._rows))

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def read_excerpt() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    p = _Tables()
    p.feed(EXCERPT.read_text(encoding="utf-8"))
    gem = [t for t in p.tables if t[0][:1] == ["Gemeinde"]]
    kr = [t for t in p.tables if t[0][:1] == ["Kreis"]]
    if len(gem) != 1 or len(kr) != 1:
        fail(f"excerpt: expected one Gemeinde and one Kreis table, got {len(gem)} and {len(kr)}")
        return [], []
    return [tuple(r) for r in gem[0][1]], [tuple(r) for r in kr[0][1]]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--register", type=Path, default=DEFAULT_REGISTER)
    ap.add_argument("--yaml", type=Path, default=HERE / "mietstufen-thueringen.yaml")
    ap.add_argument("--out", type=Path, default=HERE / "mapping.csv")
    args = ap.parse_args()

    data = yaml.safe_load(args.yaml.read_text(encoding="utf-8"))
    with args.register.open(encoding="utf-8", newline="") as f:
        register = list(csv.DictReader(f))

    if len(register) != EXPECTED_GEMEINDEN:
        fail(f"register has {len(register)} rows, expected {EXPECTED_GEMEINDEN}")
    by_ars: dict[str, list[dict]] = {}
    for r in register:
        by_ars.setdefault(r["ars"], []).append(r)
    kreis_names = {r["kreis_schluessel"]: r["kreis_name"] for r in register}
    kreisfrei = {r["ars"] for r in register if r["typ"] == "Kreisfreie Stadt"}

    ex_gem, ex_kr = read_excerpt()

    versions = data["versions"]
    results: dict[str, dict[str, tuple[str, str]]] = {}  # valid_from -> ars -> (level, basis)
    for v in versions:
        vf = str(v["valid_from"])
        kreise, gemeinden = v["kreise"], v["gemeinden"]

        # 1. transcription equals the statute excerpt (same order-insensitive set of rows)
        yaml_gem = sorted((g["annex_name"], g["mietstufe"]) for g in gemeinden.values())
        yaml_kr = sorted((k["annex_name"], k["mietstufe"]) for k in kreise.values())
        if yaml_gem != sorted(ex_gem):
            fail(f"{vf}: Gemeinde rows differ from the excerpt: "
                 f"{sorted(set(yaml_gem) ^ set(ex_gem))}")
        if yaml_kr != sorted(ex_kr):
            fail(f"{vf}: Kreis rows differ from the excerpt: {sorted(set(yaml_kr) ^ set(ex_kr))}")

        # 2. levels valid
        for key, e in list(kreise.items()) + list(gemeinden.items()):
            if e["mietstufe"] not in LEVELS:
                fail(f"{vf}: {key} has Mietstufe {e['mietstufe']!r}, not in I..VII")

        # 3. Kreise exist under the same name
        for key, e in kreise.items():
            if key not in kreis_names:
                fail(f"{vf}: Kreis {key} ({e['name']}) not in the register")
            elif kreis_names[key] != e["name"]:
                fail(f"{vf}: Kreis {key}: register says {kreis_names[key]!r}, YAML {e['name']!r}")

        # 4. each named Gemeinde matched exactly once
        for ars, e in gemeinden.items():
            hits = by_ars.get(ars, [])
            if len(hits) != 1:
                fail(f"{vf}: ARS {ars} ({e['name']}) found {len(hits)} times in the register")
                continue
            if hits[0]["name"] != e["name"]:
                fail(f"{vf}: ARS {ars}: register name {hits[0]['name']!r} != YAML {e['name']!r}")
            key = norm(e["annex_name"])
            exact = [r["ars"] for r in register if norm(r["name"]) == key]
            cands = exact or [r["ars"] for r in register if norm(r["name"]).startswith(key)]
            if cands != [ars]:
                fail(f"{vf}: annex name {e['annex_name']!r} resolves to {cands}, expected [{ars}]")

        # 5. kreisfreie Städte must be named
        for ars in kreisfrei - set(gemeinden):
            fail(f"{vf}: kreisfreie Stadt {ars} is not named in the annex data")

        # 6. resolve every Gemeinde
        res: dict[str, tuple[str, str]] = {}
        for r in register:
            if r["ars"] in gemeinden:
                res[r["ars"]] = (gemeinden[r["ars"]]["mietstufe"], BASIS_NAMED)
            elif r["kreis_schluessel"] in kreise:
                res[r["ars"]] = (kreise[r["kreis_schluessel"]]["mietstufe"], BASIS_KREIS)
            else:
                res[r["ars"]] = ("unknown", "unknown")
        unknown = [a for a, (lvl, _) in res.items() if lvl not in LEVELS]
        if unknown:
            fail(f"{vf}: {len(unknown)} Gemeinden without a Mietstufe: {unknown}")
        if len(res) != EXPECTED_GEMEINDEN:
            fail(f"{vf}: {len(res)} rows resolved, expected {EXPECTED_GEMEINDEN}")
        results[vf] = res

    v2025, v2023 = "2025-01-01", "2023-01-01"
    if v2025 not in results:
        fail("YAML has no valid_from 2025-01-01 version")

    rows = []
    for r in sorted(register, key=lambda r: r["ars"]):
        lvl25, basis25 = results.get(v2025, {}).get(r["ars"], ("unknown", "unknown"))
        lvl23, basis23 = results.get(v2023, {}).get(r["ars"], ("", ""))
        rows.append({
            "ars": r["ars"], "ags": r["ags"], "name": r["name"],
            "kreis_schluessel": r["kreis_schluessel"], "kreis_name": r["kreis_name"],
            "mietstufe_2025": lvl25, "basis": basis25,
            "mietstufe_2023": lvl23, "basis_2023": basis23,
        })
    if len(rows) != EXPECTED_GEMEINDEN:
        fail(f"mapping has {len(rows)} rows, expected {EXPECTED_GEMEINDEN}")

    if errors:
        print("FAILED:", *errors, sep="\n  ", file=sys.stderr)
        return 1

    with args.out.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)

    # summary
    from collections import Counter
    print(f"wrote {args.out} ({len(rows)} rows)")
    for vf, res in results.items():
        dist = Counter(lvl for lvl, _ in res.values())
        basis = Counter(b for _, b in res.values())
        print(f"  {vf}: levels {dict(sorted(dist.items(), key=lambda kv: LEVELS.index(kv[0])))}, "
              f"basis {dict(basis)}")
    if v2023 in results:
        diff = [a for a in results[v2025] if results[v2025][a] != results[v2023][a]]
        print(f"  Gemeinden whose level differs 2023 vs 2025: {len(diff)}")
    named = {a for a, (_, b) in results[v2025].items() if b == BASIS_NAMED}
    print(f"  named: {len(named)} (kreisfrei: {len(named & kreisfrei)}), "
          f"Kreise: {len(versions[0]['kreise'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
