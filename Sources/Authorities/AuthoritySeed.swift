import Regions

/// Derives one administration for every unit of Thuringia that has one: the Thüringer
/// Landesverwaltungsamt, 17 Landratsämter, 5 kreisfreie Städte, every Verwaltungsgemeinschaft,
/// every erfüllende Gemeinde and every verbandsfreie kreisangehörige Gemeinde.
///
/// Street addresses, phone numbers and opening hours are not in the public register data; they are
/// left empty for the authorities to maintain rather than invented.
public enum AuthoritySeed {
    public static let landesverwaltungsamtID = "th-tlvwa"

    public static func authorities(from regions: RegionDirectory) -> [Authority] {
        var result: [Authority] = [
            Authority(
                id: landesverwaltungsamtID, name: "Thüringer Landesverwaltungsamt", level: .land,
                servedARS: RegionDirectory.landARS,
                address: Address(street: "Jorge-Semprún-Platz 4", postcode: "99423", locality: "Weimar"),
                contact: Contact(website: "https://landesverwaltungsamt.thueringen.de"))
        ]
        for kreis in regions.kreise.sorted(by: { $0.key < $1.key }) {
            let seatPostcode =
                regions.municipalities.first { $0.kreisKey == kreis.key && $0.name == kreis.seat }?.seatPostcode ?? ""
            if kreis.isKreisfrei {
                result.append(
                    Authority(
                        id: "th-stadt-\(kreis.key)", name: "Stadtverwaltung \(kreis.name)", level: .kreisfreieStadt,
                        servedARS: kreis.key, address: Address(postcode: seatPostcode, locality: kreis.seat)))
            } else {
                result.append(
                    Authority(
                        id: "th-lra-\(kreis.key)", name: "Landratsamt \(kreis.name)", level: .landkreis,
                        servedARS: kreis.key, address: Address(postcode: seatPostcode, locality: kreis.seat)))
            }
        }
        for verband in regions.verbaende {
            switch verband.administration {
            case .verwaltungsgemeinschaft:
                let first = regions.municipality(ars: verband.memberARS[0])
                result.append(
                    Authority(
                        id: "th-vg-\(verband.ars)", name: "Verwaltungsgemeinschaft \(verband.name)",
                        level: .verwaltungsgemeinschaft, servedARS: verband.ars,
                        address: Address(postcode: first?.seatPostcode ?? "", locality: verband.name)))
            case .erfuellendeGemeinde:
                guard let ars = verband.fulfillingMunicipalityARS, let m = regions.municipality(ars: ars) else {
                    continue
                }
                result.append(
                    Authority(
                        id: "th-eg-\(verband.ars)", name: administrationName(of: m), level: .erfuellendeGemeinde,
                        servedARS: verband.ars, address: Address(postcode: m.seatPostcode, locality: m.name)))
            case .verbandsfrei:
                for ars in verband.memberARS {
                    guard let m = regions.municipality(ars: ars), !m.isKreisfrei else { continue }
                    result.append(
                        Authority(
                            id: "th-gem-\(m.ars)", name: administrationName(of: m), level: .gemeinde,
                            servedARS: m.ars, address: Address(postcode: m.seatPostcode, locality: m.name)))
                }
            }
        }
        return result
    }

    static func administrationName(of m: Municipality) -> String {
        m.isTown ? "Stadtverwaltung \(m.name)" : "Gemeindeverwaltung \(m.name)"
    }

    /// The authorities responsible for a municipality, most local first: its own administration
    /// (Gemeinde, Verwaltungsgemeinschaft or erfüllende Gemeinde), the Kreis level, the Land.
    public static func chain(for municipalityARS: String, in authorities: [Authority]) -> [Authority] {
        authorities.filter { $0.serves(municipalityARS) }.sorted { $0.servedARS.count > $1.servedARS.count }
    }
}
