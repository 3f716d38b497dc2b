import Accounts
import AmtswegServer
import Foundation
import HTTPTypes
import HummingbirdBcrypt
import HummingbirdOTP
import HummingbirdTesting
import Storage
import Testing

@Suite("Accounts: policy, sessions, audit trail")
struct AccountPolicyTests {
    static let citizenA = Actor(accountID: "a", kind: .citizen, displayName: "A", level: .substantial)
    static let citizenB = Actor(accountID: "b", kind: .citizen, displayName: "B", level: .substantial)
    static let clerkJena = Actor(
        accountID: "c", kind: .staff, displayName: "C", level: .substantial, authorityID: "th-stadt-16053",
        roles: [.clerk])
    static let officerJena = Actor(
        accountID: "d", kind: .staff, displayName: "D", level: .substantial, authorityID: "th-stadt-16053",
        roles: [.dataOfficer])
    static let admin = Actor(accountID: "p", kind: .platformAdmin, displayName: "P", level: .substantial)

    @Test("Authorisation matrix: mailbox owner only, senders of their own authority with the role, no admin reading")
    func matrix() {
        #expect(Policy.readMailbox(actor: Self.citizenA, ownerAccountID: "a").allowed)
        #expect(!Policy.readMailbox(actor: Self.citizenA, ownerAccountID: "b").allowed)
        #expect(!Policy.readMailbox(actor: Self.clerkJena, ownerAccountID: "a").allowed)
        #expect(!Policy.readMailbox(actor: Self.admin, ownerAccountID: "a").allowed)
        #expect(Policy.sendMessage(actor: Self.clerkJena, authorityID: "th-stadt-16053").allowed)
        #expect(!Policy.sendMessage(actor: Self.clerkJena, authorityID: "th-stadt-16055").allowed)
        #expect(!Policy.sendMessage(actor: Self.officerJena, authorityID: "th-stadt-16053").allowed)
        #expect(!Policy.sendMessage(actor: Self.admin, authorityID: "th-stadt-16053").allowed)
        #expect(!Policy.sendMessage(actor: Self.citizenA, authorityID: "th-stadt-16053").allowed)
        #expect(!Policy.manageStaff(actor: Self.clerkJena, authorityID: "th-stadt-16053").allowed)
        #expect(Policy.apply(actor: Self.citizenA, requires: .substantial).allowed)
        #expect(!Policy.apply(actor: Self.citizenA, requires: .high).allowed)
    }

    @Test("Trust levels: BundID's acr values map to each level; unknown values are refused")
    func trustLevels() {
        let m = TrustLevelMapping.bundID
        #expect(m.level(for: "STORK-QAA-Level-1") == .low)
        #expect(m.level(for: "STORK-QAA-Level-3") == .substantial)
        #expect(m.level(for: "http://eidas.europa.eu/LoA/high") == .high)
        #expect(m.level(for: "level-42") == nil && m.level(for: nil) == nil)
    }

    @Test("Staff passwords: long, not well known, not the user name")
    func passwords() {
        #expect(PasswordRules.problem(with: "kurz", account: "x") != nil)
        #expect(PasswordRules.problem(with: "MeinPasswort2026!", account: "x") != nil)
        #expect(PasswordRules.problem(with: "erika.m-langes-Kennwort", account: "erika.m") != nil)
        #expect(PasswordRules.problem(with: "Drei Tassen Tee am Saalestrand", account: "erika") == nil)
    }

    @Test("Sessions: idle and absolute timeouts, rotation on login, end on logout", arguments: Backend.all)
    func sessions(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
            let store = AccountStore(database: database, clock: clock)
            let account = try await store.citizen(subject: "test:sessions", displayName: "S")
            let first = try await store.startSession(accountID: account.id, level: .low, replacing: nil)
            #expect(try await store.session(token: first)?.account.id == account.id)
            // rotation: logging in again with the old token ends the old session
            let second = try await store.startSession(accountID: account.id, level: .high, replacing: first)
            #expect(try await store.session(token: first) == nil)
            #expect(try await store.session(token: second)?.level == .high)
            // idle timeout
            clock.advance(by: store.idleTimeout + 1)
            #expect(try await store.session(token: second) == nil)
            // absolute timeout despite activity
            let third = try await store.startSession(accountID: account.id, level: .low, replacing: nil)
            for _ in 0..<Int(store.absoluteTimeout / 1200) {
                clock.advance(by: 1200)
                _ = try await store.session(token: third)
            }
            clock.advance(by: 1200)
            #expect(try await store.session(token: third) == nil)
            let fourth = try await store.startSession(accountID: account.id, level: .low, replacing: nil)
            try await store.endSession(token: fourth)
            #expect(try await store.session(token: fourth) == nil)
        }
    }

    @Test("The audit trail is hash-chained: a changed event breaks verification", arguments: Backend.all)
    func auditChain(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let audit = AuditTrail(database: database, clock: SystemClock())
            for i in 0..<5 { try await audit.record("login", accountID: "acc-\(i % 2)", detail: "test \(i)") }
            #expect(try await audit.verify() == nil)
            #expect(try await audit.events(accountID: "acc-0").count == 3)
            try await database.transaction { db in
                try await db.raw("UPDATE audit_events SET detail = 'edited' WHERE seq = 3").run()
            }
            #expect(try await audit.verify() == 3)
        }
    }
}

