/// Writes numbered indirect objects, remembers their offsets and closes the file with a classic
/// cross-reference table and trailer.
struct PDFObjectWriter {
    var buffer: PDFBuffer
    /// Byte offset per object number; index 0 is the free list head, -1 = allocated but not written.
    private var offsets: [Int] = [0]

    init(capacity: Int) {
        buffer = PDFBuffer(capacity: capacity)
        // Header, then a comment with four bytes above 127 so that the file is recognised as binary
        // (ISO 19005-2, 6.1.2).
        buffer.append("%PDF-1.7\n%")
        buffer.append(contentsOf: [0xE2, 0xE3, 0xCF, 0xD3])
        buffer.append("\n")
    }

    /// Reserves the next object number.
    mutating func allocate() -> Int {
        offsets.append(-1)
        return offsets.count - 1
    }

    /// Writes `number 0 obj`, the body produced by `body`, and `endobj`.
    mutating func object(_ number: Int, _ body: (inout PDFBuffer) -> Void) {
        offsets[number] = buffer.count
        buffer.append(number)
        buffer.append(" 0 obj\n")
        body(&buffer)
        buffer.append("\nendobj\n")
    }

    /// Writes a stream object: `<< /Length n` + the entries from `entries` + `>>`, then the data.
    mutating func stream(
        _ number: Int, data: some Collection<UInt8>, entries: (inout PDFBuffer) -> Void = { _ in }
    ) {
        object(number) { buffer in
            buffer.append("<< /Length ")
            buffer.append(data.count)
            entries(&buffer)
            buffer.append(" >>\nstream\n")
            buffer.append(contentsOf: data)
            buffer.append("\nendstream")
        }
    }

    /// Appends the cross-reference table and the trailer and returns the file.
    mutating func finish(root: Int, info: Int, fileID: [UInt8]) -> [UInt8] {
        precondition(!offsets.dropFirst().contains(-1), "an allocated PDF object was never written")
        let xrefOffset = buffer.count
        buffer.append("xref\n0 ")
        buffer.append(offsets.count)
        buffer.append("\n0000000000 65535 f\r\n")
        for offset in offsets.dropFirst() {
            buffer.append(zeroPadded: offset, width: 10)
            buffer.append(" 00000 n\r\n")
        }
        buffer.append("trailer\n<< /Size ")
        buffer.append(offsets.count)
        buffer.append(" /Root ")
        buffer.append(root)
        buffer.append(" 0 R /Info ")
        buffer.append(info)
        buffer.append(" 0 R /ID [<")
        buffer.appendHex(bytes: fileID)
        buffer.append("> <")
        buffer.appendHex(bytes: fileID)
        buffer.append(">] >>\nstartxref\n")
        buffer.append(xrefOffset)
        buffer.append("\n%%EOF\n")
        return buffer.bytes
    }
}
