/// Which property changes make CloudFormation replace a resource: each type's
/// `createOnlyProperties`, generated from the pinned cfn-lint's resource provider schemas into
/// `Generated/ReplacementFacts.swift` (regenerate with `scripts/generate-replacement-facts`).
///
/// A path is `/`-separated below `Properties` (`BucketName`, `TableInput/Name`,
/// `ConnectPeerConfiguration/BgpConfigurations/*/PeerAsn`); `*` stands for every element of an
/// array (or every member of an object). A create-only path is changed when the values it
/// selects in the old and the new properties differ, compared as JSON (intrinsics included), a
/// missing property selecting nothing: see ``changedCreateOnlyPaths(of:old:new:)``.
public struct ReplacementFacts: Sendable {
    /// Create-only paths by resource type.
    public let createOnlyPaths: [String: [String]]

    /// The facts of the pinned cfn-lint, parsed at first use (a string literal compiles far faster
    /// than a dictionary literal of ~1,600 entries).
    public static let pinned = ReplacementFacts(parsing: table)

    public init(createOnlyPaths: [String: [String]]) {
        self.createOnlyPaths = createOnlyPaths
    }

    /// Reads the generated format: one line per type, the type then its paths, separated by spaces.
    public init(parsing text: String) {
        var paths: [String: [String]] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            guard let type = words.first else { continue }
            paths[type] = Array(words.dropFirst())
        }
        createOnlyPaths = paths
    }

    /// The create-only paths of `type` whose selected values differ between `old` and `new`
    /// (the resources' `Properties`, nil when absent), in the facts' order. An unknown type
    /// (a custom resource) has none.
    public func changedCreateOnlyPaths(of type: String, old: JSON?, new: JSON?) -> [String] {
        (createOnlyPaths[type] ?? []).filter { path in
            let segments = path.split(separator: "/").map(String.init)
            let before = Self.select(segments, in: old)
            let after = Self.select(segments, in: new)
            return before.count != after.count || !zip(before, after).allSatisfy { $0.isEquivalent(to: $1) }
        }
    }

    /// The values `segments` select in `value`, in order; a missing key selects nothing.
    public static func select(_ segments: [String], in value: JSON?) -> [JSON] {
        guard let value else { return [] }
        guard let first = segments.first else { return [value] }
        let rest = Array(segments.dropFirst())
        if first == "*" {
            switch value {
            case .array(let items): return items.flatMap { select(rest, in: $0) }
            case .object(let members): return members.flatMap { select(rest, in: $0.value) }
            default: return []
            }
        }
        return select(rest, in: value[first])
    }
}
