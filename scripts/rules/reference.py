#!/usr/bin/env python3
"""Independent oracle for the test expectations: § 19 WoGG with Python's decimal module.

Not used at build time. Values typed in from Anlagen 1-3 WoGG as fortgeschrieben for 2025 (BGBl. 2024 I Nr. 314),
cross-checked against wogg-parameter.yaml. Usage: python3 scripts/rules/reference.py
"""
from decimal import Decimal as D, ROUND_HALF_UP

Q = D("0.0000000001")
ABC_2025 = {1: ("0.04", "0.0004797", "0.0000408"), 2: ("0.03", "0.0003571", "0.0000304"),
            3: ("0.02", "0.0002917", "0.0000245"), 4: ("0.01", "0.0002163", "0.0000176"),
            5: ("0", "0.0001907", "0.0000172"), 6: ("-0.01", "0.0001722", "0.0000166"),
            12: ("-0.12", "0.0001107", "0.0000221")}
MIN_M = {1: 54, 2: 67, 3: 79, 4: 92, 5: 103, 6: 103, 12: 298}
MIN_Y = {1: 396, 2: 679, 3: 906, 4: 1132, 5: 1358, 6: 1585, 12: 2943}


def r(x):
    return x.quantize(Q, rounding=ROUND_HALF_UP)


def w(n, M, Y):
    a, b, c = (D(v) for v in ABC_2025[min(n, 12)])
    M = max(D(M), D(MIN_M[min(n, 12)]))
    Y = max(r(D(Y)), D(MIN_Y[min(n, 12)]))
    z1 = a + r(b * M) + r(c * Y)
    z2 = r(z1 * Y)
    z3 = M - z2
    z4 = r(D("1.15") * z3)
    return dict(M=M, Y=Y, z1=z1, z2=z2, z3=z3, z4=z4, W=int(z4.quantize(D(1), rounding=ROUND_HALF_UP)))


if __name__ == "__main__":
    cases = {
        "n1": (1, "585.6", "875"),
        "n2": (2, "660.4", "1050"),
        "n3": (3, "870.2", D(17880) / 12),
        "n4": (4, "840.2", "2200"),
        "n5": (5, "1225.4", "2100"),
        "n6": (6, "1629", D(28300) / 12),
    }
    for name, (n, M, Y) in cases.items():
        print(name, {k: str(v) for k, v in w(n, M, Y).items()})
