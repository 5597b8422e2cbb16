import AWSConstructs
import CloudFormation

/// The first states of a pipeline's state machine: stop at once when another execution of the
/// same state machine is running. INSERT INTO appends, so two overlapping runs (a schedule that
/// fires while a slow run is still copying, or a manual start beside it) would copy every table
/// twice (https://docs.aws.amazon.com/athena/latest/ug/insert-into.html).
///
/// Kept apart from `CopyDefinition`: it only prepends states to whatever graph that builds.
enum OverlapGuard {
    static let listState = "ListRunningExecutions"
    static let countState = "CountOtherRuns"
    static let choiceState = "IsAnotherRunInProgress"
    static let failState = "AnotherRunInProgress"
    /// The error the execution fails with when another run is in progress.
    static let error = "AnotherRunInProgress"
    /// Where the check keeps its result in the state's input; the copy states never read it.
    static let resultPath = "$.overlapCheck"
    /// History events the guard adds to a run that goes on: the Task's five (entered, scheduled,
    /// started, succeeded, exited), the Pass state's two and the Choice's two.
    static let historyEvents = 9

    /// The AWS SDK integration for Step Functions' ListExecutions
    /// (https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html:
    /// `arn:aws:states:::aws-sdk:<service>:<apiAction>`, the action in camel case).
    static func resourceArn(partition: Value) -> Value {
        AwsSdkTask.resourceArn(partition: partition, service: "sfn", action: "listExecutions")
    }

    /// The IAM action the check calls, allowed on the state machine itself
    /// (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html:
    /// ListExecutions takes the `stateMachine` resource type).
    static let action = "states:ListExecutions"

    /// `definition` with the guard in front of its first state.
    static func prepend(to definition: StateMachineDefinition, partition: Value) -> StateMachineDefinition {
        var guarded = definition
        let start = definition.graph.startAt
        // `$$.StateMachine.Id` is this state machine's ARN and `$$.Execution.Id` this execution's
        // (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html).
        let list = TaskState(
            comment: "This state machine's running executions, this one among them",
            resource: resourceArn(partition: partition),
            parameters: .object(["StateMachineArn.$": "$$.StateMachine.Id", "StatusFilter": "RUNNING"]),
            // A wildcard over an empty list is [] (unlike a filter on moto), and the list has at
            // least this execution anyway.
            resultSelector: .object(["running.$": "$.Executions[*].ExecutionArn"]),
            resultPath: .path(resultPath),
            transition: .next(countState))
        let count = PassState(
            comment: "How many executions run, and whether this one is listed (ListExecutions may lag behind StartExecution)",
            parameters: .object([
                Value.Field("running.$", .string("\(resultPath).running")),
                Value.Field("count.$", .string("States.ArrayLength(\(resultPath).running)")),
                Value.Field("includesThisRun.$", .string("States.ArrayContains(\(resultPath).running, $$.Execution.Id)")),
            ]),
            resultPath: .path(resultPath),
            transition: .next(choiceState))
        let choice = ChoiceState(
            comment: "Any running execution other than this one?",
            choices: [
                .init(
                    .or([
                        .and([
                            .booleanEquals(variable: "\(resultPath).includesThisRun", true), .numericGreaterThan(variable: "\(resultPath).count", 1),
                        ]),
                        .and([
                            .booleanEquals(variable: "\(resultPath).includesThisRun", false), .numericGreaterThan(variable: "\(resultPath).count", 0),
                        ]),
                    ]), next: failState)
            ],
            defaultNext: start)
        let fail = FailState(
            comment: "Nothing was copied; start again when the other run has finished",
            error: error,
            causePath: "States.Format('Another execution of this state machine is running, so this one stopped before copying anything; "
                + "start it again when that one has finished. Running now: {}', States.JsonToString(\(resultPath).running))")
        guarded.graph = StateGraph(
            startAt: listState,
            states: [
                (listState, .task(list)), (countState, .pass(count)), (choiceState, .choice(choice)), (failState, .fail(fail)),
            ] + definition.graph.states)
        return guarded
    }
}
