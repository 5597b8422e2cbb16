import CloudFormation

/// States and the one to start at: a whole definition, a Parallel branch or a Map's processor.
public struct StateGraph {
    /// Step Functions' limit on a state name's length.
    public static let maximumStateNameLength = 80

    public var startAt: String
    public var states: [(name: String, state: State)]

    public init(startAt: String, states: [(name: String, state: State)]) {
        self.startAt = startAt
        self.states = states
    }

    /// A graph of one state, the usual shape of a single task (`DefinitionBody.fromChainable`).
    public init(single name: String, _ state: State) {
        self.init(startAt: name, states: [(name, state)])
    }

    var fields: [Value.Field] {
        [.init("StartAt", .string(startAt)), .init("States", .object(states.map { Value.Field($0.name, StateGraph.render($0.state)) }))]
    }

    /// Keys in reading order: Type, Comment, what the state does, then data flow, error handling, transition.
    static func render(_ state: State) -> Value {
        var fields: [Value.Field] = []
        func add(_ key: String, _ value: Value?) { if let value { fields.append(.init(key, value)) } }
        func errors(_ retry: [Retrier], _ catchers: [Catcher]) {
            if !retry.isEmpty { add("Retry", .array(retry.map(\.value))) }
            if !catchers.isEmpty { add("Catch", .array(catchers.map(\.value))) }
        }
        switch state {
        case .task(let task):
            add("Type", "Task")
            add("QueryLanguage", task.queryLanguage.map(Value.string))
            add("Comment", task.comment.map(Value.string))
            add("Resource", task.resource)
            add("Parameters", task.parameters)
            add("Arguments", task.arguments)
            add("ResultSelector", task.resultSelector)
            add("ResultPath", task.resultPath?.value)
            add("OutputPath", task.outputPath.map(Value.string))
            add("Output", task.output)
            add("TimeoutSeconds", task.timeoutSeconds.map(Value.int))
            add("HeartbeatSeconds", task.heartbeatSeconds.map(Value.int))
            errors(task.retry, task.catch)
            fields += task.transition.fields
        case .pass(let pass):
            add("Type", "Pass")
            add("QueryLanguage", pass.queryLanguage.map(Value.string))
            add("Comment", pass.comment.map(Value.string))
            add("Parameters", pass.parameters)
            add("Result", pass.result)
            add("ResultPath", pass.resultPath?.value)
            add("Output", pass.output)
            fields += pass.transition.fields
        case .parallel(let parallel):
            add("Type", "Parallel")
            add("Comment", parallel.comment.map(Value.string))
            add("Branches", .array(parallel.branches.map { .object($0.fields) }))
            add("ResultSelector", parallel.resultSelector)
            add("ResultPath", parallel.resultPath?.value)
            errors(parallel.retry, parallel.catch)
            fields += parallel.transition.fields
        case .map(let map):
            add("Type", "Map")
            add("Comment", map.comment.map(Value.string))
            add("ItemReader", map.distributed.map(\.itemReader.value))
            add("ItemsPath", map.itemsPath.map(Value.string))
            add("ItemSelector", map.itemSelector)
            add("MaxConcurrency", map.maxConcurrency.map(Value.int))
            add("ToleratedFailureCount", map.distributed.map { .int($0.toleratedFailureCount) })
            add("Label", map.distributed?.label.map(Value.string))
            add(
                "ItemProcessor",
                .object(
                    [.init("ProcessorConfig", map.distributed?.processorConfig ?? .object(["Mode": "INLINE"]))]
                        + map.itemProcessor.fields))
            add("ResultWriter", map.distributed?.resultWriter?.value)
            add("ResultSelector", map.resultSelector)
            add("ResultPath", map.resultPath?.value)
            errors(map.retry, map.catch)
            fields += map.transition.fields
        case .choice(let choice):
            add("Type", "Choice")
            add("Comment", choice.comment.map(Value.string))
            add("Choices", .array(choice.choices.map { .object($0.condition.fields + [.init("Next", .string($0.next))]) }))
            add("Default", choice.defaultNext.map(Value.string))
        case .wait(let wait):
            add("Type", "Wait")
            add("Comment", wait.comment.map(Value.string))
            fields.append(wait.duration.field)
            fields += wait.transition.fields
        case .succeed(let comment):
            add("Type", "Succeed")
            add("Comment", comment.map(Value.string))
        case .fail(let fail):
            add("Type", "Fail")
            add("Comment", fail.comment.map(Value.string))
            add("Error", fail.error.map(Value.string))
            add("Cause", fail.cause.map(Value.string))
            add("CausePath", fail.causePath.map(Value.string))
        }
        return .object(fields)
    }

