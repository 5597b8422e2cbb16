import CloudFormation

/// A template condition: a named `Fn::Equals`, `Fn::And`, `Fn::Or`, `Fn::Not` (or a reference to
/// another condition) that resources and outputs can be made conditional on, and `Fn::If` can
/// choose by. Its logical ID is its name in the `Conditions` section.
public final class CfnCondition: CfnElement {
    /// CloudFormation's bounds on the conditions `Fn::And` and `Fn::Or` take.
    public static let minimumOperands = 2
    public static let maximumOperands = 10

    public var expression: Value

    public init(_ scope: Construct, _ id: String, _ expression: Value) {
        self.expression = expression
        super.init(scope, id)
    }

    /// `{"Condition": name}`, to combine it in another condition.
    public var reference: Value { .condition(self) }

    /// `{"Fn::If": [name, whenTrue, whenFalse]}`.
    public func choose(_ whenTrue: Value, else whenFalse: Value) -> Value { .if(self, whenTrue, whenFalse) }

    public override func diagnostics() -> [Diagnostic] {
        var problems = super.diagnostics()
        func check(_ value: Value) {
            switch value {
            case .equals: return
            case .condition(let other):
                if other === self { problems.append(Diagnostic(.construct(path), "refers to itself", hint: "combine other conditions")) }
            case .not(let operand): check(operand)
            case .and(let operands), .or(let operands):
                let name = { if case .and = value { return "Fn::And" } else { return "Fn::Or" } }()
                if !(CfnCondition.minimumOperands...CfnCondition.maximumOperands).contains(operands.count) {
                    problems.append(
                        Diagnostic(
                            .construct(path),
                            "\(name) has \(operands.count) conditions; CloudFormation takes \(CfnCondition.minimumOperands) to \(CfnCondition.maximumOperands)",
                            hint: operands.count < CfnCondition.minimumOperands
                                ? "use the one condition directly" : "nest the conditions in groups of at most \(CfnCondition.maximumOperands)"))
                }
                operands.forEach(check)
            default:
                problems.append(
                    Diagnostic(
                        .construct(path), "is not a condition function",
                        hint: "build it from .equals, .and, .or, .not or another condition's reference"))
            }
        }
        check(expression)
        return problems
    }
}

/// A template rule (`Rules`): assertions on the parameters that CloudFormation checks before it
/// creates or changes anything.
public final class CfnRule: CfnElement {
    public var rule: TemplateRule

    public init(_ scope: Construct, _ id: String, _ rule: TemplateRule) {
        self.rule = rule
        super.init(scope, id)
    }

    public override func diagnostics() -> [Diagnostic] {
        var problems = super.diagnostics()
        if rule.assertions.isEmpty {
            problems.append(Diagnostic(.construct(path), "has no assertions", hint: "add at least one TemplateRule.Assertion"))
        }
        return problems
    }
}
