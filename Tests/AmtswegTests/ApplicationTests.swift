import Applications
import Expressions
import Forms
import Foundation
import Storage
import Testing

/// The forms Amtsweg ships, their rules, the journey logic, and the stores for drafts and
/// submissions (on SQLite and PostgreSQL).
@Suite("Online applications: forms, rules, journey")
struct ApplicationFormTests {
    let registry = try! FormRegistry.embedded()

    @Test("Both forms load from data/forms with their code lists and services")
    func registryLoads() throws {
        let parking = try #require(registry.form(forService: "99108001001000"))
        #expect(parking.id == "S05000058" && parking.version == "1.0")
        #expect(registry.form(forService: "99108001020000")?.id == "S05000058")
        let wohngeld = try #require(registry.form(forService: "99107023037000"))
        #expect(wohngeld.id == "S99100001")
        #expect(registry.form(forService: "99999999999999") == nil)
        // The code list of "holder" (F05001047) came from its genericode file.
        let vehicle = try #require(parking.schema.children.first { $0.element.id == "G05000477" })
        guard case .group(let g) = vehicle.element,
            case .field(let holder)? = g.children.first(where: { $0.element.id == "F05001047" })?.element
        else {
            Issue.record("F05001047 missing")
            return
        }
        #expect(holder.codeList?.entries.map(\.code) == ["01", "02"])
    }

    @Test("Every FIM rule is either made executable or reported as not executable")
    func ruleReport() throws {
        let parking = try #require(registry.form(id: "S05000058"))
        #expect(parking.rules.report.map(\.status) == [.executable, .executable])
        let wohngeld = try #require(registry.form(id: "S99100001"))
        let notExecutable = wohngeld.rules.report.filter { $0.status == .notExecutable }.map(\.rule)
        #expect(notExecutable == ["R99100008"])
        #expect(wohngeld.rules.report.count == 13)
    }

    @Test("A rule binding naming an unknown rule, element or variable, or not parsing, fails at import")
    func bindingErrors() throws {
        let schema = try #require(registry.form(id: "S05000058")).schema
        func load(_ json: String) throws -> RuleBinding { try RuleBinding.load(Data(json.utf8), for: schema) }
        #expect(throws: RuleBinding.BindingError.self) {
            try load(#"{"schema":"S05000058","rules":[{"rule":"R1","when":"true","require":[]}]}"#)
        }
        #expect(throws: RuleBinding.BindingError.self) {
            try load(#"{"schema":"S05000058","rules":[{"rule":"R05000281","when":"true","require":["G99"]}]}"#)
        }
        #expect(throws: RuleBinding.BindingError.self) {
            try load(
                #"{"schema":"S05000058","rules":[{"rule":"R05000281","when":"G05000477.F05001047 = ","require":[]}]}"#)
        }
        #expect(throws: RuleBinding.BindingError.self) {
            try load(#"{"schema":"S05000058","rules":[{"rule":"R05000281","when":"F05001047 = \"02\"","require":[]}]}"#)
        }
        #expect(throws: RuleBinding.BindingError.self) {
            try load(#"{"schema":"S99","rules":[]}"#)
        }
        let ok = try load(
            #"{"schema":"S05000058","rules":[{"rule":"R05000281","when":"G05000477.F05001047 = \"02\"","require":["G05000499"]}]}"#
        )
        #expect(ok.report.first { $0.rule == "R05000281" }?.status == .executable)
        #expect(ok.report.first { $0.rule == "R05000334" }?.status == .notExecutable)
    }

    /// A complete parking-permit application (the file the API tests and the benchmark use).
    static func sample() throws -> FormValue {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" && !FileManager.default.fileExists(atPath: url.appendingPathComponent("data/forms").path)
        {
            url.deleteLastPathComponent()
        }
        return try FormValue.parse(
            Data(contentsOf: url.appendingPathComponent("data/forms/bewohnerparkausweis/beispiel-antrag.json")))
    }

    static func setting(_ value: FormValue, at path: [String], in data: FormValue) -> FormValue {
        guard let first = path.first, case .object(var object) = data else { return data }
        object[first] =
            path.count == 1 ? value : setting(value, at: Array(path.dropFirst()), in: object[first] ?? .object([:]))
        return .object(object)
    }

    @Test("The executable rules of the real parking-permit schema: a holder group becomes required with holder 02")
    func parkingRules() throws {
        let form = try #require(registry.form(id: "S05000058"))
        let valid = try Self.sample()
        #expect(form.validate(valid).isEmpty, "\(form.validate(valid))")
        let otherHolder = Self.setting("02", at: ["G05000477", "F05001047"], in: valid)
        let issues = form.validate(otherHolder)
        #expect(issues.contains { $0.elementID == "G05000499" && $0.code == .required }, "\(issues)")
        let renewal = Self.setting("02", at: ["G05000493", "F05001347"], in: valid)
        #expect(form.validate(renewal).contains { $0.elementID == "G05000599" })
    }

