/// Regelbedarfsstufe 1 (SGB XII Anlage zu § 28 / RBEG; same amount as SGB II) in euros per month, needed for the
/// cap of the Grundrentenfreibetrag (§ 17a WoGG: 50 % of Regelbedarfsstufe 1).
///
/// Not part of wogg-parameter.yaml. Values: 2021 446 €, 2022 449 €, 2023 502 €, 2024 563 €, 2025 563 € (no
/// increase; confirmed by BMWSB Berechnungsbeispiel 11, 2025: cap 281.50 €), 2026 563 € (no increase announced;
/// not verified against the Fortschreibungsverordnung).
public enum Regelbedarf {
    public static func stufe1(jahr: Int) -> Int? {
        switch jahr {
        case 2021: 446
        case 2022: 449
        case 2023: 502
        case 2024, 2025, 2026: 563
        default: nil
        }
    }
}
