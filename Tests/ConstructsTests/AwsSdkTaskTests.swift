import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// The generic AWS SDK task: its resource ARN, its IAM action names, what it rejects, and the
/// state machine adding every task's statement to its role, nested tasks too, with stable Sids.
final class AwsSdkTaskTests: XCTestCase {
    // MARK: - Resource ARN

    func test_givenLiteralAndPseudoPartition_whenResourceArnBuilt_thenAwsSdkArn() {
        XCTAssertEqual(
            AwsSdkTask.resourceArn(partition: "aws", service: "s3", action: "listObjectsV2").literalString,
            "arn:aws:states:::aws-sdk:s3:listObjectsV2")
        XCTAssertEqual(
            AwsSdkTask.resourceArn(partition: "aws-cn", service: "sqs", action: "sendMessage", pattern: .waitForTaskToken).literalString,
            "arn:aws-cn:states:::aws-sdk:sqs:sendMessage.waitForTaskToken")
        assertJSON(
            AwsSdkTask.resourceArn(partition: .pseudo(.partition), service: "glue", action: "getTable").json(),
            equals: #"{"Fn::Sub": "arn:${AWS::Partition}:states:::aws-sdk:glue:getTable"}"#)
    }

    func test_givenSdkTask_whenRendered_thenTaskWithParametersAndErrorHandling() {
        let list = AwsSdkTask(
            service: "s3", action: "listObjectsV2", parameters: .object(["Bucket": "b", "Prefix.$": "$.prefix"]),
            iamResources: ["arn:aws:s3:::b"], comment: "List the folder")
        let graph = StateGraph(
            single: "List",
            .task(
                list.task(
                    partition: "aws", transition: .end,
                    retry: [Retrier(errorEquals: ["S3.S3Exception"], maxAttempts: 2)],
                    resultPath: .path("$.listing"), resultSelector: .object(["keys.$": "$.Contents[*].Key"]))))

        XCTAssertEqual(graph.problems(), [])
        assertJSON(
            StateMachineDefinition(graph: graph).value.json()["States"]?["List"],
            equals: #"""
                {
                  "Type": "Task",
                  "Comment": "List the folder",
                  "Resource": "arn:aws:states:::aws-sdk:s3:listObjectsV2",
                  "Parameters": {"Bucket": "b", "Prefix.$": "$.prefix"},
                  "ResultSelector": {"keys.$": "$.Contents[*].Key"},
                  "ResultPath": "$.listing",
                  "Retry": [{"ErrorEquals": ["S3.S3Exception"], "MaxAttempts": 2}],
                  "End": true
                }
                """#)
    }

    // MARK: - IAM action names

    func test_givenServiceAndAction_whenDefaultIAMActionAsked_thenPrefixAndUpperCasedAction() {
        XCTAssertEqual(AwsSdkTask.defaultIAMActions(service: "s3", action: "getObject"), ["s3:GetObject"])
        XCTAssertEqual(AwsSdkTask.defaultIAMActions(service: "glue", action: "getTable"), ["glue:GetTable"])
        XCTAssertEqual(AwsSdkTask.defaultIAMActions(service: "dynamodb", action: "putItem"), ["dynamodb:PutItem"])
    }

    func test_givenServicesWhoseIAMPrefixDiffers_whenDefaultIAMActionAsked_thenIAMPrefix() {
        XCTAssertEqual(AwsSdkTask.defaultIAMActions(service: "sfn", action: "listExecutions"), ["states:ListExecutions"])
        XCTAssertEqual(AwsSdkTask.defaultIAMActions(service: "cloudwatchlogs", action: "putLogEvents"), ["logs:PutLogEvents"])
        XCTAssertEqual(AwsSdkTask.defaultIAMActions(service: "efs", action: "describeFileSystems"), ["elasticfilesystem:DescribeFileSystems"])
        XCTAssertEqual(AwsSdkTask.defaultIAMActions(service: "mwaa", action: "getEnvironment"), ["airflow:GetEnvironment"])
    }

    func test_givenApiActionsAuthorizedByAnotherIAMAction_whenDefaultAsked_thenThatAction() {
        XCTAssertEqual(AwsSdkTask.defaultIAMActions(service: "s3", action: "listObjectsV2"), ["s3:ListBucket"])
        XCTAssertEqual(AwsSdkTask.defaultIAMActions(service: "s3", action: "headObject"), ["s3:GetObject"])
    }

    func test_givenIAMActionsPassed_whenTaskBuilt_thenTheyReplaceTheDefault() {
        let copy = AwsSdkTask(service: "s3", action: "copyObject", iamActions: ["s3:GetObject", "s3:PutObject"], iamResources: ["arn:aws:s3:::b/*"])

        XCTAssertEqual(copy.iamActions, ["s3:GetObject", "s3:PutObject"])
        XCTAssertEqual(copy.task(partition: "aws", transition: .end).rolePermissions.map(\.actions), [["s3:GetObject", "s3:PutObject"]])
    }

    // MARK: - Problems

    func test_givenNoIAMResources_whenChecked_thenReportedWhileAnExplicitStarIsAccepted() {
        let none = AwsSdkTask(service: "s3", action: "listBuckets", iamResources: [])
        let star = AwsSdkTask(service: "s3", action: "listBuckets", iamResources: ["*"])

        XCTAssertEqual(
            StateGraph(single: "L", .task(none.task(partition: "aws", transition: .end))).problems(),
            [
                "state \"L\": the task needs iamResources, the resources its IAM statement allows (pass \"*\" explicitly only for an action without resource-level permissions)"
            ])
        XCTAssertEqual(star.problems(), [])
        XCTAssertEqual(star.policyStatement.resources.map { $0.json() }, ["*"])
    }

    func test_givenRunJobPattern_whenChecked_thenReportedAndCallbackAccepted() {
        XCTAssertEqual(
            AwsSdkTask(service: "glue", action: "startJobRun", iamResources: ["*"], integrationPattern: .runJob).problems(),
            ["AWS SDK integrations support request-response and .waitForTaskToken, not .sync (run a job)"])
        XCTAssertEqual(AwsSdkTask(service: "sqs", action: "sendMessage", iamResources: ["*"], integrationPattern: .waitForTaskToken).problems(), [])
    }

    func test_givenNamesInTheWrongCase_whenChecked_thenEachReported() {
        let task = AwsSdkTask(
            service: "S3", action: "ListObjectsV2", parameters: .object(["bucket": "b", "Prefix": "p"]),
            iamActions: [], iamResources: ["*"])

        XCTAssertEqual(
            task.problems(),
            [
                "the SDK service \"S3\" must be a lowercase name such as s3 or glue",
                "the API action \"ListObjectsV2\" must be camelCase, such as listObjectsV2",
                "the parameter \"bucket\" must be PascalCase, as Step Functions names SDK parameters",
                "the task needs at least one IAM action",
            ])
        XCTAssertEqual(
            AwsSdkTask(service: "s3", action: "s3:listObjectsV2", iamResources: ["*"]).problems(),
            ["the API action \"s3:listObjectsV2\" must be camelCase, such as listObjectsV2"])
        XCTAssertEqual(AwsSdkTask(service: "", action: "", iamResources: ["*"]).problems().count, 2)
    }

    // MARK: - The state machine's role

    func test_givenSdkTasksAtTheTopInABranchAndInAMap_whenSynthesized_thenEachStatementOnTheRoleWithItsSid() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let bucket = Bucket(stack, "Data", bucketName: "data-bucket")
        func sdk(_ action: String, _ resources: [Value]) -> State {
            .task(
                AwsSdkTask(service: "s3", action: action, parameters: .object(["Bucket": bucket.bucketName]), iamResources: resources)
                    .task(partition: stack.partitionValue, transition: .end))
        }
        let graph = StateGraph(
            startAt: "List objects",
            states: [
                (
                    "List objects",
                    .task(
                        AwsSdkTask(
                            service: "s3", action: "listObjectsV2", parameters: .object(["Bucket": bucket.bucketName]),
                            iamResources: [bucket.bucketArn]
                        ).task(partition: stack.partitionValue, transition: .next("Both")))
                ),
                (
                    "Both",
                    .parallel(
                        ParallelState(
                            branches: [
                                StateGraph(single: "Head", sdk("headObject", [bucket.arnForObjects("*")])),
                                StateGraph(single: "Head", sdk("getObjectTagging", [bucket.arnForObjects("*")])),
                            ],
                            transition: .next("Each")))
                ),
                (
                    "Each",
                    .map(MapState(itemProcessor: StateGraph(single: "Tag", sdk("putObjectTagging", [bucket.arnForObjects("*")])), transition: .end))
                ),
            ])
        let machine = StateMachine(stack, "Machine", definition: StateMachineDefinition(graph: graph), role: role)

        let template = try synthesizedTemplate(app, stack: "MyStack")

        let policy = try XCTUnwrap(role.defaultPolicy)
        assertJSON(
            template["Resources"]?[policy.resource.logicalId]?["Properties"]?["PolicyDocument"]?["Statement"],
            equals: #"""
                [
                  {"Action": "s3:ListBucket", "Effect": "Allow", "Resource": {"Fn::GetAtt": ["Data666C94C7", "Arn"]}, "Sid": "TaskListObjects"},
                  {"Action": "s3:GetObject", "Effect": "Allow", "Resource": {"Fn::Sub": "${Data666C94C7.Arn}/*"}, "Sid": "TaskHead"},
                  {"Action": "s3:GetObjectTagging", "Effect": "Allow", "Resource": {"Fn::Sub": "${Data666C94C7.Arn}/*"}, "Sid": "TaskHead2"},
                  {"Action": "s3:PutObjectTagging", "Effect": "Allow", "Resource": {"Fn::Sub": "${Data666C94C7.Arn}/*"}, "Sid": "TaskTag"}
                ]
                """#)
        XCTAssertEqual(
            template["Resources"]?[machine.resource.logicalId]?["DependsOn"], .array([.string(policy.resource.logicalId)]),
            "the state machine waits for the policy that lets it call")
    }

    func test_givenStateMachinePreparedTwice_whenSynthesized_thenEachStatementOnce() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let call = AwsSdkTask(service: "sfn", action: "listExecutions", iamResources: ["arn:aws:states:eu-west-1:123456789012:stateMachine:m"])
        let machine = StateMachine(
            stack, "Machine",
            definition: StateMachineDefinition(graph: StateGraph(single: "L", .task(call.task(partition: "aws", transition: .end)))),
            role: role)

        machine.prepare()
        machine.prepare()
        let template = try synthesizedTemplate(app, stack: "MyStack")

        let statements = template["Resources"]?[try XCTUnwrap(role.defaultPolicy).resource.logicalId]?["Properties"]?["PolicyDocument"]?["Statement"]
        assertJSON(
            statements,
            equals: #"""
                [{"Action": "states:ListExecutions", "Effect": "Allow", "Resource": "arn:aws:states:eu-west-1:123456789012:stateMachine:m", "Sid": "TaskL"}]
                """#)
    }

    func test_givenTasksWithoutPermissions_whenSynthesized_thenTheRoleGetsNoPolicy() throws {
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        _ = StateMachine(
            stack, "Machine",
            definition: StateMachineDefinition(
                graph: StateGraph(single: "T", .task(TaskState(resource: "arn:aws:states:::lambda:invoke", transition: .end)))), role: role)

        _ = try synthesizedTemplate(app, stack: "MyStack")

        XCTAssertNil(role.defaultPolicy)
    }

    func test_givenStatementWithItsOwnSidAndTwoStatementsOnOneTask_whenCollected_thenSidKeptAndNumbered() throws {
        var task = TaskState(resource: "arn:aws:states:::aws-sdk:s3:copyObject", transition: .end)
        task.rolePermissions = [
            PolicyStatement(actions: ["s3:GetObject"], resources: ["*"]), PolicyStatement(actions: ["s3:PutObject"], resources: ["*"]),
            PolicyStatement(sid: "Mine", actions: ["kms:Decrypt"], resources: ["*"]),
        ]
        let app = App()
        let stack = Stack(app, "MyStack")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        _ = StateMachine(stack, "Machine", definition: StateMachineDefinition(graph: StateGraph(single: "copy-object", .task(task))), role: role)

        let template = try synthesizedTemplate(app, stack: "MyStack")

        let statements = template["Resources"]?[try XCTUnwrap(role.defaultPolicy).resource.logicalId]?["Properties"]?["PolicyDocument"]?["Statement"]
        XCTAssertEqual(statements?.arrayValue?.compactMap { $0["Sid"] }, ["TaskCopyObject", "TaskCopyObject2", "Mine"])
    }
}
