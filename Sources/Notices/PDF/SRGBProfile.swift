import Foundation

/// A small ICC v2.1 display profile for sRGB (IEC 61966-2.1), generated in code so that no
/// third-party profile and licence has to be shipped. It carries the tags a v2 RGB display profile
/// requires: `desc`, `cprt`, `wtpt` (D50), the Bradford-adapted sRGB colorants `rXYZ`/`gXYZ`/`bXYZ`
/// and one 1024-entry `curv` of the sRGB transfer function shared by `rTRC`/`gTRC`/`bTRC`.
enum SRGBProfile {
    /// The output condition identifier PDF/A readers know for this profile.
    static let outputCondition = "sRGB IEC61966-2.1"

    static let bytes: [UInt8] = makeProfile()

    private static func makeProfile() -> [UInt8] {
        let description = tag(description: "sRGB IEC61966-2.1 (Amtsweg)")
        let copyright = tag(text: "No copyright, use freely")
        let whitePoint = tag(xyz: (0.9642, 1.0, 0.8249))
        let red = tag(xyz: (0.436066, 0.222488, 0.013916))
        let green = tag(xyz: (0.385147, 0.716873, 0.097076))
        let blue = tag(xyz: (0.143066, 0.060608, 0.714096))
        let curve = transferCurve()

        let entries: [(String, Int)] = [
            ("desc", 0), ("cprt", 1), ("wtpt", 2), ("rXYZ", 3), ("gXYZ", 4), ("bXYZ", 5),
            ("rTRC", 6), ("gTRC", 6), ("bTRC", 6),
        ]
        let payloads = [description, copyright, whitePoint, red, green, blue, curve]
        var payloadOffsets: [Int] = []
        var offset = 128 + 4 + 12 * entries.count
        for payload in payloads {
            payloadOffsets.append(offset)
            offset += (payload.count + 3) & ~3
        }
        var profile: [UInt8] = []
        profile.reserveCapacity(offset)
        profile.appendUInt32(UInt32(offset))  // profile size
        profile.appendUInt32(0)  // preferred CMM: none
        profile.appendUInt32(0x0210_0000)  // version 2.1
        profile.append(contentsOf: Array("mntrRGB XYZ ".utf8))
        for field: UInt16 in [2024, 1, 1, 0, 0, 0] { profile.appendUInt16(field) }
        profile.append(contentsOf: Array("acsp".utf8))
        profile.append(contentsOf: [UInt8](repeating: 0, count: 28))  // platform … rendering intent
        appendXYZ(&profile, (0.9642, 1.0, 0.8249))  // PCS illuminant D50
        profile.append(contentsOf: [UInt8](repeating: 0, count: 128 - profile.count))
        profile.appendUInt32(UInt32(entries.count))
        for (signature, payload) in entries {
            profile.append(contentsOf: Array(signature.utf8))
            profile.appendUInt32(UInt32(payloadOffsets[payload]))
            profile.appendUInt32(UInt32(payloads[payload].count))
        }
        for payload in payloads {
            profile.append(contentsOf: payload)
            profile.padToFourBytes()
        }
        return profile
    }

    private static func s15Fixed16(_ value: Double) -> UInt32 {
        UInt32(bitPattern: Int32((value * 65536).rounded()))
    }

    private static func appendXYZ(_ bytes: inout [UInt8], _ xyz: (Double, Double, Double)) {
        bytes.appendUInt32(s15Fixed16(xyz.0))
        bytes.appendUInt32(s15Fixed16(xyz.1))
        bytes.appendUInt32(s15Fixed16(xyz.2))
    }

    private static func tag(xyz: (Double, Double, Double)) -> [UInt8] {
        var bytes = Array("XYZ ".utf8) + [0, 0, 0, 0]
        appendXYZ(&bytes, xyz)
        return bytes
    }

    private static func tag(text: String) -> [UInt8] {
        Array("text".utf8) + [0, 0, 0, 0] + Array(text.utf8) + [0]
    }

    /// `textDescriptionType`: ASCII, an empty Unicode and an empty ScriptCode description.
    private static func tag(description: String) -> [UInt8] {
        var bytes = Array("desc".utf8) + [0, 0, 0, 0]
        bytes.appendUInt32(UInt32(description.utf8.count + 1))
        bytes.append(contentsOf: description.utf8)
        bytes.append(0)
        bytes.appendUInt32(0)  // Unicode language code
        bytes.appendUInt32(0)  // Unicode count
        bytes.appendUInt16(0)  // ScriptCode code
        bytes.append(0)  // ScriptCode count
        bytes.append(contentsOf: [UInt8](repeating: 0, count: 67))
        return bytes
    }

    /// The sRGB electro-optical transfer function, sampled at 1024 points.
    private static func transferCurve() -> [UInt8] {
        let samples = 1024
        var bytes = Array("curv".utf8) + [0, 0, 0, 0]
        bytes.appendUInt32(UInt32(samples))
        for index in 0..<samples {
            let encoded = Double(index) / Double(samples - 1)
            let linear = encoded <= 0.04045 ? encoded / 12.92 : pow((encoded + 0.055) / 1.055, 2.4)
            bytes.appendUInt16(UInt16((linear * 65535).rounded()))
        }
        return bytes
    }
}
