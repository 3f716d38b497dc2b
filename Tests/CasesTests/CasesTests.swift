import Crypto
import Deadlines
import Expressions
import Foundation
import Testing
import Workflow

@testable import Cases

@Suite struct DefaultProcessTests {
    let t0 = Date(timeIntervalSince1970: 1_798_761_600)  // 2027-01-01Z

    func engine(handled: MutexBoxed = MutexBoxed()) throws -> Engine {
        var repository = ProcessRepository()
        try repository.deploy(
            Data(DefaultProcess.bpmn.utf8), handlers: Set(DefaultProcess.handlers), requireHandlers: true)
        var handlers: [String: TaskHandler] = [:]
        for name in DefaultProcess.handlers {
            handlers[name] = { context in
                handled.append(name)
                return [:]
            }
        }
        return Engine(repository: repository, handlers: handlers)
    }

    func task(_ i: ProcessInstance, _ node: String) throws -> Int {
        try #require(i.openTasks.first { $0.nodeID == node }, "open: \(i.openTasks.map(\.nodeID))").id
    }

    @Test func completeApplicationRunsCheckDecideNotifyClose() throws {
        let handled = MutexBoxed()
        let e = try engine(handled: handled)
        var (i, _) = try e.start(DefaultProcess.id, at: t0)
        #expect(i.openTasks.map(\.nodeID) == ["check"])
        #expect(DefaultProcess.status(openTasks: ["check"], waiting: [], completed: false, decided: false) == .received)
        _ = try e.complete(
            &i, task: try task(i, "check"),
            variables: [
                "complete": .bool(true), "automatic": .bool(false), "sampled": .bool(false),
                "sampleBefore": .bool(true),
            ], at: t0)
        #expect(i.openTasks.map(\.nodeID) == ["decide"])
        _ = try e.complete(&i, task: try task(i, "decide"), variables: ["outcome": .string("approved")], at: t0)
        #expect(handled.values == ["case.notify"])
        #expect(i.openTasks.map(\.nodeID) == ["close"])
        _ = try e.complete(&i, task: try task(i, "close"), at: t0)
        #expect(i.status == .completed)
    }

    @Test func unansweredRequestRemindsThenTakesTheDeadlinePath() throws {
        let handled = MutexBoxed()
        let e = try engine(handled: handled)
        var (i, _) = try e.start(DefaultProcess.id, at: t0)
        let reminder = t0.addingTimeInterval(7 * 86_400)
        let deadline = t0.addingTimeInterval(14 * 86_400)
        _ = try e.complete(
            &i, task: try task(i, "check"),
            variables: [
                "complete": .bool(false), "reminderAt": .string(ISO8601DateFormatter().string(from: reminder)),
                "deadlineAt": .string(ISO8601DateFormatter().string(from: deadline)),
            ], at: t0)
        #expect(i.activeNodes.contains("awaitDocuments"))
        #expect(Set(i.timers.map(\.nodeID)) == ["reminder", "deadline"])
        #expect(Set(i.timers.map(\.due)) == [reminder, deadline])
        // Too early: nothing fires.
        let first = try #require(i.timers.first { $0.nodeID == "reminder" })
        #expect(try e.fireTimer(&i, key: first.key, at: t0) == nil)
        _ = try e.fireTimer(&i, key: first.key, at: reminder)
        #expect(handled.values == ["case.remind"])
        #expect(i.activeNodes.contains("awaitDocuments"), "the reminder does not end the wait")
        let last = try #require(i.timers.first { $0.nodeID == "deadline" })
        _ = try e.fireTimer(&i, key: last.key, at: deadline)
        #expect(handled.values == ["case.remind", "case.deadlinePassed"])
        #expect(i.openTasks.map(\.nodeID) == ["decide"])
        #expect(i.timers.isEmpty)
    }

