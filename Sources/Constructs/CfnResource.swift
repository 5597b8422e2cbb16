import CloudFormation

/// A scanner's finding that is skipped on purpose, with the reason (rendered into `Metadata`).
public struct CheckovSkip: Sendable, Equatable {
    public var id: String
    public var reason: String
    public init(_ id: String, reason: String) {
        self.id = id
        self.reason = reason
    }
}

/// Everything about a resource that is not its type-specific properties. Subclassed by
/// `CfnResource<Properties>`, which adds the typed properties.
open class CfnResourceBase: CfnElement {
    /// The CloudFormation type; custom resources replace the generic one with `Custom::Name`.
    public var resourceType: String
    public private(set) var dependencies: [CfnResourceBase] = []
    public var deletionPolicy: DeletionPolicy?
    public var updateReplacePolicy: DeletionPolicy?
    /// Metadata entries other than the scanner directives below.
    public var metadata: [Value.Field] = []
    public private(set) var checkovSkips: [CheckovSkip] = []
    public private(set) var cfnLintIgnores: [String] = []

    init(_ scope: Construct, _ id: String, resourceType: String) {
        self.resourceType = resourceType
        super.init(scope, id)
    }

    /// Creates this resource only after `other` exists (`DependsOn`).
    public func addDependency(_ other: CfnResourceBase) {
        if !dependencies.contains(where: { $0 === other }) { dependencies.append(other) }
    }

    /// Sets both `DeletionPolicy` and `UpdateReplacePolicy`.
    public func applyRemovalPolicy(_ policy: RemovalPolicy) {
        deletionPolicy = policy.deletionPolicy
        updateReplacePolicy = policy.updateReplacePolicy
    }

    /// Records a checkov check that does not apply to this resource, and why.
    public func skipCheckov(_ id: String, reason: String) {
        if !checkovSkips.contains(where: { $0.id == id }) { checkovSkips.append(CheckovSkip(id, reason: reason)) }
    }

    /// Records a cfn-lint rule to ignore on this resource.
    public func ignoreCfnLint(_ rule: String) {
        if !cfnLintIgnores.contains(rule) { cfnLintIgnores.append(rule) }
    }

    /// The resource's properties, before stack tags are applied.
    open func propertyFields(stackTags: [Tag]) -> [Value.Field] { [] }

    func renderedMetadata() -> [Value.Field] {
        var fields = metadata
        if !checkovSkips.isEmpty {
            let skips = checkovSkips.map { Value.object(["id": .string($0.id), "comment": .string($0.reason)]) }
            fields.append(Value.Field("checkov", .object(["skip": .array(skips)])))
        }
        if !cfnLintIgnores.isEmpty {
            fields.append(Value.Field("cfn-lint", .object(["config": .object(["ignore_checks": .strings(cfnLintIgnores)])])))
        }
        return fields
    }

    func render(stackTags: [Tag]) -> Resource {
        Resource(
            type: resourceType,
            properties: propertyFields(stackTags: stackTags),
            dependsOn: dependencies.sorted { $0.path < $1.path }.map(\.logicalId),
            updateReplacePolicy: updateReplacePolicy,
            deletionPolicy: deletionPolicy,
            metadata: renderedMetadata()
        )
    }
}

/// A CloudFormation resource with typed properties (an "L1" construct).
public final class CfnResource<Properties: ResourceProperties>: CfnResourceBase {
    public var properties: Properties

    public init(_ scope: Construct, _ id: String, _ properties: Properties) {
        self.properties = properties
        super.init(scope, id, resourceType: Properties.resourceType)
    }

    /// Taggable resources get the stack's tags, under their own tags of the same key.
    public override func propertyFields(stackTags: [Tag]) -> [Value.Field] {
        properties.fields(withStackTags: stackTags)
    }

    /// `{"Ref": logicalId}`.
    public var ref: Value { .ref(self) }

    /// `{"Fn::GetAtt": [logicalId, attribute]}`.
    public func attribute(_ name: String) -> Value { .getAtt(self, name) }
}

/// What CloudFormation does with a resource when it is removed from the stack or replaced.
public enum RemovalPolicy: Sendable {
    case destroy
    case retain
    case snapshot
    case retainOnUpdateOrDelete

    var deletionPolicy: DeletionPolicy {
        switch self {
        case .destroy: return .delete
        case .retain: return .retain
        case .snapshot: return .snapshot
        case .retainOnUpdateOrDelete: return .retainExceptOnCreate
        }
    }

    /// `RetainExceptOnCreate` is valid only as a `DeletionPolicy`; a replaced resource is kept
    /// (`Retain`), as the AWS CDK renders `RETAIN_ON_UPDATE_OR_DELETE`.
    var updateReplacePolicy: DeletionPolicy {
        switch self {
        case .retainOnUpdateOrDelete: return .retain
        case .destroy, .retain, .snapshot: return deletionPolicy
        }
    }
}
