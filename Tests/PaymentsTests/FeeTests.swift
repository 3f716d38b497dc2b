import Foundation
import Testing

@testable import Payments

/// A stand-in for the server's DMN engine.
struct TableEvaluator: FeeDecisionEvaluating {
    struct Unreachable: Error {}

    func fee(decision: String, inputs: [String: String]) throws -> Int {
        guard decision == "gebuehr-parken" else { throw Unreachable() }
        guard let zone = inputs["fahrzeug.zone"] else { throw FeeError.missingInput(field: "fahrzeug.zone") }
        return zone == "innenstadt" ? 12_000 : 3_050
    }
}

@Suite struct FeeTests {
    let tenPercent = DigitalDiscount(.basisPoints(1_000), legalBasis: "§ 3 Abs. 2 ThürVwKostG (Musterwert)")

    @Test func fixedFeeWithDigitalDiscount() throws {
        let q = try FeeSchedule.fixed(cents: 2_500).quote(
            inputs: [:], channel: .digital, discount: tenPercent, label: "Gebühr Führungszeugnis",
            legalBasis: "Tarifstelle 1.1 (Muster)")
        #expect(q.baseCents == 2_500)
        #expect(q.discountCents == 250)
        #expect(q.totalCents == 2_250)
        #expect(q.legalBasis == "Tarifstelle 1.1 (Muster)")
        #expect(q.discountLegalBasis == "§ 3 Abs. 2 ThürVwKostG (Musterwert)")
        #expect(
            q.lines == [
                .init(label: "Gebühr Führungszeugnis", cents: 2_500, kind: .fee),
                .init(label: "Ermäßigung für digitale Antragstellung (10 %)", cents: -250, kind: .discount),
                .init(label: "Zu zahlen", cents: 2_250, kind: .total),
            ])
        #expect(q.lines.map(\.formatted) == ["25,00 €", "-2,50 €", "22,50 €"])
    }

    @Test(arguments: [FeeChannel.paper, .counter])
    func noDiscountOffline(channel: FeeChannel) throws {
        let q = try FeeSchedule.fixed(cents: 2_500).quote(inputs: [:], channel: channel, discount: tenPercent)
        #expect(q.discountCents == 0)
        #expect(q.totalCents == 2_500)
        #expect(q.discountLegalBasis == nil)
        #expect(q.lines.map(\.kind) == [.fee, .total])
    }

    @Test(arguments: [
        // (base, basis points, discount): half-up to the cent.
        (1_245, 1_000, 125),  // 124.5 → 125
        (1_244, 1_000, 124),  // 124.4 → 124
        (1_235, 1_000, 124),  // 123.5 → 124
        (999, 1_250, 125),  // 124.875 → 125
        (1, 5_000, 1),  // 0.5 → 1
        (1, 4_999, 0),  // 0.4999 → 0
        (3_333, 3_333, 1_111),  // 1110.8889 → 1111
        (2_500, 10_000, 2_500),
        (2_500, 0, 0),
    ])
    func percentageRoundsHalfUp(base: Int, basisPoints: Int, discount: Int) throws {
        let d = DigitalDiscount(.basisPoints(basisPoints), legalBasis: "Muster")
        #expect(try d.amount(of: base) == discount)
        let q = try FeeSchedule.fixed(cents: base).quote(inputs: [:], channel: .digital, discount: d)
        #expect(q.totalCents == base - discount)
    }

    @Test func fixedDiscountIsCappedAtTheFee() throws {
        let d = DigitalDiscount(.cents(500), legalBasis: "Muster", label: "Online-Rabatt")
        let small = try FeeSchedule.fixed(cents: 300).quote(inputs: [:], channel: .digital, discount: d)
        #expect(small.totalCents == 0)
        #expect(small.isFree)
        #expect(small.lines[1] == .init(label: "Online-Rabatt", cents: -300, kind: .discount))
        let big = try FeeSchedule.fixed(cents: 3_000).quote(inputs: [:], channel: .digital, discount: d)
        #expect(big.totalCents == 2_500)
    }

    @Test func discountLabelShowsFractionalRates() {
        #expect(DigitalDiscount(.basisPoints(1_250), legalBasis: "x").displayLabel.hasSuffix("(12,5 %)"))
        #expect(DigitalDiscount(.basisPoints(1_205), legalBasis: "x").displayLabel.hasSuffix("(12,05 %)"))
        #expect(DigitalDiscount(.basisPoints(1_234), legalBasis: "x").displayLabel.hasSuffix("(12,34 %)"))
    }

    @Test func invalidDiscountsAreRefused() {
        let over = DigitalDiscount(.basisPoints(10_001), legalBasis: "x")
        #expect(throws: FeeError.invalidDiscount("10001 basis points is not 0…10000")) {
            try FeeSchedule.fixed(cents: 100).quote(inputs: [:], channel: .digital, discount: over)
        }
        // Offline the discount is not evaluated at all.
        #expect(throws: Never.self) {
            try FeeSchedule.fixed(cents: 100).quote(inputs: [:], channel: .paper, discount: over)
        }
        #expect(throws: FeeError.invalidAmount(-1)) { try FeeSchedule.fixed(cents: -1).baseFee(inputs: [:]) }
    }

    let table = FeeSchedule.table(
        key: "antrag.art", entries: ["neu": 3_000, "verlaengerung": 1_500], default: nil)

    @Test func tableLooksUpTheField() throws {
        #expect(try table.baseFee(inputs: ["antrag.art": "neu"]) == 3_000)
        #expect(try table.baseFee(inputs: ["antrag.art": " verlaengerung "]) == 1_500)
        let q = try table.quote(inputs: ["antrag.art": "verlaengerung"], channel: .digital, discount: tenPercent)
        #expect(q.totalCents == 1_350)
    }

    @Test func tableErrorsNameTheField() {
        #expect(throws: FeeError.missingInput(field: "antrag.art")) { try table.baseFee(inputs: [:]) }
        #expect(throws: FeeError.missingInput(field: "antrag.art")) { try table.baseFee(inputs: ["antrag.art": " "]) }
        #expect(throws: FeeError.noTableEntry(field: "antrag.art", value: "ersatz")) {
            try table.baseFee(inputs: ["antrag.art": "ersatz"])
        }
        #expect(FeeError.missingInput(field: "antrag.art").description.contains("\"antrag.art\""))
    }

    @Test func tableDefaultCoversUnlistedValuesButNotMissingInput() throws {
        let t = FeeSchedule.table(key: "antrag.art", entries: ["neu": 3_000], default: 2_000)
        #expect(try t.baseFee(inputs: ["antrag.art": "ersatz"]) == 2_000)
        #expect(throws: FeeError.missingInput(field: "antrag.art")) { try t.baseFee(inputs: ["antrag.artt": "neu"]) }
    }

    @Test func decisionUsesTheEvaluator() throws {
        let d = FeeSchedule.decision(id: "gebuehr-parken")
        let q = try d.quote(
            inputs: ["fahrzeug.zone": "innenstadt"], channel: .digital, evaluator: TableEvaluator(),
            discount: DigitalDiscount(.basisPoints(750), legalBasis: "Muster"))
        #expect(q.baseCents == 12_000)
        #expect(q.discountCents == 900)
        #expect(try d.baseFee(inputs: ["fahrzeug.zone": "rand"], evaluator: TableEvaluator()) == 3_050)
        #expect(throws: FeeError.missingInput(field: "fahrzeug.zone")) {
            try d.baseFee(inputs: [:], evaluator: TableEvaluator())
        }
        #expect(throws: FeeError.noEvaluator(decision: "gebuehr-parken")) { try d.baseFee(inputs: [:]) }
        let other = FeeSchedule.decision(id: "unbekannt")
        #expect {
            try other.baseFee(inputs: [:], evaluator: TableEvaluator())
        } throws: { error in
            guard case .decisionFailed(let id, _) = error as? FeeError else { return false }
            return id == "unbekannt"
        }
    }

    @Test func serviceFeeCarriesTimingAndDiscount() throws {
        let fee = ServiceFee(
            schedule: table, timing: .onApproval, discount: tenPercent, label: "Gebühr Bewohnerparken",
            legalBasis: "Muster-Gebührenordnung Nr. 7")
        let q = try fee.quote(inputs: ["antrag.art": "neu"], channel: .digital)
        #expect(q.totalCents == 2_700)
        #expect(q.lines.first?.label == "Gebühr Bewohnerparken")
        #expect(q.legalBasis == "Muster-Gebührenordnung Nr. 7")
    }

    @Test func schedulesCodeAsTaggedJSON() throws {
        let json = #"""
            [{"kind":"fixed","cents":2500},
             {"kind":"table","key":"antrag.art","entries":{"neu":3000},"default":1000},
             {"kind":"table","key":"a","entries":{}},
             {"kind":"decision","id":"gebuehr-parken"}]
            """#
        let decoded = try JSONDecoder().decode([FeeSchedule].self, from: Data(json.utf8))
        #expect(
            decoded == [
                .fixed(cents: 2_500), .table(key: "antrag.art", entries: ["neu": 3_000], default: 1_000),
                .table(key: "a", entries: [:], default: nil), .decision(id: "gebuehr-parken"),
            ])
        let again = try JSONDecoder().decode([FeeSchedule].self, from: JSONEncoder().encode(decoded))
        #expect(again == decoded)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(FeeSchedule.self, from: Data(#"{"kind":"percent"}"#.utf8))
        }
        let discount = try JSONDecoder().decode(
            DigitalDiscount.self,
            from: Data(#"{"reduction":{"cents":300},"label":"Online","legalBasis":"Muster"}"#.utf8))
        #expect(discount == DigitalDiscount(.cents(300), legalBasis: "Muster", label: "Online"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(
            String(decoding: try encoder.encode(tenPercent.reduction), as: UTF8.self) == #"{"basisPoints":1000}"#)
        let fee = ServiceFee(schedule: .fixed(cents: 100), timing: .beforeSubmission, discount: tenPercent)
        #expect(try JSONDecoder().decode(ServiceFee.self, from: JSONEncoder().encode(fee)) == fee)
    }
}
