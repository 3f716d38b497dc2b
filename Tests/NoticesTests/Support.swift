import Foundation
import Notices

/// Shared fixtures: the package's font copies, a fixed clock and the demo notice.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let fontDirectory = packageRoot.appendingPathComponent("data/fonts").path
    static let regularFontPath = fontDirectory + "/DejaVuSans.ttf"

    /// 2025-03-14 09:30:00 UTC.
    static let creationDate = Date(timeIntervalSince1970: 1_741_944_600)
    static let signingTime = Date(timeIntervalSince1970: 1_741_944_660)

    static func renderer() throws -> NoticeRenderer { try NoticeRenderer(fontDirectory: fontDirectory) }

    static func regularFont() throws -> Font { try Font.load(path: regularFontPath) }

    /// One demo root and one seal identity per test process (key generation is cheap, but stable
    /// identities keep the failure messages comparable).
    static let authority: (root: DemoCertificateAuthority, seal: SealIdentity) = {
        do {
            let root = try DemoCertificateAuthority.create(now: creationDate.addingTimeInterval(-86_400))
            let seal = try root.issueSealCertificate(
                authorityName: "Stadtverwaltung Erfurt – Wohngeldbehörde", now: creationDate.addingTimeInterval(-3600))
            return (root, seal)
        } catch {
            fatalError("demo authority: \(error)")
        }
    }()

    static func renderedNotice() throws -> [UInt8] {
        try renderer().render(DemoNotices.wohngeld(), creationDate: creationDate)
    }

    static func sealedNotice(includeSigningTime: Bool = false) throws -> [UInt8] {
        var sealer = try authority.seal.sealer()
        sealer.includesCMSSigningTime = includeSigningTime
        return try sealer.seal(
            pdf: renderedNotice(), signingTime: signingTime, reason: "Bescheid elektronisch gesiegelt",
            location: "Erfurt")
    }

    static func temporaryFile(_ bytes: [UInt8], name: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "notices-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }
}

/// External command-line tools used by the end-to-end tests.
enum Tool {
    /// The full path of `name` on PATH, or nil.
    static func path(_ name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for directory in paths {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Whether the end-to-end tests may run `name`. With NOTICES_REQUIRE_TOOLS=1 a missing tool is
    /// not a reason to skip: the test then runs and fails.
    static func available(_ name: String) -> Bool {
        path(name) != nil || ProcessInfo.processInfo.environment["NOTICES_REQUIRE_TOOLS"] == "1"
    }

    static var pyHankoPython: String { Fixtures.packageRoot.appendingPathComponent(".venv-pdf/bin/python").path }

    static var pyHankoAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: pyHankoPython)
            || ProcessInfo.processInfo.environment["NOTICES_REQUIRE_TOOLS"] == "1"
    }

    struct Output {
        let status: Int32
        let text: String
    }

    /// Runs `executable` (a name on PATH or a path) and returns its exit status and combined output.
    static func run(_ executable: String, _ arguments: [String]) throws -> Output {
        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: executable.contains("/") ? executable : path(executable) ?? executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }
}
