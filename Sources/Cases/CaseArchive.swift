import Crypto
import Foundation
import ZIPFoundation

/// A whole case in open formats, for archiving and for moving to another system.
public struct CaseExport: Sendable, Codable, Equatable {
    public struct Metadata: Sendable, Codable, Equatable {
        public var id: String
        public var number: String
        public var authorityID: String
        public var authorityName: String
        public var leika: String
        public var serviceName: String
        public var status: CaseStatus
        public var channel: Channel
        public var applicantName: String
        public var receivedAt: String
        public var deadline: String
        public var closedAt: String?
        public var decision: Decision?
        public var processID: String?
        public var processVersion: Int?

        public init(
            id: String, number: String, authorityID: String, authorityName: String, leika: String,
            serviceName: String, status: CaseStatus, channel: Channel, applicantName: String, receivedAt: String,
            deadline: String, closedAt: String?, decision: Decision?, processID: String?, processVersion: Int?
        ) {
            self.id = id
            self.number = number
            self.authorityID = authorityID
            self.authorityName = authorityName
            self.leika = leika
            self.serviceName = serviceName
            self.status = status
            self.channel = channel
            self.applicantName = applicantName
            self.receivedAt = receivedAt
            self.deadline = deadline
            self.closedAt = closedAt
            self.decision = decision
            self.processID = processID
            self.processVersion = processVersion
        }
    }

    /// The submitted data as JSON and the FIM schema it follows.
    public struct Submission: Sendable, Codable, Equatable {
        public var reference: String
        public var formID: String
        public var formVersion: String
        public var submittedAt: String
        public var contentHash: String
        public var data: String

        public init(
            reference: String, formID: String, formVersion: String, submittedAt: String, contentHash: String,
            data: String
        ) {
            self.reference = reference
            self.formID = formID
            self.formVersion = formVersion
            self.submittedAt = submittedAt
            self.contentHash = contentHash
            self.data = data
        }
    }

    public struct Document: Sendable, Codable, Equatable {
        public var id: String
        public var title: String
        public var kind: String
        public var version: Int
        public var filename: String
        public var contentType: String
        public var sha256: String
        public var author: String
        public var createdAt: String

        public init(
            id: String, title: String, kind: String, version: Int, filename: String, contentType: String,
            sha256: String, author: String, createdAt: String
        ) {
            self.id = id
            self.title = title
            self.kind = kind
            self.version = version
            self.filename = filename
            self.contentType = contentType
            self.sha256 = sha256
            self.author = author
            self.createdAt = createdAt
        }

        /// The document's path inside the archive.
        public var path: String { "dokumente/\(id)-v\(version)-\(CaseArchive.safeName(filename))" }
    }

    public struct Event: Sendable, Codable, Equatable {
        public var seq: Int
        public var at: String
        public var actor: String
        public var kind: String
        public var detail: String

        public init(seq: Int, at: String, actor: String, kind: String, detail: String) {
            self.seq = seq
            self.at = at
            self.actor = actor
            self.kind = kind
            self.detail = detail
        }
    }

    public var metadata: Metadata
    public var submission: Submission?
    public var documents: [Document]
    public var history: [Event]
    public var audit: [AuditEntry]

    public init(
        metadata: Metadata, submission: Submission?, documents: [Document], history: [Event], audit: [AuditEntry]
    ) {
        self.metadata = metadata
        self.submission = submission
        self.documents = documents
        self.history = history
        self.audit = audit
    }
}

public enum CaseArchiveError: Error, Equatable, CustomStringConvertible {
    case notAnArchive
    case missing(String)
    case hashMismatch(String)
    case unsupportedFormat(String)

    public var description: String {
        switch self {
        case .notAnArchive: "not a case archive (ZIP)"
        case .missing(let p): "the archive lacks \(p)"
        case .hashMismatch(let p): "\(p) does not match its SHA-256 in the manifest"
        case .unsupportedFormat(let f): "unsupported archive format \(f)"
        }
    }
}

/// The export ZIP: `vorgang.json` (metadata), `antrag.json` (the submitted data with its FIM schema
/// reference), `dokumente/…` (every version of every document), `verlauf.json` (history),
/// `protokoll.json` (the audit excerpt of the case), `manifest.json` (format, SHA-256 of every
/// entry) and `xdomea.xml` (an index after the xdomea structure: file, case, documents with hashes;
/// a guide for the archive, not a schema-valid xdomea message).
public enum CaseArchive {
    public static let format = "amtsweg-case/1"

