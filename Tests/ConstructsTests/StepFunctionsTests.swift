import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// The typed Amazon States Language model: definitions render to the JSON Step Functions reads,
/// graphs report what Step Functions would reject, and the state machine resource keeps its
/// definition a readable object.
final class StepFunctionsTests: XCTestCase {
    // MARK: - Rendering

    func test_givenDefinitionUsingEveryStateType_whenRendered_thenAmazonStatesLanguageJSON() {
        let definition = StateMachineDefinition(
            comment: "Copies tables",
            graph: StateGraph(
                startAt: "Choose",
                states: [
                    (
                        "Choose",
                        .choice(
                            ChoiceState(
                                choices: [
                                    .init(
                                        .and([.stringEquals(variable: "$.mode", "copy"), .not(.booleanEquals(variable: "$.dryRun", true))]),
                                        next: "RunQuery")
                                ],
                                defaultNext: "Skip"))
                    ),
                    (
                        "RunQuery",
                        .task(
                            TaskState(
                                resource: "arn:aws:states:::athena:startQueryExecution.sync",
                                parameters: .object(["QueryString": "SELECT 1", "WorkGroup": "wg"]),
                                resultPath: .path("$.query"),
                                retry: [
                                    Retrier(
                                        errorEquals: ["Athena.TooManyRequestsException"], intervalSeconds: 2, maxAttempts: 5, backoffRate: 1.5,
                                        maxDelaySeconds: 30, jitter: .full),
                                    Retrier(errorEquals: [StatesError.all], maxAttempts: 1, backoffRate: 2),
                                ],
                                catch: [Catcher(errorEquals: [StatesError.all], next: "Failed", resultPath: .path("$.error"))],
                                transition: .next("FanOut")))
                    ),
                    (
                        "FanOut",
                        .parallel(
                            ParallelState(
                                branches: [
                                    StateGraph(single: "BranchA", .pass(PassState(result: .object(["branch": "a"]), transition: .end))),
                                    StateGraph(single: "BranchB", .succeed()),
                                ],
                                resultPath: .discard,
                                transition: .next("PerItem")))
                    ),
                    (
                        "PerItem",
                        .map(
                            MapState(
                                itemsPath: "$.items",
                                maxConcurrency: 2,
                                itemProcessor: StateGraph(single: "Echo", .pass(PassState(transition: .end))),
                                transition: .next("Done")))
                    ),
                    ("Skip", .pass(PassState(comment: "Nothing to do", transition: .next("Done")))),
                    ("Done", .succeed()),
                    ("Failed", .fail(FailState(error: "CopyFailed", cause: "The query failed"))),
                ]),
            timeoutSeconds: 600)

        XCTAssertEqual(definition.problems(), [])
        assertJSON(
            definition.value.json(),
            equals: #"""
                {
                  "Comment": "Copies tables",
                  "StartAt": "Choose",
                  "States": {
                    "Choose": {
                      "Type": "Choice",
                      "Choices": [{
                        "And": [
                          {"Variable": "$.mode", "StringEquals": "copy"},
                          {"Not": {"Variable": "$.dryRun", "BooleanEquals": true}}
                        ],
                        "Next": "RunQuery"
                      }],
                      "Default": "Skip"
                    },
                    "RunQuery": {
                      "Type": "Task",
                      "Resource": "arn:aws:states:::athena:startQueryExecution.sync",
                      "Parameters": {"QueryString": "SELECT 1", "WorkGroup": "wg"},
                      "ResultPath": "$.query",
                      "Retry": [
                        {"ErrorEquals": ["Athena.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 5, "BackoffRate": 1.5,
                         "MaxDelaySeconds": 30, "JitterStrategy": "FULL"},
                        {"ErrorEquals": ["States.ALL"], "MaxAttempts": 1, "BackoffRate": 2}
                      ],
                      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed", "ResultPath": "$.error"}],
                      "Next": "FanOut"
                    },
                    "FanOut": {
                      "Type": "Parallel",
                      "Branches": [
                        {"StartAt": "BranchA", "States": {"BranchA": {"Type": "Pass", "Result": {"branch": "a"}, "End": true}}},
                        {"StartAt": "BranchB", "States": {"BranchB": {"Type": "Succeed"}}}
                      ],
                      "ResultPath": null,
                      "Next": "PerItem"
                    },
                    "PerItem": {
                      "Type": "Map",
                      "ItemsPath": "$.items",
                      "MaxConcurrency": 2,
                      "ItemProcessor": {
                        "ProcessorConfig": {"Mode": "INLINE"},
                        "StartAt": "Echo",
                        "States": {"Echo": {"Type": "Pass", "End": true}}
                      },
                      "Next": "Done"
                    },
                    "Skip": {"Type": "Pass", "Comment": "Nothing to do", "Next": "Done"},
                    "Done": {"Type": "Succeed"},
                    "Failed": {"Type": "Fail", "Error": "CopyFailed", "Cause": "The query failed"}
                  },
                  "TimeoutSeconds": 600
                }
                """#)
    }

    func test_givenOrAndNumericConditions_whenRendered_thenNestedChoiceRules() {
        let graph = StateGraph(
            startAt: "C",
            states: [
                (
                    "C",
                    .choice(
                        ChoiceState(choices: [
                            .init(
                                .or([
                                    .numericEquals(variable: "$.n", 1), .numericGreaterThan(variable: "$.n", 10), .isPresent(variable: "$.x", false),
                                ]), next: "End")
                        ]))
                ),
                ("End", .succeed()),
            ])

        assertJSON(
            StateMachineDefinition(graph: graph).value.json()["States"]?["C"],
            equals: #"""
                {"Type": "Choice", "Choices": [{"Or": [
                  {"Variable": "$.n", "NumericEquals": 1},
                  {"Variable": "$.n", "NumericGreaterThan": 10},
                  {"Variable": "$.x", "IsPresent": false}
                ], "Next": "End"}]}
                """#)
    }

    // MARK: - Graph problems

    func test_givenStartAtNamingNoState_whenChecked_thenReported() {
        let graph = StateGraph(startAt: "Missing", states: [("A", .succeed())])

        XCTAssertEqual(graph.problems(), ["StartAt names \"Missing\", which is not a state"])
    }

    func test_givenNextToAnUnknownState_whenChecked_thenReported() {
        let graph = StateGraph(startAt: "A", states: [("A", .pass(PassState(transition: .next("Nowhere"))))])

        XCTAssertEqual(graph.problems(), ["state \"A\" goes to \"Nowhere\", which is not a state"])
    }

    func test_givenCatchToAnUnknownState_whenChecked_thenReported() {
        let graph = StateGraph(
            startAt: "A",
            states: [
                ("A", .task(TaskState(resource: "arn:x", catch: [Catcher(errorEquals: [StatesError.all], next: "Nowhere")], transition: .end)))
            ])

        XCTAssertEqual(graph.problems(), ["state \"A\" goes to \"Nowhere\", which is not a state"])
    }

    func test_givenUnreachableState_whenChecked_thenReported() {
        let graph = StateGraph(startAt: "A", states: [("A", .succeed()), ("Orphan", .succeed())])

        XCTAssertEqual(graph.problems(), ["state \"Orphan\" cannot be reached from \"A\""])
    }

    func test_givenDuplicateStateName_whenChecked_thenReported() {
        let graph = StateGraph(startAt: "A", states: [("A", .succeed()), ("A", .succeed())])

        XCTAssertEqual(graph.problems(), ["state \"A\" is defined twice"])
    }

    func test_givenStateNameOver80Characters_whenChecked_thenReported() {
        let long = String(repeating: "s", count: 81)
        let limit = String(repeating: "s", count: 80)

        XCTAssertEqual(StateGraph(single: long, .succeed()).problems(), ["state name \"\(long)\" must be 1 to 80 characters"])
        XCTAssertEqual(StateGraph(single: limit, .succeed()).problems(), [])
    }

    func test_givenStatesALLNotLastInRetry_whenChecked_thenReported() {
        let graph = StateGraph(
            single: "A",
            .task(
                TaskState(
                    resource: "arn:x",
                    retry: [
                        Retrier(errorEquals: [StatesError.all]),
                        Retrier(errorEquals: [StatesError.timeout]),
                    ], transition: .end)))

        XCTAssertEqual(graph.problems(), ["state \"A\": the retrier with States.ALL must be the last one"])
    }

    func test_givenStatesALLNotAloneInRetry_whenChecked_thenReported() {
        let graph = StateGraph(
            single: "A",
            .task(
                TaskState(
                    resource: "arn:x",
                    retry: [
                        Retrier(errorEquals: [StatesError.timeout, StatesError.all])
                    ], transition: .end)))

        XCTAssertEqual(graph.problems(), ["state \"A\": States.ALL must be the only error in its retrier"])
    }

    func test_givenStatesALLNotLastOrNotAloneInCatch_whenChecked_thenBothReported() {
        let graph = StateGraph(
            startAt: "A",
            states: [
                (
                    "A",
                    .task(
                        TaskState(
                            resource: "arn:x",
                            catch: [
                                Catcher(errorEquals: [StatesError.all, StatesError.taskFailed], next: "B"),
                                Catcher(errorEquals: [StatesError.timeout], next: "B"),
                            ], transition: .end))
                ),
                ("B", .succeed()),
            ])

        XCTAssertEqual(
            graph.problems(),
            [
                "state \"A\": States.ALL must be the only error in its catcher",
                "state \"A\": the catcher with States.ALL must be the last one",
            ])
    }

    func test_givenStatesALLRulesInParallelAndMap_whenChecked_thenReportedToo() {
        let graph = StateGraph(
            startAt: "P",
            states: [
                (
                    "P",
                    .parallel(
                        ParallelState(
                            branches: [StateGraph(single: "X", .succeed())],
                            retry: [Retrier(errorEquals: [StatesError.all]), Retrier(errorEquals: [StatesError.timeout])],
                            transition: .next("M")))
                ),
                (
                    "M",
                    .map(
                        MapState(
                            itemProcessor: StateGraph(single: "Y", .succeed()),
                            catch: [Catcher(errorEquals: [StatesError.all, StatesError.timeout], next: "P")],
                            transition: .end))
                ),
            ])

        XCTAssertEqual(
            graph.problems(),
            [
                "state \"P\": the retrier with States.ALL must be the last one",
                "state \"M\": States.ALL must be the only error in its catcher",
            ])
    }

    func test_givenInvalidRetrierFields_whenChecked_thenReported() {
        let graph = StateGraph(
            single: "A",
            .task(
                TaskState(
                    resource: "arn:x",
                    retry: [
                        Retrier(errorEquals: [], intervalSeconds: 0, maxAttempts: -1, backoffRate: 0.5)
                    ], transition: .end)))

        XCTAssertEqual(
            graph.problems(),
            [
                "state \"A\": a retrier needs at least one error name",
                "state \"A\": MaxAttempts must not be negative",
                "state \"A\": BackoffRate must be at least 1",
                "state \"A\": IntervalSeconds must be at least 1",
            ])
    }

    func test_givenInvalidRetrierOnParallelAndMap_whenChecked_thenReportedAsForATask() {
        // Step Functions validates Retry on Parallel and Map states exactly as on Task states.
        let graph = StateGraph(
            startAt: "P",
            states: [
                (
                    "P",
                    .parallel(
                        ParallelState(
                            branches: [StateGraph(single: "X", .succeed())],
                            retry: [Retrier(errorEquals: [StatesError.taskFailed], backoffRate: 0.5)],
                            transition: .next("M")))
                ),
                (
                    "M",
                    .map(
                        MapState(
                            itemProcessor: StateGraph(single: "Y", .succeed()),
                            retry: [Retrier(errorEquals: [StatesError.taskFailed], maxAttempts: -1)],
                            transition: .end))
                ),
            ])

        XCTAssertEqual(
            graph.problems(),
            [
                "state \"P\": BackoffRate must be at least 1",
                "state \"M\": MaxAttempts must not be negative",
            ])
    }

    func test_givenProblemsInsideABranchAndAnItemProcessor_whenChecked_thenPrefixedWithWhereTheyAre() {
        let graph = StateGraph(
            startAt: "P",
            states: [
                (
                    "P",
                    .parallel(
                        ParallelState(
                            branches: [
                                StateGraph(single: "Ok", .succeed()),
                                StateGraph(startAt: "X", states: [("X", .pass(PassState(transition: .next("Outside"))))]),
                            ], transition: .next("M")))
                ),
                ("M", .map(MapState(itemProcessor: StateGraph(startAt: "Nope", states: [("Y", .succeed())]), transition: .next("Outside")))),
                ("Outside", .succeed()),
            ])

        XCTAssertEqual(
            graph.problems(),
            [
                "P branch 2 > state \"X\" goes to \"Outside\", which is not a state",
                "M item processor > StartAt names \"Nope\", which is not a state",
            ])
    }

    func test_givenEmptyParallelAndEmptyChoice_whenChecked_thenReported() {
        let graph = StateGraph(
            startAt: "P",
            states: [
                ("P", .parallel(ParallelState(branches: [], transition: .next("C")))),
                ("C", .choice(ChoiceState(choices: [], defaultNext: "End"))),
                ("End", .succeed()),
            ])

        XCTAssertEqual(
            graph.problems(),
            [
                "state \"P\": a Parallel state needs at least one branch",
                "state \"C\": a Choice state needs at least one rule",
            ])
    }

    func test_givenNonPositiveTimeout_whenDefinitionChecked_thenReported() {
        let definition = StateMachineDefinition(graph: StateGraph(single: "A", .succeed()), timeoutSeconds: 0)

        XCTAssertEqual(definition.problems(), ["TimeoutSeconds must be positive"])
    }

    // MARK: - Athena integration

    func test_givenLiteralPartition_whenResourceArnBuilt_thenPlainStringPerIntegrationPattern() {
        XCTAssertEqual(
            AthenaStartQueryExecution.resourceArn(partition: "aws", pattern: .requestResponse).literalString,
            "arn:aws:states:::athena:startQueryExecution")
        XCTAssertEqual(
            AthenaStartQueryExecution.resourceArn(partition: "aws", pattern: .runJob).literalString,
            "arn:aws:states:::athena:startQueryExecution.sync")
        XCTAssertEqual(
            AthenaStartQueryExecution.resourceArn(partition: "aws-cn", pattern: .runJob).literalString,
            "arn:aws-cn:states:::athena:startQueryExecution.sync")
    }

    func test_givenPartitionPseudoParameter_whenResourceArnBuilt_thenFnSub() {
        assertJSON(
            AthenaStartQueryExecution.resourceArn(partition: .pseudo(.partition), pattern: .requestResponse).json(),
            equals: #"{"Fn::Sub": "arn:${AWS::Partition}:states:::athena:startQueryExecution"}"#)
        assertJSON(
            AthenaStartQueryExecution.resourceArn(partition: .pseudo(.partition), pattern: .runJob).json(),
            equals: #"{"Fn::Sub": "arn:${AWS::Partition}:states:::athena:startQueryExecution.sync"}"#)
    }

    func test_givenAthenaQuery_whenTaskBuilt_thenParametersWithContextAndWorkGroup() {
        let query = AthenaStartQueryExecution(
            queryString: "INSERT INTO t SELECT * FROM s", workGroup: "wg", integrationPattern: .runJob,
            comment: "Copy", database: "db", catalog: "source_catalog")

        let state = StateGraph(
            single: "Insert",
            .task(
                query.task(
                    partition: "aws", transition: .end,
                    retry: [Retrier(errorEquals: [StatesError.all], maxAttempts: 2)])))

        assertJSON(
            StateMachineDefinition(graph: state).value.json()["States"]?["Insert"],
            equals: #"""
                {
                  "Type": "Task",
                  "Comment": "Copy",
                  "Resource": "arn:aws:states:::athena:startQueryExecution.sync",
                  "Parameters": {
                    "QueryString": "INSERT INTO t SELECT * FROM s",
                    "QueryExecutionContext": {"Catalog": "source_catalog", "Database": "db"},
                    "WorkGroup": "wg"
                  },
                  "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
                  "End": true
                }
                """#)
    }

    func test_givenQueryOverAthenasLimit_whenChecked_thenReported() {
        let query = AthenaStartQueryExecution(queryString: .string(String(repeating: "x", count: 262_145)), workGroup: "wg")

        XCTAssertEqual(query.problems(), ["the query is 262145 characters; Athena allows 262144"])
        XCTAssertEqual(AthenaStartQueryExecution(queryString: "SELECT 1", workGroup: "wg").problems(), [])
    }

    func test_givenWaitForTaskTokenPattern_whenChecked_thenReportedAsUnsupportedByAthena() {
        // Step Functions' optimized Athena integration supports Request Response and Run a Job
        // (.sync) only; "Wait for Callback" is listed as not supported.
        let query = AthenaStartQueryExecution(queryString: "SELECT 1", workGroup: "wg", integrationPattern: .waitForTaskToken)

        XCTAssertFalse(query.problems().isEmpty, "startQueryExecution.waitForTaskToken is not a valid resource")
    }

    // MARK: - State machine resource

    func test_givenStateMachineUsingARefAndThePartition_whenSynthesized_thenDefinitionObjectWithSubstitutionsAndDependsOnThePolicyOnly() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "StepFunctionsExecutionRole", assumedBy: .service("states.amazonaws.com"))
        let workGroup = WorkGroup(stack, "TargetAthenaWorkgroup", name: "demo-workgroup")
        role.addToPolicy(PolicyStatement(actions: ["athena:StartQueryExecution"], resources: ["*"]))
        let query = AthenaStartQueryExecution(queryString: "SELECT 1", workGroup: workGroup.nameRef, integrationPattern: .runJob)
        _ = StateMachine(
            stack, "AthenaInsertStateMachine", stateMachineName: "demo-athena-insert",
            definition: StateMachineDefinition(
                graph: StateGraph(single: "Insert", .task(query.task(partition: stack.partitionValue, transition: .end))),
                timeoutSeconds: 600),
            role: role)

        let template = try synthesizedTemplate(app, stack: "MyStack")

        assertJSON(
            template["Resources"]?["AthenaInsertStateMachine56546CD3"],
            equals: #"""
                {
                  "Type": "AWS::StepFunctions::StateMachine",
                  "Properties": {
                    "Definition": {
                      "StartAt": "Insert",
                      "States": {
                        "Insert": {
                          "Type": "Task",
                          "Resource": "arn:${AWSPartition}:states:::athena:startQueryExecution.sync",
                          "Parameters": {"QueryString": "SELECT 1", "WorkGroup": "${TargetAthenaWorkgroup}"},
                          "End": true
                        }
                      },
                      "TimeoutSeconds": 600
                    },
                    "DefinitionSubstitutions": {
                      "AWSPartition": {"Ref": "AWS::Partition"},
                      "TargetAthenaWorkgroup": {"Ref": "TargetAthenaWorkgroup"}
                    },
                    "RoleArn": {"Fn::GetAtt": ["StepFunctionsExecutionRole5B21F5A6", "Arn"]},
                    "StateMachineName": "demo-athena-insert"
                  },
                  "DependsOn": ["StepFunctionsExecutionRoleDefaultPolicyD10BF6E3"],
                  "UpdateReplacePolicy": "Delete",
                  "DeletionPolicy": "Delete"
                }
                """#)
    }

    func test_givenRolePolicySplitIntoManagedPolicies_whenSynthesized_thenStateMachineDependsOnEveryPart() throws {
        for roleFirst in [true, false] {
            let app = App()
            let stack = Stack(app, "MyStack")
            // The state machine may sit in a scope that comes before the role in the tree.
            let machineScope = roleFirst ? nil : Construct(stack, "Workflows")
            let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
            // Three statements of about 4,700 characters: two fit the inline quota, the third moves.
            for index in 1...3 {
                role.addToPolicy(
                    PolicyStatement(
                        sid: "S\(index)", actions: ["s3:GetObject"],
                        resources: (1...70).map {
                            .string("arn:aws:s3:::a-rather-long-bucket-name-number-\(index)-\($0)/prefix/*")
                        }))
            }
            let machine = StateMachine(
                machineScope ?? stack, "Machine",
                definition: StateMachineDefinition(graph: StateGraph(single: "Done", .succeed())), role: role)

            let template = try synthesizedTemplate(app, stack: "MyStack")

            let expected = role.policyDependencies.sorted { $0.path < $1.path }.map { JSON.string($0.logicalId) }
            XCTAssertGreaterThan(expected.count, 1, "the policy was split")
            XCTAssertEqual(
                template["Resources"]?[machine.resource.logicalId]?["DependsOn"], .array(expected),
                roleFirst ? "role before the state machine" : "state machine before the role")
        }
    }

    func test_givenStackWithRegion_whenSynthesized_thenLiteralPartitionStaysInTheDefinition() throws {
        let app = App()
        let stack = Stack(app, "MyStack", account: "222222222222", region: "ap-northeast-1")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let query = AthenaStartQueryExecution(queryString: "SELECT 1", workGroup: "wg", integrationPattern: .runJob)
        _ = StateMachine(
            stack, "Machine",
            definition: StateMachineDefinition(graph: StateGraph(single: "Q", .task(query.task(partition: stack.partitionValue, transition: .end)))),
            role: role)

        let template = try synthesizedTemplate(app, stack: "MyStack")
        let properties = template["Resources"]?["Machine6FC8AE80"]?["Properties"]

        XCTAssertEqual(properties?["Definition"]?["States"]?["Q"]?["Resource"], "arn:aws:states:::athena:startQueryExecution.sync")
        XCTAssertEqual(properties?.keys, ["Definition", "RoleArn"])
        XCTAssertNil(template["Resources"]?["Machine6FC8AE80"]?["DependsOn"], "a role without a policy gives nothing to wait for")
    }

    func test_givenSameReferenceTwiceInADefinition_whenSynthesized_thenOneSubstitution() throws {
        let app = App()
        let stack = Stack(app, "MyStack", region: "eu-west-1")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let workGroup = WorkGroup(stack, "Wg", name: "wg")
        let graph = StateGraph(
            startAt: "A",
            states: [
                (
                    "A",
                    .pass(
                        PassState(parameters: .object(["One": workGroup.nameRef, "Two": .interpolate("wg=", workGroup.nameRef)]), transition: .end))
                )
            ])
        let machine = StateMachine(stack, "Machine", definition: StateMachineDefinition(graph: graph), role: role)

        let template = try synthesizedTemplate(app, stack: "MyStack")
        let properties = template["Resources"]?[machine.resource.logicalId]?["Properties"]

        assertJSON(properties?["Definition"]?["States"]?["A"]?["Parameters"], equals: #"{"One": "${Wg}", "Two": "wg=${Wg}"}"#)
        assertJSON(properties?["DefinitionSubstitutions"], equals: #"{"Wg": {"Ref": "Wg"}}"#)
    }

    func test_givenInvalidDefinitionOrName_whenSynthesized_thenReportedAtTheStateMachine() {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        _ = StateMachine(
            stack, "Machine", stateMachineName: "bad name",
            definition: StateMachineDefinition(graph: StateGraph(startAt: "Missing", states: [("A", .succeed())])), role: role)

        let errors = synthesisErrors(app)

        XCTAssertEqual(errors.map(\.location), ["MyStack/Machine", "MyStack/Machine"])
        XCTAssertEqual(
            errors.map(\.message),
            [
                "StartAt names \"Missing\", which is not a state",
                "state machine name \"bad name\" must be 1 to 80 letters, digits or +!@.()-=_'",
            ])
    }
}
