#!/usr/bin/env python3
"""Wohngeld benchmark: Amtsweg's `Rules` engine beside GETTSIM, same generated households, same run.

    swift build -c release --product amtsweg && swift build -c release --product wohngeld-bench
    python3 bench/wohngeld.py [--households 1000000] [--compare 10000] [--seed 20261127]

Creates `.venv-gettsim` (Python 3.11, versions pinned in bench/requirements-wohngeld.txt) on first
use and re-runs itself inside it. Then:

1. generates N households (seeded; 1–8 members, a few edge cases: >12 members, very low rents,
   mixed households, § 17/§ 17a allowances), written as JSON lines for `amtsweg rules wohngeld`
   and as person columns for GETTSIM;
2. agreement on the first `--compare` households, Stichtag 2025-03-01 and 2023-03-01: our CLI (with
   trace) against GETTSIM's `wohngeld__basisbetrag_m_wthh` (the § 19 amount before GETTSIM's
   eligibility checks — Mindesteinkommen, Vermögen, Vorrang Bürgergeld/Kinderzuschlag — which are not
   part of the § 19 calculation and not part of our engine); every difference is classified by the
   norm that explains it, using our trace and GETTSIM's intermediate M (`miete_m_wthh`) and Y
   (`einkommen_m_wthh`);
3. time per single decision: ours in process (`wohngeld-bench`, one clock read pair around each
   `Wohngeld.calculate`, structured trace built, not rendered), GETTSIM single-household `main()` and
   its compiled tax-transfer function on one household;
4. throughput for N households: ours in process (decoding excluded) and the CLI end to end (JSON lines
   in and out, `--no-trace`), GETTSIM's vectorised tax-transfer function (numpy backend; data
   preparation and policy environment excluded) and its whole `main()` call.

Writes bench/results/wohngeld-<UTC>.json and prints a table. GETTSIM is AGPL-3.0; it is only run from
the venv, nothing of it is copied into the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv-gettsim"
REQUIREMENTS = REPO / "bench" / "requirements-wohngeld.txt"
RESULTS = REPO / "bench" / "results"
WORK = REPO / ".build" / "wohngeld-bench-data"
CLI = REPO / ".build" / "release" / "amtsweg"
INPROC = REPO / ".build" / "release" / "wohngeld-bench"
TARGET_NS = 10_000  # < 10 µs per decision (issue)


# --------------------------------------------------------------------------------------------- venv
def ensure_venv() -> None:
    """Re-exec inside .venv-gettsim (created with Python 3.11 and the pinned requirements)."""
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    if not python.exists():
        base = "python3.11"
        print(f"creating {VENV} with {base} …", flush=True)
        subprocess.run([base, "-m", "venv", str(VENV)], check=True)
    stamp = VENV / ".requirements-wohngeld.sha"
    wanted = REQUIREMENTS.read_text()
    if not stamp.exists() or stamp.read_text() != wanted:
        print(f"installing {REQUIREMENTS.name} into {VENV.name} …", flush=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(REQUIREMENTS)], check=True)
        stamp.write_text(wanted)
    env = dict(os.environ, GETTSIM_BEARTYPE_CLAW="0")  # runtime type checks off: speed, not correctness
    os.execve(str(python), [str(python), __file__, *sys.argv[1:]], env)


# ---------------------------------------------------------------------------------------- generator
def generate(n: int, seed: int):
    """Seeded households as person-level numpy columns (households contiguous, p_id = row)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    # Household size 1–8 (roughly the German distribution of Wohngeld households, large ones over-weighted
    # so they occur in a 10,000 sample), plus 0.3 % with 13–15 members for § 19 Abs. 3.
    sizes = rng.choice(np.arange(1, 9), size=n, p=[0.38, 0.27, 0.13, 0.11, 0.06, 0.03, 0.012, 0.008])
    big = rng.random(n) < 0.003
    sizes[big] = rng.integers(13, 16, size=int(big.sum()))
    mietstufe = rng.choice(np.arange(1, 8), size=n, p=[0.12, 0.2, 0.22, 0.2, 0.13, 0.08, 0.05])
    pensioner_hh = (sizes <= 2) & (rng.random(n) < 0.3)
    couple = (sizes >= 2) & (rng.random(n) < np.where(pensioner_hh, 0.9, 0.65))
    # Bruttokaltmiete: €/m² by Mietstufe × living space by size × noise; 0.5 % very low (20–120 €) to exercise
    # the minimum M; 5 % owners (Belastung, § 10 — same Höchstbeträge).
    per_m2 = np.array([0, 6.6, 7.3, 8.0, 8.8, 9.8, 11.0, 12.6])[mietstufe]
    area = np.minimum(40 + 16 * (np.minimum(sizes, 8) - 1), 150)
    rent = per_m2 * area * rng.lognormal(0.0, 0.22, n)
    low = rng.random(n) < 0.005
    rent[low] = rng.uniform(20, 120, int(low.sum()))
    rent_cents = np.round(rent * 100).astype(np.int64)
    belastung = rng.random(n) < 0.05
    ns_hh = rng.random(n) < 0.002

    total = int(sizes.sum())
    hh = np.repeat(np.arange(n), sizes)
    start = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    idx = np.arange(total) - start[hh]  # index within household
    role = np.full(total, 2, dtype=np.int8)  # 0 antragsteller, 1 partner, 2 kind, 3 sonstiges
    role[idx == 0] = 0
    role[(idx == 1) & couple[hh]] = 1
    # a grandparent or other adult in some large households
    sonst = (idx == sizes[hh] - 1) & (sizes[hh] >= 5) & (rng.random(total) < 0.2)
    role[sonst] = 3
    pens = pensioner_hh[hh] & (role <= 1)
    age = np.where(role == 2, rng.integers(0, 25, total), rng.integers(20, 65, total))
    age[pens | (role == 3)] = rng.integers(67, 91, int((pens | (role == 3)).sum()))

    r = rng.random
    income = np.zeros(total)
    adult = role != 2
    earner = adult & ~pens & (role != 3)
    main_earner = earner & (role == 0)
    income[main_earner] = np.where(
        r(int(main_earner.sum())) < 0.15, 0.0, np.minimum(rng.lognormal(9.55, 0.5, int(main_earner.sum())), 70_000))
    partner = earner & (role == 1)
    income[partner] = np.where(
        r(int(partner.sum())) < 0.4, 0.0, np.minimum(rng.lognormal(9.3, 0.5, int(partner.sum())), 50_000))
    rente = np.zeros(total)  # monthly gesetzliche Rente
    retired = pens | (role == 3)
    rente[retired] = rng.uniform(550, 1700, int(retired.sum()))
    income[retired] = rente[retired] * 12 * 0.83  # Einkünfte as asserted by the caller (taxable share etc.)
    grundrente = retired & (r(total) < 0.3)
    kid_earns = (role == 2) & (age >= 15) & (r(total) < 0.15)
    kid_einnahmen = np.zeros(total)
    kid_einnahmen[kid_earns] = np.round(rng.uniform(500, 9000, int(kid_earns.sum())))
    income[kid_earns] = np.maximum(kid_einnahmen[kid_earns] - 1230, 0)  # after Werbungskosten-Pauschbetrag
    income_cents = np.round(income * 100).astype(np.int64)
    rente_cents = np.round(rente * 100).astype(np.int64)

    has_income = income_cents > 0
    steuern = has_income & (r(total) < np.where(income > 15_000, 0.85, 0.15))
    kv = np.where(has_income, r(total) < 0.9, r(total) < 0.2)
    rv = has_income & ~retired & (r(total) < 0.85)
    schwer = r(total) < 0.04
    ns = ns_hh[hh] & (idx == 0)
    # § 7 Abs. 1 exclusions (mixed households, § 11 Abs. 3): 3 % of households with ≥ 2 members have one
    # non-applicant member who receives a transfer benefit.
    mixed_hh = (sizes >= 2) & (rng.random(n) < 0.03)
    excluded_pos = np.where(mixed_hh, rng.integers(1, np.maximum(sizes, 2)), -1)
    excluded = idx == excluded_pos[hh]
    # § 17 Nr. 3: one adult, at least one considered child under 18 → alleinerziehend (90 %).
    child_u18 = (role == 2) & (age < 18) & ~excluded
    hh_child_u18 = np.bincount(hh, weights=child_u18, minlength=n) > 0
    allein = (~couple) & hh_child_u18 & (rng.random(n) < 0.9)
    return dict(
        n=n, sizes=sizes, mietstufe=mietstufe, rent_cents=rent_cents, belastung=belastung, hh=hh, idx=idx,
        start=start, role=role, age=age, income_cents=income_cents, rente_cents=rente_cents, grundrente=grundrente,
        kid_einnahmen=kid_einnahmen, kid_earns=kid_earns, steuern=steuern, kv=kv, rv=rv, schwer=schwer, ns=ns,
        excluded=excluded, allein=allein)


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


