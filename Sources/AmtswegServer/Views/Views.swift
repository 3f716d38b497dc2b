import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import Texts

/// Renders pages: a body template inside the layout, with the catalogue's texts as `t`.
struct Views: Sendable {
    let library: MustacheLibrary
    /// The localized templates (`name_de`, `name_en`) that `FastTemplate` compiles.
    let fast: [String: FastTemplate]
    let publicBaseURL: String?

    /// Every template by name (the layout, pages and partials).
    static let templates: [String: String] = [
        "layout": Templates.layout, "searchForm": Templates.searchForm, "home": Templates.home,
        "search": Templates.search, "municipality": Templates.municipality, "content": Templates.content,
        "accessibility": Templates.accessibility, "message": Templates.message, "assistant": Templates.assistant,
        "serviceSearchForm": Templates.serviceSearchForm, "services": Templates.services,
        "service": Templates.service, "errorSummary": AccountTemplates.errorSummary,
        "login": AccountTemplates.login, "testEID": AccountTemplates.testEID,
        "staffLogin": AccountTemplates.staffLogin, "logoutForm": AccountTemplates.logoutForm,
        "account": AccountTemplates.account, "mailbox": AccountTemplates.mailbox,
        "message_view": AccountTemplates.messageView, "outbox": AccountTemplates.outbox,
        "staff": AccountTemplates.staff, "mandates": AccountTemplates.mandates,
        "organisations": AccountTemplates.organisations,
        "organisation": AccountTemplates.organisation,
        "applicationStart": ApplicationTemplates.start, "applicationStep": ApplicationTemplates.step,
        "applicationResume": ApplicationTemplates.resume, "applicationCheck": ApplicationTemplates.check,
        "applicationConfirmation": ApplicationTemplates.confirmation,
        "applicationReceipt": ApplicationTemplates.receipt, "myApplications": ApplicationTemplates.mine,
        "authorityInbox": ApplicationTemplates.inbox, "authorityInboxItem": ApplicationTemplates.inboxItem,
        "resumeNote": ApplicationTemplates.resumeNote,
        "caseInbox": CaseTemplates.inbox, "caseView": CaseTemplates.view,
        "caseInvolvements": CaseTemplates.involvements, "caseIntake": CaseTemplates.intake,
        "caseIntakeForm": CaseTemplates.intakeForm,
        "myCases": CaseTemplates.mine, "myCase": CaseTemplates.mineOne,
        "wohngeldrechner": RulesTemplates.calculator, "noticeCheck": NoticeTemplates.check,
        "caseSamples": CaseTemplates.samples,
        "feeQuote": PaymentTemplates.quote, "paymentSimulator": PaymentTemplates.simulator,
        "paymentReturn": PaymentTemplates.returnPage, "myPayments": PaymentTemplates.mine,
        "authorityPayments": PaymentTemplates.authority,
        "onceOnlyConsent": OnceOnlyTemplates.consent, "onceOnlyCockpit": OnceOnlyTemplates.cockpit,
        "onceOnlyClerkResult": OnceOnlyTemplates.clerkResult,
    ]

    init(publicBaseURL: String?) throws {
        var library = MustacheLibrary()
        var fast: [String: FastTemplate] = [:]
        for (name, text) in Self.templates {
            library.register(try MustacheTemplate(string: text), named: name)
            for language in Language.allCases {
                fast["\(name)_\(language.rawValue)"] = FastTemplate(Self.localized(text, language))
            }
            // Per language, the catalogue's texts are written into the template once, here: a
            // `{{t.key}}` looked up per request was most of a page's Mustache work (a dynamic
            // cast and a per-character escape each). Escaped exactly as Mustache would.
            for language in Language.allCases {
                library.register(
                    try MustacheTemplate(string: Self.localized(text, language)), named: "\(name)_\(language.rawValue)")
            }
        }
        self.library = library
        self.fast = fast
        self.publicBaseURL = publicBaseURL
    }

