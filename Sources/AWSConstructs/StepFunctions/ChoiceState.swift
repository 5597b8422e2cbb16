import CloudFormation

/// A `Choice` state: goes to the first rule whose condition holds, else to `defaultNext`
/// (https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html).
public struct ChoiceState {
    public struct Rule {
        public var condition: ChoiceCondition
        public var next: String
        public init(_ condition: ChoiceCondition, next: String) {
            self.condition = condition
            self.next = next
        }
    }

    public var comment: String?
    public var choices: [Rule]
    public var defaultNext: String?

    public init(comment: String? = nil, choices: [Rule], defaultNext: String? = nil) {
        self.comment = comment
        self.choices = choices
        self.defaultNext = defaultNext
    }

    /// What Step Functions would reject: no rule at all, or a rule's condition (numbered from 1).
    func problems() -> [String] {
        if choices.isEmpty { return ["a Choice state needs at least one rule"] }
        return choices.enumerated().flatMap { index, rule in
            rule.condition.problems().map { "rule \(index + 1): \($0)" }
        }
    }
}

/// A condition of a `Choice` rule (JSONPath): one comparison of a variable, or `And`, `Or`, `Not`
/// of other conditions. Build comparisons with the functions named after their operator,
/// `.stringEquals(variable: "$.mode", "copy")`, `.numericLessThanPath(variable: "$.a", "$.b")`,
/// `.isPresent(variable: "$.token", true)`; `ComparisonOperator` lists them all.
public indirect enum ChoiceCondition {
    /// `{"Variable": variable, "<operator>": operand}`.
    case comparison(variable: String, ComparisonOperator, Value)
    /// Holds when every condition holds (at least one).
    case and([ChoiceCondition])
    /// Holds when any condition holds (at least one).
    case or([ChoiceCondition])
    case not(ChoiceCondition)

    var fields: [Value.Field] {
        switch self {
        case .comparison(let variable, let comparison, let operand):
            return [.init("Variable", .string(variable)), .init(comparison.rawValue, operand)]
        case .and(let conditions): return [.init("And", .array(conditions.map { .object($0.fields) }))]
        case .or(let conditions): return [.init("Or", .array(conditions.map { .object($0.fields) }))]
        case .not(let condition): return [.init("Not", .object(condition.fields))]
        }
    }

    /// What Step Functions would reject in this condition and the ones it combines.
    func problems() -> [String] {
        switch self {
        case .and(let conditions):
            return conditions.isEmpty ? ["And needs at least one condition"] : conditions.flatMap { $0.problems() }
        case .or(let conditions):
            return conditions.isEmpty ? ["Or needs at least one condition"] : conditions.flatMap { $0.problems() }
        case .not(let condition):
            return condition.problems()
        case .comparison(let variable, let comparison, let operand):
            var problems: [String] = []
            if !StatesLanguageSyntax.isReferencePath(variable) {
                problems.append("Variable \"\(variable)\" is not a reference path (it starts with $)")
            }
            problems += ChoiceCondition.operandProblems(comparison, operand)
            return problems
        }
    }

    /// The operand must be of the operator's kind: a literal string, number, Boolean or timestamp,
    /// or a reference path.
    private static func operandProblems(_ comparison: ComparisonOperator, _ operand: Value) -> [String] {
        let name = comparison.rawValue
        switch (comparison.operand, operand) {
        case (.string, .string(let text)):
            return comparison == .stringMatches ? StatesLanguageSyntax.stringMatchesProblems(text) : []
        case (.number, .int):
            return []
        case (.number, .double(let number)):
            return number.isFinite ? [] : ["\(name) needs a finite number"]
        case (.boolean, .bool):
            return []
        case (.timestamp, .string(let text)):
            return StatesLanguageSyntax.isTimestamp(text) ? [] : ["\(name) \"\(text)\" is not a timestamp like 2024-08-18T17:33:00Z"]
        case (.path, .string(let text)):
            return StatesLanguageSyntax.isReferencePath(text) ? [] : ["\(name) \"\(text)\" is not a reference path (it starts with $)"]
        case (.string, _): return ["\(name) needs a string"]
        case (.number, _): return ["\(name) needs a number"]
        case (.boolean, _): return ["\(name) needs true or false"]
        case (.timestamp, _): return ["\(name) needs a timestamp string"]
        case (.path, _): return ["\(name) needs a reference path string"]
        }
    }
}

// MARK: - One function per comparison operator

extension ChoiceCondition {
    // Strings, compared as Java's String.compareTo does.
    public static func stringEquals(variable: String, _ value: String) -> ChoiceCondition {
        .comparison(variable: variable, .stringEquals, .string(value))
    }
    public static func stringLessThan(variable: String, _ value: String) -> ChoiceCondition {
        .comparison(variable: variable, .stringLessThan, .string(value))
    }
    public static func stringGreaterThan(variable: String, _ value: String) -> ChoiceCondition {
        .comparison(variable: variable, .stringGreaterThan, .string(value))
    }
    public static func stringLessThanEquals(variable: String, _ value: String) -> ChoiceCondition {
        .comparison(variable: variable, .stringLessThanEquals, .string(value))
    }
    public static func stringGreaterThanEquals(variable: String, _ value: String) -> ChoiceCondition {
        .comparison(variable: variable, .stringGreaterThanEquals, .string(value))
    }
    /// `*` matches any characters; `\*` is a literal asterisk and `\\` a literal backslash.
    public static func stringMatches(variable: String, _ pattern: String) -> ChoiceCondition {
        .comparison(variable: variable, .stringMatches, .string(pattern))
    }

