import Foundation

/// What a new password must be: long enough, and not one that is guessed first.
/// Length over composition rules, as NIST SP 800-63B advises.
public enum PasswordRules {
    public static let minimumLength = 10
    public static let maximumLength = 128

    public enum Problem: String, Sendable, Equatable {
        case tooShort
        case tooLong
        case common
        case containsEmail
    }

    /// Passwords that appear at the top of every breach list, and school-flavoured variants.
    static let common: Set<String> = [
        "password", "password1", "password12", "password123", "passw0rd", "123456789", "1234567890", "12345678910",
        "qwertyuiop", "qwerty1234", "iloveyou12", "letmein123", "welcome123", "welcome2024", "welcome2025", "welcome2026",
        "changeme123", "administrator", "school1234", "teacher123", "student123", "principal1", "belong1234", "1q2w3e4r5t",
        "abcdefghij", "0987654321", "1111111111", "aaaaaaaaaa", "trustno1234", "football123", "baseball123", "sunshine123",
    ]

    public static func problems(with password: String, email: String? = nil) -> [Problem] {
        var problems: [Problem] = []
        if password.count < minimumLength { problems.append(.tooShort) }
        if password.count > maximumLength { problems.append(.tooLong) }
        let lowered = password.lowercased()
        if common.contains(lowered) || Set(lowered).count <= 2 { problems.append(.common) }
        if let email, let local = email.split(separator: "@").first, local.count >= 4, lowered.contains(local.lowercased()) {
            problems.append(.containsEmail)
        }
        return problems
    }
}
