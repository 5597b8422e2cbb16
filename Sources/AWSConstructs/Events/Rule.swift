import CloudFormation
import Constructs

/// An EventBridge rule on the account's default event bus, with its targets.
public final class Rule: Construct {
    public static let maximumNameLength = 64
    /// EventBridge's quotas for one rule (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-quota.html).
    public static let maximumTargets = 5
    public static let maximumInputPaths = 100
    public static let maximumInputTemplateLength = 8192

    public private(set) var resource: CfnResource<EventsRuleProperties>!
    public let ruleName: String

    public init(_ scope: Construct, _ id: String, ruleName: String, description: String? = nil, eventPattern: Value) {
        self.ruleName = ruleName
        super.init(scope, id)
        resource = CfnResource(self, "Resource", EventsRuleProperties(name: ruleName, description: description, eventPattern: eventPattern))
    }

    /// `arn:<partition>:events:<region>:<account>:rule/<name>`, built from the name rather than
    /// `Fn::GetAtt`, so that policies the rule's targets depend on can name it without a cycle.
    public var ruleArn: Value {
        stack?.formatArn(service: "events", resource: "rule/\(ruleName)") ?? resource.attribute("Arn")
    }

    public func addTarget(_ target: EventsRuleProperties.Target) {
        resource.properties.targets.append(target)
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
        let targets = resource.properties.targets
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
    public static func multilineText(_ lines: [String], paths: [(name: String, path: String)]) -> EventsRuleProperties.InputTransformer {
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
