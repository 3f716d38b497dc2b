"""Crawl the server's pages and audit each one in a real browser.

The crawl uses plain HTTP (requests, no cookies) so that every page's status code and raw
HTML are known; the audit loads a sample of the pages in headless Chromium and collects, per
page: axe-core violations, heading/landmark/lang structure, the Tab sequence with focus
styles, and the width at 320 CSS px. The test modules only assert on what is collected here.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit, urlunsplit

import requests

# -- crawl ---------------------------------------------------------------------------------

SKIP_PREFIXES = ("/api/", "/metrics", "/static/")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# How many pages of one URL shape ("/gemeinden/{n}") are fetched, and how many of those are
# audited in the browser. Pages of one shape share a template; the municipality list alone
# would otherwise mean 601 browser audits per language.
STATUS_PER_PATTERN = int(os.environ.get("AMTSWEG_CRAWL_STATUS_PER_PATTERN", "100"))
AUDIT_PER_PATTERN = int(os.environ.get("AMTSWEG_CRAWL_AUDIT_PER_PATTERN", "3"))
MAX_PAGES = int(os.environ.get("AMTSWEG_CRAWL_MAX_PAGES", "2000"))


@dataclass(frozen=True)
class Variant:
    """One way a person reaches the site: a start URL query and an Accept-Language header."""

    name: str
    accept_language: str
    header_lang: str  # language the server should pick from the header alone
    query: dict[str, str] = field(default_factory=dict)


VARIANTS = [
    Variant("de", "de-DE,de;q=0.9", "de"),
    Variant("en-query", "de-DE,de;q=0.9", "de", {"lang": "en"}),
    Variant("en-header", "en", "en"),
]

# Pages visited on purpose in every variant (beyond what links reach): path -> allowed statuses.
EXTRA_PAGES: dict[str, set[int]] = {
    "/gemeinden?q=Jena": {200},
    "/gemeinden?q=": {200, 400, 422},  # the search form's error page
    "/gemeinden/160530000000": {200},
    "/gibt-es-nicht": {404},  # the friendly 404 page
}


@dataclass
class Page:
    url: str
    variant: str
    status: int
    content_type: str
    html: str
    expected_lang: str
    found_on: str | None
    allowed_statuses: set[int]
    pattern: str
    audit: bool = False  # chosen for the browser audit

    @property
    def is_html(self) -> bool:
        return self.content_type.startswith("text/html")

    @property
    def path(self) -> str:
        s = urlsplit(self.url)
        return s.path + (f"?{s.query}" if s.query else "")


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str | None]] = []  # (href, hreflang or lang)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("a", "area"):
            a = dict(attrs)
            if a.get("href"):
                self.links.append((a["href"] or "", a.get("hreflang") or a.get("lang")))


def extract_links(html: str) -> list[tuple[str, str | None]]:
    p = _LinkParser()
    p.feed(html)
    return p.links


def normalise(url: str) -> str:
    """Drop the fragment; keep the query as written."""
    s = urlsplit(url)
    return urlunsplit((s.scheme, s.netloc, s.path or "/", s.query, ""))


def with_query(url: str, extra: dict[str, str]) -> str:
    if not extra:
        return url
    s = urlsplit(url)
    q = parse_qs(s.query, keep_blank_values=True)
    for k, v in extra.items():
        q.setdefault(k, [v])
    return urlunsplit((s.scheme, s.netloc, s.path, urlencode(q, doseq=True), ""))


def url_pattern(url: str) -> str:
    s = urlsplit(url)
    path = re.sub(r"\d+", "{n}", s.path)
    q = parse_qs(s.query, keep_blank_values=True)
    keys = []
    for k in sorted(q):
        if k == "lang":
            keys.append(f"lang={q[k][0]}")
        else:
            # empty and non-empty values behave differently (error page vs. results)
            keys.append(f"{k}={'' if not q[k][0] else '*'}")
    return path + ("?" + "&".join(keys) if keys else "")


def query_lang(url: str) -> str | None:
    v = parse_qs(urlsplit(url).query).get("lang")
    return v[0] if v and v[0] in ("de", "en") else None


def crawl(base_url: str, variant: Variant) -> list[Page]:
    """Breadth-first over same-origin links, starting at / (plus EXTRA_PAGES)."""
    origin = urlsplit(base_url).netloc
    headers = {"Accept-Language": variant.accept_language, "Accept": "text/html,*/*;q=0.8"}
    start = with_query(base_url + "/", variant.query)
    # queue entries: (url, expected_lang, found_on, allowed statuses)
    queue: deque[tuple[str, str, str | None, set[int]]] = deque()
    queue.append((start, query_lang(start) or variant.header_lang, None, {200}))
    for path, statuses in EXTRA_PAGES.items():
        u = with_query(base_url + path, variant.query)
        queue.append((u, query_lang(u) or variant.header_lang, "(visited on purpose)", statuses))
    seen: set[str] = {normalise(u) for u, *_ in queue}
    per_pattern_status: dict[str, int] = {}
    per_pattern_audit: dict[str, int] = {}
    pages: list[Page] = []
    while queue and len(pages) < MAX_PAGES:
        url, expected, found_on, allowed = queue.popleft()
        pattern = url_pattern(url)
        n = per_pattern_status.get(pattern, 0)
        if n >= STATUS_PER_PATTERN and found_on != "(visited on purpose)":
            continue
        per_pattern_status[pattern] = n + 1
        r = requests.get(url, headers=headers, timeout=30, allow_redirects=False)
        ctype = r.headers.get("Content-Type", "")
        page = Page(
            url=url, variant=variant.name, status=r.status_code, content_type=ctype,
            html=r.text if ctype.startswith("text/html") else "", expected_lang=expected,
            found_on=found_on, allowed_statuses=allowed, pattern=pattern,
        )
        if r.is_redirect:
            # a link to a redirect is fine as long as the target answers 200
            page.allowed_statuses = allowed | {301, 302, 303, 307, 308}
        elif page.is_html and per_pattern_audit.get(pattern, 0) < AUDIT_PER_PATTERN:
            per_pattern_audit[pattern] = per_pattern_audit.get(pattern, 0) + 1
            page.audit = True
        pages.append(page)
        if r.is_redirect and r.headers.get("Location"):
            target = normalise(urljoin(url, r.headers["Location"]))
            if urlsplit(target).netloc == origin and target not in seen:
                seen.add(target)
                queue.append((target, query_lang(target) or expected, url, {200}))
            continue
        if not page.is_html:
            continue
        for href, link_lang in extract_links(page.html):
            if href.startswith(("mailto:", "tel:", "javascript:", "#")):
                continue
            target = normalise(urljoin(url, href))
            s = urlsplit(target)
            if s.scheme not in ("http", "https") or s.netloc != origin:
                continue
            if s.path.startswith(SKIP_PREFIXES) or s.path == "/metrics":
                continue
            if target in seen:
                continue
            seen.add(target)
            # The language a person expects on the next page: what the link says (lang=…,
            # hreflang), else the language of the page they came from.
            lang = query_lang(target) or (link_lang if link_lang in ("de", "en") else None) or expected
            # On the 404 page, the language switch leads to the same missing page in the other
            # language: 404 is right there too.
            same_missing = page.status == 404 and s.path == urlsplit(url).path
            queue.append((target, lang, url, {404} if same_missing else {200}))
    return pages


# -- the barrier report form over plain HTTP (for the HTML validator) ------------------------


class _FormParser(HTMLParser):
    """Finds the first POST form: its action and its fields' default values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.action: str | None = None
        self.fields: dict[str, str] = {}
        self._in_form = False
        self._done = False
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "form" and not self._done and a.get("method", "get").lower() == "post":
            self._in_form = True
            self.action = a.get("action", "")
        elif self._in_form and tag == "input" and a.get("name"):
            if a.get("type", "text").lower() in ("checkbox", "radio") and "checked" not in a:
                return
            if a.get("type", "").lower() in ("submit", "button", "image", "reset"):
                return
            self.fields[a["name"]] = a.get("value", "")
        elif self._in_form and tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self.fields[a["name"]] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form = False
            self._done = True