@Suite("Accounts over HTTP")
struct AccountHTTPTests {
    struct Browser {
        var cookies: [String: String] = [:]
        var header: HTTPFields {
            var h: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            if !cookies.isEmpty {
                h[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")
            }
            return h
        }
        mutating func take(_ response: TestResponse) {
            for value in response.headers[values: .setCookie] {
                let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                if pair.count == 2 {
                    if value.contains("Max-Age=0") {
                        cookies[String(pair[0])] = nil
                    } else {
                        cookies[String(pair[0])] = String(pair[1])
                    }
                }
            }
        }
    }

    static func token(_ response: TestResponse) throws -> String {
        String(try #require(response.text.firstMatch(of: /name="csrf_token" value="([^"]+)"/)?.1))
    }

    static func testEIDLogin(_ client: any TestClientProtocol, _ browser: inout Browser, person: String) async throws {
        let form = try await client.get("/anmelden/test-eid", headers: browser.header)
        browser.take(form)
        let login = try await client.post(
            "/anmelden/test-eid", headers: browser.header,
            body: "csrf_token=\(try token(form))&person=\(person)&level=substantial&next=%2Fkonto%2Fpostfach")
        #expect(login.status == .seeOther && login.headers[.location] == "/konto/postfach")
        browser.take(login)
    }

    @Test("Test-eID login, the mailbox, a message read; another citizen gets 404; logout ends the session")
    func citizenMailbox() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            _ = try await DemoSeed.run(services)
            var erika = Browser()
            // not signed in: sent to the login
            let anonymous = try await client.get("/konto")
            #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/anmelden") == true)
            // without a CSRF token the login is refused
            #expect(
                try await client.post("/anmelden/test-eid", headers: erika.header, body: "person=erika&level=high")
                    .status
                    == .forbidden)
            try await Self.testEIDLogin(client, &erika, person: "erika")
            #expect(erika.cookies["sid"] != nil)
            let box = try await client.get("/konto/postfach", headers: erika.header)
            #expect(box.status == .ok && box.text.contains("Willkommen in Ihrem Postfach"))
            let id = String(try #require(box.text.firstMatch(of: /href="\/konto\/postfach\/([0-9a-f-]+)"/)?.1))
            let message = try await client.get("/konto/postfach/\(id)", headers: erika.header)
            #expect(message.status == .ok && message.text.contains("Guten Tag Erika Mustermann"))
            // Max cannot open Erika's message, and does not see it
            var max = Browser()
            try await Self.testEIDLogin(client, &max, person: "max")
            #expect(try await client.get("/konto/postfach/\(id)", headers: max.header).status == .notFound)
            #expect(!(try await client.get("/konto/postfach", headers: max.header).text.contains(id)))
            // Erika's account page shows the login in the history; logout ends the session
            let account = try await client.get("/konto", headers: erika.header)
            #expect(account.text.contains("Erika Mustermann") && account.text.contains("Anmeldung"))
            let logout = try await client.post(
                "/abmelden", headers: erika.header, body: "csrf_token=\(try Self.token(account))")
            #expect(logout.status == .seeOther)
            let oldCookie = erika.header
            erika.take(logout)
            #expect(
                try await client.get("/konto/postfach", headers: oldCookie).status == .seeOther, "old session is gone")
            _ = services
        }
    }

    @Test("Staff login with password and TOTP; wrong attempts lock the account; clerks send, others may not")
    func staffLogin() async throws {
        let clock = ManualClock(Date())
        try await withApp(.sqlite, clock: clock) { client, services in
            let accounts = AccountStore(database: services.database, clock: clock)
            let secret = "demo-totp-secret-0123"
            let clerk = try await accounts.createStaff(
                email: "clerk@jena.test", displayName: "Clerk", authorityID: "th-stadt-16053", roles: [.clerk],
                passwordHash: Bcrypt.hash("Drei Tassen Tee am Saalestrand", cost: 4), totpSecret: secret)
            _ = try await accounts.createStaff(
                email: "officer@jena.test", displayName: "Officer", authorityID: "th-stadt-16053",
                roles: [.dataOfficer],
                passwordHash: Bcrypt.hash("Vier Tassen Tee am Saalestrand", cost: 4), totpSecret: secret)
            let citizen = try await accounts.citizen(subject: "test-eid:erika", displayName: "Erika Mustermann")
            var browser = Browser()
            let form = try await client.get("/mitarbeiter/anmelden")
            browser.take(form)
            let csrf = try Self.token(form)
            func attempt(_ email: String, _ password: String, _ code: String) async throws -> TestResponse {
                let body =
                    "csrf_token=\(csrf)&email=\(email)&password=\(password.replacingOccurrences(of: " ", with: "+"))&code=\(code)"
                return try await client.post("/mitarbeiter/anmelden", headers: browser.header, body: body)
            }
            let code = String(format: "%06d", TOTP(secret: secret).compute(date: clock.now()))
            // a wrong code with the right password fails like a wrong password
            let wrongCode = try await attempt(
                "clerk@jena.test", "Drei Tassen Tee am Saalestrand", code == "000000" ? "111111" : "000000")
            #expect(wrongCode.status == .unauthorized && wrongCode.text.contains(##"href="#email""##))
            for _ in 0..<4 { _ = try await attempt("clerk@jena.test", "falsch", code) }
            // five failures: locked, even with the right credentials
            let locked = try await attempt("clerk@jena.test", "Drei Tassen Tee am Saalestrand", code)
            #expect(locked.status == .forbidden && locked.text.contains("gesperrt"))
            clock.advance(by: 16 * 60)
            let fresh = String(format: "%06d", TOTP(secret: secret).compute(date: clock.now()))
            let ok = try await attempt("clerk@jena.test", "Drei Tassen Tee am Saalestrand", fresh)
            #expect(ok.status == .seeOther && ok.headers[.location] == "/konto")
            browser.take(ok)
            // the clerk sends a message to Erika; the clerk cannot read Erika's mailbox
            let outbox = try await client.get("/behoerde/postausgang", headers: browser.header)
            #expect(outbox.status == .ok)
            let sent = try await client.post(
                "/behoerde/postausgang", headers: browser.header,
                body: "csrf_token=\(csrf)&recipient=\(citizen.id)&subject=Unterlagen&body=Bitte+reichen+Sie+nach.")
            #expect(sent.status == .ok && sent.text.contains("zugestellt"))
            #expect(try await Mailbox(database: services.database, clock: clock).list(owner: citizen.id).count == 1)
            #expect(try await client.get("/konto/postfach", headers: browser.header).status == .forbidden)
            // the data officer may not send
            var officer = Browser()
            officer.take(form)
            let officerCode = String(format: "%06d", TOTP(secret: secret).compute(date: clock.now()))
            let officerLogin = try await client.post(
                "/mitarbeiter/anmelden", headers: officer.header,
                body:
                    "csrf_token=\(csrf)&email=officer@jena.test&password=Vier+Tassen+Tee+am+Saalestrand&code=\(officerCode)"
            )
            officer.take(officerLogin)
            #expect(try await client.get("/behoerde/postausgang", headers: officer.header).status == .forbidden)
            // the audit trail holds the failures, the lock and the login, and is intact
            let audit = AuditTrail(database: services.database, clock: clock)
            let events = try await audit.events(accountID: clerk.id).map(\.event)
            #expect(
                events.contains("login") && events.contains("account.locked")
                    && events.filter { $0 == "login.failed" }.count == 5)
            #expect(try await audit.verify() == nil)
        }
    }

    @Test("The login rate limit triggers and lifts as configured; Test-eID does not exist outside demo mode")
    func loginRateLimit() async throws {
        let clock = ManualClock(Date())
        try await withApp(.sqlite, clock: clock, configure: { $0.loginRateLimit = RateLimit(limit: 3, window: 60) }) {
            client, _ in
            #expect(try await client.get("/anmelden/test-eid").status == .notFound)
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<4 {
                statuses.append(
                    try await client.post(
                        "/mitarbeiter/anmelden", headers: [.contentType: "application/x-www-form-urlencoded"],
                        body: "email=x@y.z&password=p&code=1"
                    ).status)
            }
            #expect(statuses.prefix(3).allSatisfy { $0 == .forbidden } && statuses[3] == .tooManyRequests)
            clock.advance(by: 61)
            #expect(
                try await client.post(
                    "/mitarbeiter/anmelden", headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: "email=x@y.z&password=p&code=1"
                ).status == .forbidden)
        }
    }
}