    @Test func documentsReceivedGoBackToTheCheck() throws {
        let e = try engine()
        var (i, _) = try e.start(DefaultProcess.id, at: t0)
        _ = try e.complete(
            &i, task: try task(i, "check"),
            variables: [
                "complete": .bool(false), "reminderAt": .string("2027-01-08T00:00:00Z"),
                "deadlineAt": .string("2027-01-15T00:00:00Z"),
            ], at: t0)
        #expect(e.waitsFor(i).messages == [DefaultProcess.documentsMessage])
        let moved = try e.deliver(&i, message: DefaultProcess.documentsMessage, at: t0.addingTimeInterval(3600))
        #expect(moved != nil)
        #expect(i.openTasks.map(\.nodeID) == ["check"])
        #expect(i.timers.isEmpty, "both timers end with the wait")
    }

    @Test func automaticDecisionsGoOutUnlessDrawnForTheSample() throws {
        let handled = MutexBoxed()
        let e = try engine(handled: handled)
        func checked(sampled: Bool, before: Bool) throws -> ProcessInstance {
            var (i, _) = try e.start(DefaultProcess.id, at: t0)
            _ = try e.complete(
                &i, task: try task(i, "check"),
                variables: [
                    "complete": .bool(true), "automatic": .bool(true), "sampled": .bool(sampled),
                    "sampleBefore": .bool(before),
                ], at: t0)
            return i
        }
        // Not drawn: notified at once, then closing.
        var i = try checked(sampled: false, before: true)
        #expect(i.openTasks.map(\.nodeID) == ["close"])
        // Drawn, checked before release: waits for the four eyes; agreement releases it.
        i = try checked(sampled: true, before: true)
        #expect(i.openTasks.map(\.nodeID) == ["sampleCheck"])
        _ = try e.complete(&i, task: try task(i, "sampleCheck"), variables: ["agree": .bool(true)], at: t0)
        #expect(i.openTasks.map(\.nodeID) == ["close"])
        // Disagreement before release: a person decides.
        i = try checked(sampled: true, before: true)
        _ = try e.complete(&i, task: try task(i, "sampleCheck"), variables: ["agree": .bool(false)], at: t0)
        #expect(i.openTasks.map(\.nodeID) == ["decide"])
        // Drawn, checked after release: notified first, then the check.
        i = try checked(sampled: true, before: false)
        #expect(i.openTasks.map(\.nodeID) == ["sampleCheckAfter"])
        #expect(
            DefaultProcess.status(openTasks: ["sampleCheck"], waiting: [], completed: false, decided: true) == .inReview
        )
    }

    @Test func statusFollowsTheProcess() {
        #expect(
            DefaultProcess.status(openTasks: [], waiting: ["awaitDocuments"], completed: false, decided: false)
                == .awaitingApplicant)
        #expect(
            DefaultProcess.status(openTasks: ["decide"], waiting: [], completed: false, decided: false) == .inReview)
        #expect(DefaultProcess.status(openTasks: ["close"], waiting: [], completed: false, decided: true) == .decided)
        #expect(DefaultProcess.status(openTasks: [], waiting: [], completed: true, decided: true) == .closed)
    }
}

final class MutexBoxed: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ s: String) { lock.withLock { items.append(s) } }
    var values: [String] { lock.withLock { items } }
}

@Suite struct InboxQueryTests {
    @Test func readsFiltersAndFallsBackOnNonsense() {
        let q = InboxQuery(
            parameters: [
                "status": "awaiting_applicant", "service": "99050012104000", "assignee": "me", "sort": "deadline",
                "limit": "500",
            ], me: "acc-1", today: "2027-01-01")
        #expect(q.status == .status(.awaitingApplicant))
        #expect(q.service == "99050012104000")
        #expect(q.assignee == .account("acc-1"))
        #expect(q.sort == .deadline)
        #expect(q.limit == InboxQuery.maxLimit)
        let bad = InboxQuery(
            parameters: ["status": "x'; DROP", "service": "abc", "assignee": "a b", "sort": "?", "limit": "-3"],
            me: "m", today: "2027-01-01")
        #expect(bad.status == .open)
        #expect(bad.service == nil)
        #expect(bad.assignee == .anyone)
        #expect(bad.sort == .newest)
        #expect(bad.limit == 1)
    }

