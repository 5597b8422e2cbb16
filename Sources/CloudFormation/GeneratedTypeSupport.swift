/// What the generated L1 types (the `CloudFormation<Service>` modules) are built from.

/// A property type of a resource: a nested struct or an enum of the schema's values.
public protocol PropertyValue {
    /// The value as it appears in the template.
    var propertyValue: Value { get }
}

/// A resource type whose `Fn::GetAtt` attributes are known, as a typed list.
public protocol ReadableAttributes: ResourceProperties {
    associatedtype Attribute: RawRepresentable<String>, CaseIterable
}

/// Heap storage for a property whose type contains itself (a rule of rules, a statement of
/// statements), which a struct cannot store inline.
public final class Indirect<Wrapped> {
    public let value: Wrapped
    public init(_ value: Wrapped) { self.value = value }
}

extension Value {
    /// A literal value holding plain JSON.
    public init(json: JSON) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(Value.init(json:)))
        case .object(let members): self = .object(members.map { Value.Field($0.key, Value(json: $0.value)) })
        }
    }

    /// An object of a map property, its keys in sorted order so the output is deterministic.
    public static func sortedObject(_ entries: [String: Value]) -> Value {
        .object(entries.sorted { $0.key < $1.key }.map { Value.Field($0.key, $0.value) })
    }
}
