import Forms
import Foundation
import Rules

/// The Wohngeld application (form S99100001) as a household the rules can calculate, and what in it
/// a person must look at. Income: the monthly gross amounts × 12, minus the Werbungskosten flat
/// rates of § 9a EStG (wages 1,230 €, pensions 102 €) as § 14 Abs. 1 WoGG refers to the Einkünfte;
/// Elterngeld counts above 300 € a month (§ 10 Abs. 1 BEEG); the Bruttokaltmiete is the total rent
/// minus heating and hot water (§ 9 Abs. 1 WoGG).
public enum WohngeldApplication {
    public static let formID = "S99100001"

    public struct Assessment: Sendable {
        public var household: Household?
        /// What needs a person (German, with the norm).
        public var needsJudgement: [String]
        /// The applicant wrote something a person must read (§ 24 Abs. 1 Satz 3 VwVfG).
        public var freeText: Bool
    }

    public static func assess(_ data: FormValue, mietstufe: Int, stichtag: LocalDate) -> Assessment {
        var judgement: [String] = []
        var freeText = false
        let applicant = data["G99100001"]
        let flat = data["G99100006"]
        guard let total = fixed(flat?["F99100018"]) else {
            return Assessment(household: nil, needsJudgement: ["Gesamtmiete fehlt (§ 9 WoGG)"], freeText: false)
        }
        guard let heating = fixed(flat?["F99100019"]) else {
            judgement.append("Heizkosten nicht angegeben: Pauschale nach § 9 Abs. 2 WoGG festsetzen")
            return Assessment(household: nil, needsJudgement: judgement, freeText: false)
        }
        // Hot water is optional in the form: not stated means included in the heating costs.
        let water = fixed(flat?["F99100020"]) ?? .zero
        if flat?["F99100023"]?.boolValue == true {
            judgement.append("Untervermietung: Mietanteil nach § 11 Abs. 2 Nr. 2 WoGG bestimmen")
        }
        if data["G99100007"]?["F99100026"]?.boolValue != true {
            judgement.append("Vermögen möglicherweise erheblich: § 21 Nr. 3 WoGG prüfen")
        }
        var members: [HouseholdMember] = [
            HouseholdMember(
                rolle: .antragsteller, alter: age(applicant?["F05000351"], on: stichtag),
                status: applicant?["F99100002"]?.boolValue == true ? .ausgeschlossenTransferleistung : .beruecksichtigt)
        ]
        if case .array(let others)? = data["G99100003"] {
            for m in others {
                let relation = m["F99100008"]?.stringValue ?? ""
                let rolle: HouseholdMember.Rolle =
                    ["01", "02", "03"].contains(relation)
                    ? .partner : ["04", "05", "06"].contains(relation) ? .kind : .sonstiges
                members.append(
                    HouseholdMember(
                        rolle: rolle, alter: age(m["F99100007"], on: stichtag),
                        status: m["F99100009"]?.boolValue == true ? .ausgeschlossenTransferleistung : .beruecksichtigt))
            }
        }
        if case .array(let incomes)? = data["G99100004"] {
            for entry in incomes {
                guard let n = entry["F99100010"]?.decimalValue.map({ NSDecimalNumber(decimal: $0).intValue }),
                    (1...members.count).contains(n)
                else {
                    judgement.append("Einkommen einer unbekannten Person")
                    continue
                }
                var yearly = FixedDecimal.zero
                if case .array(let items)? = entry["G99100005"] {
                    for item in items {
                        let monthly = fixed(item["F99100016"]) ?? .zero
                        var year = monthly * FixedDecimal(12)
                        switch item["F99100014"]?.stringValue {
                        case "01": year = year - FixedDecimal(1230)
                        case "02": year = year - FixedDecimal(102)
                        case "04": year = year - FixedDecimal(3600)
                        case "07":
                            freeText = true
                            judgement.append("Sonstiges Einkommen: Zuordnung nach § 14 Abs. 2 WoGG")
                        default: break
                        }
                        if year > .zero { yearly = yearly + year }
                    }
                }
                members[n - 1].jahreseinkommen = members[n - 1].jahreseinkommen + yearly
                members[n - 1].zahltSteuern = entry["F99100011"]?.boolValue ?? false
                members[n - 1].zahltKrankenPflegeversicherung = entry["F99100012"]?.boolValue ?? false
                members[n - 1].zahltRentenversicherung = entry["F99100013"]?.boolValue ?? false
            }
        }
        let household = Household(
            stichtag: stichtag, mietstufe: mietstufe, wohnkosten: .miete(total - heating - water), mitglieder: members)
        return Assessment(household: household, needsJudgement: judgement, freeText: freeText)
    }

    static func fixed(_ value: FormValue?) -> FixedDecimal? {
        guard let d = value?.decimalValue else { return nil }
        return FixedDecimal("\(d)")
    }

    static func age(_ value: FormValue?, on day: LocalDate) -> Int? {
        guard let text = value?.stringValue, let born = LocalDate(text) else { return nil }
        var years = day.year - born.year
        if (day.month, day.day) < (born.month, born.day) { years -= 1 }
        return max(0, years)
    }
}