    @Test func overdueMeansOpenCasesPastToday() {
        let q = InboxQuery(parameters: ["overdue": "1", "status": "closed"], me: "m", today: "2027-03-01")
        #expect(q.overdueOn == "2027-03-01")
        #expect(q.status == .open)
        #expect(q.parameters.contains { $0 == ("overdue", "1") })
    }

    @Test func cursorRoundTripsAndRefusesForgeries() throws {
        let c = InboxCursor(sort: .newest, key: "2027-01-01T10:00:00.000Z", id: "0190a-bc")
        #expect(InboxCursor(token: c.token, sort: .newest) == c)
        #expect(InboxCursor(token: c.token, sort: .deadline) == nil, "a cursor belongs to its sort order")
        #expect(InboxCursor(token: "not base64 !", sort: .newest) == nil)
        let injected = Data("newest|x' OR 1=1 --|id".utf8).base64EncodedString()
        #expect(InboxCursor(token: injected, sort: .newest) == nil)
        let q = InboxQuery(parameters: ["after": c.token], me: "m", today: "2027-01-01")
        #expect(q.after == c)
    }
}

@Suite struct AuditChainTests {
    let key = P256.Signing.PrivateKey()

    func chain(_ n: Int) -> [AuditEntry] {
        var out: [AuditEntry] = []
        var prev = AuditChain.genesis
        for seq in 1...n {
            let e = AuditChain.entry(
                chain: "auth-1", seq: seq, at: "2027-01-0\(seq % 9 + 1)T00:00:00Z", actor: "clerk-\(seq % 3)",
                action: seq % 2 == 0 ? "case.opened" : "case.decided", caseID: "case-\(seq)", detail: "d\(seq)",
                prev: prev)
            out.append(e)
            prev = e.hash
        }
        return out
    }

    @Test func cleanChainVerifies() {
        #expect(AuditChain.verify(chain: "auth-1", entries: chain(20), checkpoints: [], keys: [key.publicKey]) == nil)
        #expect(AuditChain.verify(chain: "auth-1", entries: [], checkpoints: [], keys: []) == nil)
    }

    @Test func namesTheFirstAlteredEntry() {
        var entries = chain(20)
        entries[6].detail = "changed by hand"
        let broken = AuditChain.verify(chain: "auth-1", entries: entries, checkpoints: [], keys: [])
        #expect(broken?.seq == 7)
        #expect(broken?.reason == "content altered")
    }

    @Test func aRemovedEntryOrRehashedEntryBreaksTheLink() {
        var entries = chain(10)
        entries.remove(at: 4)
        #expect(AuditChain.verify(chain: "auth-1", entries: entries, checkpoints: [], keys: [])?.seq == 5)
        var rehashed = chain(10)
        rehashed[3].actor = "someone else"
        rehashed[3].hash = AuditChain.digest(
            chain: "auth-1", seq: 4, at: rehashed[3].at, actor: rehashed[3].actor, action: rehashed[3].action,
            caseID: rehashed[3].caseID, detail: rehashed[3].detail, prev: rehashed[3].prevHash)
        #expect(AuditChain.verify(chain: "auth-1", entries: rehashed, checkpoints: [], keys: [])?.seq == 5)
    }

