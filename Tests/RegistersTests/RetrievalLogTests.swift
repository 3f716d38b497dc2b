import Crypto
import Foundation
import Testing

@testable import Registers

@Suite struct RetrievalLogTests {
    static let day: TimeInterval = 86_400

    func draft(
        _ n: Int, subject: String = "account:a-1", daysAgo: Double, authority: String = "wohngeld-jena",
        register: RegisterID = .melderegister
    ) -> RetrievalRecord {
        RetrievalRecord(
            id: "r-\(subject)-\(n)", subject: subject, at: T.t0.addingTimeInterval(-daysAgo * Self.day),
            authorityID: authority, authorityName: authority == "wohngeld-jena" ? "Stadt Jena" : "Landratsamt",
            clerkID: n % 2 == 0 ? "u-1" : nil, clerkName: n % 2 == 0 ? "K. S." : nil, register: register,
            registerName: "Melderegister", issuer: "Stadt Jena (Meldebehörde)", categories: [.name, .address],
            serviceID: "99107004000000", serviceName: "Wohngeld", caseNumber: n % 3 == 0 ? nil : "WG-\(n)",
            purpose: "Wohngeld", legalBasis: "§ 34 BMG", outcome: .delivered)
    }

    func chain(subject: String = "account:a-1", days: [Double]) -> [RetrievalRecord] {
        RetrievalLog.chain(days.enumerated().map { draft($0.offset + 1, subject: subject, daysAgo: $0.element) })
    }

    @Test func aSealedChainVerifies() {
        let c = chain(days: [900, 800, 400, 10, 1])
        #expect(c.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(c[0].prevHash == RetrievalLog.genesis)
        #expect(c[1].prevHash == c[0].hash)
        #expect(c.allSatisfy { $0.isSealed })
        #expect(RetrievalLog.verify(c) == nil)
        // Appending after the tail continues the chain.
        let next = RetrievalLog.seal(draft(6, daysAgo: 0), after: RetrievalLog.Tail(c[4]))
        #expect(RetrievalLog.verify(c + [next]) == nil)
    }

    @Test func anAlteredRecordIsNamed() {
        var c = chain(days: [5, 4, 3, 2, 1])
        c[2].categories = [.name, .address, .household]
        let b = RetrievalLog.verify(c)
        #expect(b?.seq == 3)
        #expect(b?.recordID == c[2].id)
        #expect(b?.reason == "content altered")

        var d = chain(days: [5, 4, 3])
        d[1].at = d[1].at.addingTimeInterval(1)
        #expect(RetrievalLog.verify(d)?.seq == 2)

        var e = chain(days: [5, 4, 3])
        e[2].clerkName = "Jemand"
        #expect(RetrievalLog.verify(e)?.seq == 3)
    }

    @Test func aRemovedRecordIsNamed() {
        var c = chain(days: [5, 4, 3, 2, 1])
        c.remove(at: 2)
        let b = RetrievalLog.verify(c)
        #expect(b?.seq == 3)
        #expect(b?.reason == "record missing or out of order")
        // Removing the first record (without a checkpoint) breaks the chain too.
        let headless = Array(chain(days: [5, 4, 3]).dropFirst())
        #expect(RetrievalLog.verify(headless)?.reason == "chain does not start at record 1")
        // Even a renumbered and relinked record does not hash to the next one's link.
        var relinked = chain(days: [5, 4, 3, 2])
        relinked.remove(at: 1)
        relinked[1].seq = 2
        #expect(RetrievalLog.verify(relinked)?.seq == 2)
    }

    @Test func reorderedRecordsAreNamed() {
        var c = chain(days: [5, 4, 3, 2, 1])
        c.swapAt(1, 3)
        let b = RetrievalLog.verify(c)
        #expect(b?.seq == 2)
        #expect(b?.recordID == c[1].id)
    }

    @Test func aRecordOfAnotherSubjectBreaksTheChain() {
        var c = chain(days: [3, 2, 1])
        var foreign = chain(subject: "account:b-2", days: [3, 2, 1])[1]
        foreign.seq = 2
        c[1] = foreign
        #expect(RetrievalLog.verify(c)?.reason == "record of another subject")
    }

    @Test func theCockpitListsNewestFirstByPeriodAndAuthority() {
        let drafts = [
            draft(1, daysAgo: 30), draft(2, daysAgo: 20, authority: "lra-ik"), draft(3, daysAgo: 10),
            draft(4, daysAgo: 5, authority: "lra-ik"), draft(5, daysAgo: 1),
        ]
        let c = RetrievalLog.chain(drafts)
        #expect(RetrievalLog.filter(c).map(\.seq) == [5, 4, 3, 2, 1])
        #expect(RetrievalLog.filter(c.shuffled()).map(\.seq) == [5, 4, 3, 2, 1])
        #expect(RetrievalLog.filter(c, authority: "lra-ik").map(\.seq) == [4, 2])
        let from = T.t0.addingTimeInterval(-20 * Self.day)
        let to = T.t0.addingTimeInterval(-5 * Self.day)
        #expect(RetrievalLog.filter(c, from: from, to: to).map(\.seq) == [3, 2], "from inclusive, to exclusive")
        #expect(RetrievalLog.filter(c, from: from, to: to, authority: "lra-ik").map(\.seq) == [2])
        #expect(RetrievalLog.filter(c, from: T.t0).isEmpty)
    }

