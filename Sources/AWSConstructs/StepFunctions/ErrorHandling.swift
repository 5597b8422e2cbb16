import CloudFormation

/// Error names Step Functions defines.
public enum StatesError {
    public static let all = "States.ALL"
    public static let timeout = "States.Timeout"
    public static let taskFailed = "States.TaskFailed"
    public static let permissions = "States.Permissions"
}

/// A `Retry` rule of a Task, Parallel or Map state.
public struct Retrier {
    public enum Jitter: String, Sendable {
        case full = "FULL"
        case none = "NONE"
    }

    public var errorEquals: [String]
    public var intervalSeconds: Int?
    public var maxAttempts: Int?
    public var backoffRate: Double?
    public var maxDelaySeconds: Int?
    public var jitter: Jitter?

    public init(
        errorEquals: [String], intervalSeconds: Int? = nil, maxAttempts: Int? = nil, backoffRate: Double? = nil,
        maxDelaySeconds: Int? = nil, jitter: Jitter? = nil
    ) {
        self.errorEquals = errorEquals
        self.intervalSeconds = intervalSeconds
        self.maxAttempts = maxAttempts
        self.backoffRate = backoffRate
        self.maxDelaySeconds = maxDelaySeconds
        self.jitter = jitter
    }

    var value: Value {
        var fields: [Value.Field] = [.init("ErrorEquals", .strings(errorEquals))]
        if let intervalSeconds { fields.append(.init("IntervalSeconds", .int(intervalSeconds))) }
        if let maxAttempts { fields.append(.init("MaxAttempts", .int(maxAttempts))) }
        if let backoffRate { fields.append(.init("BackoffRate", Retrier.number(backoffRate))) }
        if let maxDelaySeconds { fields.append(.init("MaxDelaySeconds", .int(maxDelaySeconds))) }
        if let jitter { fields.append(.init("JitterStrategy", .string(jitter.rawValue))) }
        return .object(fields)
    }

    /// Whole numbers stay integers in the JSON; others are written as decimals.
    static func number(_ value: Double) -> Value {
        WholeNumber.exactly(value).map(Value.int) ?? .double(value)
    }

    func problems(at location: String) -> [String] {
        var problems: [String] = []
        if errorEquals.isEmpty { problems.append("\(location): a retrier needs at least one error name") }
        if let maxAttempts, maxAttempts < 0 { problems.append("\(location): MaxAttempts must not be negative") }
        if let backoffRate, backoffRate < 1 { problems.append("\(location): BackoffRate must be at least 1") }
        if let intervalSeconds, intervalSeconds < 1 { problems.append("\(location): IntervalSeconds must be at least 1") }
        return problems
    }
}

/// A `Catch` rule: on a matching error, go to `next` with the error at `resultPath`.
public struct Catcher {
    public var errorEquals: [String]
    public var next: String
    public var resultPath: ResultPath?
    /// A JSONata state's catcher: its output (`{% … %}`) instead of a result path.
    public var output: Value?

    public init(errorEquals: [String], next: String, resultPath: ResultPath? = nil, output: Value? = nil) {
        self.errorEquals = errorEquals
        self.next = next
        self.resultPath = resultPath
        self.output = output
    }

    var value: Value {
        var fields: [Value.Field] = [.init("ErrorEquals", .strings(errorEquals)), .init("Next", .string(next))]
        if let resultPath { fields.append(.init("ResultPath", resultPath.value)) }
        if let output { fields.append(.init("Output", output)) }
        return .object(fields)
    }
}

/// Where a state puts its result: a reference path, or nowhere (`null`, keeping the input).
public enum ResultPath {
    case path(String)
    case discard

    var value: Value {
        switch self {
        case .path(let path): return .string(path)
        case .discard: return .null
        }
    }
}

/// Checks shared by `Retry` and `Catch` lists: `States.ALL` must stand alone, in the last rule.
func errorListProblems(_ lists: [[String]], kind: String, at location: String) -> [String] {
    var problems: [String] = []
    for (index, errors) in lists.enumerated() where errors.contains(StatesError.all) {
        if errors.count > 1 { problems.append("\(location): \(StatesError.all) must be the only error in its \(kind)") }
        if index != lists.count - 1 { problems.append("\(location): the \(kind) with \(StatesError.all) must be the last one") }
    }
    return problems
}
