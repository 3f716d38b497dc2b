/// A PDF file opened for reading its object structure: the chain of classic cross-reference
/// sections (newest first, following `/Prev`) and the newest trailer. Cross-reference streams
/// (PDF 1.5 compressed files) are not supported; the notices this module writes never use them.
struct PDFFile {
    let bytes: [UInt8]
    /// The newest trailer dictionary.
    let trailer: PDFDictionary
    /// Offset of the newest cross-reference section (the last `startxref` value).
    let startXref: Int
    /// Offset of each object's newest definition.
    private let offsets: [Int: Int]

    init(_ bytes: [UInt8]) throws(PDFReadError) {
        self.bytes = bytes
        startXref = try Self.lastStartXref(bytes)
        var offsets: [Int: Int] = [:]
        var newestTrailer: PDFDictionary?
        var sectionOffset: Int? = startXref
        var visited: Set<Int> = []
        while let offset = sectionOffset {
            guard offset >= 0, offset < bytes.count, visited.insert(offset).inserted else {
                throw .syntax("bad cross-reference offset", offset: offset)
            }
            var parser = PDFParser(bytes, at: offset)
            guard parser.token() == "xref" else { throw .unsupported("cross-reference streams") }
            while true {
                let saved = parser.position
                let word = parser.token()
                if word == "trailer" { break }
                guard let first = Int(word) else { throw .syntax("bad xref subsection", offset: saved) }
                let count = try parser.integer()
                guard count >= 0, count < 10_000_000 else { throw .syntax("bad xref count", offset: saved) }
                for index in 0..<count {
                    let objectOffset = try parser.integer()
                    _ = try parser.integer()
                    let kind = parser.token()
                    if kind == "n", offsets[first + index] == nil { offsets[first + index] = objectOffset }
                }
            }
            let trailer = try parser.dictionary()
            if newestTrailer == nil { newestTrailer = trailer }
            sectionOffset = trailer["Prev"]?.integer
        }
        guard let newestTrailer else { throw .missing("trailer") }
        trailer = newestTrailer
        self.offsets = offsets
    }

    /// The value of the last `startxref` in the file's final kilobytes.
    private static func lastStartXref(_ bytes: [UInt8]) throws(PDFReadError) -> Int {
        let keyword = Array("startxref".utf8)
        var index = bytes.count - keyword.count
        let limit = max(0, bytes.count - 2048)
        while index >= limit {
            if bytes[index] == keyword[0], bytes[index..<(index + keyword.count)].elementsEqual(keyword) {
                var parser = PDFParser(bytes, at: index + keyword.count)
                return try parser.integer()
            }
            index -= 1
        }
        throw .missing("startxref")
    }

    /// The object `number` (its value; for a stream, only the dictionary).
    func object(_ number: Int) throws(PDFReadError) -> PDFValue {
        guard let offset = offsets[number] else { throw .missing("object \(number)") }
        var parser = PDFParser(bytes, at: offset)
        guard try parser.integer() == number else { throw .syntax("object number mismatch", offset: offset) }
        _ = try parser.integer()
        try parser.expect("obj")
        return try parser.value()
    }

    /// `value`, with a reference replaced by the object it points to.
    func resolve(_ value: PDFValue?) throws(PDFReadError) -> PDFValue? {
        guard let value else { return nil }
        if case .reference(let number, _) = value { return try object(number) }
        return value
    }

    /// The catalog (`/Root`) and its object number.
    func catalog() throws(PDFReadError) -> (number: Int, dictionary: PDFDictionary) {
        guard let root = trailer["Root"]?.reference, let catalog = try object(root).dictionary else {
            throw .missing("catalog")
        }
        return (root, catalog)
    }

    /// Every terminal form field with its object number (when indirect), walking `/Kids`.
    func formFields() throws(PDFReadError) -> [(number: Int?, dictionary: PDFDictionary)] {
        guard let form = try resolve(try catalog().dictionary["AcroForm"])?.dictionary,
            let fields = try resolve(form["Fields"])?.array
        else { return [] }
        var result: [(number: Int?, dictionary: PDFDictionary)] = []
        var pending: [(PDFValue, Int)] = fields.map { ($0, 0) }
        while let (next, depth) = pending.popLast() {
            guard depth < 32, let field = try resolve(next)?.dictionary else { continue }
            if field["FT"] == nil, let kids = try resolve(field["Kids"])?.array {
                pending.append(contentsOf: kids.map { ($0, depth + 1) })
                continue
            }
            result.append((next.reference, field))
        }
        return result.reversed()
    }
}
