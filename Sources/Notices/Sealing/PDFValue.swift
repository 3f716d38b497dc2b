/// A parsed PDF object, as far as the sealer and the verifier need to read and rewrite dictionaries.
indirect enum PDFValue: Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case real(Double)
    case name(String)
    case string([UInt8])
    case array([PDFValue])
    case dictionary(PDFDictionary)
    case reference(Int, Int)

    var dictionary: PDFDictionary? {
        if case .dictionary(let value) = self { return value }
        return nil
    }

    var integer: Int? {
        if case .integer(let value) = self { return value }
        return nil
    }

    var name: String? {
        if case .name(let value) = self { return value }
        return nil
    }

    var array: [PDFValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    var string: [UInt8]? {
        if case .string(let value) = self { return value }
        return nil
    }

    var reference: Int? {
        if case .reference(let number, _) = self { return number }
        return nil
    }

    /// The value written back in PDF syntax (strings as hex, so no escaping is needed).
    func write(into buffer: inout PDFBuffer) {
        switch self {
        case .null: buffer.append("null")
        case .bool(let value): buffer.append(value ? "true" : "false")
        case .integer(let value): buffer.append(value)
        case .real(let value): buffer.append(real: value)
        case .name(let value): buffer.append(name: value)
        case .string(let bytes):
            buffer.append("<")
            buffer.appendHex(bytes: bytes)
            buffer.append(">")
        case .array(let values):
            buffer.append("[")
            for (index, value) in values.enumerated() {
                if index > 0 { buffer.append(" ") }
                value.write(into: &buffer)
            }
            buffer.append("]")
        case .dictionary(let dictionary): dictionary.write(into: &buffer)
        case .reference(let number, let generation):
            buffer.append(number)
            buffer.append(" ")
            buffer.append(generation)
            buffer.append(" R")
        }
    }
}

/// A PDF dictionary that keeps its key order, so a rewritten dictionary reads like the original.
struct PDFDictionary: Equatable {
    private(set) var entries: [(key: String, value: PDFValue)] = []

    static func == (lhs: PDFDictionary, rhs: PDFDictionary) -> Bool {
        lhs.entries.elementsEqual(rhs.entries) { $0.key == $1.key && $0.value == $1.value }
    }

    subscript(key: String) -> PDFValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    func write(into buffer: inout PDFBuffer) {
        buffer.append("<<")
        for (key, value) in entries {
            buffer.append(" ")
            buffer.append(name: key)
            buffer.append(" ")
            value.write(into: &buffer)
        }
        buffer.append(" >>")
    }
}
