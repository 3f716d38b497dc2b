/// The demo identity provider's people ("Test-eID"): fictitious, clearly marked, offered only
/// in demo mode. Each may log in at any trust level, so step-up can be tried.
public struct TestIdentity: Sendable, Equatable {
    public var id: String
    public var givenName: String
    public var familyName: String
    public var birthDate: String
    public var municipalityARS: String

    public var displayName: String { givenName + " " + familyName }
    /// The subject the demo provider asserts, stable across logins.
    public var subject: String { "test-eid:" + id }

    public static let all: [TestIdentity] = [
        TestIdentity(
            id: "erika", givenName: "Erika", familyName: "Mustermann", birthDate: "1964-08-12",
            municipalityARS: "160530000000"),
        TestIdentity(
            id: "max", givenName: "Max", familyName: "Beispiel", birthDate: "1990-02-01",
            municipalityARS: "160550000000"),
        TestIdentity(
            id: "leyla", givenName: "Leyla", familyName: "Probe", birthDate: "1985-11-23",
            municipalityARS: "160640046046"),
    ]
}