def submit_barrier_form(base_url: str, message: str, lang: str | None = None) -> requests.Response:
    """GET /barrierefreiheit, fill `message`, POST the form like a browser would."""
    s = requests.Session()
    q = f"?lang={lang}" if lang else ""
    page = s.get(f"{base_url}/barrierefreiheit{q}", timeout=30)
    page.raise_for_status()
    fp = _FormParser()
    fp.feed(page.text)
    if fp.action is None:
        raise AssertionError("/barrierefreiheit has no <form method=post>")
    data = dict(fp.fields)
    data["message"] = message
    return s.post(urljoin(page.url, fp.action or page.url), data=data, timeout=30)


# -- browser audit -------------------------------------------------------------------------

STRUCTURE_JS = r"""
const q = (s) => document.querySelector(s) !== null;
const headings = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')]
  .map(h => ({level: +h.tagName[1], text: (h.textContent || '').trim().slice(0, 60)}));
const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
const switches = [...document.querySelectorAll('a[href]')].filter(a => {
  const l = a.getAttribute('hreflang') || a.getAttribute('lang') || '';
  const href = a.getAttribute('href') || '';
  return /^(de|en)\b/.test(l) || /[?&]lang=(de|en)\b/.test(href);
}).map(a => ({href: a.getAttribute('href'), lang: a.getAttribute('hreflang') || a.getAttribute('lang'),
              text: (a.textContent || '').trim().slice(0, 40), visible: visible(a)}));
return {
  lang: document.documentElement.getAttribute('lang'),
  title: document.title,
  h1: document.querySelectorAll('h1').length,
  headings: headings,
  landmarks: {
    main: q('main, [role="main"]'),
    nav: q('nav, [role="navigation"]'),
    header: q('header, [role="banner"]'),
    footer: q('footer, [role="contentinfo"]'),
  },
  switches: switches,
};
"""