ROLES = ["antragsteller", "partner", "kind", "sonstiges"]


def write_jsonl(g, path: Path, stichtag: str, count: int) -> None:
    """The first `count` households in the format of `amtsweg rules wohngeld`."""
    sizes, start = g["sizes"], g["start"]
    role, age, inc, ex = g["role"].tolist(), g["age"].tolist(), g["income_cents"].tolist(), g["excluded"].tolist()
    st, kv, rv, sb, ns = (g[k].tolist() for k in ("steuern", "kv", "rv", "schwer", "ns"))
    gr, rc, ke, ki = g["grundrente"].tolist(), g["rente_cents"].tolist(), g["kid_earns"].tolist(), g["kid_einnahmen"]
    tf = ("false", "true")
    with path.open("w") as f:
        for h in range(count):
            members = []
            s = int(start[h])
            for p in range(s, s + int(sizes[h])):
                fb = []
                if sb[p]:
                    fb.append('{"art":"schwerbehinderung"}')
                if ns[p]:
                    fb.append('{"art":"nsVerfolgung"}')
                if ke[p]:
                    fb.append('{"art":"erwerbseinnahmenKind","einnahmen":"%d"}' % int(ki[p]))
                if gr[p]:
                    fb.append('{"art":"grundrente","renteMonatlich":"%s"}' % money(rc[p]))
                members.append(
                    '{"rolle":"%s","alter":%d,"status":"%s","jahreseinkommen":"%s","zahltSteuern":%s,'
                    '"zahltKrankenPflegeversicherung":%s,"zahltRentenversicherung":%s,"freibetraege":[%s]}'
                    % (ROLES[role[p]], age[p], "ausgeschlossenTransferleistung" if ex[p] else "beruecksichtigt",
                       money(inc[p]), tf[st[p]], tf[kv[p]], tf[rv[p]], ",".join(fb)))
            f.write(
                '{"id":"h%d","stichtag":"%s","mietstufe":%d,"wohnkosten":{"art":"%s","betrag":"%s"},'
                '"mitglieder":[%s],"alleinerziehend":%s}\n'
                % (h, stichtag, int(g["mietstufe"][h]), "belastung" if g["belastung"][h] else "miete",
                   money(int(g["rent_cents"][h])), ",".join(members), tf[bool(g["allein"][h])]))


