import Rules

let tag2025 = LocalDate(year: 2025, month: 3, day: 1)

func adult(
    _ income: FixedDecimal, criteria: Int = 3, rolle: HouseholdMember.Rolle = .antragsteller,
    status: HouseholdMember.Status = .beruecksichtigt, freibetraege: [HouseholdMember.Freibetrag] = []
) -> HouseholdMember {
    HouseholdMember(
        rolle: rolle, alter: 40, status: status, jahreseinkommen: income, zahltSteuern: criteria >= 1,
        zahltKrankenPflegeversicherung: criteria >= 2, zahltRentenversicherung: criteria >= 3,
        freibetraege: freibetraege)
}

func child(_ age: Int = 8, status: HouseholdMember.Status = .beruecksichtigt) -> HouseholdMember {
    HouseholdMember(rolle: .kind, alter: age, status: status)
}

func dec(_ text: String) -> FixedDecimal { FixedDecimal(text)! }
