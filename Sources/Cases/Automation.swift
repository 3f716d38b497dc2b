/// Fully automated decisions (§ 35a VwVfG: only where a legal provision allows them) with random
/// sample checks by a person — the income-tax assessment's model (strategy 3.2).
public struct AutomationPolicy: Sendable, Codable, Equatable {
    public var leika: String
    /// The provision that allows the service's notices to be issued fully automatically.
    public var legalBasis: String
    /// The share of automatic decisions (0…1) a clerk checks (four eyes).
    public var sampleShare: Double
    /// Checked before the notice goes out (true) or after (false).
    public var checkBeforeRelease: Bool
    /// The seed of the sample draw (the injected random source): the same seed draws the same cases.
    public var seed: UInt64

    public init(leika: String, legalBasis: String, sampleShare: Double, checkBeforeRelease: Bool = true, seed: UInt64) {
        self.leika = leika
        self.legalBasis = legalBasis
        self.sampleShare = min(max(sampleShare, 0), 1)
        self.checkBeforeRelease = checkBeforeRelease
        self.seed = seed
    }
}

public enum AutomaticDecision {
    /// Why a case goes to a person instead.
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// No provision allows automation for this service.
        case noLegalBasis = "no_legal_basis"
        /// Data incomplete, or not verified (by a register or a clerk).
        case notVerified = "not_verified"
        /// The applicant wrote a statement a person must consider (§ 24 Abs. 1 Satz 3 VwVfG).
        case freeText = "free_text"
        /// The case needs judgement the rules do not make (discretion, an undefined legal term).
        case needsJudgement = "needs_judgement"
        /// The rules gave no result.
        case noResult = "no_result"
    }

    public enum Route: Sendable, Equatable {
        case automatic(sampled: Bool)
        case clerk([Reason])
    }

    /// Where a case goes. Automatic only when a policy (a legal basis) exists, the data are
    /// complete and verified, no free text must be considered, nothing needs judgement and the rules
    /// gave a result; then the sample draw decides whether a person checks it.
    public static func route(
        policy: AutomationPolicy?, caseID: String, verified: Bool, freeText: Bool, needsJudgement: Bool,
        hasResult: Bool
    ) -> Route {
        var reasons: [Reason] = []
        if policy == nil { reasons.append(.noLegalBasis) }
        if !verified { reasons.append(.notVerified) }
        if freeText { reasons.append(.freeText) }
        if needsJudgement { reasons.append(.needsJudgement) }
        if !hasResult { reasons.append(.noResult) }
        guard reasons.isEmpty, let policy else { return .clerk(reasons) }
        return .automatic(sampled: SampleDraw.draw(seed: policy.seed, caseID: caseID, share: policy.sampleShare))
    }
}

/// The reproducible random draw of sample checks: a uniform number from the seed and the case id
/// (SplitMix64 over FNV-1a), below the share means "check". The same seed draws the same cases, in
/// whatever order they arrive; 0 draws none, 1 draws all.
public enum SampleDraw {
    public static func draw(seed: UInt64, caseID: String, share: Double) -> Bool {
        if share <= 0 { return false }
        if share >= 1 { return true }
        return uniform(seed: seed, caseID: caseID) < share
    }

    public static func uniform(seed: UInt64, caseID: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in caseID.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        var z = seed ^ hash &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return Double(z >> 11) / Double(UInt64(1) << 53)
    }
}