def gettsim_columns(g, count: int):
    """GETTSIM qname input columns for the first `count` households.

    Intermediate nodes are given as data (GETTSIM then uses them instead of computing them): the Wohngeld
    income enters as `einnahmen_nach_abzug_werbungskosten_m` = our `jahreseinkommen` / 12 (all other income
    sources 0), so both sides start from the same Einkünfte; the § 16 criteria as any positive income tax
    (`einkommensteuer__betrag_y_sn`) and contributions (`…rente__beitrag…`, `…kranken__beitrag…`); excluded
    members (§ 7) get their own `wthh_id` (wohngeldrechtlicher Teilhaushalt); § 17 Nr. 1 as
    `behinderungsgrad` 100, § 17 Nr. 3 as `familie__alleinerziehend` of the applicant, § 17 Nr. 4 as
    `ist_kind_mit_erwerbseinkommen` with the child's monthly Einnahmen as `einnahmen__bruttolohn_m`,
    § 17a as `bezieht_rente` + `grundrente__grundsätzlich_anspruchsberechtigt` with the monthly Rente.
    """
    import numpy as np

    m = int(g["start"][count]) if count < g["n"] else len(g["hh"])
    hh = g["hh"][:m]
    sl = slice(0, m)
    zeros = np.zeros(m)
    ex = g["excluded"][sl]
    gr = g["grundrente"][sl]
    return {
        "p_id": np.arange(m),
        "hh_id": hh,
        "wthh_id": hh * 2 + ex.astype(np.int64),
        "wohngeld__mietstufe_hh": g["mietstufe"][hh],
        "wohnen__bruttokaltmiete_m_hh": g["rent_cents"][hh] / 100.0,
        "einkommensteuer__betrag_y_sn": g["steuern"][sl].astype(float),
        "sozialversicherung__rente__beitrag__betrag_versicherter_m": g["rv"][sl].astype(float),
        "sozialversicherung__kranken__beitrag__betrag_versicherter_m": g["kv"][sl].astype(float),
        "einkommensteuer__einkünfte__aus_nichtselbstständiger_arbeit__einnahmen_nach_abzug_werbungskosten_m":
            g["income_cents"][sl] / 1200.0,
        "einkommensteuer__einkünfte__aus_selbstständiger_arbeit__betrag_m": zeros,
        "einnahmen__kapitalerträge_m": zeros,
        "einkommensteuer__einkünfte__aus_vermietung_und_verpachtung__betrag_m": zeros,
        "sozialversicherung__arbeitslosen__betrag_m": zeros,
        "einkommensteuer__einkünfte__sonstige__alle_weiteren_m": zeros,
        "einkommensteuer__einkünfte__sonstige__rente__steuerpflichtige_einnahmen_m": zeros,
        "unterhalt__tatsächlich_erhaltener_betrag_m": zeros,
        "unterhaltsvorschuss__betrag_m": zeros,
        "elterngeld__anrechenbarer_betrag_m": zeros,
        "einnahmen__bruttolohn_m": g["kid_einnahmen"][sl] / 12.0,
        "einnahmen__renten__gesetzliche_m": np.where(gr, g["rente_cents"][sl] / 100.0, 0.0),
        "wohngeld__ist_kind_mit_erwerbseinkommen": g["kid_earns"][sl].copy(),
        "behinderungsgrad": np.where(g["schwer"][sl], 100, 0),
        "familie__alleinerziehend": g["allein"][hh] & (g["idx"][sl] == 0),
        "sozialversicherung__rente__bezieht_rente": gr.copy(),
        "sozialversicherung__rente__grundrente__grundsätzlich_anspruchsberechtigt": gr.copy(),
    }