FOCUS_JS = r"""
const el = document.activeElement;
if (!el || el === document.body || el === document.documentElement) return null;
const path = (e) => {
  const parts = [];
  while (e && e.nodeType === 1 && e !== document.documentElement) {
    let i = 1, s = e;
    while ((s = s.previousElementSibling)) i++;
    parts.unshift(e.tagName.toLowerCase() + ':nth-child(' + i + ')');
    e = e.parentElement;
  }
  return 'html > ' + parts.join(' > ');
};
const cs = getComputedStyle(el);
const r = el.getBoundingClientRect();
const label = (el.getAttribute('aria-label') || el.innerText || el.value || el.getAttribute('name') || '')
  .trim().replace(/\s+/g, ' ').slice(0, 50);
return {
  key: path(el),
  tag: el.tagName.toLowerCase(),
  id: el.id || null,
  href: el.getAttribute('href'),
  label: label,
  outlineStyle: cs.outlineStyle,
  outlineWidth: cs.outlineWidth,
  boxShadow: cs.boxShadow,
  width: r.width, height: r.height,
  inViewport: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
  skipTargetExists: (() => {
    const h = el.getAttribute('href') || '';
    if (!h.startsWith('#') || h.length < 2) return false;
    return document.getElementById(decodeURIComponent(h.slice(1))) !== null;
  })(),
};
"""

FOCUSABLE_COUNT_JS = r"""
return document.querySelectorAll(
  'a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex], [contenteditable="true"]'
).length;
"""

REFLOW_JS = r"""
const vw = window.innerWidth;
const wideSet = new Set([...document.body.querySelectorAll('*')].filter(el => {
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.right > vw + 1;
}));
const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
  (el.className && typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\s+/).join('.') : '');
const offenders = [];
// 1. the outermost elements that stick out (their parent fits)
for (const el of wideSet) {
  if (!wideSet.has(el.parentElement)) {
    offenders.push(name(el) + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + ' px)');
  }
  if (offenders.length >= 4) break;
}
// 2. what usually forces them: a word that cannot wrap (URL, e-mail, long compound) or a
//    fixed-size element (img, table, pre, input ...) wider than the viewport
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
let node, n = 0;
while ((node = walker.nextNode()) && n < 5000 && offenders.length < 10) {
  n++;
  if (!wideSet.has(node.parentElement)) continue;
  const re = /\S{12,}/g;
  let m;
  while ((m = re.exec(node.data)) && offenders.length < 10) {
    const range = document.createRange();
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    const w = range.getBoundingClientRect().width;
    if (w > vw - 40) offenders.push('unbreakable text "' + m[0].slice(0, 60) + '" (' + Math.round(w) + ' px wide) in ' + name(node.parentElement));
  }
}
for (const el of wideSet) {
  if (/^(img|svg|video|canvas|iframe|table|pre|input|select|textarea)$/i.test(el.tagName) &&
      el.getBoundingClientRect().width > vw) {
    offenders.push(name(el) + ' is ' + Math.round(el.getBoundingClientRect().width) + ' px wide');
  }
}
return {scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, offenders: offenders};
"""


def has_focus_indicator(f: dict) -> bool:
    outline = f["outlineStyle"] != "none" and _px(f["outlineWidth"]) > 0
    shadow = (f["boxShadow"] or "none") != "none"
    return outline or shadow


def _px(v: str) -> float:
    try:
        return float(str(v).replace("px", ""))
    except ValueError:
        return 0.0


def describe(f: dict | None) -> str:
    if f is None:
        return "<body>"
    bits = [f["tag"]]
    if f.get("id"):
        bits.append(f"#{f['id']}")
    if f.get("href"):
        bits.append(f" href={f['href']!r}")
    if f.get("label"):
        bits.append(f" {f['label']!r}")
    return "".join(bits)


