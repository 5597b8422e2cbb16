import CloudFormation

/// The object keys a bucket grant covers, as patterns such as `data/*`: each pattern for an
/// object ARN of its own, and all of them as one list for `s3:prefix`.
public struct KeyPatterns {
    /// One value per pattern.
    public var patterns: [Value]
    /// The patterns as one list value.
    public var list: Value

    public init(_ patterns: [String]) {
        self.patterns = patterns.map(Value.string)
        list = .strings(patterns)
    }

    /// `count` patterns in a list known only at deploy time (e.g. `Fn::FindInMap`), each picked
    /// with `Fn::Select`: CloudFormation cannot map over a list.
    public init(selecting count: Int, from list: Value) {
        patterns = (0..<count).map { Value.select($0, list) }
        self.list = list
    }
}
