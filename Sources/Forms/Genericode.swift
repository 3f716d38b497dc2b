import Foundation

/// OASIS genericode 1.0 code lists (the format FIM code lists and the quality catalogue come in).
public enum Genericode {
    /// Parses a genericode `CodeList`: the first `Key`'s column is the code, the first other string column
    /// the label.
    public static func parse(_ data: Data) throws(ImportError) -> CodeList {
        try parse(data, codeColumn: nil, labelColumn: nil)
    }

    /// Parses a genericode `CodeList` with explicit code and label columns (3.0 `codeKey`/`nameKey`);
    /// nil or unknown columns fall back to the defaults.
    public static func parse(_ data: Data, codeColumn: String?, labelColumn: String?) throws(ImportError) -> CodeList {
        try GenericodeTable.parse(data).codeList(codeColumn: codeColumn, labelColumn: labelColumn)
    }
}

/// A parsed genericode document: identification, columns and rows (column id → simple value).
struct GenericodeTable: Sendable {
    struct Column: Sendable {
        var id: String
        var dataType: String?
    }
    var shortName: String?
    var longName: String?
    var version: String?
    var canonicalURI: String?
    var canonicalVersionURI: String?
    var columns: [Column]
    /// Column ids of each `Key`, in order.
    var keys: [[String]]
    var rows: [[String: String]]

    func hasColumn(_ id: String) -> Bool { columns.contains { $0.id == id } }

    /// The code column: the first key's column, else a column called "code", else the first column.
    var defaultCodeColumn: String? {
        if let k = keys.first?.first, hasColumn(k) { return k }
        if let c = columns.first(where: { $0.id.lowercased() == "code" }) { return c.id }
        return columns.first?.id
    }

    /// The label column: the first string column that is not the code column.
    func defaultLabelColumn(code: String?) -> String? {
        columns.first { $0.id != code && ($0.dataType == nil || $0.dataType == "string") }?.id
    }

    func codeList(codeColumn: String?, labelColumn: String?) -> CodeList {
        let code = codeColumn.flatMap { hasColumn($0) ? $0 : nil } ?? defaultCodeColumn
        let label = labelColumn.flatMap { hasColumn($0) ? $0 : nil } ?? defaultLabelColumn(code: code)
        var entries: [CodeListEntry] = []
        entries.reserveCapacity(rows.count)
        if let code {
            for row in rows {
                guard let c = row[code], !c.isEmpty else { continue }
                let l = label.flatMap { row[$0] } ?? ""
                entries.append(CodeListEntry(code: c, label: l.isEmpty ? c : l))
            }
        }
        return CodeList(uri: canonicalURI ?? "", version: version, id: nil, entries: entries)
    }

    static func parse(_ data: Data) throws(ImportError) -> GenericodeTable {
        let tree = try XMLTree.parse(data)
        let root = tree.root
        guard tree.name(root) == "CodeList" else {
            throw ImportError(
                message: "Not a genericode document: root element <\(tree.qName(root))>, expected <CodeList>",
                elementPath: tree.qName(root), line: tree.line(root))
        }
        // Genericode files in the wild use the namespace with or without prefix, or no namespace at all for the
        // child elements: match on local names only.
        func child(_ i: Int, _ name: String) -> Int? { tree.child(i, named: name) }
        func text(_ i: Int?) -> String? { i.flatMap { Text.clean(tree.nodes[$0].text) } }

        var table = GenericodeTable(columns: [], keys: [], rows: [])
        if let ident = child(root, "Identification") {
            table.shortName = text(child(ident, "ShortName"))
            table.longName = text(child(ident, "LongName"))
            table.version = text(child(ident, "Version"))
            table.canonicalURI = text(child(ident, "CanonicalUri"))
            table.canonicalVersionURI = text(child(ident, "CanonicalVersionUri"))
        }
        if let set = child(root, "ColumnSet") {
            for c in tree.children(set) {
                switch tree.name(c) {
                case "Column":
                    guard let id = tree.nodes[c].attributes["Id"] else { continue }
                    let type = child(c, "Data").flatMap { tree.nodes[$0].attributes["Type"] }
                    table.columns.append(Column(id: id, dataType: type))
                case "Key":
                    let refs = tree.children(c).filter { tree.name($0) == "ColumnRef" }
                        .compactMap { tree.nodes[$0].attributes["Ref"] }
                    table.keys.append(refs)
                default: continue
                }
            }
        }
        guard let list = child(root, "SimpleCodeList") else {
            throw ImportError(
                message: "Genericode document has no <SimpleCodeList>", elementPath: tree.qName(root),
                line: tree.line(root))
        }
        let columnIndex = Dictionary(table.columns.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        for r in tree.children(list) where tree.name(r) == "Row" {
            var row: [String: String] = [:]
            var position = -1
            for v in tree.children(r) where tree.name(v) == "Value" {
                // A Value without ColumnRef belongs to the column after the previous value's column.
                let column: String?
                if let ref = tree.nodes[v].attributes["ColumnRef"] {
                    column = ref
                    position = columnIndex[ref] ?? position + 1
                } else {
                    position += 1
                    column = position < table.columns.count ? table.columns[position].id : nil
                }
                guard let column, let sv = child(v, "SimpleValue") else { continue }
                row[column] = text(sv) ?? ""
            }
            table.rows.append(row)
        }
        return table
    }
}

/// Finds the genericode file for a code list reference in a directory (the files exported beside a schema),
/// matching by FIM id in the file name (C05000112_genericode.xml) or by the genericode identification.
final class CodeListResolver {
    /// Where the files are, for messages: a directory path, or "the given code lists".
    let location: String
    private let names: [String]
    private let load: (String) -> Data?
    private var tables: [String: GenericodeTable?] = [:]