    @Test("Wohngeld rules: shown only when applicable, plausibility checks with their messages, today's date")
    func wohngeldRules() throws {
        let form = try #require(registry.form(id: "S99100001"))
        let journey = Journey(form: form)
        // A first application: the previous file number (F99100004) is hidden.
        let first: FormValue = ["G99100002": ["F99100003": "01"]]
        #expect(journey.dynamic(first).hidden.contains("F99100004"))
        let further: FormValue = ["G99100002": ["F99100003": "02"]]
        let dynamic = journey.dynamic(further)
        #expect(!dynamic.hidden.contains("F99100004") && dynamic.required.contains("F99100004"))
        // Heating and hot water above the rent fail the plausibility check.
        let rent: FormValue = [
            "G99100006": ["F99100018": .number(500), "F99100019": .number(450), "F99100020": .number(100)]
        ]
        let checks = journey.dynamic(rent).checks
        #expect(checks.contains { $0.messageDE.contains("Heizkosten") && $0.messageEN.contains("Heating") })
        let fine: FormValue = ["G99100006": ["F99100018": .number(500), "F99100019": .number(80)]]
        #expect(!journey.dynamic(fine).checks.contains { $0.elementID == "F99100019" })
        // A birth date after today fails; the day is today's date in Thuringia.
        let future: FormValue = ["G99100001": ["F05000351": "2999-01-01"]]
        #expect(journey.dynamic(future).checks.contains { $0.elementID == "F05000351" })
        let past: FormValue = ["G99100001": ["F05000351": "1980-01-01"]]
        #expect(!journey.dynamic(past).checks.contains { $0.elementID == "F05000351" })
    }

    @Test("Reading a posted step: dates from day/month/year, repeated items, add and remove, German decimals")
    func journeyRead() throws {
        let form = try #require(registry.form(id: "S99100001"))
        let journey = Journey(form: form)
        let members = try #require(journey.step(of: "G99100003"))
        let fields = [
            "G99100003~count": "2",
            "G99100003.0.F99100005": "Mustermann", "G99100003.0.F99100006": "Max",
            "G99100003.0.F99100007~day": "3", "G99100003.0.F99100007~month": "4",
            "G99100003.0.F99100007~year": "2015",
            "G99100003.1.F99100005": "Musterfrau", "G99100003.1.F99100006": "Mia",
        ]
        let value = try #require(journey.read(step: members, fields: fields, previous: nil, required: []))
        guard case .array(let items) = value else {
            Issue.record("expected two items, got \(value)")
            return
        }
        #expect(items.count == 2)
        #expect(items[0]["F99100007"] == "2015-04-03")
        #expect(items[1]["F99100006"] == "Mia")
        // Removing the first item shifts the second into its place.
        let removed = journey.apply(.remove(path: "G99100003", index: 0), to: fields)
        #expect(removed["G99100003~count"] == "1" && removed["G99100003.0.F99100006"] == "Mia")
        #expect(journey.apply(.add(path: "G99100003"), to: fields)["G99100003~count"] == "3")
        #expect(Journey.Action("remove:G99100003.1") == .remove(path: "G99100003", index: 1))
        #expect(Journey.Action("add:G1.G2") == .add(path: "G1.G2"))
        #expect(Journey.Action(nil) == .next)
        // A German decimal comma becomes an exact decimal.
        let home = try #require(journey.step(of: "G99100006"))
        let flat = try #require(
            journey.read(
                step: home, fields: ["G99100006.F99100018": "1.234,50", "G99100006.F99100017": "61,5"], previous: nil,
                required: []))
        #expect(flat["F99100018"] == .number(Decimal(string: "1234.5")!))
        #expect(flat["F99100017"] == .number(Decimal(string: "61.5")!))
    }

    @Test("What rules hide is not kept (data minimisation)")
    func pruning() throws {
        let data: FormValue = ["G99100002": ["F99100003": "01", "F99100004": "WG-1"]]
        let pruned = Journey.pruning(data, hidden: ["F99100004"])
        #expect(pruned == ["G99100002": ["F99100003": "01"]])
    }
}

