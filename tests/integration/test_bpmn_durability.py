"""Process instances survive a SIGKILL of the server, and every timer fires exactly once (issue 6).

One `amtsweg serve` on a SQLite file runs the job worker. Instances of a review process are started
with the CLI (`amtsweg bpmn start`, a second process on the same database): each waits at a clerk's
task with a reminder cycle (R3/PT1S, a non-interrupting boundary timer whose script counts the
reminders) and an escalation after PT4S (interrupting). While timers are firing the server is
SIGKILLed; some tasks are completed while it is down; a new server on the same file must carry on.

Checks, per instance:
- it completes after the remaining tasks are done (nothing lost);
- the history holds each reminder and escalation once per timer job, the script's counter equals
  the reminders in the history (the step and its effect committed together), at most 3 reminders
  and at most 1 escalation (nothing repeated), and every timer job ended `done`;
- instances left alone got their escalation.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from server import Server, ServerError, resolve_binary  # noqa: E402

N = 12
MANUAL = 4  # instances whose first task is completed while the server is down

MODEL = """<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="https://amtsweg.de/test">
  <process id="pruefung" isExecutable="true">
    <startEvent id="start"/>
    <sequenceFlow id="f1" sourceRef="start" targetRef="pruefen"/>
    <userTask id="pruefen" name="Antrag prüfen"/>
    <sequenceFlow id="f2" sourceRef="pruefen" targetRef="ende"/>
    <endEvent id="ende"/>
    <boundaryEvent id="erinnerung" attachedToRef="pruefen" cancelActivity="false">
      <timerEventDefinition><timeCycle>R3/PT1S</timeCycle></timerEventDefinition>
    </boundaryEvent>
    <sequenceFlow id="f3" sourceRef="erinnerung" targetRef="erinnern"/>
    <scriptTask id="erinnern" name="Erinnerung zählen"><script>erinnerungen = erinnerungen + 1</script></scriptTask>
    <sequenceFlow id="f4" sourceRef="erinnern" targetRef="erinnert"/>
    <endEvent id="erinnert"/>
    <boundaryEvent id="eskalation" attachedToRef="pruefen">
      <timerEventDefinition><timeDuration>PT4S</timeDuration></timerEventDefinition>
    </boundaryEvent>
    <sequenceFlow id="f5" sourceRef="eskalation" targetRef="leitung"/>
    <userTask id="leitung" name="Leitung entscheidet"/>
    <sequenceFlow id="f6" sourceRef="leitung" targetRef="ende2"/>
    <endEvent id="ende2"/>
  </process>
</definitions>
"""


def cli(binary: Path, database: Path, *args: str) -> str:
    out = subprocess.run(
        [str(binary), "bpmn", *args, "--database-url", f"sqlite:{database}", "--log-level", "error"],
        capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, f"bpmn {' '.join(args)} failed ({out.returncode}): {out.stderr}{out.stdout}"
    return out.stdout


def show(binary: Path, database: Path, instance: str) -> dict:
    return json.loads(cli(binary, database, "show", instance).strip().splitlines()[-1])


def start_server(binary: Path, database: Path) -> Server:
    env = dict(os.environ)
    env["AMTSWEG_JOB_LEASE"] = "2"  # a dead worker's jobs are taken over after 2 s
    server = Server(binary, database_path=database, env=env)
    try:
        server.start()
    except ServerError as e:
        server.cleanup()
        pytest.fail(str(e), pytrace=False)
    return server


def timer_jobs(database: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=10)) as db:
        return db.execute("SELECT unique_key, status FROM jobs WHERE kind = 'bpmn.timer'").fetchall()


def test_instances_and_timers_survive_sigkill(tmp_path: Path) -> None:
    binary = resolve_binary(None)
    database = tmp_path / "amtsweg.sqlite"
    model = tmp_path / "pruefung.bpmn"
    model.write_text(MODEL, encoding="utf-8")

    server = start_server(binary, database)
    try:
        assert "pruefung version 1" in cli(binary, database, "deploy", str(model))
        ids = []
        for _ in range(N):
            line = json.loads(cli(binary, database, "start", "pruefung", "--var", "erinnerungen=0"))
            assert [t["node"] for t in line["tasks"]] == ["pruefen"]
            ids.append(line["id"])
        time.sleep(1.5)  # reminders are firing now
        os.killpg(server.proc.pid, signal.SIGKILL)
        server.proc.wait(timeout=10)
    finally:
        server.cleanup()

    # While the server is down: a clerk finishes some reviews (the CLI writes to the same file).
    for instance in ids[:MANUAL]:
        state = show(binary, database, instance)
        task = state["tasks"][0]["node"]
        cli(binary, database, "complete", instance, task)

    server = start_server(binary, database)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            jobs = timer_jobs(database)
            if jobs and all(status == "done" for _, status in jobs):
                break
            time.sleep(0.5)
        jobs = timer_jobs(database)
        assert all(status == "done" for _, status in jobs), f"timer jobs left: {[j for j in jobs if j[1] != 'done']}"
        assert len({key for key, _ in jobs}) == len(jobs), "a timer was scheduled twice"

        for index, instance in enumerate(ids):
            state = show(binary, database, instance)
            while state["status"] == "running":
                assert state["tasks"], f"{instance} waits without a task: {state}"
                state = json.loads(cli(binary, database, "complete", instance, state["tasks"][0]["node"]))
            state = show(binary, database, instance)
            history = state["history"]
            reminders = history.count("erinnerung")
            escalations = history.count("eskalation")
            fired = [key for key, _ in jobs if key.startswith(f"bpmn:{instance}:")]
            assert state["status"] == "completed"
            assert reminders == int(state["variables"]["erinnerungen"]), state
            assert reminders <= 3 and escalations <= 1, state
            assert reminders + escalations == len(fired), (state, fired)
            if index >= MANUAL:
                assert escalations == 1, f"instance {instance} left alone was not escalated: {history}"
                assert "leitung" in history
    finally:
        server.cleanup()
