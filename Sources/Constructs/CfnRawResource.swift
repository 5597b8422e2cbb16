import CloudFormation

/// A resource of any CloudFormation type, with its properties as a map: the escape hatch for a
/// type the library has no typed L1 for (the AWS CDK's `CfnResource`). It takes part in logical
/// IDs, `DependsOn`, conditions, overrides and validation like every other resource.
public final class CfnRawResource: CfnResourceBase {
    public var properties: [Value.Field]
    /// Whether the type takes a `Tags` list of `Key`/`Value`, so the stack's tags are added.
    public var taggable: Bool

    public init(_ scope: Construct, _ id: String, type: String, properties: [Value.Field] = [], taggable: Bool = false) {
        self.properties = properties
        self.taggable = taggable
        super.init(scope, id, resourceType: type)
    }

    /// `{"Ref": logicalId}`.
    public var ref: Value { .ref(self) }

    /// `{"Fn::GetAtt": [logicalId, attribute]}`; the type's attributes are not known here.
    public func attribute(_ name: String) -> Value { .getAtt(self, name) }

    /// The properties as given; a taggable type gets the stack's tags after its own `Tags`.
    public override func propertyFields(stackTags: [Tag]) -> [Value.Field] {
        guard taggable, !stackTags.isEmpty else { return properties }
        var fields = properties
        let position = fields.firstIndex { $0.key == "Tags" }
        var own: [Value] = []
        if let position, case .array(let items) = fields[position].value { own = items }
        let ownKeys = own.compactMap { item -> String? in
            if case .object(let entries) = item { return entries.first { $0.key == "Key" }?.value.literalString }
            return nil
        }
        let added = stackTags.filter { !ownKeys.contains($0.key) }
        guard case .array(let tags) = Tag.listValue(added) else { return fields }
        let merged = Value.array(own + tags)
        if let position { fields[position].value = merged } else { fields.append(Value.Field("Tags", merged)) }
        return fields
    }

    /// Whether `type` is written `Vendor::Service::Resource` or `Custom::Name`.
    static func isWellFormed(type: String) -> Bool {
        let parts = type.split(separator: ":", omittingEmptySubsequences: false)
        let custom = type.hasPrefix("Custom::") && type.count > "Custom::".count
        return custom || (parts.count == 5 && parts[1].isEmpty && parts[3].isEmpty && !parts[0].isEmpty && !parts[2].isEmpty && !parts[4].isEmpty)
    }

    public override func diagnostics() -> [Diagnostic] {
        var problems = super.diagnostics()
        if !CfnRawResource.isWellFormed(type: resourceType) {
            problems.append(
                Diagnostic(
                    .construct(path), "resource type \"\(resourceType)\" is not of the form Vendor::Service::Resource",
                    hint: "write it as CloudFormation names it, e.g. AWS::SQS::Queue, or Custom::Name"))
        }
        var seen: Set<String> = []
        for field in properties where !seen.insert(field.key).inserted {
            problems.append(Diagnostic(.construct(path), "property \"\(field.key)\" is given twice", hint: "give each property once"))
        }
        return problems
    }
}