    struct Manifest: Codable {
        var format: String
        var created: String
        var files: [String: String]
    }

    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return e
    }

    public static func write(_ export: CaseExport, documents: [String: Data], created: String) throws -> Data {
        let archive = try Archive(accessMode: .create)
        var files: [String: String] = [:]
        func add(_ path: String, _ data: Data) throws {
            files[path] = AuditChain.hex(SHA256.hash(data: data))
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count),
                modificationDate: Date(timeIntervalSince1970: 0),
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let e = encoder()
        try add("vorgang.json", try e.encode(export.metadata))
        if let submission = export.submission { try add("antrag.json", try e.encode(submission)) }
        try add("dokumente.json", try e.encode(export.documents))
        for document in export.documents {
            guard let data = documents[document.id + "#\(document.version)"] else {
                throw CaseArchiveError.missing(document.path)
            }
            try add(document.path, data)
        }
        try add("verlauf.json", try e.encode(export.history))
        try add("protokoll.json", try e.encode(export.audit))
        try add("xdomea.xml", Data(xdomeaIndex(export).utf8))
        try add("manifest.json", try e.encode(Manifest(format: format, created: created, files: files)))
        guard let data = archive.data else { throw CaseArchiveError.notAnArchive }
        return data
    }

    /// Reads an export back; every entry is checked against the manifest's hash, and each document
    /// against its own SHA-256.
    public static func read(_ data: Data) throws -> (CaseExport, documents: [String: Data]) {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read, pathEncoding: nil) } catch {
            throw CaseArchiveError.notAnArchive
        }
        func entry(_ path: String) throws -> Data {
            guard let entry = archive[path] else { throw CaseArchiveError.missing(path) }
            guard entry.uncompressedSize <= 512 * 1024 * 1024 else { throw CaseArchiveError.notAnArchive }
            var out = Data()
            _ = try archive.extract(entry) { out.append($0) }
            return out
        }
        let d = JSONDecoder()
        let manifest = try d.decode(Manifest.self, from: try entry("manifest.json"))
        guard manifest.format == format else { throw CaseArchiveError.unsupportedFormat(manifest.format) }
        func checked(_ path: String) throws -> Data {
            let data = try entry(path)
            guard manifest.files[path] == AuditChain.hex(SHA256.hash(data: data)) else {
                throw CaseArchiveError.hashMismatch(path)
            }
            return data
        }
        let metadata = try d.decode(CaseExport.Metadata.self, from: try checked("vorgang.json"))
        let submission =
            manifest.files["antrag.json"] == nil
            ? nil : try d.decode(CaseExport.Submission.self, from: try checked("antrag.json"))
        let documents = try d.decode([CaseExport.Document].self, from: try checked("dokumente.json"))
        var contents: [String: Data] = [:]
        for document in documents {
            let bytes = try checked(document.path)
            guard AuditChain.hex(SHA256.hash(data: bytes)) == document.sha256 else {
                throw CaseArchiveError.hashMismatch(document.path)
            }
            contents[document.id + "#\(document.version)"] = bytes
        }
        let history = try d.decode([CaseExport.Event].self, from: try checked("verlauf.json"))
        let audit = try d.decode([AuditEntry].self, from: try checked("protokoll.json"))
        return (
            CaseExport(
                metadata: metadata, submission: submission, documents: documents, history: history, audit: audit),
            contents
        )
    }

    /// A file name safe in every archive tool: letters, digits, dot, dash, underscore.
    public static func safeName(_ name: String) -> String {
        let mapped = name.unicodeScalars.map { s -> Character in
            s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "." || s == "-" || s == "_")
                ? Character(s) : "_"
        }
        let out = String(mapped.prefix(80))
        return out.isEmpty ? "dokument" : out
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    static func xdomeaIndex(_ export: CaseExport) -> String {
        let m = export.metadata
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<!-- After the xdomea structure (Akte, Vorgang, Dokument, Version, Format); not a schema-valid message. -->",
            "<Aussonderungsindex format=\"\(format)\">",
            "  <Akte><Kennzeichen>\(xml(m.authorityID))/\(xml(m.leika))</Kennzeichen>",
            "    <Vorgang><Kennzeichen>\(xml(m.number))</Kennzeichen><Betreff>\(xml(m.serviceName))</Betreff>",
            "      <Laufzeit><Beginn>\(xml(m.receivedAt))</Beginn><Ende>\(xml(m.closedAt ?? ""))</Ende></Laufzeit>",
        ]
        for d in export.documents {
            lines.append(
                "      <Dokument><Titel>\(xml(d.title))</Titel><Version nummer=\"\(d.version)\"><Format><Name>\(xml(d.contentType))</Name><Datei>\(xml(d.path))</Datei><SHA256>\(d.sha256)</SHA256></Format></Version></Dokument>"
            )
        }
        lines += ["    </Vorgang>", "  </Akte>", "</Aussonderungsindex>", ""]
        return lines.joined(separator: "\n")
    }
}
