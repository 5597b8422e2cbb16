/// The typed properties of one CloudFormation resource type (an "L1" resource).
public protocol ResourceProperties {
    /// The CloudFormation type name, e.g. `AWS::S3::Bucket`.
    static var resourceType: String { get }
    /// The properties as template fields; `PropertyFields` keeps them in alphabetical order.
    func fields() -> [Value.Field]
}

/// Resource types that accept a `Tags` list, so stack tags can be applied to them.
public protocol TaggableProperties: ResourceProperties {
    var tags: [Tag] { get set }
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
