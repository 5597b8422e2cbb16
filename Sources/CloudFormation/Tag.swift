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
        tags.sorted { collationKey($0.key).lexicographicallyPrecedes(collationKey($1.key)) }
    }

    /// The root collation's order of ASCII punctuation and symbols, before digits and letters.
    private static let punctuationOrder = Array("_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".unicodeScalars)

    /// Primary weights (case folded), then case weights, as one comparable list.
    static func collationKey(_ key: String) -> [Int] {
        var primary: [Int] = []
        var tertiary: [Int] = []
        for scalar in key.unicodeScalars {
            let lower = Character(scalar).lowercased().unicodeScalars.first ?? scalar
            if let index = punctuationOrder.firstIndex(of: scalar) {
                primary.append(100 + index)
            } else if ("0"..."9").contains(scalar) {
                primary.append(200 + Int(scalar.value))
            } else if ("a"..."z").contains(lower) {
                primary.append(300 + Int(lower.value))
            } else {
                primary.append(1000 + Int(scalar.value))
            }
            tertiary.append(scalar == lower ? 0 : 1)
        }
        return primary + [0] + tertiary
    }

    /// `[{"Key": …, "Value": …}]`, the list form most resource types use.
    public static func listValue(_ tags: [Tag]) -> Value {
        .array(sorted(tags).map { .object(["Key": .string($0.key), "Value": $0.value]) })
    }
}
