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

    public init(_ app: App, _ id: String, stackName: String? = nil, description: String? = nil,
                account: String? = nil, region: String? = nil, tags: [Tag] = []) {
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
        .interpolate([.string("arn:"), partitionValue, .string(":\(service):"), region ?? regionValue,
                      .string(":"), account ?? accountValue, .string(":"), resource])
    }

    public func formatArn(service: String, region: Value? = nil, account: Value? = nil, resource: String) -> Value {
        formatArn(service: service, region: region, account: account, resource: .string(resource))
    }

    open override func diagnostics() -> [Diagnostic] {
        var problems = super.diagnostics()
        if let message = Stack.nameProblem(stackName) {
            problems.append(Diagnostic(at: path, "stack name \"\(stackName)\" \(message)",
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

    /// Renders the template and reports problems only visible across the whole stack:
    /// duplicate logical IDs, references into other stacks and `DependsOn` cycles.
    func renderTemplate() -> (CloudFormation.Template, String, [Diagnostic]) {
        var problems: [Diagnostic] = []
        var template = CloudFormation.Template(description: templateDescription)
        var owners: [String: String] = [:]
        for element in elements {
            let id = element.logicalId
            if let other = owners[id] {
                problems.append(Diagnostic(at: element.path, "logical ID \"\(id)\" is already used by \(other)",
                                           hint: "rename one of them or pin another ID with overrideLogicalId"))
            } else {
                owners[id] = element.path
            }
            switch element {
            case let resource as CfnResourceBase:
                let rendered = resource.render(stackTags: tags)
                problems += foreignReferences(in: Value.object(rendered.properties), from: element)
                for dependency in resource.dependencies where dependency.stack !== self {
                    problems.append(Diagnostic(at: element.path, "depends on \(dependency.path), which is in another stack",
                                               hint: "DependsOn can only name resources of the same stack; deploy the stacks in order instead"))
                }
                template.resources.append((id, rendered))
            case let parameter as CfnParameter:
                template.parameters.append((id, parameter.parameter))
            case let mapping as CfnMapping:
                template.mappings.append((id, mapping.entries))
            case let output as CfnOutput:
                problems += foreignReferences(in: output.output.value, from: element)
                template.outputs.append((id, output.output))
            default:
                break
            }
        }
        problems += dependencyCycles()
        let body = template.render()
        problems += quotaProblems(template, bodySize: body.utf8.count)
        return (template, body, problems)
    }

    /// CloudFormation's per-template quotas, each reported with the figure against the limit.
    private func quotaProblems(_ template: CloudFormation.Template, bodySize size: Int) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let counts = [("resources", template.resources.count, Limits.resourcesPerTemplate),
                      ("parameters", template.parameters.count, Limits.parametersPerTemplate),
                      ("outputs", template.outputs.count, Limits.outputsPerTemplate)]
        for (kind, count, limit) in counts where count > limit {
            problems.append(Diagnostic(at: path, "has \(count) \(kind); CloudFormation allows \(limit) per template",
                                       hint: "split the stack into several stacks"))
        }
        if let description = templateDescription, description.utf8.count > Limits.descriptionBytes {
            problems.append(Diagnostic(at: path, "description is \(description.utf8.count) bytes; CloudFormation allows \(Limits.descriptionBytes)",
                                       hint: "shorten the description"))
        }
        if size > Limits.s3TemplateBytes {
            problems.append(Diagnostic(at: path, "template is \(size) bytes; CloudFormation allows \(Limits.s3TemplateBytes) even from S3",
                                       hint: "split the stack into several stacks"))
        } else if size > Limits.inlineTemplateBytes {
            problems.append(Diagnostic(.warning, at: path,
                                       "template is \(size) bytes, over the \(Limits.inlineTemplateBytes) bytes CloudFormation accepts inline",
                                       hint: "deploy it through S3: aws cloudformation deploy --s3-bucket BUCKET ..."))
        }
        return problems
    }

    private func foreignReferences(in value: Value, from element: CfnElement) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for target in value.referencedElements {
            guard let targetElement = target as? CfnElement else { continue }
            if targetElement.stack !== self {
                problems.append(Diagnostic(
                    at: element.path,
                    "refers to \(targetElement.path), which is in another stack",
                    hint: "CloudFormation cannot reference resources across stacks; pass the value as a parameter or use a fixed name"))
            }
        }
        return problems
    }

    /// `DependsOn` edges plus the implicit ones from `Ref`/`Fn::GetAtt`, checked for cycles.
    private func dependencyCycles() -> [Diagnostic] {
        let resources = elements.compactMap { $0 as? CfnResourceBase }
        var edges: [ObjectIdentifier: [CfnResourceBase]] = [:]
        for resource in resources {
            let implicit = Value.object(resource.propertyFields(stackTags: [])).referencedElements.compactMap { $0 as? CfnResourceBase }
            edges[ObjectIdentifier(resource)] = resource.dependencies + implicit.filter { $0.stack === self }
        }
        var state: [ObjectIdentifier: Int] = [:]  // 1 = visiting, 2 = done
        var problems: [Diagnostic] = []
        func visit(_ resource: CfnResourceBase, _ trail: [CfnResourceBase]) {
            let key = ObjectIdentifier(resource)
            if state[key] == 2 { return }
            if state[key] == 1 {
                let start = trail.firstIndex { $0 === resource } ?? 0
                let cycle = (trail[start...] + [resource]).map(\.logicalId).joined(separator: " -> ")
                problems.append(Diagnostic(at: resource.path, "dependency cycle: \(cycle)",
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
}
