/// The typed properties of one CloudFormation resource type (an "L1" resource).
public protocol ResourceProperties {
    /// The CloudFormation type name, e.g. `AWS::S3::Bucket`.
    static var resourceType: String { get }
    /// The properties as template fields; `PropertyFields` keeps them in alphabetical order.
    func fields() -> [Value.Field]
    /// The fields with a stack's tags applied, where the type takes tags. A requirement rather
    /// than a runtime cast to `TaggableProperties`, so the choice is made by the type system.
    func fields(withStackTags stackTags: [Tag]) -> [Value.Field]
    /// The attributes `Fn::GetAtt` can read; nil when any name may be valid (custom resources).
    static var attributeNames: [String]? { get }
}

extension ResourceProperties {
    public func fields(withStackTags stackTags: [Tag]) -> [Value.Field] { fields() }
    public static var attributeNames: [String]? { nil }
}

/// Resource types that accept a `Tags` list, so stack tags can be applied to them.
public protocol TaggableProperties: ResourceProperties {
    var tags: [Tag] { get set }
}

extension TaggableProperties {
    /// Stack tags are added under the resource's own tags of the same key.
    public func fields(withStackTags stackTags: [Tag]) -> [Value.Field] {
        guard !stackTags.isEmpty else { return fields() }
        var tagged = self
        let own = Set(tags.map(\.key))
        tagged.tags += stackTags.filter { !own.contains($0.key) }
        return tagged.fields()
    }
}

/// Collects the properties a resource sets and renders them in alphabetical key order,
/// as the AWS CDK renders its generated L1 classes.
public struct PropertyFields {
    private var fields: [Value.Field] = []

    public init() {}

    public mutating func set(_ key: String, _ value: Value?) {
        guard let value else { return }
        fields.append(Value.Field(key, value))
    }

    public mutating func set(_ key: String, _ value: String?) { set(key, value.map(Value.string)) }
    public mutating func set(_ key: String, _ value: Int?) { set(key, value.map(Value.int)) }
    public mutating func set(_ key: String, _ value: Bool?) { set(key, value.map(Value.bool)) }

    /// Sets a list only when it has elements.
    public mutating func set(_ key: String, list: [Value]) {
        if !list.isEmpty { set(key, Value.array(list)) }
    }

    public mutating func setTags(_ tags: [Tag]) {
        if !tags.isEmpty { set("Tags", Tag.listValue(tags)) }
    }

    public var sorted: [Value.Field] { fields.sorted { $0.key < $1.key } }
}
