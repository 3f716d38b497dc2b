import Foundation
import Testing

@testable import AmtswegServer

@Suite("Logging")
struct LoggingTests {
    @Test(
        "Log values are escaped into valid JSON strings",
        arguments: ["plain", "quote \" and \\ backslash", "line\nbreak\ttab", "\u{01}ctrl", "Gößnitz ✓"])
    func escaping(value: String) throws {
        var out = ""
        JSONLogHandler.appendJSONString(value, to: &out)
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(out)]".utf8)) as? [String]
        #expect(parsed == [value])
    }
}
