/// A resource tag.
public struct Tag {
    public var key: String
    public var value: Value

    public init(_ key: String, _ value: Value) {
        self.key = key
        self.value = value
    }

    /// Tags sorted by key as the AWS CDK sorts them (`localeCompare`, the Unicode root collation):
    /// punctuation, then digits, then letters ignoring case; on a tie, lower case first.
    public static func sorted(_ tags: [Tag]) -> [Tag] {
        guard tags.count > 1 else { return tags }
        // Each key's collation key made once, not once per comparison.
        return tags.map { (key: collationKey($0.key), tag: $0) }
            .sorted { $0.key.lexicographicallyPrecedes($1.key) }
            .map(\.tag)
    }

    /// The root collation's order of ASCII punctuation and symbols, before digits and letters.
    private static let punctuationOrder = Array("_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".unicodeScalars)

    /// Primary weights (case folded), then case weights, as one comparable list.
    static func collationKey(_ key: String) -> [Int] {
        var weights: [Int] = []
        weights.reserveCapacity(2 * key.utf8.count + 1)
        for scalar in key.unicodeScalars { weights.append(weight(of: scalar).primary) }
        weights.append(0)
        for scalar in key.unicodeScalars { weights.append(weight(of: scalar).tertiary) }
        return weights
    }

    /// The weights of every ASCII scalar, looked up rather than worked out for each key.
    private static let asciiWeights = (0..<128).map { collationWeight(of: Unicode.Scalar(UInt8($0))) }

    private static func weight(of scalar: Unicode.Scalar) -> (primary: Int, tertiary: Int) {
        scalar.isASCII ? asciiWeights[Int(scalar.value)] : collationWeight(of: scalar)
    }

    /// One scalar's primary weight (its case folded) and case weight (0 for lower case).
    private static func collationWeight(of scalar: Unicode.Scalar) -> (primary: Int, tertiary: Int) {
        let lower = Character(scalar).lowercased().unicodeScalars.first ?? scalar
        let tertiary = scalar == lower ? 0 : 1
        if let index = punctuationOrder.firstIndex(of: scalar) { return (100 + index, tertiary) }
        if ("0"..."9").contains(scalar) { return (200 + Int(scalar.value), tertiary) }
        if ("a"..."z").contains(lower) { return (300 + Int(lower.value), tertiary) }
        return (1000 + Int(scalar.value), tertiary)
    }

    /// `[{"Key": …, "Value": …}]`, the list form most resource types use.
    public static func listValue(_ tags: [Tag]) -> Value {
        .array(sorted(tags).map { .object(["Key": .string($0.key), "Value": $0.value]) })
    }
}
