import CloudFormation

/// One CloudFormation stack: a scope whose resources render into one template.
///
/// With `account` and `region` given, ARNs and names are concrete, as the AWS CDK renders a
/// stack with an explicit environment; without them they use `AWS::AccountId`/`AWS::Region`.
open class Stack: Construct {
    public static let maximumNameLength = 128

    public let stackName: String
    public var templateDescription: String?
    public let account: String?
    public let region: String?
    /// Applied to every taggable resource in the stack (and given to `aws cloudformation deploy --tags`).
    public var tags: [Tag]

    public init(
        _ app: App, _ id: String, stackName: String? = nil, description: String? = nil,
        account: String? = nil, region: String? = nil, tags: [Tag] = []
    ) {
        self.stackName = stackName ?? id
        self.templateDescription = description
        self.account = account
        self.region = region
        self.tags = tags
        super.init(app, id)
    }

    /// The account id, or `AWS::AccountId` when the stack is account-agnostic.
    public var accountValue: Value { account.map(Value.string) ?? .pseudo(.accountId) }
    /// The region, or `AWS::Region` when the stack is region-agnostic.
    public var regionValue: Value { region.map(Value.string) ?? .pseudo(.region) }
    /// The region's partition, or `AWS::Partition` when the region is not known.
    public var partitionValue: Value { region.map { .string(Partition(region: $0).rawValue) } ?? .pseudo(.partition) }
    /// The partition when the region is known.
    public var partition: Partition? { region.map(Partition.init(region:)) }

    /// `arn:<partition>:<service>:<region>:<account>:<resource>`; pass "" for region or account
    /// where the service's ARNs leave them empty (S3, IAM).
    public func formatArn(service: String, region: Value? = nil, account: Value? = nil, resource: Value) -> Value {
        .interpolate([
            .string("arn:"), partitionValue, .string(":\(service):"), region ?? regionValue,
            .string(":"), account ?? accountValue, .string(":"), resource,
        ])
    }

    public func formatArn(service: String, region: Value? = nil, account: Value? = nil, resource: String) -> Value {
        formatArn(service: service, region: region, account: account, resource: .string(resource))
    }

    /// `arn:<partition>:<service>:::<resource>`: a service whose ARNs name no region and no
    /// account, such as S3 (`arn:aws:s3:::my-bucket/key`).
    public func formatGlobalArn(service: String, resource: Value) -> Value {
        formatArn(service: service, region: .string(""), account: .string(""), resource: resource)
    }

    public func formatGlobalArn(service: String, resource: String) -> Value {
        formatGlobalArn(service: service, resource: .string(resource))
    }

    open override func diagnostics() -> [Diagnostic] {
        var problems = super.diagnostics()
        if let message = Stack.nameProblem(stackName) {
            problems.append(
                Diagnostic(
                    .construct(path), "stack name \"\(stackName)\" \(message)",
                    hint: "stack names are 1 to \(Stack.maximumNameLength) letters, digits and hyphens, starting with a letter"))
        }
        return problems
    }

    /// Why a stack name is invalid, or nil when it is valid.
    public static func nameProblem(_ name: String) -> String? {
        guard let first = name.unicodeScalars.first else { return "is empty" }
        if name.count > maximumNameLength { return "is \(name.count) characters long, over the limit of \(maximumNameLength)" }
        if !(("a"..."z").contains(first) || ("A"..."Z").contains(first)) { return "does not start with a letter" }
        if !name.unicodeScalars.allSatisfy({ LogicalID.isAlphanumeric($0) || $0 == "-" }) {
            return "contains characters other than letters, digits and hyphens"
        }
        return nil
    }

    /// The elements of this stack (not of nested stacks), in tree order.
    var elements: [CfnElement] {
        var result: [CfnElement] = []
        func visit(_ construct: Construct) {
            for child in construct.children where !(child is Stack) {
                if let element = child as? CfnElement { result.append(element) }
                visit(child)
            }
        }
        visit(self)
        return result
    }