    init(directory: URL) {
        location = directory.path
        names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.lowercased().hasSuffix(".xml") }.sorted()
        load = { try? Data(contentsOf: directory.appendingPathComponent($0)) }
    }

    /// Genericode files held in memory (e.g. compiled into the binary), by file name.
    init(files: [String: Data]) {
        location = "the given code lists"
        names = files.keys.filter { $0.lowercased().hasSuffix(".xml") }.sorted()
        load = { files[$0] }
    }

    struct Reference {
        var id: String?
        var canonicalURI: String?
        var version: String?
        var canonicalVersionURI: String?
    }

    enum Outcome {
        case found(GenericodeTable, String, note: String?)
        case notFound
    }

    private func table(_ name: String) -> GenericodeTable? {
        if let cached = tables[name] { return cached }
        var result: GenericodeTable?
        if let data = load(name), Self.looksLikeGenericode(data) {
            result = try? GenericodeTable.parse(data)
        }
        tables[name] = result
        return result
    }

    /// Sniffs the first 4 KiB for the genericode namespace, so that other XML files (the schema itself) are not
    /// parsed.
    private static func looksLikeGenericode(_ data: Data) -> Bool {
        let needle = Array("codelist/ns/genericode".utf8)
        let bytes = Array(data.prefix(4096))
        guard bytes.count >= needle.count else { return false }
        for i in 0...(bytes.count - needle.count) where bytes[i] == needle[0] {
            if Array(bytes[i..<i + needle.count]) == needle { return true }
        }
        return false
    }

    private static func fileNameMatches(_ file: String, id: String) -> Bool {
        let name = (file as NSString).deletingPathExtension
        guard let r = name.range(of: id) else { return false }
        // The id must not continue with another digit (C0500011 must not match C05000112).
        if r.upperBound < name.endIndex, name[r.upperBound].isNumber { return false }
        if r.lowerBound > name.startIndex,
            name[name.index(before: r.lowerBound)].isLetter
                || name[name.index(before: r.lowerBound)].isNumber
        {
            return false
        }
        return true
    }

    private static func identificationMatches(_ t: GenericodeTable, _ ref: Reference) -> Bool {
        if let cvu = ref.canonicalVersionURI, let tc = t.canonicalVersionURI, cvu == tc { return true }
        if let cu = ref.canonicalURI, let tc = t.canonicalURI, cu == tc {
            return ref.version == nil || t.version == nil || ref.version == t.version
        }
        return false
    }

    func resolve(_ ref: Reference) -> Outcome {
        let files = names
        if let id = ref.id, !id.isEmpty {
            for file in files where Self.fileNameMatches(file, id: id) {
                guard let t = table(file) else { continue }
                if ref.canonicalURI == nil && ref.canonicalVersionURI == nil || Self.identificationMatches(t, ref) {
                    return .found(t, file, note: nil)
                }
                let note =
                    "genericode file \(file) matched by id \(id) but names "
                    + "\(t.canonicalVersionURI ?? t.canonicalURI ?? "no URI")"
                return .found(t, file, note: note)
            }
        }
        // Exact identification anywhere in the directory.
        for file in files {
            if let t = table(file), Self.identificationMatches(t, ref) { return .found(t, file, note: nil) }
        }
        // Last resort: the reference's canonical identification as the list's ShortName.
        if let cu = ref.canonicalURI {
            for file in files {
                if let t = table(file), t.shortName == cu { return .found(t, file, note: nil) }
            }
        }
        return .notFound
    }
}
