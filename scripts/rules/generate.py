#!/usr/bin/env python3
"""Generate Sources/Rules/WoGGParameters+Generated.swift from wogg-parameter.yaml.

Stdlib only. The YAML file has a simple indentation structure (maps of scalars,
no anchors, no flow collections that we need); this script contains a tiny
parser for exactly that subset. Numbers are converted with decimal.Decimal from
their text, never via binary floats, and emitted as decimal strings that the
Swift side parses into 10-decimal fixed-point values.

Usage: PATH=/opt/swift/usr/bin:$PATH python3 scripts/rules/generate.py [--check] [path/to/wogg-parameter.yaml]
(--check: fail if the committed Swift file differs from a fresh generation)
(the output is then formatted with `swift format` if `swift` is on PATH)
Default input: data/wohngeld/wogg-parameter.yaml (a copy of
/work/shared/data/wohngeld/wogg-parameter.yaml).
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
DEFAULT_INPUT = os.path.join(ROOT, "data", "wohngeld", "wogg-parameter.yaml")
OUTPUT = os.path.join(ROOT, "Sources", "Rules", "WoGGParameters+Generated.swift")
FIRST_SET = "2021-01-01"  # every set from 2021 on is embedded

KEY_RE = re.compile(r"^(\s*)([^\s:#-][^:]*?|'[^']*'):(?:\s+(.*))?$")


def parse(text):
    """Parse the indentation-based YAML subset into nested dicts of strings."""
    root = {}
    stack = [(-1, root)]
    last = None  # (dict, key) of the last scalar, for folded continuation lines
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        indent = len(line) - len(line.lstrip())
        stripped = line.strip()
        if stripped.startswith("- "):
            last = None
            continue  # lists are not needed for the generated data
        m = KEY_RE.match(line)
        if not m:
            if last is not None:
                d, k = last
                d[k] = d[k] + " " + stripped
            continue
        key = m.group(2).strip().strip("'")
        value = m.group(3)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        parent = stack[-1][1]
        if value is None or value == "":
            child = {}
            parent[key] = child
            stack.append((indent, child))
            last = None
        else:
            parent[key] = value.strip().strip("'")
            last = (parent, key)
    return root


def dec(s):
    d = Decimal(s)
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    txt = format(d.normalize(), "f")
    return txt


def swift_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def staffel(node):
    if not isinstance(node, dict):
        return "nil"
    values = ", ".join('d("%s")' % dec(node[str(n)]) for n in range(1, 6))
    return 'Staffel(bis5: [%s], jedeWeitere: d("%s"))' % (values, dec(node["jede_weitere_person"]))


def emit_set(key, s):
    out = []
    y, mo, da = (int(x) for x in s["valid_from"].split("-"))
    out.append("        WoGGParameterSet(")
    out.append("            gueltigAb: LocalDate(year: %d, month: %d, day: %d)," % (y, mo, da))
    out.append("            rechtsgrundlage: %s," % swift_str(s["legal_basis_of_change"]))
    out.append('            skalierungsfaktor: d("%s"),' % dec(s["skalierungsfaktor"]))
    out.append("            koeffizienten: [")
    for n in range(1, 13):
        k = s["koeffizienten_abc"][str(n)]
        out.append(
            '                Koeffizienten(a: d("%s"), b: d("%s"), c: d("%s")),  // n = %d'
            % (dec(k["a"]), dec(k["b"]), dec(k["c"]), n)
        )
    out.append("            ],")
    out.append('            zusatzbetragUeber12: d("%s"),' % dec(s["zusatzbetrag_je_person_ueber_12_m"]))
    out.append("            hoechstbetraege: [")
    hb = s["hoechstbetraege_m"]
    for n in [str(i) for i in range(1, 6)] + ["jede_weitere_person"]:
        row = ", ".join('d("%s")' % dec(hb[n]["mietstufe_%d" % st]) for st in range(1, 8))
        out.append("                [%s],  // %s" % (row, "n = " + n if n != "jede_weitere_person" else "je weitere Person"))
    out.append("            ],")
    out.append("            heizkostenentlastung: %s," % staffel(s["heizkostenentlastung_m"]))
    out.append("            heizkostenkomponente: %s," % staffel(s["dauerhafte_heizkostenkomponente_m"]))
    out.append("            klimakomponente: %s," % staffel(s["klimakomponente_m"]))
    out.append(
        "            mindestM: [%s],"
        % ", ".join('d("%s")' % dec(s["mindestbetrag_M_m"][str(n)]) for n in range(1, 13))
    )
    out.append(
        "            mindestY: [%s],"
        % ", ".join('d("%s")' % dec(s["mindestbetrag_Y_m"][str(n)]) for n in range(1, 13))
    )
    out.append(
        "            pauschalabzug: [%s],"
        % ", ".join('d("%s")' % dec(s["pauschalabzug_16_nach_anzahl_kriterien"][str(n)]) for n in range(0, 4))
    )
    fb = s["freibetraege_17"]
    out.append('            freibetragSchwerbehinderung: d("%s"),' % dec(fb["behinderung_pauschal_y"]))
    out.append(
        '            freibetragAlleinerziehend: d("%s"),' % dec(str(Decimal(fb["kinder_m"]["alleinerziehend"]) * 12))
    )
    out.append(
        '            hoechstFreibetragErwerbKind: d("%s")'
        % dec(str(Decimal(fb["kinder_m"]["arbeitendes_kind"]) * 12))
    )
    out.append("        ),")
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    check = "--check" in sys.argv[1:]
    path = args[0] if args else DEFAULT_INPUT
    if check:
        # Regenerate into memory and compare with the committed file (run with swift on PATH).
        with open(OUTPUT, encoding="utf-8") as f:
            before = f.read()
    with open(path, "rb") as f:
        raw = f.read()
    data = parse(raw.decode("utf-8"))
    sets = data["parameter_sets"]
    keys = sorted(k for k in sets if k >= FIRST_SET)
    lines = [
        "// GENERATED FILE — do not edit by hand.",
        "// Generated by scripts/rules/generate.py (Python stdlib only) from wogg-parameter.yaml",
        "// (copy of /work/shared/data/wohngeld/wogg-parameter.yaml, sha256 %s)." % hashlib.sha256(raw).hexdigest(),
        "// Numbers are parsed with decimal.Decimal from the YAML text and emitted as decimal strings;",
        "// `d(_:)` turns them into exact 10-decimal fixed-point values. Embedded sets: %s." % ", ".join(keys),
        "// Provenance of the YAML: GETTSIM 1.3.1 parameter files (AGPL-3.0-only); the values themselves are",
        "// statutory (WoGG Anlagen 1-3, WoGV § 24 Fortschreibungen, BGBl.). See Sources/Rules/README.md.",
        "",
        "extension WoGGParameterSet {",
        "    /// All embedded parameter sets, ascending by `gueltigAb`.",
        "    public static let alle: [WoGGParameterSet] = [",
    ]
    for k in keys:
        lines.extend(emit_set(k, sets[k]))
    lines.append("    ]")
    lines.append("}")
    lines.append("")
    lines.append("private func d(_ text: String) -> FixedDecimal {")
    lines.append("    guard let value = FixedDecimal(text) else { preconditionFailure(\"bad generated decimal \\(text)\") }")
    lines.append("    return value")
    lines.append("}")
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    # Normalise layout with the package's .swift-format so regeneration gives a lint-clean, stable file.
    swift = shutil.which("swift")
    if swift:
        subprocess.run([swift, "format", "format", "-i", OUTPUT], check=True, cwd=ROOT)
    else:
        print("note: swift not on PATH; run `swift format format -i` on the output", file=sys.stderr)
    if check:
        with open(OUTPUT, encoding="utf-8") as f:
            after = f.read()
        if before != after:
            with open(OUTPUT, "w", encoding="utf-8") as f:
                f.write(before)
            print("generated file is OUT OF DATE", file=sys.stderr)
            sys.exit(1)
        print("generated file is up to date")
        return
    print("wrote %s (%d sets: %s)" % (os.path.normpath(OUTPUT), len(keys), ", ".join(keys)))


if __name__ == "__main__":
    main()