@Suite("Drafts and submissions in the database")
struct SubmissionStoreTests {
    static func new(_ i: Int, key: (String, String, String)? = nil) -> SubmissionStore.New {
        SubmissionStore.New(
            formID: "S05000058", formVersion: "1.0", leika: "99108001001000", authorityID: "th-stadt-16053",
            ars: "160530000000", clientID: "client-1", data: #"{"i":\#(i)}"#, idempotency: key)
    }

    @Test(
        "Accepted submissions are stored whole, hash-verified, with events; concurrent ones share commits",
        arguments: Backend.all)
    func groupCommit(_ backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let store = SubmissionStore(database: database, clock: SystemClock())
            let outcomes = try await withThrowingTaskGroup(of: SubmissionStore.Outcome.self) { group in
                for i in 0..<300 { group.addTask { try await store.accept(Self.new(i)) } }
                var all: [SubmissionStore.Outcome] = []
                for try await o in group { all.append(o) }
                return all
            }
            let created = outcomes.compactMap { if case .created(let s) = $0 { s } else { nil } }
            #expect(created.count == 300)
            #expect(Set(created.map(\.reference)).count == 300)
            #expect(try await store.count() == 300)
            let one = try #require(try await store.find(id: created[17].id))
            #expect(one == created[17] && SubmissionStore.verify(one))
            var tampered = one
            tampered.data = #"{"i":-1}"#
            #expect(!SubmissionStore.verify(tampered))
            #expect(try await store.events(of: one.id).map(\.kind) == ["received", "routed"])
            try await store.record("in-review", for: one.id)
            #expect(try await store.events(of: one.id).map(\.kind) == ["received", "routed", "in-review"])
            #expect(try await store.inbox(ofAuthority: "th-stadt-16053").count == 200)
            #expect(try await store.inbox(ofAuthority: "th-lra-16061").isEmpty)
            #expect(one.reference.wholeMatch(of: /AW-\d{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/) != nil)
        }
    }

    @Test("The same idempotency key creates one submission, even when the retries race", arguments: Backend.all)
    func idempotency(_ backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let store = SubmissionStore(database: database, clock: SystemClock())
            let outcomes = try await withThrowingTaskGroup(of: SubmissionStore.Outcome.self) { group in
                for _ in 0..<20 { group.addTask { try await store.accept(Self.new(1, key: ("client-1", "k1", "h1"))) } }
                var all: [SubmissionStore.Outcome] = []
                for try await o in group { all.append(o) }
                return all
            }
            let ids = Set(
                outcomes.compactMap { o -> String? in
                    switch o {
                    case .created(let s), .replayed(let s): s.id
                    case .keyReused: nil
                    }
                })
            #expect(ids.count == 1)
            #expect(outcomes.filter { if case .created = $0 { true } else { false } }.count == 1)
            #expect(try await store.accept(Self.new(2, key: ("client-1", "k1", "other"))) == .keyReused)
            // Another client may use the same key.
            guard case .created = try await store.accept(Self.new(3, key: ("client-2", "k1", "h1"))) else {
                Issue.record("a different scope must not collide")
                return
            }
            #expect(try await store.count() == 2)
        }
    }

    @Test("Drafts: resume codes (normalised, hashed), owners, expiry", arguments: Backend.all)
    func drafts(_ backend: Backend) async throws {
        try await withDatabase(backend) { database, _ in
            let clock = ManualClock(Date(timeIntervalSince1970: 1_790_000_000))
            let drafts = DraftStore(database: database, clock: clock, lifetime: 86_400)
            let (draft, code) = try await drafts.create(leika: "99108001001000", ars: "160530000000", accountID: nil)
            let resume = try #require(code)
            #expect(draft.resumeHash == DraftStore.hash(resume) && draft.resumeHash != resume)
            #expect(
                try await drafts.find(resumeCode: resume.lowercased().replacingOccurrences(of: "-", with: " "))?.id
                    == draft.id)
            #expect(try await drafts.find(resumeCode: "AAAA-BBBB-CCCC") == nil)
            try await drafts.save(id: draft.id, data: #"{"a":1}"#, step: 3)
            #expect(try await drafts.find(id: draft.id)?.step == 3)
            // Owned drafts have no resume code and are listed for their owner.
            let accounts = AccountStore(database: database, clock: clock)
            let erika = try await accounts.citizen(subject: "test-eid:erika", displayName: "Erika Mustermann")
            let (owned, none) = try await drafts.create(
                leika: "99107023037000", ars: "160530000000", accountID: erika.id)
            #expect(none == nil && owned.resumeHash == nil)
            #expect(try await drafts.drafts(ofAccount: erika.id).map(\.id) == [owned.id])
            // A day without changes: expired, no longer found, and the retention job deletes it.
            clock.advance(by: 86_401)
            #expect(try await drafts.find(id: draft.id) == nil)
            #expect(try await drafts.find(resumeCode: resume) == nil)
            try await database.transaction { db in
                try await Maintenance.run(on: db, clock: clock, queue: JobQueue(database: database, clock: clock))
            }
            let left = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM drafts").first(decodingColumn: "n", as: Int.self)
            }
            #expect(left == 0)
        }
    }
}
