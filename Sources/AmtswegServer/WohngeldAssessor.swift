import Applications
import Cases
import Forms
import Foundation
import Rules
import Storage

/// The Wohngeld rules as a case assessor: the application (form S99100001) as a household, the
/// Mietstufe from the municipality, the WoGG calculation with its trace as the notice's
/// calculation table, and what a person must look at.
enum WohngeldAssessor {
    static let leika = "99107023037000"
    /// Wohngeld is a special part of the Social Code (§ 68 Nr. 10 SGB I): its notices may be issued
    /// fully automatically where no reason requires a person (§ 31a SGB X).
    static let legalBasis = "§ 31a SGB X i. V. m. § 68 Nr. 10 SGB I"

    static func policy(share: Double, before: Bool, seed: UInt64) -> AutomationPolicy {
        AutomationPolicy(
            leika: leika, legalBasis: legalBasis, sampleShare: share, checkBeforeRelease: before, seed: seed)
    }

    static let assess: CaseAssessor = { data, ars, received in
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day], from: received)
        let day = Rules.LocalDate(year: c.year ?? 2025, month: c.month ?? 1, day: c.day ?? 1)
        guard let value = try? FormValue.parse(Data(data.utf8)) else {
            return Proposal(
                outcome: nil, tenor: "", reasons: [], calculation: [], needsJudgement: ["Antragsdaten unlesbar"],
                freeText: false)
        }
        guard let stufe = Mietstufen.thuringia(ars: ars, on: day) else {
            return Proposal(
                outcome: nil, tenor: "", reasons: [], calculation: [],
                needsJudgement: ["Mietstufe der Gemeinde \(ars) unbekannt (§ 12 WoGG)"], freeText: false)
        }
        let assessment = WohngeldApplication.assess(value, mietstufe: stufe.stufe, stichtag: day)
        guard let household = assessment.household else {
            return Proposal(
                outcome: nil, tenor: "", reasons: [], calculation: [], needsJudgement: assessment.needsJudgement,
                freeText: assessment.freeText)
        }
        let result = Wohngeld.calculate(household)
        let from = "1.\(String(format: "%02d", day.month)).\(day.year)"
        let until = lastDayOfPeriod(year: day.year, month: day.month)
        var rows = [
            Proposal.Row(
                label: "Mietstufe", norm: stufe.norm,
                value: ["", "I", "II", "III", "IV", "V", "VI", "VII"][stufe.stufe])
        ]
        rows += result.trace.filter { $0.mitglied == nil }.map {
            Proposal.Row(label: $0.label, norm: $0.norm, value: $0.value.description)
        }
        let outcome: DecisionOutcome?
        let tenor: String
        switch result.status {
        case .anspruch:
            outcome = .approved
            tenor =
                "Ihnen wird Wohngeld (Mietzuschuss) in Höhe von \(result.betrag) € monatlich für die Zeit vom \(from) bis \(until) bewilligt (§§ 19, 25 WoGG)."
        case .unterBagatellgrenze, .keinBetragNachFormel, .keineZuBeruecksichtigendenMitglieder:
            outcome = .rejected
            tenor = "Ihr Antrag auf Wohngeld wird abgelehnt."
        case .keinParametersatz, .ungueltigeEingabe:
            outcome = nil
            tenor = ""
        }
        return Proposal(
            outcome: outcome, tenor: tenor, reasons: [result.begruendung], calculation: rows,
            needsJudgement: assessment.needsJudgement, freeText: assessment.freeText)
    }

    /// § 25 Abs. 1 WoGG: usually twelve months from the first of the month of the application.
    static func lastDayOfPeriod(year: Int, month: Int) -> String {
        let endMonth = month == 1 ? 12 : month - 1
        let endYear = month == 1 ? year : year + 1
        let days = [
            31, (endYear % 4 == 0 && endYear % 100 != 0) || endYear % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30,
            31, 30, 31,
        ]
        return "\(days[endMonth - 1]).\(String(format: "%02d", endMonth)).\(endYear)"
    }
}
