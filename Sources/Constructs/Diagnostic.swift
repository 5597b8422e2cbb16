/// A problem found while building or synthesizing, with where it is and what to do about it.
public struct Diagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error
        case warning
    }

    /// Where a problem is, by kind, so a program can tell a construct from a setting or a file;
    /// `description` is how a user reads it.
    public enum Location: Equatable, Sendable, CustomStringConvertible {
        /// A construct's path in the tree: `target-stack/Bucket`.
        case construct(String)
        /// A setting of the configuration: `synth.json: context.sources[0].accountId`.
        case setting(String)
        /// A file synth reads or writes: `target/insert-query.sql`, `templates/deploy-plan.sh`.
        case file(String)
        /// A command-line argument: `--env staging`, `--context region`.
        case argument(String)

        public var description: String {
            switch self {
            case .construct(let text), .setting(let text), .file(let text), .argument(let text): return text
            }
        }
    }

    public var severity: Severity
    /// Where the problem is.
    public var place: Location
    /// `place` as a user reads it.
    public var location: String { place.description }
    public var message: String
    /// What the user can do to fix it.
    public var hint: String?

    public init(_ severity: Severity, _ place: Location, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.place = place
        self.message = message
        self.hint = hint
    }

    /// An error at `place`.
    public init(_ place: Location, _ message: String, hint: String? = nil) {
        self.init(.error, place, message, hint: hint)
    }

    /// A problem with the input that caused it, named as text (a setting's path, or a file's).
    public init(_ severity: Severity = .error, at location: String, _ message: String, hint: String? = nil) {
        self.init(severity, Diagnostic.classify(location), message, hint: hint)
    }

    /// The kind of a location given as text: a command-line flag, a setting (`file: key` or a
    /// `context.` path), a file (a path with an extension), else a construct path.
    static func classify(_ text: String) -> Location {
        if text.hasPrefix("--") { return .argument(text) }
        if text.contains(": ") || text.hasPrefix("context") { return .setting(text) }
        let last = text.split(separator: "/").last ?? ""
        if last.contains(".") || text.isEmpty { return .file(text) }
        return .construct(text)
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