@Suite("Authorisation matrix over HTTP")
struct AuthorisationMatrixTests {
    typealias Browser = AccountHTTPTests.Browser

    static func staff(
        _ client: any TestClientProtocol, _ accounts: AccountStore, email: String, authority: String?,
        roles: Set<StaffRole>
    ) async throws -> Browser {
        let secret = "secret-\(email)"
        _ = try await accounts.createStaff(
            email: email, displayName: email, authorityID: authority, roles: roles,
            passwordHash: Bcrypt.hash("Drei Tassen Tee am Saalestrand", cost: 4), totpSecret: secret)
        var browser = Browser()
        let form = try await client.get("/mitarbeiter/anmelden")
        browser.take(form)
        let code = String(format: "%06d", TOTP(secret: secret).compute(date: accounts.clock.now()))
        let login = try await client.post(
            "/mitarbeiter/anmelden", headers: browser.header,
            body:
                "csrf_token=\(try AccountHTTPTests.token(form))&email=\(email)&password=Drei+Tassen+Tee+am+Saalestrand&code=\(code)"
        )
        #expect(login.status == .seeOther, "staff login \(email)")
        browser.take(login)
        return browser
    }

    @Test("Citizens see only their messages; clerks only their authority's inbox; the platform admin reads none")
    func matrix() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            let accounts = AccountStore(database: services.database, clock: services.clock)
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            var max = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &max, person: "max")
            let jena = try await Self.staff(
                client, accounts, email: "c@jena.test", authority: "th-stadt-16053", roles: [.clerk])
            let weimar = try await Self.staff(
                client, accounts, email: "c@weimar.test", authority: "th-stadt-16055", roles: [.clerk])
            let admin = try await Self.staff(client, accounts, email: "admin@platform.test", authority: nil, roles: [])
            let erikaID = try await accounts.citizen(subject: "test-eid:erika", displayName: "Erika Mustermann").id
            func json(_ b: Browser) -> HTTPFields {
                var h = b.header
                h[.contentType] = "application/json"
                return h
            }
            // the Jena clerk sends to Erika over the API
            let sent = try await client.post(
                "/api/v1/authorities/th-stadt-16053/messages", headers: json(jena),
                body: #"{"recipientAccountId":"\#(erikaID)","subject":"Bescheid","body":"Ihr Antrag ist bewilligt."}"#)
            #expect(sent.status == .created)
            let id = try #require(try sent.json()["id"] as? String)
            // Erika reads it and replies; Max gets 404 and sees nothing of it
            #expect(try await client.get("/api/v1/me/messages/\(id)", headers: erika.header).status == .ok)
            let reply = try await client.post(
                "/api/v1/me/messages/\(id)/replies", headers: json(erika), body: #"{"body":"Danke!"}"#)
            #expect(reply.status == .created)
            let maxRead = try await client.get("/api/v1/me/messages/\(id)", headers: max.header)
            #expect(maxRead.status == .notFound && !maxRead.text.contains("bewilligt"))
            #expect(!(try await client.get("/api/v1/me/messages", headers: max.header).text.contains(id)))
            #expect(
                try await client.post("/api/v1/me/messages/\(id)/replies", headers: json(max), body: #"{"body":"x"}"#)
                    .status
                    == .notFound)
            // Jena's clerk sees the reply in Jena's inbox; Weimar's clerk gets 403 and no data
            let inbox = try await client.get("/api/v1/authorities/th-stadt-16053/messages", headers: jena.header)
            #expect(inbox.status == .ok && inbox.text.contains("Danke!"))
            let foreign = try await client.get("/api/v1/authorities/th-stadt-16053/messages", headers: weimar.header)
            #expect(foreign.status == .forbidden && !foreign.text.contains("Danke!"))
            #expect(
                try await client.post(
                    "/api/v1/authorities/th-stadt-16053/messages", headers: json(weimar),
                    body: #"{"recipientAccountId":"\#(erikaID)","subject":"x","body":"y"}"#
                ).status == .forbidden)
            // the platform administrator reads no mailbox and no inbox
            for path in [
                "/api/v1/me/messages", "/api/v1/me/messages/\(id)", "/api/v1/authorities/th-stadt-16053/messages",
            ] {
                let r = try await client.get(path, headers: admin.header)
                #expect(r.status == .forbidden && !r.text.contains("bewilligt"), "\(path)")
            }
            #expect(try await client.get("/konto/postfach/\(id)", headers: admin.header).status == .forbidden)
            // not signed in: 401; a JSON API call reported cross-site: 403
            #expect(try await client.get("/api/v1/me/messages").status == .unauthorized)
            var crossSite = json(erika)
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            #expect(
                try await client.post("/api/v1/me/messages/\(id)/replies", headers: crossSite, body: #"{"body":"x"}"#)
                    .status
                    == .forbidden)
            // a form post (no JSON) cannot reach the JSON API
            var form = erika.header
            form[.contentType] = "application/x-www-form-urlencoded"
            #expect(
                try await client.post("/api/v1/me/messages/\(id)/replies", headers: form, body: "body=x").status
                    == .unsupportedMediaType)
        }
    }
}

