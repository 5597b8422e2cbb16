import Constructs

/// The one collector every stage reports into: problems are gathered, never thrown one at a
/// time, so a user sees all of them at once; a stage after one with errors does not run.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init(_ diagnostics: [Diagnostic] = []) { all = diagnostics }

    public mutating func report(_ diagnostic: Diagnostic) { all.append(diagnostic) }
    public mutating func report(_ diagnostics: [Diagnostic]) { all += diagnostics }

    public var errors: [Diagnostic] { all.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { all.filter { $0.severity == .warning } }
    public var hasErrors: Bool { all.contains { $0.severity == .error } }
}
