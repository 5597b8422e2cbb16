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
        return tags.sorted { collationPrecedes($0.key, $1.key) }
    }

    /// The root collation's order of ASCII punctuation and symbols, before digits and letters.
    private static let punctuationOrder = Array("_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".unicodeScalars)

    /// Whether `a` sorts before `b`: by their primary weights (case folded), a key that is a
    /// prefix of the other first, then by their case weights. The order of their collation
    /// keys, found without making them.
    static func collationPrecedes(_ a: String, _ b: String) -> Bool {
        var left = a.unicodeScalars.makeIterator()
        var right = b.unicodeScalars.makeIterator()
        // The first case difference, should the primary weights all agree: -1 when `a` is lower.
        var caseOrder = 0
        while true {
            guard let x = left.next() else { return right.next() != nil || caseOrder < 0 }
            guard let y = right.next() else { return false }
            let (wx, wy) = (weight(of: x), weight(of: y))
            if wx.primary != wy.primary { return wx.primary < wy.primary }
            if caseOrder == 0, wx.tertiary != wy.tertiary { caseOrder = wx.tertiary < wy.tertiary ? -1 : 1 }
        }
    }

    /// The weights of every ASCII scalar, looked up rather than worked out for each key.
    private static let asciiWeights = (0..<128).map { collationWeight(of: Unicode.Scalar(UInt8($0))) }

    private static func weight(of scalar: Unicode.Scalar) -> (primary: Int, tertiary: Int) {
        scalar.isASCII ? asciiWeights[Int(scalar.value)] : collationWeight(of: scalar)
    }

    /// One scalar's primary weight (its case folded) and case weight (0 for lower case).
    private static func collationWeight(of scalar: Unicode.Scalar) -> (primary: Int, tertiary: Int) {
        // An ASCII letter's lower case is 0x20 above it, as `lowercased()` finds at more cost.
        let lower =
            ("A"..."Z").contains(scalar)
            ? Unicode.Scalar(UInt8(scalar.value) + 0x20) : scalar.isASCII ? scalar : Character(scalar).lowercased().unicodeScalars.first ?? scalar
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
