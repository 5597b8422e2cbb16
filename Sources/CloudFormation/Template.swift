/// What happens to a resource's physical resource when CloudFormation deletes or replaces it.
public enum DeletionPolicy: String, Sendable {
    case delete = "Delete"
    case retain = "Retain"
    case snapshot = "Snapshot"
    case retainExceptOnCreate = "RetainExceptOnCreate"
}

/// One resource of a rendered template.
public struct Resource {
    public var type: String
    public var properties: [Value.Field]
    public var dependsOn: [String]
    public var updateReplacePolicy: DeletionPolicy?
    public var deletionPolicy: DeletionPolicy?
    public var metadata: [Value.Field]
    public var condition: String?
    /// Raw changes applied after everything else, in order (`ResourceOverride`).
    public var overrides: [ResourceOverride] = []

    public init(
        type: String,
        properties: [Value.Field] = [],
        dependsOn: [String] = [],
        updateReplacePolicy: DeletionPolicy? = nil,
        deletionPolicy: DeletionPolicy? = nil,
        metadata: [Value.Field] = [],
        condition: String? = nil
    ) {
        self.type = type
        self.properties = properties
        self.dependsOn = dependsOn
        self.updateReplacePolicy = updateReplacePolicy
        self.deletionPolicy = deletionPolicy
        self.metadata = metadata
        self.condition = condition
    }

    /// Fixed key order: Type, Properties, DependsOn, UpdateReplacePolicy, DeletionPolicy, Metadata, Condition.
    public func json() -> JSON {
        var members: [JSON.Member] = [JSON.Member("Type", .string(type))]
        if !properties.isEmpty { members.append(JSON.Member("Properties", Value.object(properties).json())) }
        if !dependsOn.isEmpty { members.append(JSON.Member("DependsOn", .array(dependsOn.map(JSON.string)))) }
        if let updateReplacePolicy { members.append(JSON.Member("UpdateReplacePolicy", .string(updateReplacePolicy.rawValue))) }
        if let deletionPolicy { members.append(JSON.Member("DeletionPolicy", .string(deletionPolicy.rawValue))) }
        if !metadata.isEmpty { members.append(JSON.Member("Metadata", Value.object(metadata).json())) }
        if let condition { members.append(JSON.Member("Condition", .string(condition))) }
        var resource = JSON.object(members)
        for change in overrides { change.apply(to: &resource) }
        return resource
    }
}

/// A template parameter.
public struct Parameter {
    public var type: String
    public var defaultValue: String?
    public var description: String?
    public var allowedPattern: String?
    public var allowedValues: [String]
    public var constraintDescription: String?
    public var minLength: Int?
    public var maxLength: Int?
    /// For `Number` parameters.
    public var minValue: Int?
    public var maxValue: Int?
    /// Masks the value in the console, CLI and API (it still reaches the resources).
    public var noEcho: Bool

    public init(
        type: String = "String",
        defaultValue: String? = nil,
        description: String? = nil,
        allowedPattern: String? = nil,
        allowedValues: [String] = [],
        constraintDescription: String? = nil,
        minLength: Int? = nil,
        maxLength: Int? = nil,
        minValue: Int? = nil,
        maxValue: Int? = nil,
        noEcho: Bool = false
    ) {
        self.minValue = minValue
        self.maxValue = maxValue
        self.noEcho = noEcho
        self.type = type
        self.defaultValue = defaultValue
        self.description = description
        self.allowedPattern = allowedPattern
        self.allowedValues = allowedValues
        self.constraintDescription = constraintDescription
        self.minLength = minLength
        self.maxLength = maxLength
    }

    public func json() -> JSON {
        var members: [JSON.Member] = [JSON.Member("Type", .string(type))]
        if let defaultValue { members.append(JSON.Member("Default", .string(defaultValue))) }
        if let description { members.append(JSON.Member("Description", .string(description))) }
        if let allowedPattern { members.append(JSON.Member("AllowedPattern", .string(allowedPattern))) }
        if !allowedValues.isEmpty { members.append(JSON.Member("AllowedValues", .array(allowedValues.map(JSON.string)))) }
        if let minLength { members.append(JSON.Member("MinLength", .int(minLength))) }
        if let maxLength { members.append(JSON.Member("MaxLength", .int(maxLength))) }
        if let minValue { members.append(JSON.Member("MinValue", .int(minValue))) }
        if let maxValue { members.append(JSON.Member("MaxValue", .int(maxValue))) }
        if noEcho { members.append(JSON.Member("NoEcho", .bool(true))) }
        if let constraintDescription { members.append(JSON.Member("ConstraintDescription", .string(constraintDescription))) }
        return .object(members)
    }
}

