/// Every comparison operator of a JSONPath `Choice` rule, named as the Amazon States Language
/// names it, with the kind of operand it takes.
///
/// The list is AWS's: "Choice workflow state", Choice Rules (JSONPath),
/// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html (string, numeric,
/// Boolean and timestamp comparisons, each also with `Path` appended to compare with another
/// value of the input; `StringMatches`; the type tests `IsNull`, `IsPresent`, `IsNumeric`,
/// `IsString`, `IsBoolean`, `IsTimestamp`; and `And`, `Or`, `Not`, which are
/// `ChoiceCondition` cases). The same 39 operators are the ones moto's ASL interpreter parses
/// (`moto/stepfunctions/parser/asl/component/state/choice/comparison/comparison_operator_type.py`).
public enum ComparisonOperator: String, CaseIterable, Sendable {
    case stringEquals = "StringEquals"
    case stringEqualsPath = "StringEqualsPath"
    case stringLessThan = "StringLessThan"
    case stringLessThanPath = "StringLessThanPath"
    case stringGreaterThan = "StringGreaterThan"
    case stringGreaterThanPath = "StringGreaterThanPath"
    case stringLessThanEquals = "StringLessThanEquals"
    case stringLessThanEqualsPath = "StringLessThanEqualsPath"
    case stringGreaterThanEquals = "StringGreaterThanEquals"
    case stringGreaterThanEqualsPath = "StringGreaterThanEqualsPath"
    case stringMatches = "StringMatches"

    case numericEquals = "NumericEquals"
    case numericEqualsPath = "NumericEqualsPath"
    case numericLessThan = "NumericLessThan"
    case numericLessThanPath = "NumericLessThanPath"
    case numericGreaterThan = "NumericGreaterThan"
    case numericGreaterThanPath = "NumericGreaterThanPath"
    case numericLessThanEquals = "NumericLessThanEquals"
    case numericLessThanEqualsPath = "NumericLessThanEqualsPath"
    case numericGreaterThanEquals = "NumericGreaterThanEquals"
    case numericGreaterThanEqualsPath = "NumericGreaterThanEqualsPath"

    case booleanEquals = "BooleanEquals"
    case booleanEqualsPath = "BooleanEqualsPath"

    case timestampEquals = "TimestampEquals"
    case timestampEqualsPath = "TimestampEqualsPath"
    case timestampLessThan = "TimestampLessThan"
    case timestampLessThanPath = "TimestampLessThanPath"
    case timestampGreaterThan = "TimestampGreaterThan"
    case timestampGreaterThanPath = "TimestampGreaterThanPath"
    case timestampLessThanEquals = "TimestampLessThanEquals"
    case timestampLessThanEqualsPath = "TimestampLessThanEqualsPath"
    case timestampGreaterThanEquals = "TimestampGreaterThanEquals"
    case timestampGreaterThanEqualsPath = "TimestampGreaterThanEqualsPath"

    case isNull = "IsNull"
    case isPresent = "IsPresent"
    case isNumeric = "IsNumeric"
    case isString = "IsString"
    case isBoolean = "IsBoolean"
    case isTimestamp = "IsTimestamp"

    /// What an operator compares the variable with.
    public enum Operand: Sendable {
        /// A literal string (`StringEquals`, …, and `StringMatches`' pattern).
        case string
        /// A literal number.
        case number
        /// A literal `true` or `false` (`BooleanEquals`, and every `Is…` test).
        case boolean
        /// A literal timestamp, e.g. `2024-03-14T01:59:00Z`.
        case timestamp
        /// A reference path to another value of the input (every `…Path` operator).
        case path
    }

    public var operand: Operand {
        if rawValue.hasSuffix("Path") { return .path }
        if rawValue.hasPrefix("Is") || self == .booleanEquals { return .boolean }
        if rawValue.hasPrefix("Numeric") { return .number }
        if rawValue.hasPrefix("Timestamp") { return .timestamp }
        return .string
    }
}
