import CloudFormation

/// References from one stack to a resource or parameter of another, as the AWS CDK renders
/// them: the producer exports the value (an output with `Export.Name`) and the consumer reads
/// it with `Fn::ImportValue`. Export names are `<producer stack name>:<logical ID>` for a `Ref`
/// and `<producer stack name>:<logical ID>-<attribute>` for a `Fn::GetAtt`, so they are the same
/// on every run and unique in the Region as long as stack names are.
struct CrossStackReferences {
    struct Export {
        let producer: Stack
        let element: CfnElement
        let attribute: String?
        /// `Export.Name`.
        let name: String
        /// The producer's output that carries it.
        let outputId: String

        var value: Value { attribute.map { .getAtt(element, $0) } ?? .ref(element) }
    }

    /// Every export, in the order the references were first met (stack order, then tree order).
    private(set) var exports: [Export] = []
    /// Stacks each stack imports from, by object identity, for the deploy order.
    private(set) var producers: [ObjectIdentifier: [Stack]] = [:]

    /// CloudFormation's limit on an export name.
    static let maximumExportNameLength = 255

    /// Finds the references in what every stack renders: resources' properties and overrides,
    /// and outputs.
    init(rendered: [(stack: Stack, values: [Value])]) {
        for (consumer, values) in rendered {
            for value in values {
                _ = value.rewritten { node in
                    switch node {
                    case .ref(let element): note(element, attribute: nil, from: consumer)
                    case .getAtt(let element, let attribute): note(element, attribute: attribute, from: consumer)
                    default: break
                    }
                    return nil
                }
            }
        }
    }

    private mutating func note(_ target: any LogicalElement, attribute: String?, from consumer: Stack) {
        guard let element = target as? CfnElement, element is CfnResourceBase || element is CfnParameter,
            let producer = element.stack, producer !== consumer
        else { return }
        if !(producers[ObjectIdentifier(consumer)] ?? []).contains(where: { $0 === producer }) {
            producers[ObjectIdentifier(consumer), default: []].append(producer)
        }
        if exports.contains(where: { $0.element === element && $0.attribute == attribute }) { return }
        let suffix = attribute.map { "-" + $0.filter { $0.isLetter || $0.isNumber } } ?? ""
        let outputId =
            "ExportsOutput" + (attribute == nil ? "Ref" : "FnGetAtt") + element.logicalId
            + (attribute.map { $0.filter { $0.isLetter || $0.isNumber } } ?? "")
        exports.append(
            Export(
                producer: producer, element: element, attribute: attribute,
                name: "\(producer.stackName):\(element.logicalId)\(suffix)", outputId: outputId))
    }

    func exports(of stack: Stack) -> [Export] { exports.filter { $0.producer === stack } }

    /// `value` as `consumer` renders it: references into other stacks become `Fn::ImportValue`.
    func localized(_ value: Value, in consumer: Stack) -> Value {
        guard !exports.isEmpty else { return value }
        // Most values import nothing: walking them is cheaper than rebuilding them unchanged.
        var importsAny = false
        value.forEachNode { node in importsAny = importsAny || imported(node, in: consumer) != nil }
        guard importsAny else { return value }
        return value.rewritten { imported($0, in: consumer) }
    }

    /// The `Fn::ImportValue` that `node` becomes in `consumer`, or nil when it stays as it is.
    private func imported(_ node: Value, in consumer: Stack) -> Value? {
        let target: (any LogicalElement, String?)
        switch node {
        case .ref(let element): target = (element, nil)
        case .getAtt(let element, let attribute): target = (element, attribute)
        default: return nil
        }
        guard let export = exports.first(where: { $0.element === target.0 && $0.attribute == target.1 }),
            export.producer !== consumer
        else { return nil }
        return .importValue(.string(export.name))
    }

    /// Stacks that import from each other cannot be deployed in any order; export names must fit.
    func problems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for (consumer, sources) in producers {
            for producer in sources
            where (producers[ObjectIdentifier(producer)] ?? []).contains(where: { ObjectIdentifier($0) == consumer })
                && ObjectIdentifier(producer) < consumer
            {
                problems.append(
                    Diagnostic(
                        .construct(producer.path), "imports from a stack that imports from it, so neither can be deployed first",
                        hint: "move the shared resources into one of the stacks or a third one"))
            }
        }
        for export in exports where export.name.count > CrossStackReferences.maximumExportNameLength {
            problems.append(
                Diagnostic(
                    .construct(export.element.path),
                    "export name \"\(export.name)\" is \(export.name.count) characters; CloudFormation allows \(CrossStackReferences.maximumExportNameLength)",
                    hint: "shorten the stack name or the construct's id"))
        }
        return problems
    }
}
