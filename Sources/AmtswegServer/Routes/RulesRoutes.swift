import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Regions
import Rules
import Texts

/// Law as code on the web: `POST /api/v1/rules/wohngeld/calculate` (one household, JSON, the
/// result with its trace) and the public Wohngeldrechner page (an estimate before applying; no
/// login, nothing stored). Rate-limited per client address in this node's memory.
struct RulesRoutes: Sendable {
    let pages: AccountRoutes
    let regions: RegionDirectory
    let limiter: LocalRateLimiter
    let today: @Sendable () -> LocalDate

    static let wohngeldService = "99107023037000"

    func register(on router: Router<AppRequestContext>) {
        router.post("/api/v1/rules/wohngeld/calculate", use: calculate)
        router.get("/wohngeldrechner", use: calculator)
    }

    func t(_ key: String, _ context: AppRequestContext) -> String { Texts.Catalog.text(key, context.language) }

    @Sendable func calculate(_ request: Request, context: AppRequestContext) async throws -> Response {
        try limiter.hit("rules:\(context.remoteAddress ?? "unknown")")
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true else {
            throw ProblemError(
                .unsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                detail: "Send application/json.")
        }
        let body = try await request.body.collect(upTo: 256 * 1024)
        let input: WohngeldRequest
        do {
            input = try JSONDecoder().decode(WohngeldRequest.self, from: Data(buffer: body))
        } catch {
            let problem = WohngeldRequest.Problem(decoding: error)
            if problem.pointer.isEmpty {
                throw ProblemError(
                    .badRequest, "malformed-json", "Malformed JSON", detail: "The body is not a household object.")
            }
            throw Self.validation(problem)
        }
        let response: WohngeldResponse
        do { response = try input.calculate() } catch { throw Self.validation(error) }
        return try APIRoutes.encodeJSON(response)
    }

    static func validation(_ problem: WohngeldRequest.Problem) -> ProblemError {
        ProblemError(
            .unprocessableContent, "validation", "Validation failed", detail: problem.detail,
            errors: [Problem.FieldError(pointer: problem.pointer, detail: problem.detail)])
    }

    // MARK: The calculator page

    /// A decimal as people type it: "1.234,56", "1234.56", "650".
    static func decimal(_ raw: String?) -> FixedDecimal? {
        guard var text = raw?.trimmingCharacters(in: .whitespaces), !text.isEmpty, text.count <= 20 else { return nil }
        text = text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "€", with: "")
        if text.contains(",") {
            text = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        } else if text.wholeMatch(of: /[0-9]{1,3}(\.[0-9]{3})+/) != nil {
            // "14.000": German thousands separators, not a fraction.
            text = text.replacingOccurrences(of: ".", with: "")
        }
        guard let value = FixedDecimal(text), value >= .zero else { return nil }
        return value
    }

    @Sendable func calculator(_ request: Request, context: AppRequestContext) async throws -> Response {
        let q = request.uri.queryParameters
        func field(_ name: String) -> String { q[Substring(name)].map(String.init) ?? "" }
        var values: [String: Any] = [
            "municipalities": regions.municipalities.sorted { $0.name < $1.name }.map {
                ["ars": $0.ars, "name": $0.name, "selected": $0.ars == field("gemeinde")]
            },
            "miete": field("miete"), "personen": field("personen").isEmpty ? "1" : field("personen"),
            "einkommen": field("einkommen"), "steuern": field("steuern") == "1", "kv": field("kv") == "1",
            "rv": field("rv") == "1", "alleinerziehend": field("alleinerziehend") == "1",
            "schwerbehindert": field("schwerbehindert") == "1",
        ]
        guard field("berechnen") == "1" else {
            return pages.form("wohngeldrechner", request, context, title: t("wg_title", context), values: values)
        }
        try limiter.hit("rules:\(context.remoteAddress ?? "unknown")")
        var errors: [(field: String, message: String)] = []
        let ars = field("gemeinde")
        if regions.municipalities.first(where: { $0.ars == ars }) == nil {
            errors.append(("gemeinde", t("wg_error_gemeinde", context)))
        }
        let miete = Self.decimal(field("miete"))
        if miete == nil || miete! > FixedDecimal(100_000) { errors.append(("miete", t("wg_error_miete", context))) }
        let personen = Int(field("personen"))
        if personen == nil || !(1...20).contains(personen!) {
            errors.append(("personen", t("wg_error_personen", context)))
        }
        let einkommen = Self.decimal(field("einkommen"))
        if einkommen == nil || einkommen! > FixedDecimal(10_000_000) {
            errors.append(("einkommen", t("wg_error_einkommen", context)))
        }
        guard errors.isEmpty, let miete, let personen, let einkommen else {
            return pages.form(
                "wohngeldrechner", request, context, title: t("wg_title", context), values: values, errors: errors,
                status: .unprocessableContent)
        }
        // The whole household income on the applicant: the § 16 deductions are the same share for
        // everyone here, so the sum is what it would be member by member.
        var members = [
            HouseholdMember(
                rolle: .antragsteller, jahreseinkommen: einkommen, zahltSteuern: values["steuern"] as? Bool ?? false,
                zahltKrankenPflegeversicherung: values["kv"] as? Bool ?? false,
                zahltRentenversicherung: values["rv"] as? Bool ?? false,
                freibetraege: values["schwerbehindert"] as? Bool == true ? [.schwerbehinderung] : [])
        ]
        for _ in 1..<personen { members.append(HouseholdMember(rolle: .sonstiges)) }
        let input = WohngeldRequest(
            stichtag: today(), ars: ars, wohnkosten: .miete(miete), mitglieder: members,
            alleinerziehend: values["alleinerziehend"] as? Bool ?? false)
        let response: WohngeldResponse
        do { response = try input.calculate() } catch {
            return pages.form(
                "wohngeldrechner", request, context, title: t("wg_title", context), values: values,
                errors: [("gemeinde", error.detail)], status: .unprocessableContent)
        }
        values["result"] =
            [
                "amount": response.status == .anspruch ? "\(response.betrag) €" : "0 €",
                "entitled": response.status == .anspruch, "reason": response.begruendung,
                "mietstufe": Self.roman(response.mietstufe),
                "trace": response.trace.filter { $0.mitglied == nil }.map {
                    ["label": $0.label, "value": $0.value.description, "norm": $0.norm]
                },
                "applyHref": "/leistungen/\(Self.wohngeldService)/antrag?ars=\(ars)",
            ] as [String: Any]
        return pages.form("wohngeldrechner", request, context, title: t("wg_title", context), values: values)
    }

    static func roman(_ n: Int) -> String { ["", "I", "II", "III", "IV", "V", "VI", "VII"][max(0, min(7, n))] }
}
