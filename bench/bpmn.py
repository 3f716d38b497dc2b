#!/usr/bin/env python3
"""BPMN engine benchmark (issue 6): Amtsweg beside SpiffWorkflow, same model, same run.

Model: shared/data/bpmn/spiff__resetworkflowA-sublevel.bpmn (start → user task → end).

- Amtsweg: `bpmn-bench` (release). In memory: the engine alone, one thread. Persisted:
  `ProcessStore` on a fresh SQLite file (WAL, synchronous=FULL), the instance written at its wait
  state and again when the task is completed — with one client (like Spiff's loop) and with 64
  concurrent clients (group commit).
- SpiffWorkflow (PyPI, version pinned in bench/requirements-bpmn.txt, installed into .venv-bench):
  bench/bpmn_spiff.py — in memory, and persisted with Spiff's own serializer into SQLite with the
  same settings (WAL, synchronous=FULL), sequentially and with 2 OS processes (this machine has 2
  cores).

Three rounds, alternating the engines; the table shows medians. Targets (issue 6):
  Amtsweg >= 20x SpiffWorkflow's completed instances per second, persisted — Amtsweg's best setting
  against Spiff's best setting (the sequential ratio is reported beside it);
  also reported: in-memory instances and engine steps per second, p99 time to persist a wait state.
Writes bench/results/bpmn-<UTC timestamp>.json.

    swift build -c release --product bpmn-bench
    python3 bench/bpmn.py [--quick] [--rounds N] [--seconds S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from run import machine_info  # noqa: E402

TARGET_RATIO = 20


def find_model() -> Path:
    for parent in [REPO, *REPO.parents]:
        candidate = parent / "shared" / "data" / "bpmn" / "spiff__resetworkflowA-sublevel.bpmn"
        if candidate.exists():
            return candidate
    sys.exit("shared/data/bpmn/spiff__resetworkflowA-sublevel.bpmn not found above the repository")


def spiff_python() -> Path:
    """A venv with the pinned SpiffWorkflow (created on first use)."""
    env = REPO / ".venv-bench"
    python = env / "bin" / "python"
    requirements = REPO / "bench" / "requirements-bpmn.txt"
    stamp = env / ".requirements"
    if not python.exists():
        venv.EnvBuilder(with_pip=True).create(env)
    if not stamp.exists() or stamp.read_text() != requirements.read_text():
        subprocess.run([str(python), "-m", "pip", "install", "-q", "-r", str(requirements)], check=True)
        stamp.write_text(requirements.read_text())
    return python


def run_json(cmd: list[str], timeout: float) -> dict:
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=REPO)
    if out.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return json.loads(out.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--quick", action="store_true", help="one round of 2 s")
    ap.add_argument("--bin", default=str(REPO / ".build" / "release" / "bpmn-bench"))
    ap.add_argument("--clients", default="64,256", help="concurrent clients of the Amtsweg runs")
    ap.add_argument("--processes", type=int, default=2, help="Spiff OS processes in the concurrent run")
    args = ap.parse_args()
    if args.quick:
        args.rounds, args.seconds = 1, 2
    model = find_model()
    python = spiff_python()
    spiff_script = REPO / "bench" / "bpmn_spiff.py"

    rounds = []
    for r in range(args.rounds):
        print(f"round {r + 1}/{args.rounds}", file=sys.stderr)
        spiff = run_json([str(python), str(spiff_script), "--model", str(model), "--mode", "both",
                          "--seconds", str(args.seconds), "--json"], timeout=600)
        spiff_multi = run_json([str(python), str(spiff_script), "--model", str(model), "--mode", "persisted",
                                "--seconds", str(args.seconds), "--processes", str(args.processes), "--json"],
                               timeout=600)
        amtsweg = run_json([args.bin, "--model", str(model), "--seconds", str(args.seconds),
                            "--clients", args.clients], timeout=600)
        rounds.append({"spiff": spiff, "spiff_processes": spiff_multi, "amtsweg": amtsweg})

    def med(path: list[str]) -> float:
        values = []
        for rnd in rounds:
            v = rnd
            for key in path:
                v = v[key]
            values.append(float(v))
        return statistics.median(values)

    a_mem = med(["amtsweg", "memory", "instances_per_s"])
    a_steps = med(["amtsweg", "memory", "steps_per_s"])
    a_seq = med(["amtsweg", "persisted", "instances_per_s"])
    a_seq_p99 = med(["amtsweg", "persisted", "persist_p99_ms"])
    a_seq_p50 = med(["amtsweg", "persisted", "persist_p50_ms"])
    counts = [int(c) for c in args.clients.split(",")]
    a_runs = {c: (med(["amtsweg", "persisted_concurrent", i, "instances_per_s"]),
                  med(["amtsweg", "persisted_concurrent", i, "persist_p99_ms"])) for i, c in enumerate(counts)}
    best_clients = max(a_runs, key=lambda c: a_runs[c][0])
    a_con, a_con_p99 = a_runs[best_clients]
    s_mem = med(["spiff", "memory", "instances_per_s"])
    s_seq = med(["spiff", "persisted", "instances_per_s"])
    s_seq_p99 = med(["spiff", "persisted", "persist_p99_ms"])
    s_seq_p50 = med(["spiff", "persisted", "persist_p50_ms"])
    s_con = med(["spiff_processes", "persisted_processes", "instances_per_s"])
    s_steps = med(["spiff", "memory", "bpmn_element_steps_per_s"])

    best_a, best_s = max(a_seq, a_con), max(s_seq, s_con)
    ratio = best_a / best_s
    summary = {
        "persisted_best_ratio": ratio,
        "persisted_sequential_ratio": a_seq / s_seq,
        "memory_ratio": a_mem / s_mem,
        "target_ratio": TARGET_RATIO,
        "target_met": ratio >= TARGET_RATIO,
    }
    rows = [
        ("in memory: instances/s", a_mem, s_mem),
        ("in memory: engine steps/s (completed BPMN elements)", a_steps, s_steps),
        ("persisted, 1 client: instances/s", a_seq, s_seq),
        ("persisted, 1 client: persist p50 ms", a_seq_p50, s_seq_p50),
        ("persisted, 1 client: persist p99 ms", a_seq_p99, s_seq_p99),
        *[(f"persisted, {c} concurrent clients: instances/s", a_runs[c][0], None) for c in counts],
        *[(f"persisted, {c} concurrent clients: persist p99 ms", a_runs[c][1], None) for c in counts],
        (f"persisted, concurrent (Amtsweg best: {best_clients} clients; Spiff: {args.processes} processes): instances/s",
         a_con, s_con),
    ]
    print(f"\n{'':70} {'Amtsweg':>12} {'Spiff':>12} {'ratio':>8}")
    for label, a, s in rows:
        ratio_text = f"{a / s:8.1f}" if s and "ms" not in label else ""
        s_text = f"{s:12.1f}" if s is not None else f"{'-':>12}"
        print(f"{label:70} {a:12.1f} {s_text} {ratio_text}")
    print(f"\ntarget: Amtsweg >= {TARGET_RATIO}x Spiff's persisted instances/s (best setting each): "
          f"{ratio:.1f}x — {'met' if summary['target_met'] else 'NOT met'}")

    result = {
        "name": "bpmn",
        "when": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine_info(Path(args.bin)),
        "model": str(model.name),
        "rounds": rounds,
        "medians": {label: {"amtsweg": a, "spiff": s} for label, a, s in rows},
        "summary": summary,
    }
    out_dir = REPO / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path = out_dir / f"bpmn-{stamp}{'-quick' if args.quick else ''}.json"
    path.write_text(json.dumps(result, indent=2))
    print(f"written {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