    @Test func prunedChainVerifiesFromASignedCheckpoint() throws {
        let entries = chain(20)
        let checkpoint = try AuditChain.sign(
            chain: "auth-1", seq: 8, hash: entries[7].hash, at: "2029-01-01T00:00:00Z", key: key)
        let rest = Array(entries.dropFirst(8))
        #expect(
            AuditChain.verify(chain: "auth-1", entries: rest, checkpoints: [checkpoint], keys: [key.publicKey]) == nil)
        // Without the checkpoint the first entry is unanchored.
        #expect(AuditChain.verify(chain: "auth-1", entries: rest, checkpoints: [], keys: [key.publicKey])?.seq == 9)
        // A checkpoint signed by another key is not accepted.
        let forged = try AuditChain.sign(
            chain: "auth-1", seq: 8, hash: entries[7].hash, at: "2029-01-01T00:00:00Z", key: P256.Signing.PrivateKey())
        #expect(AuditChain.verify(chain: "auth-1", entries: rest, checkpoints: [forged], keys: [key.publicKey]) != nil)
        // A checkpoint whose hash was changed by hand fails its signature.
        var altered = checkpoint
        altered.hash = AuditChain.genesis
        #expect(
            AuditChain.verify(chain: "auth-1", entries: rest, checkpoints: [altered], keys: [key.publicKey])?.reason
                == "checkpoint signature invalid")
    }

    @Test func aRewrittenChainDisagreesWithItsCheckpoint() throws {
        let entries = chain(10)
        let checkpoint = try AuditChain.sign(chain: "auth-1", seq: 5, hash: entries[4].hash, at: "x", key: key)
        // Rewrite everything from entry 3 on consistently: the chain links, but not to the checkpoint.
        var rewritten = Array(entries.prefix(2))
        var prev = entries[1].hash
        for e in entries.dropFirst(2) {
            let n = AuditChain.entry(
                chain: e.chain, seq: e.seq, at: e.at, actor: e.actor, action: e.action, caseID: e.caseID,
                detail: e.seq == 3 ? "rewritten" : e.detail, prev: prev)
            rewritten.append(n)
            prev = n.hash
        }
        let broken = AuditChain.verify(
            chain: "auth-1", entries: rewritten, checkpoints: [checkpoint], keys: [key.publicKey])
        #expect(broken?.seq == 5)
        #expect(broken?.reason == "differs from signed checkpoint")
    }
}

@Suite struct CaseArchiveTests {
    func sample() -> (CaseExport, [String: Data]) {
        let doc = Data("%PDF-1.7 Nachweis über Einkommen – Müller".utf8)
        let note = Data("Vermerk: Unterlagen vollständig.".utf8)
        let sha = { (d: Data) in AuditChain.hex(SHA256.hash(data: d)) }
        let export = CaseExport(
            metadata: .init(
                id: "c-1", number: "2027-000001", authorityID: "ags-16051000", authorityName: "Stadt Erfurt",
                leika: "99050012104000", serviceName: "Bewohnerparkausweis", status: .closed, channel: .online,
                applicantName: "Erika Müller", receivedAt: "2027-01-01T10:00:00.000Z", deadline: "2027-04-01",
                closedAt: "2027-01-20T10:00:00.000Z",
                decision: Decision(outcome: .approved, reasons: "", decidedBy: "clerk-1", decidedAt: "2027-01-19"),
                processID: DefaultProcess.id, processVersion: 1),
            submission: .init(
                reference: "A-1", formID: "F123", formVersion: "1.0", submittedAt: "2027-01-01T10:00:00.000Z",
                contentHash: "abc", data: #"{"name":"Müller"}"#),
            documents: [
                .init(
                    id: "d-1", title: "Einkommensnachweis", kind: "upload", version: 1, filename: "Nachweis Müller.pdf",
                    contentType: "application/pdf", sha256: sha(doc), author: "acc-1", createdAt: "2027-01-05"),
                .init(
                    id: "d-2", title: "Vermerk", kind: "note", version: 2, filename: "vermerk.txt",
                    contentType: "text/plain", sha256: sha(note), author: "clerk-1", createdAt: "2027-01-06"),
            ],
            history: [.init(seq: 1, at: "2027-01-01", actor: "system", kind: "opened", detail: "")],
            audit: [
                AuditChain.entry(
                    chain: "ags-16051000", seq: 1, at: "2027-01-02", actor: "clerk-1", action: "case.opened",
                    caseID: "c-1", detail: "", prev: AuditChain.genesis)
            ])
        return (export, ["d-1#1": doc, "d-2#2": note])
    }

    @Test func roundTrip() throws {
        let (export, docs) = sample()
        let zip = try CaseArchive.write(export, documents: docs, created: "2027-02-01T00:00:00Z")
        let (back, backDocs) = try CaseArchive.read(zip)
        #expect(back == export)
        #expect(backDocs == docs)
    }

    @Test func aChangedEntryIsRefused() throws {
        let (export, docs) = sample()
        var tampered = docs
        tampered["d-1#1"] = Data("%PDF forged".utf8)
        // Writing with bytes that do not match the recorded hash yields an archive that does not read.
        let zip = try CaseArchive.write(export, documents: tampered, created: "x")
        #expect(throws: CaseArchiveError.self) { try CaseArchive.read(zip) }
        #expect(throws: CaseArchiveError.notAnArchive) { try CaseArchive.read(Data("no zip".utf8)) }
    }

    @Test func fileNamesAreSafe() {
        #expect(CaseArchive.safeName("../../etc/passwd") == ".._.._etc_passwd")
        #expect(CaseArchive.safeName("Nachweis Müller.pdf") == "Nachweis_M_ller.pdf")
        #expect(CaseArchive.safeName("") == "dokument")
    }
}

@Suite struct CaseInputTests {
    @Test func decisionsNeedReasonsUnlessGrantedInFull() {
        #expect(CaseInput.decision(outcome: "approved", reasons: "").1.isEmpty)
        #expect(
            CaseInput.decision(outcome: "rejected", reasons: "  ").1 == [
                .init(field: "reasons", key: "case_error_reasons")
            ])
        #expect(CaseInput.decision(outcome: "maybe", reasons: "x").1.first?.field == "outcome")
    }

