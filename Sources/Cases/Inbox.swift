import Foundation
import Signing

/// What a clerk asks of the inbox: filters, one sort order, a page. Read from the query string;
/// anything unknown falls back to the default rather than failing.
public struct InboxQuery: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        /// Newest first (the default).
        case newest
        /// Oldest first: the age of a case.
        case oldest
        /// The nearest deadline first; overdue cases lead.
        case deadline
    }

    public enum Assignee: Sendable, Equatable {
        case anyone
        case unassigned
        case account(String)
    }

    /// Open cases (the default), closed ones, or one status.
    public enum StatusFilter: Sendable, Equatable {
        case open
        case closed
        case status(CaseStatus)
    }

    public var status: StatusFilter = .open
    public var service: String?
    public var assignee: Assignee = .anyone
    public var team: String?
    /// Only cases past their deadline (requires open cases).
    public var overdueOn: String?
    public var sort: Sort = .newest
    public var after: InboxCursor?
    public var limit: Int = 25

    public static let maxLimit = 100

    public init() {}

    /// Reads `status`, `service`, `assignee` (`me`, `none`, an account id), `team`, `overdue=1`,
    /// `sort`, `after` and `limit`. `me` is the signed-in clerk; `today` is the authority's date.
    public init(parameters: [String: String], me: String, today: String) {
        switch parameters["status"] ?? "" {
        case "", "open": status = .open
        case "closed": status = .closed
        case let raw: status = CaseStatus(rawValue: raw).map { .status($0) } ?? .open
        }
        if let s = parameters["service"], !s.isEmpty, s.count <= 64, s.allSatisfy({ $0.isNumber }) { service = s }
        switch parameters["assignee"] ?? "" {
        case "": assignee = .anyone
        case "me": assignee = .account(me)
        case "none": assignee = .unassigned
        case let id where id.count <= 64 && id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }):
            assignee = .account(id)
        default: assignee = .anyone
        }
        if let t = parameters["team"], !t.isEmpty, t.count <= 64 { team = t }
        if parameters["overdue"] == "1" {
            overdueOn = today
            if case .closed = status { status = .open }
        }
        sort = parameters["sort"].flatMap(Sort.init(rawValue:)) ?? .newest
        after = parameters["after"].flatMap { InboxCursor(token: $0, sort: sort) }
        if let l = parameters["limit"].flatMap(Int.init) { limit = min(max(l, 1), Self.maxLimit) }
    }

    /// The query string of this query without the cursor (for links that keep the filters).
    public var parameters: [(String, String)] {
        var out: [(String, String)] = []
        switch status {
        case .open: break
        case .closed: out.append(("status", "closed"))
        case .status(let s): out.append(("status", s.rawValue))
        }
        if let service { out.append(("service", service)) }
        switch assignee {
        case .anyone: break
        case .unassigned: out.append(("assignee", "none"))
        case .account(let id): out.append(("assignee", id))
        }
        if let team { out.append(("team", team)) }
        if overdueOn != nil { out.append(("overdue", "1")) }
        if sort != .newest { out.append(("sort", sort.rawValue)) }
        return out
    }
}

/// The keyset position after the last row of a page: the sort key and the case id (unique),
/// so a page is an index range scan however deep it is, and rows added meanwhile do not shift
/// the pages. Opaque to the browser: `<sort>.<key>.<id>` in base64url.
public struct InboxCursor: Sendable, Equatable {
    public let sort: InboxQuery.Sort
    /// `received_at` (a timestamp) or `deadline` (a date).
    public let key: String
    public let id: String

    public init(sort: InboxQuery.Sort, key: String, id: String) {
        self.sort = sort
        self.key = key
        self.id = id
    }

    public var token: String { Base64URL.encode(Data("\(sort.rawValue)|\(key)|\(id)".utf8)) }

    /// nil for anything that is not a cursor of this sort order (a stale or forged link starts over).
    public init?(token: String, sort: InboxQuery.Sort) {
        guard token.count <= 256 else { return nil }
        guard let data = Base64URL.decode(token), let text = String(data: data, encoding: .utf8) else { return nil }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts[0] == sort.rawValue, !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        let safe: (String) -> Bool = { s in
            s.count <= 64 && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-:.TZ".contains($0)) }
        }
        guard safe(parts[1]), safe(parts[2]) else { return nil }
        self.init(sort: sort, key: parts[1], id: parts[2])
    }
}