TARGETS = ["wohngeld__basisbetrag_m_wthh", "wohngeld__einkommen_m_wthh", "wohngeld__miete_m_wthh"]


def gettsim_kwargs(data, policy_date: str):
    from gettsim import InputData, TTTargets

    return dict(policy_date_str=policy_date, input_data=InputData.qname(data), tt_targets=TTTargets.qname(TARGETS),
                backend="numpy", include_warn_nodes=False)


def gettsim_results(data, policy_date: str):
    """The official interface: main() → DataFrame with one row per person."""
    from gettsim import MainTarget, main

    df = main(main_target=MainTarget.results.df_with_qname_columns, **gettsim_kwargs(data, policy_date))
    return df


def gettsim_prepare(data, policy_date: str):
    """Policy environment, processed data and the compiled tax-transfer function (not timed as compute)."""
    from gettsim import main

    r = main(main_targets=["tt_function", "processed_data", "labels__root_nodes"], **gettsim_kwargs(data, policy_date))
    roots = set(r["labels"]["root_nodes"]) if "labels" in r else set(r["labels__root_nodes"])
    pdata = {k: v for k, v in r["processed_data"].items() if k in roots}
    return r["tt_function"], pdata, r["processed_data"]


# ------------------------------------------------------------------------------------------- compare
def run_cli(path: Path, trace: bool, out: Path | None = None) -> tuple[float, list[str] | None]:
    args = [str(CLI), "rules", "wohngeld"] + ([] if trace else ["--no-trace"])
    with path.open("rb") as stdin:
        t0 = time.perf_counter()
        if out is None:
            proc = subprocess.run(args, stdin=stdin, capture_output=True, check=False)
        else:
            with out.open("wb") as stdout:
                proc = subprocess.run(args, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, check=False)
        elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"amtsweg rules wohngeld failed ({proc.returncode}): {proc.stderr.decode()[:2000]}")
    return elapsed, (proc.stdout.decode().splitlines() if out is None else None)


