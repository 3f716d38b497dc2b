import Foundation
import Synchronization

/// Sessions this node has validated recently, so that a clerk's next click does not have to read
/// the session again: on PostgreSQL that read was a third of the database's work per inbox page and
/// a sixth of the server's (decision 0007).
///
/// It is only used while the node hears every change to sessions, accounts and staff roles:
/// database triggers send them with `NOTIFY` (migration 21), a listener on each node evicts what
/// changed. While the listener is down the cache is empty and unused, so a node never accepts a
/// session that another node has ended, except for the moment the notification is on its way.
/// SQLite (one node, and the session read is in-process) never enables it.
///
/// An entry is used for at most `lifetime` seconds after it was read, and never once the idle
/// timer in the database is due to be touched again (see `AccountStore.session(token:)`), so
/// idle and absolute timeouts work as before.
public final class SessionCache: Sendable {
    public struct Entry: Sendable, Equatable {
        public var session: AccountStore.Session
        /// `last_seen_at` as the database had it (or as this node wrote it).
        public var lastSeen: Date
        /// When this node read it.
        public var readAt: Date
    }

    /// A read that may be cached: the cache's generation when the read began. Any eviction in
    /// between makes the read too old to be stored.
    public struct Ticket: Sendable, Equatable {
        let generation: UInt64
    }

    /// The channel the triggers notify and the listeners listen on.
    public static let channel = "amtsweg_sessions"

    public let lifetime: TimeInterval
    public let capacity: Int

    private struct State {
        var live = false
        var generation: UInt64 = 0
        var entries: [String: Entry] = [:]
    }
    private let state = Mutex(State())

    public init(lifetime: TimeInterval = 30, capacity: Int = 50_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Whether the cache is in use (the node is listening for changes).
    public var isLive: Bool { state.withLock { $0.live } }

    /// The entry for a token hash, if it is young enough.
    public func entry(_ tokenHash: String, now: Date) -> Entry? {
        state.withLock { s in
            guard s.live, let entry = s.entries[tokenHash] else { return nil }
            guard now >= entry.readAt, now.timeIntervalSince(entry.readAt) < lifetime else {
                s.entries[tokenHash] = nil
                return nil
            }
            return entry
        }
    }

    /// Call before reading a session from the database; nil while the cache is not in use.
    public func ticket() -> Ticket? {
        state.withLock { s in s.live ? Ticket(generation: s.generation) : nil }
    }

    /// Stores what a read found, unless something was evicted since its ticket was taken.
    public func store(_ tokenHash: String, _ entry: Entry, ticket: Ticket) {
        state.withLock { s in
            guard s.live, s.generation == ticket.generation else { return }
            if s.entries.count >= capacity, s.entries[tokenHash] == nil { s.entries.removeAll(keepingCapacity: true) }
            s.entries[tokenHash] = entry
        }
    }

    /// Forgets one session (this node ended it or saw it change).
    public func evict(tokenHash: String) {
        state.withLock { s in
            s.generation &+= 1
            s.entries[tokenHash] = nil
        }
    }

    /// Forgets every session of an account (its account or staff row changed).
    public func evict(accountID: String) {
        state.withLock { s in
            s.generation &+= 1
            s.entries = s.entries.filter { $0.value.session.account.id != accountID }
        }
    }

    /// A notification's payload: `t:<token hash>` or `a:<account id>`. Anything else empties the cache.
    public func apply(notification payload: String) {
        if payload.hasPrefix("t:") {
            evict(tokenHash: String(payload.dropFirst(2)))
        } else if payload.hasPrefix("a:") {
            evict(accountID: String(payload.dropFirst(2)))
        } else {
            state.withLock { s in
                s.generation &+= 1
                s.entries.removeAll()
            }
        }
    }

    /// The listener started (after its `LISTEN` took effect) or stopped. Either way the cache
    /// starts empty: while nobody listened, changes may have been missed.
    public func setLive(_ live: Bool) {
        state.withLock { s in
            s.live = live
            s.generation &+= 1
            s.entries.removeAll()
        }
    }

    public var count: Int { state.withLock { $0.entries.count } }
}
