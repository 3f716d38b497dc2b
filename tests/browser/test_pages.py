"""Every page reachable from the start page, in German and English: status, axe-core (WCAG 2.1
A/AA), structure, keyboard, reflow at 320 px. Each test collects all findings of its kind across
pages and fails once with the full list."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest

import webaudit
from conftest import VARIANT_NAMES


def _fail_if(findings: list, what: str) -> None:
    """Fail with all findings. A finding is a (page, message) pair; one message seen on several
    pages (a layout problem, say) is printed once with the list of pages."""
    if not findings:
        return
    grouped: dict[str, list[str]] = {}
    for f in findings:
        page, msg = f if isinstance(f, tuple) else ("", f)
        grouped.setdefault(msg, []).append(page)
    lines = []
    for msg, pages in grouped.items():
        pages = [p for p in pages if p]
        shown = ", ".join(pages[:12]) + (f" and {len(pages) - 12} more" if len(pages) > 12 else "")
        lines.append(f"- {msg}" + (f"\n    on: {shown}" if pages else ""))
    pytest.fail(f"{len(findings)} {what} ({len(grouped)} distinct):\n" + "\n".join(lines), pytrace=False)


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_every_page_answers(crawls, variant):
    pages = crawls(variant)
    patterns = sorted({p.pattern for p in pages})
    print(f"\n{variant}: {len(pages)} pages fetched, {sum(p.audit for p in pages)} audited; shapes: {patterns}")
    findings = []
    for p in pages:
        if p.status not in p.allowed_statuses:
            findings.append((p.path, f"status {p.status}, expected {sorted(p.allowed_statuses)}"
                            f" (linked from {p.found_on})"))
        elif not (300 <= p.status < 400) and not p.is_html:
            # a linked download may be something else; the pages we name must be HTML
            if p.found_on is None or p.found_on == "(visited on purpose)":
                findings.append((p.path, f"Content-Type {p.content_type!r}, expected text/html"))
    _fail_if(findings, "pages with a wrong status or type")


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_start_page_links_to_the_required_pages(crawls, variant):
    start = crawls(variant)[0]
    linked = {p.path.split("?")[0] for p in crawls(variant) if p.found_on == start.url}
    missing = [p for p in ("/impressum", "/datenschutz", "/barrierefreiheit", "/leichte-sprache") if p not in linked]
    _fail_if([f"  {m}" for m in missing], f"pages not linked from the start page {start.path}")


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_axe_wcag21_aa(audits, variant):
    findings = []
    for a in audits(variant):
        if a.axe is None:
            findings.append((a.page.path, f"axe did not run: {a.errors}"))
        else:
            findings += [(a.page.path, v) for v in webaudit.format_axe(a.axe)]
    _fail_if(findings, f"axe-core violations (tags {', '.join(webaudit.AXE_TAGS)})")


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_structure_lang_headings_landmarks(audits, variant):
    findings = []
    for a in audits(variant):
        s, path = a.structure, a.page.path
        if s is None:
            findings.append((path, f"structure not read: {a.errors}"))
            continue
        if s["lang"] != a.page.expected_lang:
            findings.append((path, f"<html lang={s['lang']!r}>, expected {a.page.expected_lang!r}"
                            f" (reached from {a.page.found_on})"))
        if s["h1"] != 1:
            findings.append((path, f"{s['h1']} <h1> elements, expected exactly 1"))
        prev = 1
        for h in s["headings"]:
            if h["level"] > prev + 1:
                findings.append((path, f"heading level skipped: h{prev} -> h{h['level']} ({h['text']!r})"))
            prev = h["level"]
        for name, present in s["landmarks"].items():
            if not present:
                findings.append((path, f"no <{name}> landmark"))
        if not (s.get("title") or "").strip():
            findings.append((path, "empty <title>"))
    _fail_if(findings, "structure problems")


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_language_switch_link_is_visible(audits, variant):
    findings = []
    for a in audits(variant):
        s = a.structure
        if s is None:
            continue  # reported by the structure test
        other = "en" if s["lang"] == "de" else "de"
        ok = [sw for sw in s["switches"] if sw["visible"] and (
            (sw["lang"] or "").startswith(other) or f"lang={other}" in (sw["href"] or ""))]
        if not ok:
            findings.append((a.page.path, f"no visible link to the {other!r} version"
                            f" (candidates: {s['switches']})"))
    _fail_if(findings, "pages without a language switch")


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_keyboard_skip_link_focus_visible_no_trap(audits, variant):
    findings = []
    for a in audits(variant):
        path, seq = a.page.path, a.focus_sequence
        if any(e.startswith("keyboard") for e in a.errors):
            findings.append((path, f"{a.errors}"))
            continue
        focused = [f for f in seq if f is not None]
        if not focused:
            findings.append((path, "Tab focuses nothing"))
            continue
        first = focused[0]
        if not (first["tag"] == "a" and (first["href"] or "").startswith("#")):
            findings.append((path, f"first Tab lands on {webaudit.describe(first)}, not on a skip link"))
        elif not first["skipTargetExists"]:
            findings.append((path, f"skip link {first['href']!r} points to no element with that id"))
        for f in focused:
            if not webaudit.has_focus_indicator(f):
                findings.append((path, f"no visible focus indicator on {webaudit.describe(f)} "
                                f"(outline {f['outlineStyle']} {f['outlineWidth']}, box-shadow {f['boxShadow']})"))
            if f["width"] <= 2 or f["height"] <= 2 or not f["inViewport"]:
                findings.append((path, f"focused element not visible on screen: {webaudit.describe(f)} "
                                f"({f['width']:.0f}x{f['height']:.0f}, in viewport: {f['inViewport']})"))
        if a.focus_end == "stuck":
            findings.append((path, f"focus stuck on {webaudit.describe(seq[-1])} (Tab does not move it)"))
        elif a.focus_end == "loop":
            findings.append((path, f"keyboard trap: Tab cycles back to {webaudit.describe(seq[-1])} "
                            f"without reaching the end of the page"))
        elif a.focus_end == "limit":
            findings.append((path, f"Tab did not reach the end after {len(seq)} presses "
                            f"({a.focusable_count} focusable elements)"))
    _fail_if(findings, "keyboard problems")


@pytest.mark.parametrize("variant", VARIANT_NAMES)
def test_reflow_at_320_css_px(audits, variant):
    findings = []
    for a in audits(variant):
        r = a.reflow
        if r is None:
            findings.append((a.page.path, f"not measured: {a.errors}"))
        elif r["scrollWidth"] > r["innerWidth"]:
            findings.append((a.page.path, f"scrollWidth {r['scrollWidth']} > innerWidth {r['innerWidth']}; "
                            f"too wide: {', '.join(r['offenders']) or '?'}"))
    _fail_if(findings, "pages that scroll sideways at 320 CSS px")


def test_not_found_page_is_friendly(crawls):
    findings = []
    for variant in VARIANT_NAMES:
        p = next(p for p in crawls(variant) if p.path.startswith("/gibt-es-nicht"))
        if p.status != 404 or not p.is_html:
            findings.append((f"{variant} {p.path}", f"status {p.status}, type {p.content_type!r}"))
            continue
        links = [h for h, _ in webaudit.extract_links(p.html)]
        if not any(urlsplit(urljoin(p.url, h)).path == "/" for h in links):
            findings.append((f"{variant} {p.path}", "no link back to the start page"))
    _fail_if(findings, "problems with the 404 page")


def test_default_language_is_german(base_url):
    """A client that sends no Accept-Language at all gets German."""
    import requests

    r = requests.get(base_url + "/", headers={"Accept-Language": None}, timeout=30)
    m = re.search(r"<html[^>]*\slang=\"?([A-Za-z-]+)", r.text)
    if r.status_code != 200 or not m or m.group(1) != "de":
        pytest.fail(f"GET / without Accept-Language: status {r.status_code}, "
                    f"<html lang={m.group(1) if m else None!r}>, expected 200 and 'de'", pytrace=False)
