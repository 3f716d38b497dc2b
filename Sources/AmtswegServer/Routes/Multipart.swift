import Foundation
import MultipartKit
import NIOCore

/// multipart/form-data bodies (file uploads in the application journey), parsed with MultipartKit.
enum Multipart {
    struct Part {
        var name: String
        var filename: String?
        var contentType: String
        var data: Data
    }

    struct Malformed: Error {}

    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// The parts; at most `maxParts`, so a hostile body cannot make us collect endless parts.
    static func parse(body: Data, contentType: String, maxParts: Int = 500) throws -> [Part] {
        guard let boundary = boundary(of: contentType), !boundary.isEmpty, boundary.count <= 70 else {
            throw Malformed()
        }
        let parser = MultipartParser(boundary: boundary)
        var parts: [Part] = []
        var headers: [(String, String)] = []
        var data = Data()
        parser.onHeader = { name, value in headers.append((name.lowercased(), value)) }
        parser.onBody = { buffer in data.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            defer {
                headers = []
                data = Data()
            }
            let disposition = headers.first { $0.0 == "content-disposition" }?.1 ?? ""
            guard let name = parameter("name", in: disposition), parts.count < maxParts else { return }
            parts.append(
                Part(
                    name: name, filename: parameter("filename", in: disposition),
                    contentType: headers.first { $0.0 == "content-type" }?.1 ?? "application/octet-stream", data: data))
        }
        do { try parser.execute([UInt8](body)) } catch { throw Malformed() }
        return parts
    }

    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let pair = piece.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0].lowercased() == key {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// The real type from the first bytes: the browser's claim is not trusted.
    static func sniff(_ data: Data) -> String? {
        let bytes = [UInt8](data.prefix(8))
        if bytes.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return "application/pdf" }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
        return nil
    }
}
