#!/usr/bin/env python3
"""Peer baseline: SpiffWorkflow 3.x on a one-user-task BPMN model, in memory and persisted to SQLite.

What it measures (single process, sequential: Spiff is a library without a concurrency model):

- memory: per instance: create BpmnWorkflow, do_engine_steps, complete the one READY user task
  with data {"approved": True} (task.set_data + task.run), do_engine_steps, check it completed.
  Reports completed instances/s and engine steps/s. A step is every Spiff task that ended in
  state COMPLETED: for start -> userTask -> end that is 6 per instance (3 BPMN elements plus
  Spiff's internal Start, <process>.EndJoin and End tasks); the BPMN-element rate is reported too.
- persisted: the same, but each wait state is saved the way Spiff applications do it: the
  workflow is serialized with Spiff's BpmnWorkflowSerializer (default registry, JSON string)
  and written in an explicit transaction (BEGIN IMMEDIATE; INSERT when the user task is
  waiting; COMMIT). The instance is then loaded back from the row (SELECT + deserialize_json),
  the task completed, the workflow serialized again and the row UPDATEd to status 'completed'
  (BEGIN IMMEDIATE; UPDATE; COMMIT). SQLite: journal_mode=WAL, synchronous=FULL,
  busy_timeout=5000 (as our engine), fresh database file in a temporary directory.
  Reports completed instances/s and p50/p99 of "persist a wait state" (serialize + write +
  commit; two samples per instance, timed with time.perf_counter_ns, percentiles by nearest
  rank over all samples).
- --processes N (N > 1) additionally runs persisted mode in N independent OS processes
  (multiprocessing, spawn), each with its own connection to the SAME database file; reported
  separately as "persisted_processes", throughput = all instances / common wall window.

Each mode: 1 s warm-up (not counted), then --seconds of measurement; the instance in flight at
the deadline is finished and the elapsed time includes it. Sanity checks per instance: the
workflow is completed and the user task was completed exactly once; persisted mode checks at
the end that the number of completed measured rows equals the reported count.

Run (needs `pip install spiffworkflow==3.2.0`; otherwise stdlib only):

    python3 bench/bpmn_spiff.py --model /work/shared/data/bpmn/spiff__resetworkflowA-sublevel.bpmn \
        --mode both --seconds 5 [--processes 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from importlib import metadata

try:
    from SpiffWorkflow.bpmn import BpmnWorkflow
    from SpiffWorkflow.bpmn.parser import BpmnParser
    from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
    from SpiffWorkflow.bpmn.specs.defaults import UserTask
    from SpiffWorkflow.util.task import TaskState

    SPIFF_IMPORT_ERROR = None
except ImportError as exc:  # reported in main() with a clear message
    SPIFF_IMPORT_ERROR = exc

WARMUP_S = 1.0
TASK_DATA = {"approved": True}
SQLITE_DESC = "WAL, synchronous=FULL"
SCHEMA = """
CREATE TABLE IF NOT EXISTS instances (
    id         INTEGER PRIMARY KEY,
    process_id TEXT    NOT NULL,
    phase      TEXT    NOT NULL,  -- 'warmup' or 'measure'
    status     TEXT    NOT NULL,  -- 'waiting' or 'completed'
    state      TEXT    NOT NULL,  -- BpmnWorkflowSerializer.serialize_json(workflow)
    updated_ns INTEGER NOT NULL
)
"""


# --------------------------------------------------------------------------- model and one instance


class Model:
    """The parsed process spec (parsed once per process) and the id of its single user task."""

    def __init__(self, path: str, process_id: str | None):
        parser = BpmnParser()
        parser.add_bpmn_file(path)
        ids = parser.get_process_ids()
        if process_id is None:
            if len(ids) != 1:
                raise SystemExit(f"model has processes {ids}; choose one with --process-id")
            process_id = ids[0]
        self.path = path
        self.process_id = process_id
        self.spec = parser.get_spec(process_id)
        self.subprocess_specs = parser.get_subprocess_specs(process_id)
        user_tasks = [s for s in self.spec.task_specs.values() if isinstance(s, UserTask)]
        if len(user_tasks) != 1:
            raise SystemExit(f"expected exactly one userTask in {process_id}, found {len(user_tasks)}")
        self.user_task_name = user_tasks[0].name

    def start(self) -> "BpmnWorkflow":
        """New instance, run to the first wait state."""
        workflow = BpmnWorkflow(self.spec, self.subprocess_specs)
        workflow.do_engine_steps()
        return workflow

    def complete_user_task(self, workflow: "BpmnWorkflow") -> int:
        """Complete the READY user task, run to the end, check; returns the completed-task count."""
        ready = workflow.get_tasks(state=TaskState.READY, manual=True)
        assert len(ready) == 1 and ready[0].task_spec.name == self.user_task_name, ready
        ready[0].set_data(**TASK_DATA)
        ready[0].run()
        workflow.do_engine_steps()
        return self.check_completed(workflow)

    def check_completed(self, workflow: "BpmnWorkflow") -> int:
        assert workflow.is_completed(), "workflow did not complete"
        done = workflow.get_tasks(state=TaskState.COMPLETED)
        user_done = sum(1 for t in done if t.task_spec.name == self.user_task_name)
        assert user_done == 1, f"user task completed {user_done} times"
        assert workflow.data.get("approved") is True, workflow.data
        return len(done)


def count_bpmn_elements(model: Model, workflow: "BpmnWorkflow") -> int:
    """Completed tasks that correspond to a BPMN element (Spiff-internal tasks have no bpmn_id)."""
    return sum(1 for t in workflow.get_tasks(state=TaskState.COMPLETED) if t.task_spec.bpmn_id)


# --------------------------------------------------------------------------- memory mode


def run_memory(model: Model, seconds: float) -> dict:
    def one() -> int:
        return model.complete_user_task(model.start())

    deadline = time.perf_counter() + WARMUP_S
    while time.perf_counter() < deadline:
        one()

    instances = steps = 0
    t0 = time.perf_counter_ns()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        steps += one()
        instances += 1
    elapsed = (time.perf_counter_ns() - t0) / 1e9

    sample = model.start()
    model.complete_user_task(sample)
    bpmn_per_instance = count_bpmn_elements(model, sample)
    return {
        "instances_per_s": round(instances / elapsed, 1),
        "steps_per_s": round(steps / elapsed, 1),
        "bpmn_element_steps_per_s": round(instances * bpmn_per_instance / elapsed, 1),
        "steps_per_instance": steps / instances,
        "bpmn_elements_per_instance": bpmn_per_instance,
        "instances": instances,
        "elapsed_s": round(elapsed, 3),
    }


# --------------------------------------------------------------------------- persisted mode


def open_db(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, timeout=5.0)  # explicit BEGIN/COMMIT
    conn.execute("PRAGMA busy_timeout = 5000")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    assert mode.lower() == "wal", mode
    conn.execute("PRAGMA synchronous = FULL")
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # 2 = FULL
    return conn


def init_db(path: str) -> None:
    conn = open_db(path)
    conn.execute(SCHEMA)
    conn.close()


def write(conn: sqlite3.Connection, sql: str, params: tuple) -> sqlite3.Cursor:
    conn.execute("BEGIN IMMEDIATE")
    try:
        cur = conn.execute(sql, params)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return cur


def persisted_instance(model, conn, serializer, phase: str, samples: list) -> int:
    """One instance through both wait states; appends two persist timings (ns) to samples."""
    workflow = model.start()  # user task is waiting
    t0 = time.perf_counter_ns()
    state = serializer.serialize_json(workflow)
    cur = write(
        conn,
        "INSERT INTO instances (process_id, phase, status, state, updated_ns) VALUES (?, ?, 'waiting', ?, ?)",
        (model.process_id, phase, state, time.time_ns()),
    )
    samples.append(time.perf_counter_ns() - t0)
    row_id = cur.lastrowid
    del workflow

    # Later request: load the instance back from its row and complete the user task.
    (state,) = conn.execute("SELECT state FROM instances WHERE id = ?", (row_id,)).fetchone()
    workflow = serializer.deserialize_json(state)
    steps = model.complete_user_task(workflow)

    t0 = time.perf_counter_ns()
    state = serializer.serialize_json(workflow)
    cur = write(
        conn,
        "UPDATE instances SET status = 'completed', state = ?, updated_ns = ? WHERE id = ? AND status = 'waiting'",
        (state, time.time_ns(), row_id),
    )
    samples.append(time.perf_counter_ns() - t0)
    assert cur.rowcount == 1, "UPDATE did not hit the waiting row"
    return steps


def persisted_worker(model_path, process_id, db_path, seconds, barrier=None, out=None) -> dict:
    """Warm-up, (optionally) wait for the other processes, measure. Used in-process and as a child."""
    model = Model(model_path, process_id)
    serializer = BpmnWorkflowSerializer()  # default registry/converter of 3.x
    conn = open_db(db_path)

    warm: list = []
    deadline = time.perf_counter() + WARMUP_S
    while time.perf_counter() < deadline:
        persisted_instance(model, conn, serializer, "warmup", warm)
    if barrier is not None:
        barrier.wait(timeout=120)

    samples: list = []
    instances = steps = 0
    start_mono = time.monotonic_ns()  # comparable across processes for the common window
    t0 = time.perf_counter_ns()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        steps += persisted_instance(model, conn, serializer, "measure", samples)
        instances += 1
    elapsed_ns = time.perf_counter_ns() - t0
    end_mono = time.monotonic_ns()

    # Sizes of the stored JSON at the two wait states, for the report.
    wait_json = serializer.serialize_json(model.start())
    done = model.start()
    model.complete_user_task(done)
    conn.close()
    result = {
        "instances": instances,
        "steps": steps,
        "elapsed_ns": elapsed_ns,
        "start_mono": start_mono,
        "end_mono": end_mono,
        "samples": samples,
        "state_bytes": [len(wait_json.encode()), len(serializer.serialize_json(done).encode())],
    }
    if out is not None:
        out.put(result)
    return result


def percentile(sorted_ns: list, q: float) -> float:
    """Nearest-rank percentile of sorted nanosecond samples, in ms."""
    rank = max(1, math.ceil(q * len(sorted_ns)))
    return round(sorted_ns[rank - 1] / 1e6, 3)


def verify_rows(db_path: str, expected: int) -> None:
    conn = sqlite3.connect(db_path)
    completed = conn.execute(
        "SELECT COUNT(*) FROM instances WHERE phase = 'measure' AND status = 'completed'"
    ).fetchone()[0]
    waiting = conn.execute("SELECT COUNT(*) FROM instances WHERE status <> 'completed'").fetchone()[0]
    conn.close()
    if completed != expected or waiting:
        raise SystemExit(f"row check failed: {completed} completed rows, {waiting} not completed, reported {expected}")


def summarize(results: list, wall_s: float, processes: int, db_dir: str, probe: dict) -> dict:
    samples = sorted(s for r in results for s in r["samples"])
    instances = sum(r["instances"] for r in results)
    return {
        "instances_per_s": round(instances / wall_s, 1),
        "persist_p50_ms": percentile(samples, 0.50),
        "persist_p99_ms": percentile(samples, 0.99),
        "persist_samples": len(samples),
        "instances": instances,
        "steps_per_instance": sum(r["steps"] for r in results) / instances,
        "elapsed_s": round(wall_s, 3),
        "processes": processes,
        "state_bytes_waiting": results[0]["state_bytes"][0],
        "state_bytes_completed": results[0]["state_bytes"][1],
        "sqlite": SQLITE_DESC,
        "db_filesystem": filesystem_of(db_dir),
        "disk_fdatasync_before_run": probe,
    }


def run_persisted(model: Model, seconds: float, db_root: str | None) -> dict:
    db_dir = tempfile.mkdtemp(prefix="spiffbench-", dir=db_root)
    try:
        probe = fsync_probe(db_dir)
        db_path = os.path.join(db_dir, "spiff.sqlite3")
        init_db(db_path)
        r = persisted_worker(model.path, model.process_id, db_path, seconds)
        verify_rows(db_path, r["instances"])
        return summarize([r], r["elapsed_ns"] / 1e9, 1, db_dir, probe)
    finally:
        shutil.rmtree(db_dir, ignore_errors=True)


def run_persisted_processes(model: Model, seconds: float, processes: int, db_root: str | None) -> dict:
    db_dir = tempfile.mkdtemp(prefix="spiffbench-", dir=db_root)
    try:
        probe = fsync_probe(db_dir)
        db_path = os.path.join(db_dir, "spiff.sqlite3")
        init_db(db_path)
        ctx = mp.get_context("spawn")  # independent interpreters, nothing inherited
        barrier = ctx.Barrier(processes)
        out = ctx.Queue()
        procs = [
            ctx.Process(
                target=persisted_worker,
                args=(model.path, model.process_id, db_path, seconds, barrier, out),
            )
            for _ in range(processes)
        ]
        for p in procs:
            p.start()
        try:
            results = [out.get(timeout=seconds + 120) for _ in procs]  # drain before join
        except Exception:
            for p in procs:  # a worker died: stop the ones this function started
                if p.is_alive():
                    p.terminate()
            raise SystemExit("a worker process failed (see its traceback above)")
        for p in procs:
            p.join()
            if p.exitcode != 0:
                raise SystemExit(f"worker process exited with {p.exitcode}")
        wall_s = (max(r["end_mono"] for r in results) - min(r["start_mono"] for r in results)) / 1e9
        summary = summarize(results, wall_s, processes, db_dir, probe)
        verify_rows(db_path, summary["instances"])
        summary["per_process_instances"] = [r["instances"] for r in results]
        return summary
    finally:
        shutil.rmtree(db_dir, ignore_errors=True)


def fsync_probe(directory: str, n: int = 200) -> dict:
    """p50/p99 (ms) of write(4 KiB) + fdatasync in directory, taken just before a persisted run.

    The persisted numbers are bounded by this disk latency, which on a shared virtual disk moves
    by an order of magnitude with other I/O on the host; keep it next to the result.
    """
    path = os.path.join(directory, "fsync-probe")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    times = []
    try:
        for _ in range(n):
            os.write(fd, b"\0" * 4096)
            t0 = time.perf_counter_ns()
            os.fdatasync(fd)
            times.append(time.perf_counter_ns() - t0)
    finally:
        os.close(fd)
        os.unlink(path)
    times.sort()
    return {"p50_ms": percentile(times, 0.50), "p99_ms": percentile(times, 0.99)}


def filesystem_of(path: str) -> str:
    """Filesystem type holding path (tmpfs would hide the fsync cost of synchronous=FULL)."""
    best, fstype = "", "unknown"
    try:
        with open("/proc/mounts") as f:
            for line in f:
                parts = line.split()
                mount = parts[1]
                if os.path.realpath(path).startswith(mount) and len(mount) > len(best):
                    best, fstype = mount, parts[2]
    except OSError:
        pass
    return fstype


# --------------------------------------------------------------------------- CLI


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", required=True, help="BPMN file with one process containing one userTask")
    ap.add_argument("--process-id", help="process id (default: the only process in the file)")
    ap.add_argument("--mode", choices=["memory", "persisted", "both"], default="both")
    ap.add_argument("--seconds", type=float, default=5.0, help="measured seconds per mode (after 1 s warm-up)")
    ap.add_argument("--processes", type=int, default=1,
                    help="N > 1: also run persisted mode in N OS processes on one database file")
    ap.add_argument("--db-dir", help="parent directory for the temporary database (default: system temp)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args()

    if SPIFF_IMPORT_ERROR is not None:
        print(f"error: SpiffWorkflow is not installed ({SPIFF_IMPORT_ERROR}); "
              "install it with: pip install spiffworkflow==3.2.0", file=sys.stderr)
        return 2
    if args.processes < 1:
        ap.error("--processes must be >= 1")

    model = Model(args.model, args.process_id)
    report = {
        "engine": "SpiffWorkflow",
        "version": metadata.version("spiffworkflow"),
        "model": args.model,
        "process_id": model.process_id,
        "python": platform.python_version(),
        "sqlite_version": sqlite3.sqlite_version,
        "seconds": args.seconds,
        "warmup_s": WARMUP_S,
    }
    if args.mode in ("memory", "both"):
        report["memory"] = run_memory(model, args.seconds)
    if args.mode in ("persisted", "both"):
        report["persisted"] = run_persisted(model, args.seconds, args.db_dir)
        if args.processes > 1:
            report["persisted_processes"] = run_persisted_processes(
                model, args.seconds, args.processes, args.db_dir)

    if args.json:
        print(json.dumps(report))
        return 0
    print(f"SpiffWorkflow {report['version']} (Python {report['python']}, SQLite {report['sqlite_version']})"
          f" - {model.process_id} from {args.model}, {args.seconds:g} s per mode")
    print(f"{'mode':<24}{'instances/s':>12}{'instances':>11}{'steps/s':>10}{'persist p50':>13}{'p99':>11}")
    if "memory" in report:
        m = report["memory"]
        print(f"{'memory':<24}{m['instances_per_s']:>12,.1f}{m['instances']:>11,}{m['steps_per_s']:>10,.0f}")
    for key, label in (("persisted", "persisted (1 process)"), ("persisted_processes", None)):
        if key in report:
            p = report[key]
            label = label or f"persisted ({p['processes']} processes)"
            print(f"{label:<24}{p['instances_per_s']:>12,.1f}{p['instances']:>11,}{'':>10}"
                  f"{p['persist_p50_ms']:>10.3f} ms{p['persist_p99_ms']:>8.3f} ms"
                  f"   (disk fdatasync p50 {p['disk_fdatasync_before_run']['p50_ms']:.3f} ms before the run)")
    print(f"steps = Spiff tasks reaching COMPLETED (incl. internal Start/EndJoin/End); "
          f"SQLite {SQLITE_DESC}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
