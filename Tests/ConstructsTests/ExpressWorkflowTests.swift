import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// Express state machines: the type renders, and what an Express execution cannot do (.sync,
/// .waitForTaskToken, activities, more than five minutes) is a synth-time error naming the state.
final class ExpressWorkflowTests: XCTestCase {
    private func machine(
        _ graph: StateGraph, type: StateMachineType? = .express, timeoutSeconds: Int? = nil,
        logging level: StateMachine.LogLevel? = nil
    ) -> (App, StateMachine) {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let logging = level.map {
            StateMachine.Logging(destination: LogGroup(stack, "Logs", logGroupName: "/aws/vendedlogs/states/m", retentionDays: 7), level: $0)
        }
        let machine = StateMachine(
            stack, "Machine", definition: StateMachineDefinition(graph: graph, timeoutSeconds: timeoutSeconds),
            role: role, type: type, logging: logging)
        return (app, machine)
    }

    private let athenaSync = AthenaStartQueryExecution(queryString: "SELECT 1", workGroup: "wg", integrationPattern: .runJob)
        .task(partition: .pseudo(.partition), transition: .end)

    func test_givenEachType_whenSynthesized_thenStateMachineTypeOnlyWhenGiven() throws {
        for (type, expected) in [(StateMachineType.express, JSON.string("EXPRESS")), (.standard, "STANDARD")] {
            let (app, machine) = machine(StateGraph(single: "Done", .succeed()), type: type)
            let template = try synthesizedTemplate(app, stack: "MyStack")
            XCTAssertEqual(template["Resources"]?[machine.resource.logicalId]?["Properties"]?["StateMachineType"], expected)
        }
        let (app, machine) = machine(StateGraph(single: "Done", .succeed()), type: nil)
        let template = try synthesizedTemplate(app, stack: "MyStack")
        XCTAssertNil(template["Resources"]?[machine.resource.logicalId]?["Properties"]?["StateMachineType"], "CloudFormation's default, STANDARD")
    }

    func test_givenExpressWithLoggingLevel_whenSynthesized_thenLevelRenderedAndLogDeliveryAllowed() throws {
        let (app, machine) = machine(StateGraph(single: "Done", .succeed()), logging: .error)

        let template = try synthesizedTemplate(app, stack: "MyStack")

        let logging = template["Resources"]?[machine.resource.logicalId]?["Properties"]?["LoggingConfiguration"]
        XCTAssertEqual(logging?["Level"], "ERROR")
        XCTAssertEqual(logging?["IncludeExecutionData"], false)
        let policy = template["Resources"]?.keys.first { $0.hasPrefix("RoleDefaultPolicy") }
        XCTAssertNotNil(policy, "the role may deliver logs")
    }

