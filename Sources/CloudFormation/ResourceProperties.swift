/// The typed properties of one CloudFormation resource type (an "L1" resource).
public protocol ResourceProperties {
    /// The CloudFormation type name, e.g. `AWS::S3::Bucket`.
    static var resourceType: String { get }
    /// The properties as template fields, in alphabetical key order (as the AWS CDK renders its L1s).
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

    /// The type's create-only properties, as paths below `Properties` (`/`-separated, `*` for
    /// every element of a list): changing one makes CloudFormation replace the resource. The
    /// pinned schemas' facts, the same ones `synth diff` marks `REPLACE` from.
    public static var createOnlyProperties: [String] { ReplacementFacts.pinned.createOnlyPaths[resourceType] ?? [] }
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
        // A resource has at most 50 tags: comparing keys costs less than hashing them.
        tagged.tags += stackTags.filter { stackTag in !tags.contains { $0.key == stackTag.key } }
        return tagged.fields()
    }
}

/// Resource types whose `Tags` is a map of key to value (`AWS::SSM::Parameter` and about a
/// hundred others), so stack tags can be applied to them.
public protocol MapTaggableProperties: ResourceProperties {
    var tags: [String: Value]? { get set }
}

extension MapTaggableProperties {
    /// Stack tags are added to the map, under the resource's own tags of the same key.
    public func fields(withStackTags stackTags: [Tag]) -> [Value.Field] {
        guard !stackTags.isEmpty else { return fields() }
        var tagged = self
        var map = tags ?? [:]
        for tag in stackTags where map[tag.key] == nil { map[tag.key] = tag.value }
        tagged.tags = map
        return tagged.fields()
    }
}
