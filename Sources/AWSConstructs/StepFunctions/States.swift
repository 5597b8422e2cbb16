import CloudFormation

/// Where a state goes when it is done.
public enum Transition {
    case next(String)
    case end

    var fields: [Value.Field] {
        switch self {
        case .next(let name): return [.init("Next", .string(name))]
        case .end: return [.init("End", .bool(true))]
        }
    }

    var target: String? {
        if case .next(let name) = self { return name }
        return nil
    }
}

/// A `Task` state: calls a service integration or activity named by `resource`.
public struct TaskState {
    public var comment: String?
    public var resource: Value
    public var parameters: Value?
    public var resultSelector: Value?
    public var resultPath: ResultPath?
    public var outputPath: String?
    public var timeoutSeconds: Int?
    public var heartbeatSeconds: Int?
    public var retry: [Retrier]
    public var `catch`: [Catcher]
    public var transition: Transition
    /// Problems the integration that built this task found (reported when the definition is validated).
    public var integrationProblems: [String] = []
    /// IAM statements the state machine's role needs for this task (an `AwsSdkTask`'s call);
    /// the state machine adds them to its role, with a Sid named after the state when they have none.
    public var rolePermissions: [PolicyStatement] = []
    /// `JSONata` for a state that uses JSONata in a JSONPath state machine; it then takes
    /// `arguments` and `output` (`{% … %}` expressions) instead of the JSONPath fields.
    public var queryLanguage: String?
    public var arguments: Value?
    public var output: Value?

    public init(
        comment: String? = nil, resource: Value, parameters: Value? = nil, resultSelector: Value? = nil,
        resultPath: ResultPath? = nil, outputPath: String? = nil, timeoutSeconds: Int? = nil,
        heartbeatSeconds: Int? = nil, retry: [Retrier] = [], catch catchers: [Catcher] = [], transition: Transition
    ) {
        self.comment = comment
        self.resource = resource
        self.parameters = parameters
        self.resultSelector = resultSelector
        self.resultPath = resultPath
        self.outputPath = outputPath
        self.timeoutSeconds = timeoutSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.retry = retry
        self.catch = catchers
        self.transition = transition
    }

    /// How the task waits for the service, as its resource ARN says.
    public var integrationPattern: IntegrationPattern { IntegrationPattern(resource: resource) }
}

/// A `Pass` state: passes its input on, optionally with a fixed `result` or reshaped `parameters`.
public struct PassState {
    public var comment: String?
    public var parameters: Value?
    public var result: Value?
    public var resultPath: ResultPath?
    public var transition: Transition
    /// `JSONata` for a Pass state that reshapes its input with `output` (a `{% … %}` expression).
    public var queryLanguage: String?
    public var output: Value?

    public init(comment: String? = nil, parameters: Value? = nil, result: Value? = nil, resultPath: ResultPath? = nil, transition: Transition) {
        self.comment = comment
        self.parameters = parameters
        self.result = result
        self.resultPath = resultPath
        self.transition = transition
    }
}

/// A `Parallel` state: runs each branch on the same input; its output lists the branches' outputs.
public struct ParallelState {
    public var comment: String?
    public var branches: [StateGraph]
    public var resultSelector: Value?
    public var resultPath: ResultPath?
    public var retry: [Retrier]
    public var `catch`: [Catcher]
    public var transition: Transition

    public init(
        comment: String? = nil, branches: [StateGraph], resultSelector: Value? = nil, resultPath: ResultPath? = nil,
        retry: [Retrier] = [], catch catchers: [Catcher] = [], transition: Transition
    ) {
        self.comment = comment
        self.branches = branches
        self.resultSelector = resultSelector
        self.resultPath = resultPath
        self.retry = retry
        self.catch = catchers
        self.transition = transition
    }
}

/// A `Map` state: runs `itemProcessor` for each element of the array at `itemsPath` (inline), or,
/// with `distributed` set, for each item its ItemReader reads, each in a child execution.
public struct MapState {
    public var comment: String?
    /// Distributed mode's settings; `nil` is an inline Map.
    public var distributed: DistributedMapSettings?
    public var itemsPath: String?
    public var itemSelector: Value?
    public var maxConcurrency: Int?
    public var itemProcessor: StateGraph
    public var resultSelector: Value?
    public var resultPath: ResultPath?
    public var retry: [Retrier]
    public var `catch`: [Catcher]
    public var transition: Transition

    public init(
        comment: String? = nil, distributed: DistributedMapSettings? = nil, itemsPath: String? = nil, itemSelector: Value? = nil,
        maxConcurrency: Int? = nil, itemProcessor: StateGraph, resultSelector: Value? = nil, resultPath: ResultPath? = nil,
        retry: [Retrier] = [], catch catchers: [Catcher] = [], transition: Transition
    ) {
        self.comment = comment
        self.distributed = distributed
        self.itemsPath = itemsPath
        self.itemSelector = itemSelector
        self.maxConcurrency = maxConcurrency
        self.itemProcessor = itemProcessor
        self.resultSelector = resultSelector
        self.resultPath = resultPath
        self.retry = retry
        self.catch = catchers
        self.transition = transition
    }
}

/// A `Fail` state: ends the execution as failed.
public struct FailState {
    public var comment: String?
    public var error: String?
    public var cause: String?
    /// A path or intrinsic function giving the cause at run time (instead of `cause`).
    public var causePath: String?
    public init(comment: String? = nil, error: String? = nil, cause: String? = nil, causePath: String? = nil) {
        self.comment = comment
        self.error = error
        self.cause = cause
        self.causePath = causePath
    }
}

/// One state of a state machine.
public enum State {
    case task(TaskState)
    case pass(PassState)
    case parallel(ParallelState)
    case map(MapState)
    case choice(ChoiceState)
    case wait(WaitState)
    case succeed(comment: String? = nil)
    case fail(FailState)
}