@Suite("Organisation accounts")
struct OrganisationTests {
    typealias Browser = AccountHTTPTests.Browser

    @Test("Members with the mailbox role read the organisation's mailbox; others get 403, outsiders 404")
    func organisationMailbox() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            let accounts = AccountStore(database: services.database, clock: services.clock)
            var erika = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            var max = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &max, person: "max")
            var leyla = Browser()
            try await AccountHTTPTests.testEIDLogin(client, &leyla, person: "leyla")
            let maxID = try await accounts.citizen(subject: "test-eid:max", displayName: "Max Beispiel").id
            // Erika creates "Bäckerei Mustermann"; she becomes its admin
            let page = try await client.get("/konto/organisationen", headers: erika.header)
            let csrf = try AccountHTTPTests.token(page)
            let created = try await client.post(
                "/konto/organisationen", headers: erika.header, body: "csrf_token=\(csrf)&name=B%C3%A4ckerei+Mustermann"
            )
            #expect(created.status == .seeOther)
            let orgPath = try #require(created.headers[.location])
            let orgID = String(orgPath.split(separator: "/").last!)
            // Max is added as applicant only (no mailbox role)
            let added = try await client.post(
                "\(orgPath)/mitglieder", headers: erika.header,
                body: "csrf_token=\(csrf)&member=\(maxID)&role_applicant=1")
            #expect(added.status == .seeOther)
            // the Jena clerk writes to the organisation
            let clerk = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "c2@jena.test", authority: "th-stadt-16053", roles: [.clerk])
            var json = clerk.header
            json[.contentType] = "application/json"
            let sent = try await client.post(
                "/api/v1/authorities/th-stadt-16053/messages", headers: json,
                body:
                    #"{"recipientAccountId":"\#(orgID)","subject":"Gewerbeanmeldung","body":"Bitte Unterlagen nachreichen."}"#
            )
            #expect(sent.status == .created)
            // Erika (admin) reads it; Max (no mailbox role) gets 403; Leyla (not a member) gets 404
            let erikaBox = try await client.get("\(orgPath)/postfach", headers: erika.header)
            #expect(erikaBox.status == .ok && erikaBox.text.contains("Gewerbeanmeldung"))
            let maxBox = try await client.get("\(orgPath)/postfach", headers: max.header)
            #expect(maxBox.status == .forbidden && !maxBox.text.contains("Gewerbeanmeldung"))
            #expect(
                try await client.get("/api/v1/organisations/\(orgID)/messages", headers: max.header).status
                    == .forbidden)
            let leylaBox = try await client.get("\(orgPath)/postfach", headers: leyla.header)
            #expect(leylaBox.status == .notFound && !leylaBox.text.contains("Gewerbeanmeldung"))
            #expect(try await client.get(orgPath, headers: leyla.header).status == .notFound)
            // Max may not change roles; once Erika grants the mailbox role, Max reads it
            #expect(
                try await client.post(
                    "\(orgPath)/mitglieder", headers: max.header,
                    body: "csrf_token=\(csrf)&member=\(maxID)&role_admin=1"
                ).status == .forbidden)
            _ = try await client.post(
                "\(orgPath)/mitglieder", headers: erika.header,
                body: "csrf_token=\(csrf)&member=\(maxID)&role_applicant=1&role_mailbox=1")
            let api = try await client.get("/api/v1/organisations/\(orgID)/messages", headers: max.header)
            #expect(api.status == .ok && api.text.contains("Gewerbeanmeldung"))
            // the role changes are in the audit trail
            let events = try await AuditTrail(database: services.database, clock: services.clock).events(
                accountID: try await accounts.citizen(subject: "test-eid:erika", displayName: "Erika Mustermann").id)
            #expect(events.filter { $0.event == "organisation.roles" }.count == 2)
            #expect(events.contains { $0.event == "organisation.created" })
        }
    }
}