    @Test func theExportHoldsOnlyTheSubjectsRecordsAndVerifies() throws {
        let mine = chain(subject: "account:a-1", days: [3, 2, 1])
        let theirs = chain(subject: "account:b-2", days: [3, 2])
        let data = try RetrievalLog.exportJSON(
            (mine + theirs).shuffled(), subject: "account:a-1", generatedAt: T.t0)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("account:b-2"))
        #expect(text.contains("\"legalBasis\" : \"Art. 15 DSGVO\""))
        #expect(text.contains("\"address\" : \"Anschrift\""))
        #expect(text.contains("2026-02-28T00:00:00.000Z"))
        let back = try RetrievalLog.decodeExport(data)
        #expect(back.subject == "account:a-1")
        #expect(back.records == mine)
        #expect(RetrievalLog.verify(back.records) == nil)
        // An export is deterministic.
        #expect(try RetrievalLog.exportJSON(mine + theirs, subject: "account:a-1", generatedAt: T.t0) == data)
    }

    @Test func retentionDeletesAfterTwoYearsBehindASignedCheckpoint() throws {
        let key = P256.Signing.PrivateKey()
        let c = chain(days: [900, 800, 729, 400, 1])
        let expired = RetrievalLog.expired(c, now: T.t0)
        #expect(expired.map(\.seq) == [1, 2])
        #expect(RetrievalLog.expired(c, now: T.t0, years: 1).map(\.seq) == [1, 2, 3, 4])
        let p = try RetrievalLog.prune(c, now: T.t0, key: key)
        #expect(p.delete.map(\.seq) == [1, 2])
        #expect(p.keep.map(\.seq) == [3, 4, 5])
        let checkpoint = try #require(p.checkpoint)
        #expect(checkpoint.seq == 2 && checkpoint.hash == c[1].hash && checkpoint.subject == "account:a-1")
        #expect(RetrievalLog.verify(p.keep, anchor: checkpoint, keys: [key.publicKey]) == nil)
        // Without a valid signature the remainder does not verify.
        #expect(RetrievalLog.verify(p.keep, anchor: checkpoint, keys: [P256.Signing.PrivateKey().publicKey]) != nil)
        #expect(RetrievalLog.verify(p.keep)?.reason == "chain does not start at record 1")
        var forged = checkpoint
        forged.seq = 1
        #expect(RetrievalLog.verify(p.keep, anchor: forged, keys: [key.publicKey])?.reason == "checkpoint invalid")
        // The export carries the anchor and verifies on its own.
        let data = try RetrievalLog.exportJSON(p.keep, subject: "account:a-1", anchor: checkpoint, generatedAt: T.t0)
        let back = try RetrievalLog.decodeExport(data)
        #expect(back.anchor == checkpoint)
        #expect(RetrievalLog.verify(back.records, anchor: back.anchor, keys: [key.publicKey]) == nil)
        // The chain continues after the remainder, and after the checkpoint when everything is gone.
        let later = RetrievalLog.seal(draft(9, daysAgo: 0), after: RetrievalLog.Tail(p.keep[2]))
        #expect(RetrievalLog.verify(p.keep + [later], anchor: checkpoint, keys: [key.publicKey]) == nil)
        let fresh = RetrievalLog.seal(draft(10, daysAgo: 0), after: RetrievalLog.Tail(checkpoint))
        #expect(fresh.seq == 3)
        #expect(RetrievalLog.verify([fresh], anchor: checkpoint, keys: [key.publicKey]) == nil)
    }

    @Test func pruningStopsAtTheFirstRecordStillKept() throws {
        // A clock step back: record 2 is newer than record 3. Deletion keeps the chain whole.
        let c = chain(days: [900, 10, 800])
        #expect(RetrievalLog.expired(c, now: T.t0).map(\.seq) == [1, 3])
        let p = try RetrievalLog.prune(c, now: T.t0, key: P256.Signing.PrivateKey())
        #expect(p.delete.map(\.seq) == [1])
        #expect(try RetrievalLog.prune(chain(days: [5]), now: T.t0, key: P256.Signing.PrivateKey()).checkpoint == nil)
    }

    @Test func subjectKeys() {
        let pepper = SymmetricKey(data: Data(repeating: 1, count: 32))
        let a = RetrievalSubject.person(registerID: "57128043652", pepper: pepper)
        #expect(a == RetrievalSubject.person(registerID: "57128043652", pepper: pepper))
        #expect(a != RetrievalSubject.person(registerID: "57128043653", pepper: pepper))
        #expect(a != RetrievalSubject.person(registerID: "57128043652", pepper: SymmetricKey(size: .bits256)))
        #expect(a.hasPrefix("person:") && a.count == 7 + 64)
        #expect(
            RetrievalSubject.organisation(registergericht: "AG Jena", registernummer: "hrb501234")
                == "organisation:jena:HRB 501234")
    }
}