    /// `text` with every `{{t.key}}` replaced by the escaped catalogue text of `language` and every
    /// partial `{{>name}}` pointing to that language's copy.
    static func localized(_ text: String, _ language: Language) -> String {
        let table = Catalog.table(language)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let tag = after[..<close.lowerBound]
            if tag.hasPrefix("t."), !tag.hasPrefix("t.{"),
                tag.dropFirst(2).allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            {
                out += HTML.escape(table[String(tag.dropFirst(2))] ?? "")
            } else if tag.hasPrefix(">") {
                out += "{{>\(tag.dropFirst().trimmingCharacters(in: .whitespaces))_\(language.rawValue)}}"
            } else {
                out += "{{\(tag)}}"
            }
            rest = after[close.upperBound...]
        }
        out += rest
        return out
    }

    /// The values every page needs, for the given request.
    func base(_ request: Request, _ context: AppRequestContext, title: String) -> [String: Any] {
        let language = context.language
        let other: Language = language == .de ? .en : .de
        var query = request.uri.queryParameters.filter { $0.key != "lang" }.map {
            "\(percentEncode(String($0.key)))=\(percentEncode(String($0.value)))"
        }
        query.append("lang=\(other.rawValue)")
        let lq = context.languageFromQuery && language == .en ? "?lang=en" : ""
        var values: [String: Any] = [
            "lang": language.rawValue, "t": Catalog.table(language), "title": title,
            "switchHref": request.uri.path + "?" + query.joined(separator: "&"), "switchLang": other.rawValue,
            "switchLabel": other == .en ? "English" : "Deutsch", "lq": lq, "lqa": lq.isEmpty ? "" : "&lang=en",
            "langEN": language == .en && !lq.isEmpty,
        ]
        if let publicBaseURL {
            values["canonical"] = publicBaseURL + request.uri.path + (language == .en ? "?lang=en" : "")
        }
        return values
    }

    func render(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        var values = values
        let suffix = (values["lang"] as? String).map { "_\($0)" } ?? ""
        values["body"] =
            fast[template + suffix]?.render(values) ?? library.render(values, withTemplate: template + suffix) ?? ""
        let html =
            fast["layout" + suffix]?.render(values) ?? library.render(values, withTemplate: "layout" + suffix) ?? ""
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-cache"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func page(
        _ template: String, request: Request, context: AppRequestContext, title: String, values: [String: Any],
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var all = base(request, context, title: title)
        all.merge(values) { _, new in new }
        return render(template, all, status: status)
    }

    func errorPage(status: HTTPResponse.Status, context: AppRequestContext, request: Request) -> Response {
        let language = context.language
        let (heading, text, reference): (String, String, String?) =
            switch status {
            case .notFound: (Catalog.text("not_found_title", language), Catalog.text("not_found_text", language), nil)
            case .tooManyRequests:
                (Catalog.text("too_many_title", language), Catalog.text("too_many_text", language), nil)
            case _ where status.code < 500:
                (Catalog.text("bad_request_title", language), Catalog.text("not_found_text", language), nil)
            default: (Catalog.text("error_title", language), Catalog.text("error_text", language), context.requestID)
            }
        var values = base(request, context, title: heading)
        values["heading"] = heading
        values["text"] = text
        values["robotsNoIndex"] = true
        if let reference { values["reference"] = reference }
        values.removeValue(forKey: "canonical")
        return render("message", values, status: status)
    }
}

/// Percent-encodes all but RFC 3986's unreserved characters (ASCII letters, digits, `-._~`), and
/// `/` if asked, as UTF-8. Byte by byte: building a `CharacterSet` per call was a twentieth of an
/// inbox page's CPU.
func percentEncode(_ s: String, keepingSlash: Bool = false) -> String {
    func kept(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        case UInt8(ascii: "/"): keepingSlash
        default: false
        }
    }
    guard !s.utf8.allSatisfy(kept) else { return s }
    let hex: StaticString = "0123456789ABCDEF"
    var bytes: [UInt8] = []
    bytes.reserveCapacity(s.utf8.count * 3)
    for b in s.utf8 {
        if kept(b) {
            bytes.append(b)
        } else {
            bytes.append(UInt8(ascii: "%"))
            bytes.append(hex.utf8Start[Int(b >> 4)])
            bytes.append(hex.utf8Start[Int(b & 0x0F)])
        }
    }
    return String(decoding: bytes, as: UTF8.self)
}