    // Numbers: whole numbers and decimals.
    public static func numericEquals(variable: String, _ value: Int) -> ChoiceCondition {
        .comparison(variable: variable, .numericEquals, .int(value))
    }
    public static func numericEquals(variable: String, _ value: Double) -> ChoiceCondition {
        .comparison(variable: variable, .numericEquals, .double(value))
    }
    public static func numericLessThan(variable: String, _ value: Int) -> ChoiceCondition {
        .comparison(variable: variable, .numericLessThan, .int(value))
    }
    public static func numericLessThan(variable: String, _ value: Double) -> ChoiceCondition {
        .comparison(variable: variable, .numericLessThan, .double(value))
    }
    public static func numericGreaterThan(variable: String, _ value: Int) -> ChoiceCondition {
        .comparison(variable: variable, .numericGreaterThan, .int(value))
    }
    public static func numericGreaterThan(variable: String, _ value: Double) -> ChoiceCondition {
        .comparison(variable: variable, .numericGreaterThan, .double(value))
    }
    public static func numericLessThanEquals(variable: String, _ value: Int) -> ChoiceCondition {
        .comparison(variable: variable, .numericLessThanEquals, .int(value))
    }
    public static func numericLessThanEquals(variable: String, _ value: Double) -> ChoiceCondition {
        .comparison(variable: variable, .numericLessThanEquals, .double(value))
    }
    public static func numericGreaterThanEquals(variable: String, _ value: Int) -> ChoiceCondition {
        .comparison(variable: variable, .numericGreaterThanEquals, .int(value))
    }
    public static func numericGreaterThanEquals(variable: String, _ value: Double) -> ChoiceCondition {
        .comparison(variable: variable, .numericGreaterThanEquals, .double(value))
    }

    public static func booleanEquals(variable: String, _ value: Bool) -> ChoiceCondition {
        .comparison(variable: variable, .booleanEquals, .bool(value))
    }

    // Timestamps such as 2024-08-18T17:33:00Z.
    public static func timestampEquals(variable: String, _ value: String) -> ChoiceCondition {
        .comparison(variable: variable, .timestampEquals, .string(value))
    }
    public static func timestampLessThan(variable: String, _ value: String) -> ChoiceCondition {
        .comparison(variable: variable, .timestampLessThan, .string(value))
    }
    public static func timestampGreaterThan(variable: String, _ value: String) -> ChoiceCondition {
        .comparison(variable: variable, .timestampGreaterThan, .string(value))
    }
    public static func timestampLessThanEquals(variable: String, _ value: String) -> ChoiceCondition {
        .comparison(variable: variable, .timestampLessThanEquals, .string(value))
    }
    public static func timestampGreaterThanEquals(variable: String, _ value: String) -> ChoiceCondition {
        .comparison(variable: variable, .timestampGreaterThanEquals, .string(value))
    }

    // The same comparisons with another value of the input, named by a reference path.
    public static func stringEqualsPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .stringEqualsPath, .string(path))
    }
    public static func stringLessThanPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .stringLessThanPath, .string(path))
    }
    public static func stringGreaterThanPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .stringGreaterThanPath, .string(path))
    }
    public static func stringLessThanEqualsPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .stringLessThanEqualsPath, .string(path))
    }
    public static func stringGreaterThanEqualsPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .stringGreaterThanEqualsPath, .string(path))
    }
    public static func numericEqualsPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .numericEqualsPath, .string(path))
    }
    public static func numericLessThanPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .numericLessThanPath, .string(path))
    }
    public static func numericGreaterThanPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .numericGreaterThanPath, .string(path))
    }
    public static func numericLessThanEqualsPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .numericLessThanEqualsPath, .string(path))
    }
    public static func numericGreaterThanEqualsPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .numericGreaterThanEqualsPath, .string(path))
    }
    public static func booleanEqualsPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .booleanEqualsPath, .string(path))
    }
    public static func timestampEqualsPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .timestampEqualsPath, .string(path))
    }
    public static func timestampLessThanPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .timestampLessThanPath, .string(path))
    }
    public static func timestampGreaterThanPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .timestampGreaterThanPath, .string(path))
    }
    public static func timestampLessThanEqualsPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .timestampLessThanEqualsPath, .string(path))
    }
    public static func timestampGreaterThanEqualsPath(variable: String, _ path: String) -> ChoiceCondition {
        .comparison(variable: variable, .timestampGreaterThanEqualsPath, .string(path))
    }

    // Type tests: `true` holds when the variable is of the kind, `false` when it is not.
    public static func isNull(variable: String, _ value: Bool) -> ChoiceCondition { .comparison(variable: variable, .isNull, .bool(value)) }
    public static func isPresent(variable: String, _ value: Bool) -> ChoiceCondition { .comparison(variable: variable, .isPresent, .bool(value)) }
    public static func isNumeric(variable: String, _ value: Bool) -> ChoiceCondition { .comparison(variable: variable, .isNumeric, .bool(value)) }
    public static func isString(variable: String, _ value: Bool) -> ChoiceCondition { .comparison(variable: variable, .isString, .bool(value)) }
    public static func isBoolean(variable: String, _ value: Bool) -> ChoiceCondition { .comparison(variable: variable, .isBoolean, .bool(value)) }
    public static func isTimestamp(variable: String, _ value: Bool) -> ChoiceCondition { .comparison(variable: variable, .isTimestamp, .bool(value)) }
}
