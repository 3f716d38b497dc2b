import ArgumentParser
import Foundation
import Rules

/// `amtsweg rules wohngeld`: households as JSON lines on stdin (format: docs/rules/wohngeld.md),
/// one result with its trace per line on stdout, in the same order. A line that is not a valid
/// household gives `{"line": N, "id": …, "problem": {"pointer": …, "detail": …}}` and the run goes
/// on; the exit code is 1 when any line had a problem.
struct RulesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "Law as code.", subcommands: [RulesWohngeld.self])
}

struct RulesWohngeld: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wohngeld", abstract: "Calculate Wohngeld for households given as JSON lines on stdin.")
    @Flag(help: "Leave out the trace (amount, status and reason only).") var noTrace = false

    struct ProblemLine: Encodable {
        let line: Int
        let id: String?
        let problem: WohngeldRequest.Problem
    }

    func run() throws {
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data()
        out.reserveCapacity(1 << 20)
        var problems = 0
        var number = 0
        func flush(_ force: Bool) {
            if force || out.count > 1 << 20 {
                FileHandle.standardOutput.write(out)
                out.removeAll(keepingCapacity: true)
            }
        }
        while let line = readLine(strippingNewline: true) {
            number += 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let bytes = Data(line.utf8)
            do {
                let request: WohngeldRequest
                do { request = try decoder.decode(WohngeldRequest.self, from: bytes) } catch {
                    throw WohngeldRequest.Problem(decoding: error)
                }
                var response = try request.calculate()
                if noTrace { response.trace = [] }
                out.append(try encoder.encode(response))
            } catch let problem as WohngeldRequest.Problem {
                problems += 1
                let id = (try? JSONSerialization.jsonObject(with: bytes) as? [String: Any])?["id"] as? String
                out.append(try encoder.encode(ProblemLine(line: number, id: id, problem: problem)))
            }
            out.append(0x0A)
            flush(false)
        }
        flush(true)
        if problems > 0 {
            FileHandle.standardError.write(Data("\(problems) of \(number) line(s) had a problem\n".utf8))
            throw ExitCode(1)
        }
    }
}