@Suite("Staff management by the authority administrator")
struct StaffManagementTests {
    @Test("Admins add staff and change roles in their own authority only; every change is audited")
    func staffManagement() async throws {
        try await withApp(.sqlite) { client, services in
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let admin = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "admin@jena.test", authority: "th-stadt-16053", roles: [.authorityAdmin])
            let clerk = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "clerk@jena.test", authority: "th-stadt-16053", roles: [.clerk])
            _ = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "clerk@weimar.test", authority: "th-stadt-16055", roles: [.clerk])
            let weimarClerk = try #require(try await accounts.staffCredentials(email: "clerk@weimar.test")).account.id
            let jenaClerk = try #require(try await accounts.staffCredentials(email: "clerk@jena.test")).account.id
            let adminID = try #require(try await accounts.staffCredentials(email: "admin@jena.test")).account.id
            // a clerk may not manage staff
            #expect(try await client.get("/behoerde/mitarbeiter", headers: clerk.header).status == .forbidden)
            let page = try await client.get("/behoerde/mitarbeiter", headers: admin.header)
            #expect(page.status == .ok && page.text.contains("clerk@jena.test") && !page.text.contains("weimar"))
            let csrf = try AccountHTTPTests.token(page)
            // add a team lead: the first password is shown once
            let added = try await client.post(
                "/behoerde/mitarbeiter", headers: admin.header,
                body: "csrf_token=\(csrf)&name=Tina+Team&email=tina@jena.test&role_team-lead=1")
            #expect(added.status == .ok && added.text.contains("otpauth://totp/"))
            #expect(try await accounts.staffCredentials(email: "tina@jena.test")?.roles == [.teamLead])
            // invalid input is answered with errors linked to the fields
            let invalid = try await client.post(
                "/behoerde/mitarbeiter", headers: admin.header, body: "csrf_token=\(csrf)&name=&email=kaputt")
            #expect(invalid.status == .unprocessableContent && invalid.text.contains(##"href="#email""##))
            // change the Jena clerk's roles; Weimar's clerk is out of reach (404)
            let changed = try await client.post(
                "/behoerde/mitarbeiter/\(jenaClerk)/rollen", headers: admin.header,
                body: "csrf_token=\(csrf)&role_clerk=1&role_data-officer=1")
            #expect(changed.status == .seeOther)
            #expect(try await accounts.staffCredentials(email: "clerk@jena.test")?.roles == [.clerk, .dataOfficer])
            let foreign = try await client.post(
                "/behoerde/mitarbeiter/\(weimarClerk)/rollen", headers: admin.header,
                body: "csrf_token=\(csrf)&role_authority-admin=1")
            #expect(foreign.status == .notFound)
            #expect(try await accounts.staffCredentials(email: "clerk@weimar.test")?.roles == [.clerk])
            // an admin cannot remove their own admin role
            let selfRemoval = try await client.post(
                "/behoerde/mitarbeiter/\(adminID)/rollen", headers: admin.header,
                body: "csrf_token=\(csrf)&role_clerk=1")
            #expect(selfRemoval.status == .unprocessableContent)
            // without a CSRF token nothing changes
            #expect(
                try await client.post(
                    "/behoerde/mitarbeiter/\(jenaClerk)/rollen", headers: admin.header, body: "role_authority-admin=1"
                ).status == .forbidden)
            // teams: services from the catalogue and areas inside the authority only
            let badTeam = try await client.post(
                "/behoerde/teams", headers: admin.header,
                body: "csrf_token=\(csrf)&team_name=Melde&team_services=12345678901234&team_areas=16055")
            #expect(badTeam.status == .unprocessableContent && badTeam.text.contains(##"href="#team_services""##))
            #expect(badTeam.text.contains(##"href="#team_areas""##))
            let team = try await client.post(
                "/behoerde/teams", headers: admin.header,
                body:
                    "csrf_token=\(csrf)&team_name=Meldewesen&team_services=99115005104000%2C99008001012000&team_areas=16053"
            )
            #expect(team.status == .seeOther)
            let teams = TeamStore(database: services.database, clock: services.clock)
            let teamID = try #require(try await teams.teams(of: "th-stadt-16053").first?.id)
            let joined = try await client.post(
                "/behoerde/teams/\(teamID)/mitglieder", headers: admin.header,
                body: "csrf_token=\(csrf)&member=\(jenaClerk)&action=add")
            #expect(joined.status == .seeOther)
            #expect(try await teams.teams(of: "th-stadt-16053").first?.memberIDs == [jenaClerk])
            let foreignMember = try await client.post(
                "/behoerde/teams/\(teamID)/mitglieder", headers: admin.header,
                body: "csrf_token=\(csrf)&member=\(weimarClerk)&action=add")
            #expect(foreignMember.status == .notFound)
            let listed = try await client.get("/behoerde/mitarbeiter", headers: admin.header)
            #expect(listed.text.contains("Meldewesen") && listed.text.contains("Wohnsitz anmelden"))
            let audit = AuditTrail(database: services.database, clock: services.clock)
            let events = try await audit.events(accountID: adminID).map(\.event)
            #expect(events.contains("team.created") && events.contains("team.member-added"))
            #expect(events.contains("staff.created") && events.filter { $0 == "staff.roles" }.count == 1)
            #expect(try await audit.verify() == nil)
        }
    }
}