CAUSES = {
    "ueber12": ("§ 19 Abs. 3 WoGG (more than 12 members)",
                "Ours: amount for 12 members (Höchstbetrag, components, a/b/c and minimums of 12, Länderhinweis zu "
                "WoGVwV Nr. 19.31) + Zusatzbetrag per further member, only if the 12-member amount is > 0, capped at "
                "M. GETTSIM: Höchstbetrag and heating components extended to the real size ('jede weitere Person'), "
                "a/b/c of 12, Zusatzbetrag added to max(0, formula) even when the formula gives 0."),
    "ns": ("§ 17 Nr. 2 WoGG (Freibetrag 750 € for victims of NS persecution)",
           "GETTSIM has no input or parameter for this Freibetrag; its Y is up to 62.50 € higher per such member (less where our Y stops at the minimum Y)."),
    "bagatell": ("§ 21 Nr. 1 WoGG (no Wohngeld below 10 €)",
                 "GETTSIM's basisbetrag pays 1–9 €; the norm excludes a claim below 10 € per month."),
    "mindestM": ("Anlage 3 Nr. 1 WoGG with § 11 Abs. 1, § 12 Abs. 6 (minimum M)",
                 "Ours compares the minimum of M with M including Heizkostenentlastung and Heizkostenkomponente "
                 "(both are part of the 'zu berücksichtigende Miete', § 11 Abs. 1 Satz 1 Nr. 2); GETTSIM applies "
                 "its minimum rent to the capped rent before adding them."),
    "mischM": ("§ 11 Abs. 3 WoGG (mixed household) with Anlage 3 Nr. 1",
               "Ours: minimum M of the considered members after the share n/N; GETTSIM: minimum rent of the whole "
               "household size before the share."),
    "capM": ("§ 19 Abs. 1 WoGG: Wohngeld at most M (no statutory wording; administrative practice)",
             "Ours caps at ⌊M⌋ after rounding; GETTSIM rounds min(M, formula) to the nearest euro."),
    "rundung": ("Anlage 3 Nr. 2 and 3 WoGG (10-decimal fixed point, rounding to euros)",
                "GETTSIM computes in binary floating point; the unrounded amount lies within 1e-6 of x.50."),
    "unerklaert": ("unexplained", "no class above applies — see the examples"),
}


def classify(ours: dict, g_amount: float, g_m: float, g_y: float, hh_info: dict) -> str:
    trace = {e["key"]: float(e["value"]) for e in ours.get("trace", []) if e.get("mitglied") is None}
    n = trace.get("n", 0)
    if n > 12:
        return "ueber12"
    m_diff = abs(trace.get("M", 0) - g_m) > 0.005
    y_diff = abs(trace.get("Y", 0) - g_y) > 0.005
    if hh_info["ns"] and y_diff:
        return "ns"
    if ours["status"] == "unterBagatellgrenze" and 1 <= round(g_amount) <= 9:
        return "bagatell"
    if m_diff:
        mixed = trace.get("haushaltsmitglieder", n) > n
        binds = trace.get("mindestM", 0) >= trace.get("mAnteil", trace.get("mVorMindestbetrag", 0))
        if mixed:
            return "mischM"
        if binds or hh_info["low_rent"]:
            return "mindestM"
        return "unerklaert"
    if y_diff:
        return "unerklaert"
    if "begrenztAufM" in trace:
        return "capM"
    z4 = trace.get("z4")
    if z4 is not None and abs(abs(z4 - int(z4)) - 0.5) < 1e-6:
        return "rundung"
    return "unerklaert"