    /// What a stack's elements render to, before references across stacks are resolved.
    struct RenderedElements {
        /// Each resource with its rendering and its resolved dependencies (in any stack).
        var resources: [(element: CfnResourceBase, resource: Resource, dependencies: [CfnResourceBase])] = []
        var outputs: [(element: CfnOutput, output: Output)] = []
        var problems: [Diagnostic] = []

        /// Every value that may refer to another stack's elements.
        var values: [Value] {
            resources.flatMap { entry in [Value.object(entry.resource.properties)] + entry.resource.overrides.compactMap(\.value) }
                + outputs.map(\.output.value)
        }
    }

    /// Renders each resource and output once, with what only the whole stack shows: duplicate
    /// logical IDs, dependencies or conditions across stacks, and raw or overridden resources
    /// that their type's schema refuses.
    func renderElements() -> RenderedElements {
        var rendered = RenderedElements()
        // The element, not its path: a path is made only for a duplicate's message.
        var owners: [String: CfnElement] = [:]
        for element in elements {
            let id = element.logicalId
            if let other = owners[id] {
                rendered.problems.append(
                    Diagnostic(
                        .construct(element.path), "logical ID \"\(id)\" is already used by \(other.path)",
                        hint: "rename one of them or pin another ID with overrideLogicalId"))
            } else {
                owners[id] = element
            }
            switch element {
            case let resource as CfnResourceBase:
                let dependencies = resolvedDependencies(of: resource)
                for dependency in dependencies where dependency.stack !== self {
                    rendered.problems.append(
                        Diagnostic(
                            .construct(element.path), "depends on \(dependency.path), which is in another stack",
                            hint: "DependsOn can only name resources of the same stack; deploy the stacks in order instead"))
                }
                let rendering = resource.render(stackTags: tags, dependsOn: dependencies.filter { $0.stack === self })
                rendered.problems += resource.schemaDiagnostics(of: rendering)
                rendered.resources.append((resource, rendering, dependencies))
            case let output as CfnOutput:
                var value = output.output
                value.condition = output.condition?.logicalId
                if let condition = output.condition, condition.stack !== self {
                    rendered.problems.append(
                        Diagnostic(
                            .construct(element.path), "is conditional on \(condition.path), which is in another stack",
                            hint: "declare the condition in this output's stack"))
                }
                rendered.outputs.append((output, value))
            default:
                break
            }
        }
        return rendered
    }

    /// A resource's own dependencies and those its scopes were given with `addDependency(on:)`,
    /// each construct standing for every resource below it; never the resource itself.
    func resolvedDependencies(of resource: CfnResourceBase) -> [CfnResourceBase] {
        var result = resource.dependencies
        for provider in resource.dependencyProviders {
            for dependency in provider() where !result.contains(where: { $0 === dependency }) { result.append(dependency) }
        }
        var scope: Construct? = resource
        while let current = scope {
            for target in current.constructDependencies {
                for dependency in target.subtree.compactMap({ $0 as? CfnResourceBase })
                where dependency !== resource && !result.contains(where: { $0 === dependency }) {
                    result.append(dependency)
                }
            }
            scope = current.scope
        }
        return result
    }