@Suite("Deleting an account")
struct AccountDeletionTests {
    @Test("A citizen deletes the account: sessions, mailbox and personal fields go; a new login starts afresh")
    func deletion() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            _ = try await DemoSeed.run(services)
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let before = try await accounts.citizen(subject: "test-eid:erika", displayName: "Erika Mustermann").id
            var erika = AccountHTTPTests.Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            let page = try await client.get("/konto", headers: erika.header)
            let csrf = try AccountHTTPTests.token(page)
            #expect(page.text.contains("/konto/loeschen"))
            // without the confirmation nothing happens
            let unconfirmed = try await client.post(
                "/konto/loeschen", headers: erika.header, body: "csrf_token=\(csrf)")
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(
                try await Mailbox(database: services.database, clock: services.clock).list(owner: before).count == 1)
            let deleted = try await client.post(
                "/konto/loeschen", headers: erika.header, body: "csrf_token=\(csrf)&confirm=1")
            #expect(deleted.status == .seeOther && deleted.headers[.location] == "/konto/geloescht")
            #expect(try await client.get("/konto", headers: erika.header).status == .seeOther, "the session is gone")
            #expect(try await Mailbox(database: services.database, clock: services.clock).list(owner: before).isEmpty)
            let tombstone = try #require(try await accounts.account(id: before))
            #expect(tombstone.displayName.isEmpty && tombstone.subject == nil)
            // logging in again creates a new, empty account
            var again = AccountHTTPTests.Browser()
            try await AccountHTTPTests.testEIDLogin(client, &again, person: "erika")
            let after = try await accounts.citizen(subject: "test-eid:erika", displayName: "Erika Mustermann").id
            #expect(after != before)
            let audit = AuditTrail(database: services.database, clock: services.clock)
            #expect(try await audit.events(accountID: before).contains { $0.event == "account.deleted" })
            #expect(try await audit.verify() == nil)
        }
    }

    @Test("Audit retention removes old events and the rest of the chain still verifies", arguments: Backend.all)
    func auditRetention(backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
            let audit = AuditTrail(database: database, clock: clock)
            for i in 0..<3 { try await audit.record("login", accountID: "old-\(i)") }
            clock.advance(by: AuditTrail.retention + 86_400)
            for i in 0..<2 { try await audit.record("login", accountID: "new-\(i)") }
            try await database.transaction { db in
                try await Maintenance.run(on: db, clock: clock, queue: JobQueue(database: database, clock: clock))
            }
            #expect(try await audit.events(accountID: "old-0").isEmpty)
            #expect(try await audit.events(accountID: "new-1").count == 1)
            #expect(try await audit.verify() == nil)
        }
    }
}