def compare(g, count: int, stichtag: str) -> dict:
    path = WORK / f"compare-{stichtag}.jsonl"
    write_jsonl(g, path, stichtag, count)
    _, lines = run_cli(path, trace=True)
    ours = [json.loads(line) for line in lines]
    data = gettsim_columns(g, count)
    t0 = time.perf_counter()
    df = gettsim_results(data, stichtag)
    main_seconds = time.perf_counter() - t0
    starts = g["start"][:count]
    # row of the applicant (always considered) = first member of each household
    import numpy as np

    df = df.reset_index()
    if not np.array_equal(df["p_id"].to_numpy(), data["p_id"]):
        df = df.set_index("p_id").loc[data["p_id"]].reset_index()
    amount = df["wohngeld__basisbetrag_m_wthh"].to_numpy()[starts]
    g_m = df["wohngeld__miete_m_wthh"].to_numpy()[starts]
    g_y = df["wohngeld__einkommen_m_wthh"].to_numpy()[starts]
    low_rent = g["rent_cents"][:count] < 12_100
    ns_hh = np.bincount(g["hh"][: len(data["p_id"])], weights=g["ns"][: len(data["p_id"])], minlength=count) > 0

    equal = 0
    classes: dict[str, list] = defaultdict(list)
    for h in range(count):
        o = ours[h]
        if o.get("id") != f"h{h}":
            raise SystemExit(f"CLI output out of order at {h}: {o.get('id')}")
        gv = int(round(float(amount[h])))
        if o["betrag"] == gv:
            equal += 1
            continue
        cause = classify(o, float(amount[h]), float(g_m[h]), float(g_y[h]),
                         {"ns": bool(ns_hh[h]), "low_rent": bool(low_rent[h])})
        tr = {e["key"]: e["value"] for e in o["trace"] if e.get("mitglied") is None}
        classes[cause].append({
            "id": o["id"], "members": int(g["sizes"][h]), "n": int(float(tr.get("n", 0))),
            "mietstufe": int(g["mietstufe"][h]), "wohnkosten": money(int(g["rent_cents"][h])),
            "ours": o["betrag"], "ours_status": o["status"], "gettsim": float(amount[h]),
            "M_ours": tr.get("M"), "M_gettsim": round(float(g_m[h]), 6),
            "Y_ours": tr.get("Y"), "Y_gettsim": round(float(g_y[h]), 6), "z4_ours": tr.get("z4"),
        })
    nonzero_ours = sum(1 for o in ours if o["betrag"] > 0)
    return {
        "stichtag": stichtag, "households": count, "persons": int(len(data["p_id"])), "equal": equal,
        "different": count - equal, "ours_with_claim": nonzero_ours,
        "gettsim_main_seconds": main_seconds,
        "classes": {
            k: {"count": len(v), "norm": CAUSES[k][0], "explanation": CAUSES[k][1],
                "max_abs_diff_eur": max(abs(x["ours"] - x["gettsim"]) for x in v),
                "examples": v[:5]}
            for k, v in sorted(classes.items(), key=lambda kv: -len(kv[1]))
        },
    }


# -------------------------------------------------------------------------------------------- timing
def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p * len(s) + 0.5)) - 1))]


def time_gettsim_single(g, stichtag: str, runs: int, calls: int) -> dict:
    data = gettsim_columns(g, 1)
    full = []
    for _ in range(runs):
        t0 = time.perf_counter()
        gettsim_results(data, stichtag)
        full.append(time.perf_counter() - t0)
    fn, pdata, _ = gettsim_prepare(data, stichtag)
    fn(pdata)
    samples = []
    for _ in range(calls):
        t0 = time.perf_counter_ns()
        fn(pdata)
        samples.append(time.perf_counter_ns() - t0)
    return {"main_seconds": full, "main_median_s": statistics.median(full),
            "tt_function_calls": calls, "tt_function_median_us": statistics.median(samples) / 1e3,
            "tt_function_p99_us": pct(samples, 0.99) / 1e3}


def time_gettsim_vectorised(g, stichtag: str, runs: int, full_runs: int) -> dict:
    import numpy as np

    data = gettsim_columns(g, g["n"])
    t0 = time.perf_counter()
    fn, pdata, processed = gettsim_prepare(data, stichtag)
    prepare = time.perf_counter() - t0
    if not np.array_equal(np.asarray(processed["p_id"]), data["p_id"]):
        raise SystemExit("GETTSIM reordered the persons; the checksum below would be wrong")
    compute = []
    out = None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn(pdata)
        compute.append(time.perf_counter() - t0)
    amounts = np.asarray(out["wohngeld__basisbetrag_m_wthh"])[g["start"]]
    full = []
    for _ in range(full_runs):
        t0 = time.perf_counter()
        gettsim_results(data, stichtag)
        full.append(time.perf_counter() - t0)
    med = statistics.median(compute)
    return {"persons": int(len(data["p_id"])), "prepare_seconds": prepare, "compute_seconds": compute,
            "compute_median_s": med, "compute_ns_per_household": med * 1e9 / g["n"],
            "households_per_second": g["n"] / med, "main_seconds": full,
            "main_median_s": statistics.median(full) if full else None,
            "checksum_basisbetrag": int(np.round(amounts).sum())}


