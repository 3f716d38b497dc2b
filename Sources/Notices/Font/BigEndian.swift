/// Bounds-checked big-endian reads from a font file, as TrueType stores every number.
struct BigEndianReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func uint8(at offset: Int) throws(FontError) -> UInt8 {
        guard offset >= 0, offset < bytes.count else { throw .truncated(offset) }
        return bytes[offset]
    }

    func uint16(at offset: Int) throws(FontError) -> UInt16 {
        guard offset >= 0, offset + 2 <= bytes.count else { throw .truncated(offset) }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    func int16(at offset: Int) throws(FontError) -> Int16 {
        Int16(bitPattern: try uint16(at: offset))
    }

    func uint32(at offset: Int) throws(FontError) -> UInt32 {
        guard offset >= 0, offset + 4 <= bytes.count else { throw .truncated(offset) }
        return UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    /// `count` bytes from `offset`, or an error when they run past the end.
    func slice(at offset: Int, count: Int) throws(FontError) -> ArraySlice<UInt8> {
        guard offset >= 0, count >= 0, offset + count <= bytes.count else { throw .truncated(offset) }
        return bytes[offset..<(offset + count)]
    }
}

/// Big-endian appends for writing a font file.
extension Array where Element == UInt8 {
    mutating func appendUInt16(_ value: UInt16) {
        append(UInt8(value >> 8))
        append(UInt8(value & 0xFF))
    }

    mutating func appendUInt32(_ value: UInt32) {
        append(UInt8(value >> 24))
        append(UInt8((value >> 16) & 0xFF))
        append(UInt8((value >> 8) & 0xFF))
        append(UInt8(value & 0xFF))
    }

    /// Overwrites two bytes at `offset` (which must exist).
    mutating func setUInt16(_ value: UInt16, at offset: Int) {
        self[offset] = UInt8(value >> 8)
        self[offset + 1] = UInt8(value & 0xFF)
    }

    mutating func setUInt32(_ value: UInt32, at offset: Int) {
        self[offset] = UInt8(value >> 24)
        self[offset + 1] = UInt8((value >> 16) & 0xFF)
        self[offset + 2] = UInt8((value >> 8) & 0xFF)
        self[offset + 3] = UInt8(value & 0xFF)
    }

    /// Pads with zero bytes to a multiple of four, as font tables are aligned.
    mutating func padToFourBytes() {
        while count % 4 != 0 { append(0) }
    }
}

/// The TrueType table checksum: the sum of the big-endian 32-bit words, the last one zero padded.
func trueTypeChecksum(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var sum: UInt32 = 0
    var index = bytes.startIndex
    let end = bytes.endIndex
    while index + 4 <= end {
        let word =
            UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8
            | UInt32(bytes[index + 3])
        sum &+= word
        index += 4
    }
    if index < end {
        var word: UInt32 = 0
        for shift in 0..<4 {
            let byte: UInt32 = index + shift < end ? UInt32(bytes[index + shift]) : 0
            word |= byte << UInt32(24 - 8 * shift)
        }
        sum &+= word
    }
    return sum
}
