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
    /// The resource exists only when this condition is true (`Condition`).
    public var condition: CfnCondition?
    /// Raw changes to the rendered resource, applied last and in order (the escape hatch).
    public private(set) var overrides: [ResourceOverride] = []

    init(_ scope: Construct, _ id: String, resourceType: String) {
        self.resourceType = resourceType
        super.init(scope, id)
    }

    /// Creates this resource only after `other` exists (`DependsOn`).
    public func addDependency(_ other: CfnResourceBase) {
        if !dependencies.contains(where: { $0 === other }) { dependencies.append(other) }
    }

    /// Dependencies known only once every construct is prepared (a role's policies, after it has
    /// split them), read when the template is rendered.
    private(set) var dependencyProviders: [() -> [CfnResourceBase]] = []

    /// Creates this resource after whatever `provider` returns when the template is rendered.
    public func addDependencies(_ provider: @escaping () -> [CfnResourceBase]) {
        dependencyProviders.append(provider)
    }

    /// Sets `path` (from the resource's top: `Properties.X.Y`, `Metadata.Z`, `DependsOn`) to
    /// `value` in the rendered resource, whatever the typed properties render there; `a\.b` is
    /// one key with a dot.
    public func addOverride(_ path: String, _ value: Value) {
        overrides.append(ResourceOverride(path: ResourceOverride.components(path), value: value))
    }

    /// Removes `path` from the rendered resource.
    public func addDeletionOverride(_ path: String) {
        overrides.append(ResourceOverride(path: ResourceOverride.components(path), value: nil))
    }

    /// `addOverride("Properties." + path, value)`.
    public func addPropertyOverride(_ path: String, _ value: Value) { addOverride("Properties." + path, value) }

    /// `addDeletionOverride("Properties." + path)`.
    public func addPropertyDeletionOverride(_ path: String) { addDeletionOverride("Properties." + path) }

    /// Every value the overrides set, for reference checks.
    var overrideValues: [Value] { overrides.compactMap(\.value) }

    open override func diagnostics() -> [Diagnostic] {
        var problems = super.diagnostics()
        for change in overrides {
            if let problem = change.problem {
                problems.append(Diagnostic(.construct(path), problem, hint: "write the path from the resource's top, e.g. Properties.BucketName"))
            }
        }
        if let condition, condition.stack !== stack {
            problems.append(
                Diagnostic(
                    .construct(path), "is conditional on \(condition.path), which is in another stack",
                    hint: "declare the condition in this resource's stack"))
        }
        return problems
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

    /// The attributes `Fn::GetAtt` can read, when the type's are known.
    open var attributeNames: [String]? { nil }

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

    func render(stackTags: [Tag], dependsOn resolved: [CfnResourceBase]) -> Resource {
        var resource = Resource(
            type: resourceType,
            properties: propertyFields(stackTags: stackTags),
            dependsOn: resolved.sorted { $0.path < $1.path }.map(\.logicalId),
            updateReplacePolicy: updateReplacePolicy,
            deletionPolicy: deletionPolicy,
            metadata: renderedMetadata(),
            condition: condition?.logicalId
        )
        resource.overrides = overrides
        return resource
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

    /// `{"Fn::GetAtt": [logicalId, attribute]}`; a name the type does not have is a synth-time error.
    public func attribute(_ name: String) -> Value { .getAtt(self, name) }

    public override var attributeNames: [String]? { Properties.attributeNames }
}

extension CfnResource where Properties: ReadableAttributes {
    /// `{"Fn::GetAtt": [logicalId, attribute]}` of one of the type's attributes, e.g. `.arn`.
    public func attribute(_ attribute: Properties.Attribute) -> Value { .getAtt(self, attribute.rawValue) }
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