@Suite("Mandates")
struct MandateTests {
    @Test("An agent acts for the principal with a mandate; the reply shows who wrote it; revoked means gone")
    func mandates() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            _ = try await DemoSeed.run(services)
            let accounts = AccountStore(database: services.database, clock: services.clock)
            let erikaID = try await accounts.citizen(subject: "test-eid:erika", displayName: "Erika Mustermann").id
            let maxID = try await accounts.citizen(subject: "test-eid:max", displayName: "Max Beispiel").id
            var erika = AccountHTTPTests.Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            var max = AccountHTTPTests.Browser()
            try await AccountHTTPTests.testEIDLogin(client, &max, person: "max")
            var leyla = AccountHTTPTests.Browser()
            try await AccountHTTPTests.testEIDLogin(client, &leyla, person: "leyla")
            let page = try await client.get("/konto/vollmachten", headers: erika.header)
            let csrf = try AccountHTTPTests.token(page)
            // no mandate to oneself or to an unknown account
            #expect(
                try await client.post(
                    "/konto/vollmachten", headers: erika.header, body: "csrf_token=\(csrf)&agent=\(erikaID)"
                )
                .status == .unprocessableContent)
            let granted = try await client.post(
                "/konto/vollmachten", headers: erika.header, body: "csrf_token=\(csrf)&agent=\(maxID)&kind=attorney")
            #expect(granted.status == .seeOther)
            let mandates = MandateStore(database: services.database, clock: services.clock)
            let mandate = try #require(try await mandates.received(by: maxID).first)
            #expect(mandate.principalID == erikaID)
            // Max opens Erika's mailbox, with a banner, and answers; Leyla cannot use Max's mandate
            let box = try await client.get("/konto/vollmachten/\(mandate.id)/postfach", headers: max.header)
            #expect(box.status == .ok && box.text.contains("Erika Mustermann") && box.text.contains("Willkommen"))
            #expect(
                try await client.get("/konto/vollmachten/\(mandate.id)/postfach", headers: leyla.header).status
                    == .notFound)
            let messageID = try #require(
                try await Mailbox(database: services.database, clock: services.clock).list(owner: erikaID).first?.id)
            let view = try await client.get(
                "/konto/vollmachten/\(mandate.id)/postfach/\(messageID)", headers: max.header)
            #expect(view.status == .ok && view.text.contains("Erika Mustermann"))
            let maxCSRF = try AccountHTTPTests.token(view)
            let replied = try await client.post(
                "/konto/vollmachten/\(mandate.id)/postfach/\(messageID)/antwort", headers: max.header,
                body: "csrf_token=\(maxCSRF)&body=Antwort+im+Auftrag")
            #expect(replied.status == .seeOther)
            let reply = try #require(
                try await Mailbox(database: services.database, clock: services.clock).list(owner: erikaID).first {
                    $0.direction == "out"
                })
            #expect(reply.sentBy == maxID, "the reply records the agent, not the principal")
            // Erika revokes; the mandate stops working at once
            let revoked = try await client.post(
                "/konto/vollmachten/\(mandate.id)/widerrufen", headers: erika.header, body: "csrf_token=\(csrf)")
            #expect(revoked.status == .seeOther)
            #expect(
                try await client.get("/konto/vollmachten/\(mandate.id)/postfach", headers: max.header).status
                    == .notFound)
            // Max cannot revoke (or see) Erika's mandates
            #expect(
                try await client.post(
                    "/konto/vollmachten/\(mandate.id)/widerrufen", headers: max.header, body: "csrf_token=\(maxCSRF)"
                ).status == .notFound)
            let audit = AuditTrail(database: services.database, clock: services.clock)
            let used = try await audit.events(accountID: maxID).filter { $0.event == "mandate.used" }
            #expect(used.count >= 2)
            #expect(try await audit.events(accountID: erikaID).contains { $0.event == "mandate.revoked" })
        }
    }
}