    func test_givenExpressTaskRunningAJob_whenSynthesized_thenErrorNamesTheStateAndResource() {
        let (app, _) = machine(StateGraph(single: "Query", .task(athenaSync)))

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.map(\.location), ["MyStack/Machine"])
        XCTAssertEqual(
            errors.map(\.message),
            [
                "state \"Query\": Express workflows support request-response integrations only, not .sync (run a job): arn:…:states:::athena:startQueryExecution.sync"
            ])
    }

    func test_givenTheSameTaskInAStandardMachine_whenSynthesized_thenAccepted() throws {
        let (app, _) = machine(StateGraph(single: "Query", .task(athenaSync)), type: .standard)
        _ = try synthesizedTemplate(app, stack: "MyStack")
        let (defaultApp, _) = machine(StateGraph(single: "Query", .task(athenaSync)), type: nil)
        _ = try synthesizedTemplate(defaultApp, stack: "MyStack")
    }

    func test_givenExpressCallbackAndSyncTasksNestedInParallelAndMap_whenChecked_thenEachReportedWhereItIs() {
        let callback = AwsSdkTask(service: "sqs", action: "sendMessage", iamResources: ["*"], integrationPattern: .waitForTaskToken)
            .task(partition: "aws", transition: .end)
        let graph = StateGraph(
            startAt: "P",
            states: [
                ("P", .parallel(ParallelState(branches: [StateGraph(single: "Ask", .task(callback))], transition: .next("M")))),
                ("M", .map(MapState(itemProcessor: StateGraph(single: "Q", .task(athenaSync)), transition: .end))),
            ])
        let (_, machine) = machine(graph)

        XCTAssertEqual(
            machine.validate(),
            [
                "P branch 1 > state \"Ask\": Express workflows support request-response integrations only, not .waitForTaskToken (callback): arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken",
                "M item processor > state \"Q\": Express workflows support request-response integrations only, not .sync (run a job): arn:…:states:::athena:startQueryExecution.sync",
            ])
    }

    func test_givenRequestResponseTasks_whenExpress_thenAccepted() {
        let call = AwsSdkTask(service: "s3", action: "getObject", iamResources: ["arn:aws:s3:::b/*"]).task(partition: "aws", transition: .next("Q"))
        let query = AthenaStartQueryExecution(queryString: "SELECT 1", workGroup: "wg").task(partition: "aws", transition: .end)
        let (_, machine) = machine(StateGraph(startAt: "Get", states: [("Get", .task(call)), ("Q", .task(query))]))

        XCTAssertEqual(machine.validate(), [])
    }

    func test_givenActivityTask_whenExpress_thenReportedAndStandardAccepted() {
        let activity = TaskState(resource: "arn:aws:states:eu-west-1:123456789012:activity:approve", transition: .end)

        XCTAssertEqual(
            machine(StateGraph(single: "Approve", .task(activity))).1.validate(),
            [
                "state \"Approve\": Express workflows do not support activities: arn:aws:states:eu-west-1:123456789012:activity:approve"
            ])
        XCTAssertEqual(machine(StateGraph(single: "Approve", .task(activity)), type: .standard).1.validate(), [])
    }

    func test_givenWaitsAroundFiveMinutes_whenExpress_thenOnlyLongerReported() {
        func problems(_ seconds: Int, _ type: StateMachineType) -> [String] {
            machine(StateGraph(single: "W", .wait(WaitState(.seconds(seconds), transition: .end))), type: type).1.validate()
        }

        XCTAssertEqual(problems(300, .express), [])
        XCTAssertEqual(problems(301, .express), ["state \"W\": waits 301 seconds; an Express workflow runs for at most 300 seconds"])
        XCTAssertEqual(problems(301, .standard), [])
    }

    func test_givenExecutionTimeoutAroundFiveMinutes_whenExpress_thenOnlyLongerReported() {
        let graph = StateGraph(single: "Done", .succeed())

        XCTAssertEqual(machine(graph, timeoutSeconds: 300).1.validate(), [])
        XCTAssertEqual(machine(graph, timeoutSeconds: 301).1.validate(), ["TimeoutSeconds is 301; an Express workflow runs for at most 300 seconds"])
        XCTAssertEqual(machine(graph, type: .standard, timeoutSeconds: 301).1.validate(), [])
    }

    func test_givenDistributedMapWithExpressChildren_whenChildRunsAJob_thenReportedInAStandardMachineToo() {
        func graph(_ executionType: DistributedMapSettings.ExecutionType) -> StateGraph {
            let reader = DistributedMapSettings.JSONItemReader(partition: "aws", bucket: "b", key: "jobs.json")
            return StateGraph(
                single: "M",
                .map(
                    MapState(
                        distributed: DistributedMapSettings(itemReader: reader, executionType: executionType),
                        itemProcessor: StateGraph(single: "Q", .task(athenaSync)), transition: .end)))
        }

        XCTAssertEqual(
            machine(graph(.express), type: .standard).1.validate(),
            [
                "M item processor > state \"Q\": Express workflows support request-response integrations only, not .sync (run a job): arn:…:states:::athena:startQueryExecution.sync"
            ])
        XCTAssertEqual(machine(graph(.standard), type: .standard).1.validate(), [])
    }

    func test_givenResources_whenIntegrationPatternRead_thenFromTheLiteralEndOfTheArn() {
        XCTAssertEqual(IntegrationPattern(resource: "arn:aws:states:::glue:startJobRun.sync"), .runJob)
        XCTAssertEqual(IntegrationPattern(resource: "arn:aws:states:::states:startExecution.sync:2"), .runJob)
        XCTAssertEqual(
            IntegrationPattern(
                resource: .interpolate([.string("arn:"), .pseudo(.partition), .string(":states:::sqs:sendMessage.waitForTaskToken")])),
            .waitForTaskToken)
        XCTAssertEqual(IntegrationPattern(resource: "arn:aws:states:::lambda:invoke"), .requestResponse)
        XCTAssertEqual(IntegrationPattern(resource: .pseudo(.region)), .requestResponse)
    }
}