def time_ours(path: Path, runs: int, rounds: int) -> dict:
    reports = []
    for _ in range(runs):
        proc = subprocess.run([str(INPROC), "--households", str(path), "--rounds", str(rounds)],
                              capture_output=True, text=True, check=True)
        reports.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    med = lambda f: statistics.median(f(r) for r in reports)  # noqa: E731
    return {
        "runs": reports,
        "latency_median_ns": med(lambda r: r["latency"]["medianNs"]),
        "latency_p99_ns": med(lambda r: r["latency"]["p99Ns"]),
        "latency_p999_ns": med(lambda r: r["latency"]["p999Ns"]),
        "clock_overhead_ns": med(lambda r: r["latency"]["clockOverheadNs"]),
        "throughput_median_s": med(lambda r: r["medianRoundSeconds"]),
        "ns_per_household": med(lambda r: r["medianNsPerHousehold"]),
        "households_per_second": med(lambda r: r["householdsPerSecond"]),
        "parameters_once_households_per_second": med(lambda r: r["parametersOnceHouseholdsPerSecond"]),
        "parallel_households_per_second": med(lambda r: r["parallelHouseholdsPerSecond"]),
        "threads": reports[0]["threads"],
        "checksum_betrag": reports[0]["checksumBetrag"],
        "status_counts": reports[0]["statusCounts"],
    }


def time_cli(path: Path, runs: int) -> dict:
    out = WORK / "cli-out.jsonl"
    times = []
    for _ in range(runs):
        elapsed, _ = run_cli(path, trace=False, out=out)
        times.append(elapsed)
    checksum = 0
    with out.open() as f:
        for line in f:
            checksum += json.loads(line)["betrag"]
    med = statistics.median(times)
    return {"seconds": times, "median_s": med, "households_per_second": None, "checksum_betrag": checksum,
            "bytes_in": path.stat().st_size, "bytes_out": out.stat().st_size, "_med": med}