@Suite("Mailbox attachments")
struct AttachmentTests {
    @Test("A clerk attaches a PDF; only the recipient downloads it; infected or unsupported files are refused")
    func attachments() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, services in
            let accounts = AccountStore(database: services.database, clock: services.clock)
            var erika = AccountHTTPTests.Browser()
            try await AccountHTTPTests.testEIDLogin(client, &erika, person: "erika")
            var max = AccountHTTPTests.Browser()
            try await AccountHTTPTests.testEIDLogin(client, &max, person: "max")
            let erikaID = try await accounts.citizen(subject: "test-eid:erika", displayName: "Erika Mustermann").id
            let clerk = try await AuthorisationMatrixTests.staff(
                client, accounts, email: "att@jena.test", authority: "th-stadt-16053", roles: [.clerk])
            var json = clerk.header
            json[.contentType] = "application/json"
            let pdf = Data("%PDF-1.4\n% Bescheid\n".utf8).base64EncodedString()
            func send(_ attachment: String) async throws -> TestResponse {
                try await client.post(
                    "/api/v1/authorities/th-stadt-16053/messages", headers: json,
                    body:
                        #"{"recipientAccountId":"\#(erikaID)","subject":"Bescheid","body":"Anbei.","attachments":[\#(attachment)]}"#
                )
            }
            let sent = try await send(
                #"{"filename":"bescheid.pdf","mediaType":"application/pdf","contentBase64":"\#(pdf)"}"#)
            #expect(sent.status == .created)
            let messageID = try #require(try sent.json()["id"] as? String)
            let view = try await client.get("/konto/postfach/\(messageID)", headers: erika.header)
            let link = String(
                try #require(view.text.firstMatch(of: /href="(\/konto\/postfach\/[^"]+\/anhang\/[^"]+)"/)?.1))
            let download = try await client.get(link, headers: erika.header)
            #expect(download.status == .ok && download.text.hasPrefix("%PDF-1.4"))
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            // someone else: 404, whatever they try
            #expect(try await client.get(link, headers: max.header).status == .notFound)
            // the EICAR test file and an executable type are refused with a problem naming the field
            let eicar = Data(#"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"#.utf8)
                .base64EncodedString()
            let infected = try await send(#"{"filename":"a.txt","mediaType":"text/plain","contentBase64":"\#(eicar)"}"#)
            #expect(infected.status == .unprocessableContent && infected.text.contains("/attachments"))
            let exe = try await send(
                #"{"filename":"a.exe","mediaType":"application/x-msdownload","contentBase64":"\#(pdf)"}"#)
            #expect(exe.status == .unprocessableContent && exe.text.contains("/attachments/0/mediaType"))
        }
    }
}

@Suite("Step-up")
struct StepUpTests {
    @Test("Too low a trust level leads to a step-up login and back, with what was entered kept")
    func stepUp() async throws {
        try await withApp(.sqlite, configure: { $0.demo = true }) { client, _ in
            var erika = AccountHTTPTests.Browser()
            let form = try await client.get("/anmelden/test-eid", headers: erika.header)
            erika.take(form)
            let low = try await client.post(
                "/anmelden/test-eid", headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(form))&person=erika&level=low&next=%2Fkonto")
            erika.take(low)
            let page = try await client.get("/konto/organisationen", headers: erika.header)
            let csrf = try AccountHTTPTests.token(page)
            let attempt = try await client.post(
                "/konto/organisationen", headers: erika.header, body: "csrf_token=\(csrf)&name=Imkerei+Mustermann")
            #expect(attempt.status == .seeOther)
            let location = try #require(attempt.headers[.location])
            #expect(location.hasPrefix("/anmelden?level=substantial&next="))
            let notice = try await client.get(location, headers: erika.header)
            #expect(notice.text.contains("Vertrauensniveau substanziell"))
            // the step-up login (Test-eID preselects the level) returns to the form, name kept
            let stepUpForm = try await client.get("/anmelden/test-eid?level=substantial", headers: erika.header)
            #expect(stepUpForm.text.contains(#"id="level-substantial" name="level" value="substantial" checked"#))
            let next = String(location.split(separator: "next=")[1].prefix { $0 != "&" })
            let again = try await client.post(
                "/anmelden/test-eid", headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(stepUpForm))&person=erika&level=substantial&next=\(next)"
            )
            erika.take(again)
            let back = try #require(again.headers[.location])
            #expect(back.hasPrefix("/konto/organisationen?name="))
            let prefilled = try await client.get(back, headers: erika.header)
            #expect(prefilled.text.contains(#"value="Imkerei Mustermann""#))
            let created = try await client.post(
                "/konto/organisationen", headers: erika.header,
                body: "csrf_token=\(try AccountHTTPTests.token(prefilled))&name=Imkerei+Mustermann")
            #expect(
                created.status == .seeOther && created.headers[.location]?.hasPrefix("/konto/organisationen/") == true)
        }
    }
}