    /// The template from the rendered elements: references into other stacks become imports,
    /// exports other stacks import are added as outputs, and what only the template shows is
    /// checked (references that cannot cross stacks, `DependsOn` cycles, quotas).
    func assembleTemplate(_ rendered: RenderedElements, references: CrossStackReferences) -> (CloudFormation.Template, [UInt8], [Diagnostic]) {
        var problems = rendered.problems
        var template = CloudFormation.Template(description: templateDescription)
        for element in elements {
            switch element {
            case let parameter as CfnParameter: template.parameters.append((parameter.logicalId, parameter.parameter))
            case let rule as CfnRule: template.rules.append((rule.logicalId, rule.rule))
            case let mapping as CfnMapping: template.mappings.append((mapping.logicalId, mapping.entries))
            case let condition as CfnCondition:
                problems += foreignReferences(in: condition.expression, from: condition)
                template.conditions.append((condition.logicalId, condition.expression))
            default: break
            }
        }
        for (element, resource, _) in rendered.resources {
            var local = resource
            local.properties = resource.properties.map { Value.Field($0.key, references.localized($0.value, in: self)) }
            local.overrides = resource.overrides.map { ResourceOverride(path: $0.path, value: $0.value.map { references.localized($0, in: self) }) }
            problems += foreignReferences(in: .object(local.properties), from: element)
            problems += local.overrides.compactMap(\.value).flatMap { foreignReferences(in: $0, from: element) }
            template.resources.append((element.logicalId, local))
        }
        for (element, output) in rendered.outputs {
            var local = output
            local.value = references.localized(output.value, in: self)
            problems += foreignReferences(in: local.value, from: element)
            template.outputs.append((element.logicalId, local))
        }
        for export in references.exports(of: self) {
            template.outputs.append((export.outputId, Output(value: export.value, exportName: .string(export.name))))
        }
        problems += dependencyCycles(rendered.resources)
        let body = template.data()
        problems += quotaProblems(template, bodySize: body.count)
        return (template, body, problems)
    }

    /// Renders the template of this stack alone (references into other stacks are errors).
    func renderTemplate() -> (CloudFormation.Template, String, [Diagnostic]) {
        let rendered = renderElements()
        let (template, body, problems) = assembleTemplate(rendered, references: CrossStackReferences(rendered: []))
        return (template, String(decoding: body, as: UTF8.self), problems)
    }