    /// Everything Step Functions would reject, each prefixed with the state it concerns.
    public func problems(in scope: String = "") -> [String] {
        var problems: [String] = []
        let prefix = scope.isEmpty ? "" : "\(scope) > "
        var names: Set<String> = []
        for (name, _) in states {
            if name.isEmpty || name.count > StateGraph.maximumStateNameLength {
                problems.append("\(prefix)state name \"\(name)\" must be 1 to \(StateGraph.maximumStateNameLength) characters")
            }
            if !names.insert(name).inserted { problems.append("\(prefix)state \"\(name)\" is defined twice") }
        }
        if states.isEmpty { problems.append("\(prefix)the state machine has no states") }
        if !names.contains(startAt) { problems.append("\(prefix)StartAt names \"\(startAt)\", which is not a state") }

        func checkTarget(_ target: String, from state: String) {
            if !names.contains(target) { problems.append("\(prefix)state \"\(state)\" goes to \"\(target)\", which is not a state") }
        }
        var reachable: Set<String> = []
        var edges: [String: [String]] = [:]
        for (name, state) in states {
            let location = "\(prefix)state \"\(name)\""
            var targets: [String] = []
            switch state {
            case .task(let task):
                targets = [task.transition.target].compactMap { $0 } + task.catch.map(\.next)
                problems += task.integrationProblems.map { "\(location): \($0)" }
                problems += task.retry.flatMap { $0.problems(at: location) }
                problems += errorListProblems(task.retry.map(\.errorEquals), kind: "retrier", at: location)
                problems += errorListProblems(task.catch.map(\.errorEquals), kind: "catcher", at: location)
                if let timeout = task.timeoutSeconds, let heartbeat = task.heartbeatSeconds, heartbeat >= timeout {
                    problems.append("\(location): HeartbeatSeconds must be less than TimeoutSeconds")
                }
            case .pass(let pass):
                targets = [pass.transition.target].compactMap { $0 }
            case .parallel(let parallel):
                targets = [parallel.transition.target].compactMap { $0 } + parallel.catch.map(\.next)
                if parallel.branches.isEmpty { problems.append("\(location): a Parallel state needs at least one branch") }
                for (index, branch) in parallel.branches.enumerated() {
                    problems += branch.problems(in: "\(prefix)\(name) branch \(index + 1)")
                }
                problems += parallel.retry.flatMap { $0.problems(at: location) }
                problems += errorListProblems(parallel.retry.map(\.errorEquals), kind: "retrier", at: location)
                problems += errorListProblems(parallel.catch.map(\.errorEquals), kind: "catcher", at: location)
            case .map(let map):
                targets = [map.transition.target].compactMap { $0 } + map.catch.map(\.next)
                if let concurrency = map.maxConcurrency, concurrency < 0 {
                    problems.append("\(location): MaxConcurrency must not be negative")
                }
                if let distributed = map.distributed {
                    problems += distributed.problems().map { "\(location): \($0)" }
                    if map.itemsPath != nil { problems.append("\(location): a Distributed Map with an ItemReader takes no ItemsPath") }
                }
                problems += map.itemProcessor.problems(in: "\(prefix)\(name) item processor")
                problems += map.retry.flatMap { $0.problems(at: location) }
                problems += errorListProblems(map.retry.map(\.errorEquals), kind: "retrier", at: location)
                problems += errorListProblems(map.catch.map(\.errorEquals), kind: "catcher", at: location)
            case .choice(let choice):
                targets = choice.choices.map(\.next) + [choice.defaultNext].compactMap { $0 }
                problems += choice.problems().map { "\(location): \($0)" }
            case .wait(let wait):
                targets = [wait.transition.target].compactMap { $0 }
                problems += wait.problems().map { "\(location): \($0)" }
            case .succeed, .fail:
                targets = []
            }
            for target in targets { checkTarget(target, from: name) }
            edges[name] = targets
        }
        var queue = [startAt]
        while let current = queue.popLast() {
            guard names.contains(current), reachable.insert(current).inserted else { continue }
            queue += edges[current] ?? []
        }
        for (name, _) in states where !reachable.contains(name) && names.contains(startAt) {
            problems.append("\(prefix)state \"\(name)\" cannot be reached from \"\(startAt)\"")
        }
        return problems
    }
}

/// A whole state machine definition in the Amazon States Language.
public struct StateMachineDefinition {
    public var comment: String?
    public var graph: StateGraph
    /// The execution's time limit; `States.Timeout` after it.
    public var timeoutSeconds: Int?

    public init(comment: String? = nil, graph: StateGraph, timeoutSeconds: Int? = nil) {
        self.comment = comment
        self.graph = graph
        self.timeoutSeconds = timeoutSeconds
    }

    /// Comment, StartAt, States, TimeoutSeconds.
    public var value: Value {
        var fields: [Value.Field] = []
        if let comment { fields.append(.init("Comment", .string(comment))) }
        fields += graph.fields
        if let timeoutSeconds { fields.append(.init("TimeoutSeconds", .int(timeoutSeconds))) }
        return .object(fields)
    }

    public func problems() -> [String] {
        var problems = graph.problems()
        if let timeoutSeconds, timeoutSeconds < 1 { problems.append("TimeoutSeconds must be positive") }
        return problems
    }
}
