/// A problem found while building or synthesizing, with where it is and what to do about it.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    public var severity: Severity
    /// A construct path (`my-stack/Bucket`) or the input that caused the problem.
    public var location: String
    public var message: String
    /// What the user can do to fix it.
    public var hint: String?

    public init(_ severity: Severity = .error, at location: String, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    /// `<where>: <what is wrong> (<what to do>)`.
    public var description: String {
        let head = location.isEmpty ? message : "\(location): \(message)"
        guard let hint, !hint.isEmpty else { return head }
        return "\(head) (\(hint))"
    }
}

/// Synthesis failed; every problem found is listed, not only the first.
public struct SynthesisError: Error, CustomStringConvertible, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