# ---------------------------------------------------------------------------------------------- main
def machine() -> dict:
    cpu = ""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout
    from importlib import metadata

    import numpy

    return {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(), "python": platform.python_version(),
            "gettsim": metadata.version("gettsim"), "ttsim_backend": metadata.version("ttsim-backend"),
            "numpy": numpy.__version__, "git_commit": commit.strip(),
            "git_dirty": bool(dirty.strip()), "loadavg_at_start": Path("/proc/loadavg").read_text().split()[:3],
            "cli_mtime": dt.datetime.fromtimestamp(CLI.stat().st_mtime, dt.timezone.utc).isoformat(),
            "inproc_mtime": dt.datetime.fromtimestamp(INPROC.stat().st_mtime, dt.timezone.utc).isoformat()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--households", type=int, default=1_000_000)
    ap.add_argument("--compare", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=20261127)
    ap.add_argument("--years", default="2025-03-01,2023-03-01", help="Stichtage of the agreement check")
    ap.add_argument("--runs", type=int, default=3, help="repetitions of every timing (medians are reported)")
    ap.add_argument("--gettsim-full-runs", type=int, default=1,
                    help="whole main() calls on all households (slow; 0 skips)")
    args = ap.parse_args()
    ensure_venv()
    for binary, product in ((CLI, "amtsweg"), (INPROC, "wohngeld-bench")):
        if not binary.exists():
            raise SystemExit(f"missing {binary}: swift build -c release --product {product}")
    WORK.mkdir(parents=True, exist_ok=True)
    stichtag = args.years.split(",")[0]
    t_start = time.perf_counter()
    print(f"generating {args.households:,} households (seed {args.seed}) …", flush=True)
    g = generate(max(args.households, args.compare), args.seed)
    persons = int(g["sizes"][: args.households].sum())

    report: dict = {"name": "wohngeld", "utc": dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ"),
                    "settings": vars(args), "machine": machine(), "persons": persons}
    print("agreement …", flush=True)
    report["agreement"] = [compare(g, args.compare, s) for s in args.years.split(",") if s]

    all_path = WORK / f"all-{stichtag}.jsonl"
    write_jsonl(g, all_path, stichtag, args.households)
    print("ours in process …", flush=True)
    ours = time_ours(all_path, args.runs, rounds=5)
    print("ours CLI end to end …", flush=True)
    cli = time_cli(all_path, args.runs)
    cli["households_per_second"] = args.households / cli.pop("_med")
    print("GETTSIM single household …", flush=True)
    single = time_gettsim_single(g, stichtag, args.runs, calls=300)
    print("GETTSIM vectorised …", flush=True)
    sub = dict(g) if args.households == g["n"] else None
    if sub is None:  # restrict to the first N households
        sub = generate(args.households, args.seed)
    vec = time_gettsim_vectorised(sub, stichtag, args.runs, args.gettsim_full_runs)
    report.update({"ours_inprocess": ours, "ours_cli": cli, "gettsim_single": single, "gettsim_vectorised": vec})

    targets = {
        "decision_under_10us": ours["latency_median_ns"] < TARGET_NS,
        "decision_p99_under_10us": ours["latency_p99_ns"] < TARGET_NS,
        "inprocess_faster_than_gettsim_vectorised": ours["households_per_second"] > vec["households_per_second"],
        "cli_faster_than_gettsim_vectorised": cli["households_per_second"] > vec["households_per_second"],
        "inprocess_parameters_once_faster_than_gettsim_vectorised":
            ours["parameters_once_households_per_second"] > vec["households_per_second"],
        "inprocess_all_cores_faster_than_gettsim_vectorised":
            ours["parallel_households_per_second"] > vec["households_per_second"],
    }
    report["targets"] = targets
    report["elapsed_seconds"] = time.perf_counter() - t_start
    report["loadavg_at_end"] = Path("/proc/loadavg").read_text().split()[:3]

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"wohngeld-{report['utc']}.json"
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")

    yes = lambda b: "met" if b else "NOT met"  # noqa: E731
    print()
    print(f"Wohngeld vs GETTSIM {report['machine']['gettsim']} — {args.households:,} households ({persons:,} persons), "
          f"seed {args.seed}, medians of {args.runs} runs")
    for a in report["agreement"]:
        print(f"\nagreement {a['stichtag']}: {a['equal']:,} / {a['households']:,} equal "
              f"({100 * a['equal'] / a['households']:.2f} %), {a['different']} different")
        for k, c in a["classes"].items():
            print(f"  {c['count']:5d}  {c['norm']}  (max |Δ| {c['max_abs_diff_eur']:.0f} €)")
    print("\n| measure | Amtsweg | GETTSIM |")
    print("|---|---|---|")
    print(f"| single decision, median | {ours['latency_median_ns'] / 1e3:.2f} µs (in process) | "
          f"{single['tt_function_median_us']:,.0f} µs (compiled function, 1 household); "
          f"{single['main_median_s']:.2f} s (main(), 1 household) |")
    print(f"| single decision, p99 | {ours['latency_p99_ns'] / 1e3:.2f} µs | {single['tt_function_p99_us']:,.0f} µs |")
    print(f"| p99 / median | {ours['latency_p99_ns'] / ours['latency_median_ns']:.2f} | "
          f"{single['tt_function_p99_us'] / single['tt_function_median_us']:.2f} |")
    print(f"| {args.households:,} households, compute | {ours['throughput_median_s']:.3f} s = "
          f"{ours['households_per_second']:,.0f}/s ({ours['ns_per_household']:.0f} ns each) | "
          f"{vec['compute_median_s']:.3f} s = {vec['households_per_second']:,.0f}/s "
          f"({vec['compute_ns_per_household']:.0f} ns each, vectorised) |")
    once, par = ours["parameters_once_households_per_second"], ours["parallel_households_per_second"]
    print(f"| {args.households:,} households, compute, parameter set resolved once | {once:,.0f}/s | — |")
    print(f"| {args.households:,} households, compute, {ours['threads']} threads | {par:,.0f}/s | — |")
    main_txt = f"{vec['main_median_s']:.1f} s (main(), all included)" if vec["main_median_s"] else "—"
    print(f"| {args.households:,} households, end to end | {statistics.median(cli['seconds']):.2f} s = "
          f"{cli['households_per_second']:,.0f}/s (CLI, JSON lines in/out) | {main_txt} |")
    print(f"\ntargets: decision < 10 µs {yes(targets['decision_under_10us'])} (p99 "
          f"{yes(targets['decision_p99_under_10us'])}); faster than GETTSIM vectorised: in process "
          f"{yes(targets['inprocess_faster_than_gettsim_vectorised'])} (parameters once "
          f"{yes(targets['inprocess_parameters_once_faster_than_gettsim_vectorised'])}, all cores "
          f"{yes(targets['inprocess_all_cores_faster_than_gettsim_vectorised'])}), CLI "
          f"{yes(targets['cli_faster_than_gettsim_vectorised'])}")
    print(f"checksums (Σ betrag): in process {ours['checksum_betrag']:,}, CLI {cli['checksum_betrag']:,}, "
          f"GETTSIM basisbetrag {vec['checksum_basisbetrag']:,}")
    print(f"\nwrote {out.relative_to(REPO)} ({report['elapsed_seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
