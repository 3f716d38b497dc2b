import Foundation
import Testing

@testable import Notices

@Suite("The verifier on hostile input")
struct RobustnessTests {
    @Test("Random bytes, truncations and spliced files are not genuine, and never crash")
    func hostile() throws {
        let sealed = try Fixtures.sealedNotice()
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let n = Int.random(in: 0..<4096, using: &generator)
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &generator) }
            #expect(!NoticeVerifier.verify(pdf: bytes).genuine)
        }
        for cut in stride(from: 0, to: sealed.count, by: max(1, sealed.count / 97)) {
            #expect(!NoticeVerifier.verify(pdf: Array(sealed.prefix(cut))).genuine)
            #expect(!NoticeVerifier.verify(pdf: Array(sealed.suffix(from: cut))).genuine || cut == 0)
        }
        // "%PDF-" followed by a forged /ByteRange pointing outside the file.
        let forged = Array(
            "%PDF-1.7\n1 0 obj<</Type/Sig/ByteRange[0 999999 9999999 5]/Contents<00>>>endobj\n%%EOF".utf8)
        #expect(!NoticeVerifier.verify(pdf: forged).genuine)
        #expect(NoticeVerifier.verify(pdf: sealed).genuine)
    }
}