@dataclass
class Audit:
    page: Page
    structure: dict | None = None
    axe: list[dict] | None = None
    focus_sequence: list[dict | None] = field(default_factory=list)
    focus_end: str = ""  # "end", "cycled", "stuck", "loop", "limit"
    focusable_count: int = 0
    reflow: dict | None = None
    errors: list[str] = field(default_factory=list)  # things that went wrong while auditing


class Browser:
    """One headless Chromium driven through Debian's chromedriver."""

    DESKTOP = (1280, 1024)

    def __init__(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        opts = webdriver.ChromeOptions()
        opts.binary_location = os.environ.get("CHROME_BIN", "/usr/bin/chromium")
        for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                  "--disable-extensions", f"--window-size={self.DESKTOP[0]},{self.DESKTOP[1]}",
                  "--force-device-scale-factor=1", "--hide-scrollbars"):
            opts.add_argument(a)
        service = Service(executable_path=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
        self.driver = webdriver.Chrome(service=service, options=opts)
        self.driver.set_page_load_timeout(60)
        self.driver.set_script_timeout(120)
        self._ua = self.driver.execute_script("return navigator.userAgent")
        from selenium_axe_python import Axe  # bundles axe-core

        self._axe_source = Path(Axe(self.driver).script_url).read_text(encoding="utf-8")

    def quit(self) -> None:
        self.driver.quit()

    def set_accept_language(self, accept_language: str) -> None:
        self.driver.execute_cdp_cmd(
            "Network.setUserAgentOverride", {"userAgent": self._ua, "acceptLanguage": accept_language}
        )

    def load(self, url: str) -> None:
        self.driver.delete_all_cookies()
        self.driver.get(url)

    def structure(self) -> dict:
        return self.driver.execute_script(STRUCTURE_JS)

    def axe(self) -> list[dict]:
        if not self.driver.execute_script("return typeof window.axe === 'object'"):
            self.driver.execute_script(self._axe_source)
        result = self.driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => done(r.violations)).catch(e => done({error: String(e)}));",
            AXE_TAGS,
        )
        if isinstance(result, dict) and "error" in result:
            raise RuntimeError(f"axe.run failed: {result['error']}")
        return result

    def tab_through(self) -> tuple[list[dict | None], str, int]:
        """Press Tab until focus leaves the page, returns to the first element, or sticks."""
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        count = self.driver.execute_script(FOCUSABLE_COUNT_JS)
        limit = count + 10
        seq: list[dict | None] = []
        seen: set[str] = set()
        for _ in range(limit):
            ActionChains(self.driver).send_keys(Keys.TAB).perform()
            f = self.driver.execute_script(FOCUS_JS)
            if f is None:
                seq.append(None)
                return seq, ("end" if seq[:-1] else "nothing"), count
            if seq and seq[-1] is not None and seq[-1]["key"] == f["key"]:
                seq.append(f)
                return seq, "stuck", count
            if f["key"] in seen:
                seq.append(f)
                return seq, ("cycled" if seq[0] and seq[0]["key"] == f["key"] else "loop"), count
            seen.add(f["key"])
            seq.append(f)
        return seq, "limit", count

    def reflow(self, width: int = 320, height: int = 640) -> dict:
        d = self.driver
        d.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        try:
            time.sleep(0.15)  # let layout settle
            return d.execute_script(REFLOW_JS)
        finally:
            d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def audit(self, page: Page, variant: Variant) -> Audit:
        a = Audit(page=page)
        self.set_accept_language(variant.accept_language)
        try:
            self.load(page.url)
        except Exception as e:  # noqa: BLE001 - report, don't crash the whole suite
            a.errors.append(f"could not load: {e}")
            return a
        for name, fn in (("structure", self.structure), ("axe", self.axe), ("reflow", self.reflow)):
            try:
                setattr(a, name, fn())
            except Exception as e:  # noqa: BLE001
                a.errors.append(f"{name}: {type(e).__name__}: {e}")
        try:
            self.load(page.url)  # fresh focus state
            a.focus_sequence, a.focus_end, a.focusable_count = self.tab_through()
        except Exception as e:  # noqa: BLE001
            a.errors.append(f"keyboard: {type(e).__name__}: {e}")
        return a


def format_axe(violations: list[dict]) -> list[str]:
    out = []
    for v in violations:
        for node in v.get("nodes", []):
            target = " ".join(str(t) for t in node.get("target", []))
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            out.append(f"  [{v['id']}] ({v.get('impact')}) {v.get('help')}\n"
                       f"      target: {target}\n      html: {node.get('html', '')[:160]}\n"
                       f"      {summary[:300]}")
    return out


def dump_json(path: Path, obj: object) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
