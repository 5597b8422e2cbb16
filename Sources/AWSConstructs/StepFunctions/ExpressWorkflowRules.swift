import CloudFormation

/// What an Express execution cannot do, checked over every state that runs in one (an Express
/// state machine's, or a Distributed Map's Express child executions'):
/// - call a service `.sync` (run a job) or `.waitForTaskToken` (callback): "Express Workflows
///   support Request Response, but they do not support Run a Job (.sync) or Wait for Callback
///   (.waitForTaskToken)" (https://docs.aws.amazon.com/step-functions/latest/dg/connect-supported-services.html;
///   https://docs.aws.amazon.com/step-functions/latest/dg/concepts-standard-vs-express.html);
/// - run an activity ("Does not support Step Functions activities", same page);
/// - run or wait for longer than five minutes ("Maximum duration: 5 minutes", same page;
///   https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html).
enum ExpressWorkflowRules {
    /// An Express execution's longest run, in seconds.
    static let maximumDurationSeconds = 300

    static func problems(in definition: StateMachineDefinition, type: StateMachineType?) -> [String] {
        let express = type == .express
        var problems: [String] = []
        if express, let timeout = definition.timeoutSeconds, timeout > maximumDurationSeconds {
            problems.append("TimeoutSeconds is \(timeout); an Express workflow runs for at most \(maximumDurationSeconds) seconds")
        }
        for nested in definition.graph.nestedStates(express: express) where nested.runsAsExpress {
            problems += stateProblems(nested).map { "\(nested.location): \($0)" }
        }
        return problems
    }

    private static func stateProblems(_ nested: NestedState) -> [String] {
        switch nested.state {
        case .task(let task):
            let resource = readable(task.resource)
            switch task.integrationPattern {
            case .runJob:
                return ["Express workflows support request-response integrations only, not .sync (run a job): \(resource)"]
            case .waitForTaskToken:
                return ["Express workflows support request-response integrations only, not .waitForTaskToken (callback): \(resource)"]
            case .requestResponse:
                return resource.contains(":activity:") ? ["Express workflows do not support activities: \(resource)"] : []
            }
        case .wait(let wait):
            if case .seconds(let seconds) = wait.duration, seconds > maximumDurationSeconds {
                return ["waits \(seconds) seconds; an Express workflow runs for at most \(maximumDurationSeconds) seconds"]
            }
            return []
        case .pass, .parallel, .map, .choice, .succeed, .fail:
            return []
        }
    }

    /// A resource ARN as a reader sees it, with `…` for what is known only at deploy time
    /// (`arn:…:states:::athena:startQueryExecution.sync`).
    private static func readable(_ resource: Value) -> String {
        switch resource {
        case .string(let text): return text
        case .concat(let parts): return parts.map { $0.literalString ?? "…" }.joined()
        default: return "…"
        }
    }
}
