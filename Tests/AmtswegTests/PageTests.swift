import AmtswegServer
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

@Suite("Pages")
struct PageTests {
    @Test("The start page is German by default, with a search box and the security headers")
    func startPage() async throws {
        try await withApp(.sqlite) { client, _ in
            let response = try await client.get("/")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.text.contains(#"<html lang="de">"#))
            #expect(response.text.contains(#"<form class="search" action="/gemeinden" method="get" role="search">"#))
            #expect(response.text.contains(##"<a class="skip-link" href="#main">"##))
            let csp = try #require(response.headers[.contentSecurityPolicy])
            #expect(
                csp.contains("script-src 'self'") && !csp.contains("unsafe-inline")
                    && csp.contains("frame-ancestors 'none'"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "strict-origin-when-cross-origin")
            #expect(response.headers[.strictTransportSecurity] == nil, "no HSTS unless TLS is configured")
            #expect(response.headers[HTTPField.Name("X-Request-Id")!]?.isEmpty == false)
        }
    }

    @Test("HSTS is sent when configured")
    func hsts() async throws {
        try await withApp(.sqlite, configure: { $0.hsts = true }) { client, _ in
            let response = try await client.get("/")
            #expect(response.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true)
        }
    }

    @Test("English by Accept-Language and by the language switch")
    func english() async throws {
        try await withApp(.sqlite) { client, _ in
            let byHeader = try await client.get("/", headers: [.acceptLanguage: "en-GB,en;q=0.9,de;q=0.5"])
            #expect(byHeader.text.contains(#"<html lang="en">"#))
            #expect(byHeader.text.contains("Choose your municipality"))
            #expect(byHeader.text.contains(#"hreflang="de""#), "the switch offers German")
            let bySwitch = try await client.get("/impressum?lang=en")
            #expect(bySwitch.text.contains("Legal notice"))
            #expect(bySwitch.headers[.setCookie]?.hasPrefix("lang=en") == true)
            #expect(
                bySwitch.text.contains(#"href="/datenschutz?lang=en""#),
                "links keep the language for clients without cookies")
            let byCookie = try await client.get("/", headers: [.cookie: "lang=en"])
            #expect(byCookie.text.contains(#"<html lang="en">"#))
        }
    }

    @Test("Municipality search finds Jena by name and by postcode, and Gößnitz as Gossnitz")
    func search() async throws {
        try await withApp(.sqlite) { client, _ in
            for q in ["Jena", "07743", "jena"] {
                let response = try await client.get("/gemeinden?q=\(q)")
                #expect(response.status == .ok)
                #expect(response.text.contains(#"href="/gemeinden/160530000000""#), "\(q)")
            }
            let gossnitz = try await client.get("/gemeinden?q=Gossnitz")
            #expect(gossnitz.text.contains(">Gößnitz</a>"))
        }
    }

    @Test("A postcode shared by several municipalities offers all of them and asks the person to choose")
    func sharedPostcode() async throws {
        try await withApp(.sqlite) { client, services in
            let expected = services.regions.municipalities.filter { $0.postcodes.contains("07646") }
            let response = try await client.get("/gemeinden?q=07646")
            #expect(response.text.contains("mehreren Gemeinden"))
            for m in expected { #expect(response.text.contains(#"href="/gemeinden/\#(m.ars)""#), "\(m.name)") }
        }
    }

    @Test("An empty or overlong search shows an error summary linked to the field")
    func searchErrors() async throws {
        try await withApp(.sqlite) { client, _ in
            let empty = try await client.get("/gemeinden?q=")
            #expect(empty.text.contains(##"<a href="#q">"##))
            #expect(empty.text.contains(#"aria-invalid="true""#))
            let long = try await client.get("/gemeinden?q=\(String(repeating: "a", count: 150))")
            #expect(long.text.contains("höchstens 100 Zeichen"))
        }
    }

    @Test("The municipality page shows its Kreis and its authorities")
    func municipalityPage() async throws {
        try await withApp(.sqlite) { client, _ in
            let response = try await client.get("/gemeinden/160615051002")  // Asbach-Sickenberg
            #expect(response.status == .ok)
            #expect(response.text.contains("<h1>Asbach-Sickenberg</h1>"))
            #expect(response.text.contains("Landkreis Eichsfeld"))
            #expect(response.text.contains("Gemeindeverwaltung Uder"))
            #expect(response.text.contains("Landratsamt Eichsfeld"))
            #expect(response.text.contains("Thüringer Landesverwaltungsamt"))
            #expect(!response.text.contains(#"href="mailto:""#), "no empty contact links")
        }
    }

    @Test(
        "Unknown pages and municipalities get the friendly 404 page",
        arguments: ["/gibt-es-nicht", "/gemeinden/999999999999", "/gemeinden/abc"])
    func notFound(path: String) async throws {
        try await withApp(.sqlite) { client, _ in
            let response = try await client.get(path)
            #expect(response.status == .notFound)
            #expect(response.text.contains("Seite nicht gefunden"))
            #expect(response.text.contains(#"<html lang="de">"#))
            #expect(response.headers[.contentSecurityPolicy] != nil)
        }
    }

    @Test(
        "The legal pages exist in both languages",
        arguments: ["/impressum", "/datenschutz", "/barrierefreiheit", "/leichte-sprache"])
    func legalPages(path: String) async throws {
        try await withApp(.sqlite) { client, _ in
            let german = try await client.get(path)
            let english = try await client.get(path + "?lang=en")
            #expect(german.status == .ok)
            #expect(english.status == .ok)
        }
    }

    @Test("The barrier report form is protected against CSRF and stores a valid report")
    func barrierReportForm() async throws {
        try await withApp(.sqlite) { client, services in
            // setup: the form sets the CSRF cookie and embeds the token
            let form = try await client.get("/barrierefreiheit")
            let setCookie = try #require(form.headers[.setCookie])
            let cookie = String(setCookie.split(separator: ";")[0])
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"))
            let token = try #require(form.text.firstMatch(of: /name="csrf_token" value="([^"]+)"/)?.1)
            let headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            // without a token
            let forged = try await client.post("/barrierefreiheit/meldung", headers: headers, body: "message=Hallo")
            #expect(forged.status == .forbidden)
            // cross-site, even with a token
            var crossSite = headers
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            #expect(
                try await client.post(
                    "/barrierefreiheit/meldung", headers: crossSite, body: "csrf_token=\(token)&message=Hallo"
                ).status == .forbidden)
            // invalid input
            let invalid = try await client.post(
                "/barrierefreiheit/meldung", headers: headers, body: "csrf_token=\(token)&message=+&email=kein-mail")
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains(##"<a href="#message">"##) && invalid.text.contains(##"<a href="#email">"##))
            // valid
            let ok = try await client.post(
                "/barrierefreiheit/meldung", headers: headers,
                body: "csrf_token=\(token)&page=%2Fgemeinden&message=Kontrast+zu+gering&email=")
            #expect(ok.status == .seeOther)
            #expect(ok.headers[.location] == "/barrierefreiheit/danke")
            let stored = try await services.database.read { db in
                try await db.raw("SELECT message, contact_email FROM barrier_reports").all()
            }
            #expect(stored.count == 1)
            #expect(try stored[0].decode(column: "message", as: String.self) == "Kontrast zu gering")
            #expect(try stored[0].decodeNil(column: "contact_email"), "no e-mail given, none stored")
        }
    }

    @Test("Static assets are served locally with caching")
    func staticAssets() async throws {
        try await withApp(.sqlite) { client, _ in
            let css = try await client.get("/static/amtsweg.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.text.contains(":focus-visible"))
        }
    }
}

@Suite("Failures")
struct FailureTests {
    @Test("A database outage gives the friendly 500 page and a problem document, never internals")
    func databaseOutage() async throws {
        try await withApp(.sqlite) { client, services in
            await services.database.close()
            let page = try await client.get("/gemeinden/160530000000")
            #expect(page.status == .internalServerError)
            #expect(page.text.contains("Ihre bereits gespeicherten Daten sind nicht verloren"))
            #expect(page.text.contains("Fehlernummer"))
            let api = try await client.get("/api/v1/regions/160530000000")
            #expect(api.status == .internalServerError)
            #expect(api.headers[.contentType] == "application/problem+json")
            #expect(!api.text.lowercased().contains("sqlite"), "no internals in the answer")
            #expect(try await client.get("/readyz").status == .serviceUnavailable)
        }
    }
}