    /// CloudFormation's per-template quotas, each reported with the figure against the limit.
    private func quotaProblems(_ template: CloudFormation.Template, bodySize size: Int) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let counts = [
            ("resources", template.resources.count, Limits.resourcesPerTemplate),
            ("parameters", template.parameters.count, Limits.parametersPerTemplate),
            ("outputs", template.outputs.count, Limits.outputsPerTemplate),
            ("mappings", template.mappings.count, Limits.mappingsPerTemplate),
        ]
        for (kind, count, limit) in counts where count > limit {
            problems.append(
                Diagnostic(
                    .construct(path), "has \(count) \(kind); CloudFormation allows \(limit) per template",
                    hint: "split the stack into several stacks"))
        }
        for mapping in template.mappings where mapping.entries.count > Limits.keysPerMapping {
            problems.append(
                Diagnostic(
                    .construct("\(path)/\(mapping.name)"),
                    "mapping has \(mapping.entries.count) keys; CloudFormation allows \(Limits.keysPerMapping) per mapping",
                    hint: "split the keys over several mappings or templates"))
        }
        if let description = templateDescription, description.utf8.count > Limits.descriptionBytes {
            problems.append(
                Diagnostic(
                    .construct(path), "description is \(description.utf8.count) bytes; CloudFormation allows \(Limits.descriptionBytes)",
                    hint: "shorten the description"))
        }
        if size > Limits.s3TemplateBytes {
            problems.append(
                Diagnostic(
                    .construct(path), "template is \(size) bytes; CloudFormation allows \(Limits.s3TemplateBytes) even from S3",
                    hint: "split the stack into several stacks"))
        } else if size > Limits.inlineTemplateBytes {
            problems.append(
                Diagnostic(
                    .warning, .construct(path),
                    "template is \(size) bytes, over the \(Limits.inlineTemplateBytes) bytes CloudFormation accepts inline",
                    hint: "deploy it through S3: aws cloudformation deploy --s3-bucket BUCKET ..."))
        }
        return problems
    }

    /// `Fn::GetAtt` of an attribute the resource's type does not have.
    /// Attributes read that the resource's type does not have, then references to elements of
    /// another stack, each in order of appearance; one walk, nothing copied.
    private func foreignReferences(in value: Value, from element: CfnElement) -> [Diagnostic] {
        var unknownAttributes: [Diagnostic] = []
        var foreign: [Diagnostic] = []
        func check(_ target: any LogicalElement) {
            guard let targetElement = target as? CfnElement, targetElement.stack !== self else { return }
            foreign.append(
                Diagnostic(
                    .construct(element.path),
                    "refers to \(targetElement.path), which is in another stack",
                    hint:
                        "only resources and parameters can be exported to another stack; declare conditions and mappings in the stack that uses them"
                ))
        }
        value.forEachNode { node in
            switch node {
            case .ref(let target), .findInMap(let target, _, _), .if(let target, _, _), .condition(let target): check(target)
            case .getAtt(let target, let attribute):
                if let resource = target as? CfnResourceBase, let known = resource.attributeNames, !known.contains(attribute) {
                    let listed = known.isEmpty ? "none" : known.joined(separator: ", ")
                    unknownAttributes.append(
                        Diagnostic(
                            .construct(element.path),
                            "reads attribute \"\(attribute)\" of \(resource.path), which \(resource.resourceType) does not have",
                            hint: "its attributes: \(listed)"))
                }
                check(target)
            default: break
            }
        }
        return unknownAttributes + foreign
    }

    /// `DependsOn` edges plus the implicit ones from `Ref`/`Fn::GetAtt`, checked for cycles:
    /// the edges of `dependencyEdges(_:)`, from the resources as `renderElements()` rendered them.
    private func dependencyCycles(_ rendered: [(element: CfnResourceBase, resource: Resource, dependencies: [CfnResourceBase])]) -> [Diagnostic] {
        let resources = rendered.map(\.element)
        let edges = dependencyEdges(rendered)
        var state: [ObjectIdentifier: Int] = [:]  // 1 = visiting, 2 = done
        var problems: [Diagnostic] = []
        func visit(_ resource: CfnResourceBase, _ trail: [CfnResourceBase]) {
            let key = ObjectIdentifier(resource)
            if state[key] == 2 { return }
            if state[key] == 1 {
                let start = trail.firstIndex { $0 === resource } ?? 0
                let cycle = (trail[start...] + [resource]).map(\.logicalId).joined(separator: " -> ")
                problems.append(
                    Diagnostic(
                        .construct(resource.path), "dependency cycle: \(cycle)",
                        hint: "remove one of the DependsOn or references in the cycle"))
                return
            }
            state[key] = 1
            for next in edges[key] ?? [] { visit(next, trail + [resource]) }
            state[key] = 2
        }
        for resource in resources { visit(resource, []) }
        return problems
    }

    /// Each resource's edges: its resolved dependencies and the resources its properties (without
    /// the stack's tags) and overrides refer to, those in this stack. The rendered properties
    /// are reused unless a stack tag refers to an element, as then they hold references the
    /// resource's own properties do not.
    func dependencyEdges(_ rendered: [(element: CfnResourceBase, resource: Resource, dependencies: [CfnResourceBase])])
        -> [ObjectIdentifier: [CfnResourceBase]]
    {
        let reuse = tags.allSatisfy { $0.value.referencedElements.isEmpty }
        var edges: [ObjectIdentifier: [CfnResourceBase]] = [:]
        edges.reserveCapacity(rendered.count)
        for (resource, rendering, dependencies) in rendered {
            let properties = reuse ? rendering.properties : resource.propertyFields(stackTags: [])
            let implicit =
                (Value.object(properties).referencedElements + resource.overrideValues.flatMap(\.referencedElements))
                .compactMap { $0 as? CfnResourceBase }
            edges[ObjectIdentifier(resource)] = dependencies.filter { $0.stack === self } + implicit.filter { $0.stack === self }
        }
        return edges
    }
}
