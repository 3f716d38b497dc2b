import Foundation
import Testing

@testable import Registers

@Suite struct PrefillTests {
    func evidence(_ query: PersonQuery, _ register: any RegisterAdapter, _ categories: Set<DataCategory>)
        async throws -> Evidence
    {
        try await register.query(.person(query, categories: categories), context: T.context())
    }

    var residents: DemoResidentRegister { DemoResidentRegister(source: T.source, clock: { T.t0 }) }
    var incomes: DemoIncomeRegister {
        DemoIncomeRegister(source: T.source, clock: { T.t0.addingTimeInterval(60) })
    }

    @Test func wohngeldFormFromResidentAndIncomeEvidence() async throws {
        let person = try await evidence(DemoPeople.erikaQuery, residents, [.name, .birth, .address, .household])
        let income = try await evidence(DemoPeople.erikaQuery, incomes, [.incomeWage, .incomePension])
        let p = Prefill(evidence: [person, income], mapping: .wohngeld)
        let v = p.values
        #expect(v["G99100001.F05000059"] == "Mustermann")
        #expect(v["G99100001.F05000060"] == "Erika")
        #expect(v["G99100001.F05000351"] == "1964-08-12")
        #expect(v["G99100001.G05000428.F00000053"] == "Westbahnhofstraße")
        #expect(v["G99100001.G05000428.F00000016"] == "8")
        #expect(v["G99100001.G00000113.F00000054"] == "07745")
        #expect(v["G99100001.G00000113.F00000035"] == "Jena")
        #expect(v["G99100003[0].F99100006"] == "Max Albert")
        #expect(v["G99100003[0].F99100007"] == "1962-03-03")
        #expect(v["G99100003[0].F99100008"] == "01")
        #expect(v["G99100003[1].F99100006"] == "Leonie")
        #expect(v["G99100003[1].F99100008"] == "04")
        #expect(v["G99100003[2].F99100006"] == nil)
        #expect(v["G99100004[0].F99100010"] == "1")
        #expect(v["G99100004[0].G99100005[0].F99100014"] == "01")
        #expect(v["G99100004[0].G99100005[0].F99100016"] == "2450.00")
        #expect(v["G99100004[0].G99100005[1].F99100016"] == nil)
        #expect(p.fields["G99100001.F05000059"]?.source == .register(.melderegister, issuedAt: T.t0))
        #expect(
            p.fields["G99100004[0].G99100005[0].F99100016"]?.source
                == .register(.einkommensnachweise, issuedAt: T.t0.addingTimeInterval(60)))
        #expect(p.summary.isFullyVerified)
    }

    @Test func wagesAndPensionsShareTheIncomeLinesWithoutGaps() {
        let e = Evidence(
            register: .einkommensnachweise, issuer: "DRV", issuedAt: T.t0, legalBasis: "x",
            categories: [.incomeWage, .incomePension], subjectID: "1",
            data: [
                EvidenceKey.wage(0, .monthlyGrossCents): "60300",
                EvidenceKey.pension(0, .monthlyGrossCents): "95005",
                EvidenceKey.pension(1, .monthlyGrossCents): "41000",
            ])
        let v = Prefill(evidence: [e], mapping: .wohngeld).values
        #expect(v["G99100004[0].G99100005[0].F99100014"] == "01")
        #expect(v["G99100004[0].G99100005[0].F99100016"] == "603.00")
        #expect(v["G99100004[0].G99100005[1].F99100014"] == "02")
        #expect(v["G99100004[0].G99100005[1].F99100016"] == "950.05")
        #expect(v["G99100004[0].G99100005[2].F99100014"] == "02")
        #expect(v["G99100004[0].G99100005[2].F99100016"] == "410.00")
        #expect(v.keys.filter { $0.hasPrefix("G99100004[0].G99100005[3]") }.isEmpty)
    }

    @Test func aPlainDictionaryMappingAndUnmappedCodes() {
        let mapping: PrefillMapping = [
            EvidenceKey.familienname: "G1.F1",
            "household.*.vorname": "G2[*].F2",
        ]
        let e = Evidence(
            register: .melderegister, issuer: "x", issuedAt: T.t0, legalBasis: "y", categories: [.name, .household],
            subjectID: "1",
            data: [
                EvidenceKey.familienname: "Beispiel", EvidenceKey.household(0, .vorname): "Lena",
                EvidenceKey.household(1, .vorname): "Tom", EvidenceKey.household(1, .beziehung): "sonstige",
            ])
        let p = Prefill(evidence: [e], mapping: mapping)
        #expect(p.values == ["G1.F1": "Beispiel", "G2[0].F2": "Lena", "G2[1].F2": "Tom"])
        // "sonstige" is not in the relation code list: the applicant chooses.
        let w = Prefill(evidence: [e], mapping: .wohngeld)
        #expect(w.values["G99100003[1].F99100008"] == nil)
        #expect(w.values["G99100003[1].F99100006"] == "Tom")
    }

    @Test func correctionsChangeProvenance() async throws {
        let person = try await evidence(DemoPeople.erikaQuery, residents, [.name, .address])
        var p = Prefill(evidence: [person], mapping: .wohngeld)
        let street = "G99100001.G05000428.F00000053"
        #expect(p.isVerified(street))
        // The same value (white space aside) keeps the register provenance.
        let same = p.applyCorrection(field: street, newValue: " Westbahnhofstraße ")
        #expect(same.source == .register(.melderegister, issuedAt: T.t0))
        #expect(p.isVerified(street))
        // A different value is self-declared.
        p.applyCorrection(field: street, newValue: "Am Anger")
        #expect(p.fields[street] == PrefillValue(value: "Am Anger", source: .selfDeclared))
        #expect(!p.isVerified(street))
        #expect(p.summary.selfDeclared == [street])
        #expect(!p.summary.isFullyVerified)
        // Back to the register's value: verified again.
        p.applyCorrection(field: street, newValue: "Westbahnhofstraße")
        #expect(p.isVerified(street))
        // A field the register did not fill is self-declared.
        p.applyCorrection(field: "G99100001.F05001354", newValue: "erika@example.org")
        #expect(!p.isVerified("G99100001.F05001354"))
        #expect(!p.isVerified("G99100001.F99999999"), "absent is not verified")
    }

    @Test func theSummaryFeedsTheAutomatedDecision() async throws {
        let person = try await evidence(DemoPeople.erikaQuery, residents, [.name, .birth])
        let income = try await evidence(DemoPeople.erikaQuery, incomes, [.incomeWage])
        var p = Prefill(evidence: [person, income], mapping: .wohngeld)
        let required = ["G99100001.F05000351", "G99100004[0].G99100005[0].F99100016"]
        #expect(p.summary.allVerified(required))
        p.applyCorrection(field: "G99100004[0].G99100005[0].F99100016", newValue: "2100.00")
        #expect(!p.summary.allVerified(required))
        #expect(p.summary.verified.contains("G99100001.F05000351"))
        #expect(!p.summary.allVerified(["G99100006.F99100018"]), "a missing field is not verified")
    }

    @Test func prefillRoundTripsThroughJSON() throws {
        let e = Evidence(
            register: .melderegister, issuer: "x", issuedAt: T.t0, legalBasis: "y", categories: [.name],
            subjectID: "1", data: [EvidenceKey.familienname: "A"])
        var p = Prefill(evidence: [e], mapping: .wohngeld)
        p.applyCorrection(field: "G99100001.F05000059", newValue: "B")
        let back = try JSONDecoder().decode(Prefill.self, from: try JSONEncoder().encode(p))
        #expect(back == p)
        var again = back
        again.applyCorrection(field: "G99100001.F05000059", newValue: "A")
        #expect(again.isVerified("G99100001.F05000059"), "the delivered value survives encoding")
    }
}
