import CloudFormation
import CloudFormationEvents
import Constructs

/// An EventBridge rule on the account's default event bus, with its targets.
public final class Rule: Construct {
    public static let maximumNameLength = 64
    /// EventBridge's quotas for one rule (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html).
    public static let maximumTargets = 5
    public static let maximumInputPaths = 100
    public static let maximumInputTemplateLength = 8192

    /// What the rule sends matching events to (`Targets[]`).
    public struct Target {
        public var id: String
        public var arn: Value
        public var inputTransformer: InputTransformer?
        public init(id: String, arn: Value, inputTransformer: InputTransformer? = nil) {
            self.id = id
            self.arn = arn
            self.inputTransformer = inputTransformer
        }

        var properties: EventsRuleProperties.Target {
            .init(arn: arn, id: .string(id), inputTransformer: inputTransformer?.properties)
        }
    }

    /// `Targets[].InputTransformer`: values picked from the event by JSON path, and the text they
    /// are put into (placeholders `<name>`).
    public struct InputTransformer {
        public var inputPathsMap: [(name: String, path: String)]
        public var inputTemplate: String
        public init(inputPathsMap: [(name: String, path: String)], inputTemplate: String) {
            self.inputPathsMap = inputPathsMap
            self.inputTemplate = inputTemplate
        }

        var properties: EventsRuleProperties.InputTransformer {
            var paths: [String: Value] = [:]
            for entry in inputPathsMap { paths[entry.name] = .string(entry.path) }
            return .init(inputPathsMap: paths, inputTemplate: .string(inputTemplate))
        }
    }

    public private(set) var resource: CfnResource<EventsRuleProperties>!
    public let ruleName: String
    public private(set) var targets: [Target] = []

    public init(_ scope: Construct, _ id: String, ruleName: String, description: String? = nil, eventPattern: Value) {
        self.ruleName = ruleName
        super.init(scope, id)
        resource = CfnResource(
            self, "Resource",
            EventsRuleProperties(description: description.map(Value.string), eventPattern: eventPattern, name: .string(ruleName), state: .enabled))
    }

    /// `arn:<partition>:events:<region>:<account>:rule/<name>`, built from the name rather than
    /// `Fn::GetAtt`, so that policies the rule's targets depend on can name it without a cycle.
    public var ruleArn: Value {
        stack?.formatArn(service: "events", resource: "rule/\(ruleName)") ?? resource.attribute(.arn)
    }

    public func addTarget(_ target: Target) {
        targets.append(target)
        resource.properties.targets = targets.map(\.properties)
    }

    public override func validate() -> [String] {
        var problems: [String] = []
        if ruleName.isEmpty || ruleName.count > Rule.maximumNameLength
            || !ruleName.unicodeScalars.allSatisfy({
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
            })
        {
            problems.append("rule name \"\(ruleName)\" must be 1 to \(Rule.maximumNameLength) letters, digits, '-', '_' or '.'")
        }
        if targets.isEmpty { problems.append("rule \"\(ruleName)\" has no target") }
        if targets.count > Rule.maximumTargets {
            problems.append("rule \"\(ruleName)\" has \(targets.count) targets; EventBridge allows \(Rule.maximumTargets)")
        }
        for target in targets {
            guard let transformer = target.inputTransformer else { continue }
            if transformer.inputPathsMap.count > Rule.maximumInputPaths {
                problems.append(
                    "target \(target.id) maps \(transformer.inputPathsMap.count) input paths; EventBridge allows \(Rule.maximumInputPaths)")
            }
            if transformer.inputTemplate.count > Rule.maximumInputTemplateLength {
                problems.append(
                    "target \(target.id) has an input template of \(transformer.inputTemplate.count) characters; EventBridge allows \(Rule.maximumInputTemplateLength)"
                )
            }
            for placeholder in RuleTargetInput.placeholders(in: transformer.inputTemplate)
            where !transformer.inputPathsMap.contains(where: { $0.name == placeholder }) {
                problems.append("target \(target.id) uses <\(placeholder)>, which its input paths do not define")
            }
        }
        return problems
    }
}

/// Input transformers as the AWS CDK's `RuleTargetInput` writes them.
public enum RuleTargetInput {
    /// Text of several lines: each line a quoted JSON string, lines separated by newlines, the
    /// form EventBridge reads as a multi-line string template (CDK `fromMultilineText`); SNS
    /// delivers it to email as those lines. `<name>` is replaced by the value at `paths[name]`.
    public static func multilineText(_ lines: [String], paths: [(name: String, path: String)]) -> Rule.InputTransformer {
        .init(inputPathsMap: paths, inputTemplate: lines.map(quoted).joined(separator: "\n"))
    }

    static func quoted(_ line: String) -> String {
        var text = "\""
        for character in line.unicodeScalars {
            switch character {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            default: text.unicodeScalars.append(character)
            }
        }
        return text + "\""
    }

    /// The `<name>` placeholders of a template.
    static func placeholders(in template: String) -> [String] {
        var names: [String] = []
        var current: String?
        for character in template {
            if character == "<" {
                current = ""
            } else if character == ">", let name = current {
                if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) { names.append(name) }
                current = nil
            } else if current != nil {
                current?.append(character)
            }
        }
        return names
    }
}
