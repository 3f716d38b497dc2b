/// What a staff password must be: long rather than complicated (BSI IT-Grundschutz ORP.4 and
/// NIST SP 800-63B: length, no composition rules, no known-bad passwords).
public enum PasswordRules {
    public static let minimumLength = 12
    public static let maximumLength = 128

    /// `nil` when acceptable, else the reason.
    public static func problem(with password: String, account: String) -> String? {
        let length = password.unicodeScalars.count
        if length < minimumLength { return "at least \(minimumLength) characters" }
        if length > maximumLength { return "at most \(maximumLength) characters" }
        let lower = password.lowercased()
        if common.contains(where: { lower.contains($0) }) { return "contains a well-known password" }
        if !account.isEmpty, lower.contains(account.lowercased()) { return "contains the user name" }
        if Set(password).count < 5 { return "too few different characters" }
        return nil
    }

    static let common = [
        "password", "passwort", "123456", "qwertz", "qwerty", "hallo123", "letmein", "geheim", "admin",
        "amtsweg", "thueringen", "thüringen",
    ]
}
