import Catalog
import Forms
import Foundation
import Payments
import Testing

@testable import AmtswegServer

@Suite("Fees from the service: fixed, by table, by a DMN decision table")
struct FeeWiringTests {
    func configuration() throws -> FeeConfiguration {
        try FeeConfiguration.standard(ServiceCatalog.seed)
    }

    func data(validity: String?) -> FormValue {
        guard let validity else { return .object(["G05000493": .object([:])]) }
        return .object(["G05000493": .object(["F05001064": .string(validity)])])
    }

    @Test("The renewal's fee comes from a table on the period of validity, the digital discount applied")
    func table() throws {
        let fees = try configuration()
        let leika = FeeConfiguration.renewParkingPermit
        let year = try #require(try fees.quote(leika, data: data(validity: "1"), channel: .digital))
        #expect(year.baseCents == 3000 && year.discountCents == 300 && year.totalCents == 2700)
        let two = try #require(try fees.quote(leika, data: data(validity: "2"), channel: .digital))
        #expect(two.baseCents == 5500 && two.discountCents == 550 && two.totalCents == 4950)
        let paper = try #require(try fees.quote(leika, data: data(validity: "2"), channel: .paper))
        #expect(paper.discountCents == 0 && paper.totalCents == 5500)
        #expect(throws: FeeError.missingInput(field: FeeConfiguration.validityField)) {
            try fees.quote(leika, data: data(validity: nil), channel: .digital)
        }
        #expect(throws: FeeError.self) { try fees.quote(leika, data: data(validity: "7"), channel: .digital) }
    }

    @Test("The new permit's fee comes from the DMN decision table data/fees/bewohnerparkausweis-gebuehr.dmn")
    func decision() throws {
        let fees = try configuration()
        let leika = FeeConfiguration.parkingPermit
        let year = try #require(try fees.quote(leika, data: data(validity: "1"), channel: .digital))
        #expect(year.baseCents == 3000 && year.totalCents == 2700)
        let two = try #require(try fees.quote(leika, data: data(validity: "2"), channel: .digital))
        #expect(two.baseCents == 5550 && two.discountCents == 555 && two.totalCents == 4995)
        #expect(throws: FeeError.missingInput(field: FeeConfiguration.validityField)) {
            try fees.quote(leika, data: data(validity: nil), channel: .digital)
        }
        // A value no rule matches: a clear error, not a fee of zero.
        #expect(throws: FeeError.self) { try fees.quote(leika, data: data(validity: "9"), channel: .digital) }
        // Without the evaluator a decision fee cannot be quoted at all.
        var bare = fees
        bare.decisions = nil
        #expect(throws: FeeError.noEvaluator(decision: "bewohnerparkausweis-gebuehr")) {
            try bare.quote(leika, data: data(validity: "1"), channel: .digital)
        }
    }

    @Test("The embedded decision table is the one in data/fees")
    func embeddedDMN() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try String(
            contentsOf: root.appendingPathComponent("data/fees/bewohnerparkausweis-gebuehr.dmn"), encoding: .utf8)
        #expect(DMNFeeDecisions.bewohnerparkausweisDMN + "\n" == file)
    }

    @Test("Form data become field paths with their values as text")
    func flatten() {
        let value: FormValue = .object([
            "G1": .object(["F1": .string("a"), "F2": .number(12.5), "F3": .bool(true), "F4": .null]),
            "G2": .array([.object(["F5": .string("x")]), .object(["F5": .string("y")])]),
        ])
        #expect(
            FeeInputs.flatten(value) == [
                "G1.F1": "a", "G1.F2": "12.5", "G1.F3": "true", "G2[0].F5": "x", "G2[1].F5": "y",
            ])
    }
}