/// A template output.
public struct Output {
    public var value: Value
    public var description: String?
    public var exportName: Value?
    /// The name of a condition: the output exists only when it is true.
    public var condition: String?

    public init(value: Value, description: String? = nil, exportName: Value? = nil, condition: String? = nil) {
        self.value = value
        self.description = description
        self.exportName = exportName
        self.condition = condition
    }

    public func json() -> JSON {
        var members: [JSON.Member] = []
        if let description { members.append(JSON.Member("Description", .string(description))) }
        members.append(JSON.Member("Value", value.json()))
        if let exportName { members.append(JSON.Member("Export", .object(["Name": exportName.json()]))) }
        if let condition { members.append(JSON.Member("Condition", .string(condition))) }
        return .object(members)
    }
}

/// A template rule: when `condition` holds (always, without one), every assertion must, or
/// CloudFormation refuses the parameters before it changes anything.
public struct TemplateRule {
    public struct Assertion {
        public var assert: Value
        public var description: String?
        public init(_ assert: Value, description: String? = nil) {
            self.assert = assert
            self.description = description
        }
    }

    public var condition: Value?
    public var assertions: [Assertion]

    public init(condition: Value? = nil, assertions: [Assertion]) {
        self.condition = condition
        self.assertions = assertions
    }

    public func json() -> JSON {
        var members: [JSON.Member] = []
        if let condition { members.append(JSON.Member("RuleCondition", condition.json())) }
        members.append(
            JSON.Member(
                "Assertions",
                .array(
                    assertions.map { assertion in
                        var fields = [JSON.Member("Assert", assertion.assert.json())]
                        if let description = assertion.description { fields.append(JSON.Member("AssertDescription", .string(description))) }
                        return .object(fields)
                    })))
        return .object(members)
    }
}

/// A whole CloudFormation template, with sections in a fixed order.
public struct Template {
    public static let formatVersion = "2010-09-09"

    public var description: String?
    public var metadata: [Value.Field]
    public var parameters: [(name: String, parameter: Parameter)]
    /// Each mapping: top-level keys, each with its attributes.
    public var mappings: [(name: String, entries: [(key: String, attributes: [Value.Field])])] = []
    /// Named conditions (`Fn::Equals`, `Fn::And`, …) that resources and outputs depend on.
    public var conditions: [(name: String, expression: Value)] = []
    public var rules: [(name: String, rule: TemplateRule)] = []
    public var resources: [(logicalId: String, resource: Resource)]
    public var outputs: [(name: String, output: Output)]

    public init(
        description: String? = nil,
        metadata: [Value.Field] = [],
        parameters: [(name: String, parameter: Parameter)] = [],
        resources: [(logicalId: String, resource: Resource)] = [],
        outputs: [(name: String, output: Output)] = []
    ) {
        self.description = description
        self.metadata = metadata
        self.parameters = parameters
        self.resources = resources
        self.outputs = outputs
    }

    /// AWSTemplateFormatVersion, Description, Metadata, Parameters, Rules, Mappings, Conditions,
    /// Resources, Outputs: the order of CloudFormation's template anatomy page.
    public func json() -> JSON {
        var members: [JSON.Member] = [JSON.Member("AWSTemplateFormatVersion", .string(Template.formatVersion))]
        if let description { members.append(JSON.Member("Description", .string(description))) }
        if !metadata.isEmpty { members.append(JSON.Member("Metadata", Value.object(metadata).json())) }
        if !parameters.isEmpty {
            members.append(JSON.Member("Parameters", .object(parameters.map { JSON.Member($0.name, $0.parameter.json()) })))
        }
        if !rules.isEmpty {
            members.append(JSON.Member("Rules", .object(rules.map { JSON.Member($0.name, $0.rule.json()) })))
        }
        if !mappings.isEmpty {
            members.append(
                JSON.Member(
                    "Mappings",
                    .object(
                        mappings.map { mapping in
                            JSON.Member(mapping.name, .object(mapping.entries.map { JSON.Member($0.key, Value.object($0.attributes).json()) }))
                        })))
        }
        if !conditions.isEmpty {
            members.append(JSON.Member("Conditions", .object(conditions.map { JSON.Member($0.name, $0.expression.json()) })))
        }
        members.append(JSON.Member("Resources", .object(resources.map { JSON.Member($0.logicalId, $0.resource.json()) })))
        if !outputs.isEmpty {
            members.append(JSON.Member("Outputs", .object(outputs.map { JSON.Member($0.name, $0.output.json()) })))
        }
        return .object(members)
    }

    /// The canonical text of the template.
    public func render() -> String { String(decoding: data(), as: UTF8.self) }
}
