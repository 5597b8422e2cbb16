/// A resource tag.
public struct Tag {
    public var key: String
    public var value: Value

    public init(_ key: String, _ value: Value) {
        self.key = key
        self.value = value
    }

    /// Tags sorted by key, case-insensitively first so `aws-cdk:…` sorts among the capitalised
    /// keys as the AWS CDK's `localeCompare` does, then by bytes so the order is total.
    public static func sorted(_ tags: [Tag]) -> [Tag] {
        tags.sorted { lhs, rhs in
            let left = lhs.key.lowercased(), right = rhs.key.lowercased()
            return left != right ? left < right : lhs.key < rhs.key
        }
    }

    /// `[{"Key": …, "Value": …}]`, the list form most resource types use.
    public static func listValue(_ tags: [Tag]) -> Value {
        .array(sorted(tags).map { .object(["Key": .string($0.key), "Value": $0.value]) })
    }
}
