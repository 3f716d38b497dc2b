import Accounts
import Foundation
import SQLKit
import Testing

@testable import Storage

@Suite("Session cache")
struct SessionCacheTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func entry(_ account: String, at date: Date = start) -> SessionCache.Entry {
        SessionCache.Entry(
            session: AccountStore.Session(
                account: AccountStore.Account(
                    id: account, kind: .staff, displayName: account, subject: nil, email: nil, createdAt: "x"),
                level: .substantial, createdAt: date, expiresAt: date.addingTimeInterval(3600),
                authorityID: "th-stadt-16053", roles: [.clerk]),
            lastSeen: date, readAt: date)
    }

    @Test("Unused until live; a read that an eviction overtook is not stored; entries expire; payloads evict")
    func rules() {
        let cache = SessionCache(lifetime: 30, capacity: 3)
        let t0 = Self.start
        #expect(cache.ticket() == nil)
        cache.setLive(true)
        let ticket = try! #require(cache.ticket())
        cache.store("h1", Self.entry("a1"), ticket: ticket)
        #expect(cache.entry("h1", now: t0)?.session.account.id == "a1")
        #expect(cache.entry("h1", now: t0.addingTimeInterval(29))?.session.account.id == "a1")
        #expect(cache.entry("h1", now: t0.addingTimeInterval(30)) == nil)
        #expect(cache.entry("h1", now: t0) == nil, "an expired entry is gone")

        // A read began, then another node ended some session: the read's result is not kept.
        let stale = try! #require(cache.ticket())
        cache.apply(notification: "t:unrelated")
        cache.store("h2", Self.entry("a2"), ticket: stale)
        #expect(cache.entry("h2", now: t0) == nil)

        let fresh = try! #require(cache.ticket())
        cache.store("h2", Self.entry("a2"), ticket: fresh)
        cache.store("h3", Self.entry("a2"), ticket: fresh)
        cache.store("h4", Self.entry("a4"), ticket: fresh)
        cache.apply(notification: "a:a2")
        #expect(cache.entry("h2", now: t0) == nil && cache.entry("h3", now: t0) == nil)
        #expect(cache.entry("h4", now: t0) != nil)
        cache.apply(notification: "t:h4")
        #expect(cache.entry("h4", now: t0) == nil)

        // A clock that went back does not make an entry young again.
        let again = try! #require(cache.ticket())
        cache.store("h5", Self.entry("a5"), ticket: again)
        #expect(cache.entry("h5", now: t0.addingTimeInterval(-1)) == nil)

        // Bounded: a full cache starts over.
        let more = try! #require(cache.ticket())
        for i in 0..<5 { cache.store("k\(i)", Self.entry("b\(i)"), ticket: more) }
        #expect(cache.count <= 3)

        // Losing the listener empties and disables it; an unknown payload empties it.
        cache.setLive(false)
        #expect(cache.count == 0 && cache.ticket() == nil && cache.entry("k4", now: t0) == nil)
        cache.setLive(true)
        let last = try! #require(cache.ticket())
        cache.store("z", Self.entry("z"), ticket: last)
        cache.apply(notification: "?")
        #expect(cache.count == 0)
    }

    @Test("SQLite: one node, the cache stays off and every request reads the session")
    func offOnSQLite() async throws {
        try await withDatabase(.sqlite) { database, _ in
            let store = AccountStore(database: database, clock: ManualClock(Self.start))
            let account = try await store.citizen(subject: "test:cache", displayName: "C")
            let token = try await store.startSession(accountID: account.id, level: .low, replacing: nil)
            #expect(try await store.session(token: token) != nil)
            #expect(!database.sessionCache.isLive && database.sessionCache.count == 0)
        }
    }

    /// Polls until `condition` holds (the notification is on its way), for at most 10 s.
    static func eventually(_ what: Comment, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<200 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record(what)
    }

    @Test(
        "PostgreSQL, two nodes: a sign-out, a role change, a hand-written DELETE and a citizen's deletion on one node end the cached session on the other",
        arguments: Backend.all.filter { $0 == .postgres })
    func twoNodes(backend: Backend) async throws {
        try await withDatabase(backend) { nodeA, test in
            let nodeB = try await test.open(migrate: false)
            do {
                // The injected clock stands still: nothing here expires by age, only by notification.
                let clock = ManualClock(Self.start)
                let a = AccountStore(database: nodeA, clock: clock)
                let b = AccountStore(database: nodeB, clock: clock)
                try await Self.eventually("node B's listener started") { nodeB.sessionCache.isLive }

                let citizen = try await a.citizen(subject: "test:two-nodes", displayName: "Z")
                let token = try await a.startSession(accountID: citizen.id, level: .substantial, replacing: nil)
                #expect(try await b.session(token: token)?.account.id == citizen.id)
                #expect(nodeB.sessionCache.count == 1)

                // Without the trigger node B would keep accepting a session that is gone: the
                // cache is really used, and the trigger is what keeps it right.
                try await nodeA.transaction { db in
                    try await db.raw("ALTER TABLE sessions DISABLE TRIGGER sessions_changed").run()
                    try await db.raw("DELETE FROM sessions WHERE token_hash <> ''").run()
                    try await db.raw("ALTER TABLE sessions ENABLE TRIGGER sessions_changed").run()
                }
                #expect(try await b.session(token: token) != nil, "served from node B's cache")
                nodeB.sessionCache.apply(notification: "?")
                #expect(try await b.session(token: token) == nil)

                // Sign-out on node A.
                let second = try await a.startSession(accountID: citizen.id, level: .substantial, replacing: nil)
                #expect(try await b.session(token: second) != nil)
                try await a.endSession(token: second)
                try await Self.eventually("node B saw the sign-out") { try await b.session(token: second) == nil }

                // A role change of a clerk on node A.
                let clerk = try await a.createStaff(
                    email: "clerk@example.org", displayName: "Clerk", authorityID: "th-stadt-16053", roles: [.clerk],
                    passwordHash: "x", totpSecret: "x")
                let staffToken = try await a.startSession(accountID: clerk.id, level: .substantial, replacing: nil)
                #expect(try await b.session(token: staffToken)?.roles == [.clerk])
                #expect(
                    try await a.setStaffRoles([.clerk, .teamLead], of: clerk.id, in: "th-stadt-16053", by: clerk.id))
                try await Self.eventually("node B saw the new roles") {
                    try await b.session(token: staffToken)?.roles == [.clerk, .teamLead]
                }

                // Plain SQL, as the maintenance job or an operator would write it.
                #expect(try await b.session(token: staffToken) != nil)
                try await nodeA.transaction { db in
                    try await db.raw("DELETE FROM sessions WHERE account_id = \(bind: clerk.id)").run()
                }
                try await Self.eventually("node B saw the DELETE") { try await b.session(token: staffToken) == nil }

                // The listener's connection is killed: node B reads from the database until it is
                // back, then caches again, and still hears changes.
                let third = try await a.startSession(accountID: citizen.id, level: .substantial, replacing: nil)
                #expect(try await b.session(token: third) != nil)
                #expect(nodeB.sessionCache.count == 1)
                try await nodeA.read { db in
                    try await db.raw(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'"
                    ).run()
                }
                try await Self.eventually("the cache was emptied") { nodeB.sessionCache.count == 0 }
                try await Self.eventually("node B listens again") { nodeB.sessionCache.isLive }
                #expect(try await b.session(token: third) != nil)
                #expect(nodeB.sessionCache.count == 1)
                try await a.deleteCitizen(accountID: citizen.id)
                try await Self.eventually("node B saw the account's deletion") {
                    try await b.session(token: third) == nil
                }
            } catch {
                await nodeB.close()
                throw error
            }
            await nodeB.close()
        }
    }
}