    @Test func documentRequestsNeedTextAndAReasonableDeadline() {
        #expect(CaseInput.documentRequest(text: "Mietvertrag", days: "14").0 == 14)
        #expect(CaseInput.documentRequest(text: "", days: "14").1.map(\.field) == ["request"])
        #expect(CaseInput.documentRequest(text: "x", days: "3").1.map(\.field) == ["days"])
        #expect(CaseInput.documentRequest(text: "x", days: "zwei").1.map(\.field) == ["days"])
    }

    @Test func retentionCountsFromTheEndOfTheClosingYear() throws {
        let closed = try #require(CivilDate(iso: "2027-03-15"))
        #expect(RetentionPolicy.standard.expiry(closedOn: closed).iso == "2033-12-31")
        #expect(RetentionPolicy(years: 0, offerToArchive: false).expiry(closedOn: closed).iso == "2027-12-31")
    }
}

@Suite struct AutomationTests {
    let policy = AutomationPolicy(leika: "99107023037000", legalBasis: "§ 35a VwVfG", sampleShare: 0.05, seed: 42)

    @Test func automaticOnlyWithBasisVerifiedDataNoFreeTextAndAResult() {
        #expect(
            AutomaticDecision.route(
                policy: nil, caseID: "c", verified: true, freeText: false, needsJudgement: false, hasResult: true)
                == .clerk([.noLegalBasis]))
        #expect(
            AutomaticDecision.route(
                policy: policy, caseID: "c", verified: false, freeText: true, needsJudgement: false, hasResult: true)
                == .clerk([.notVerified, .freeText]))
        guard
            case .automatic = AutomaticDecision.route(
                policy: policy, caseID: "c", verified: true, freeText: false, needsJudgement: false, hasResult: true)
        else {
            Issue.record("expected automatic")
            return
        }
    }

    @Test func sharesOfNoneAllAndSomeAreReproducible() {
        let ids = (0..<2000).map { "case-\($0)" }
        #expect(ids.allSatisfy { !SampleDraw.draw(seed: 1, caseID: $0, share: 0) })
        #expect(ids.allSatisfy { SampleDraw.draw(seed: 1, caseID: $0, share: 1) })
        let drawn = ids.filter { SampleDraw.draw(seed: 7, caseID: $0, share: 0.05) }
        #expect((60...140).contains(drawn.count), "about 5 % of 2000: \(drawn.count)")
        #expect(drawn == ids.filter { SampleDraw.draw(seed: 7, caseID: $0, share: 0.05) }, "same seed, same cases")
        #expect(drawn == ids.reversed().filter { SampleDraw.draw(seed: 7, caseID: $0, share: 0.05) }.reversed())
        #expect(drawn != ids.filter { SampleDraw.draw(seed: 8, caseID: $0, share: 0.05) }, "another seed, other cases")
    }
}
