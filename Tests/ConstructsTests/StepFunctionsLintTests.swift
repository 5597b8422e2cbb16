import AWSConstructs
import CloudFormation
import Constructs
import Foundation
import XCTest

/// Renders an Express state machine and a Standard one with Wait, Choice and AWS SDK tasks into
/// one template and runs cfn-lint on it (its schemas check the state machine definition), when
/// the git-ignored `.venv` that `scripts/python-env` creates is present.
final class StepFunctionsLintTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let cfnLint = packageRoot.appendingPathComponent(".venv/tools/bin/cfn-lint")

    static func template() throws -> String {
        let app = App()
        let stack = Stack(app, "workflows", account: "123456789012", region: "eu-west-1")
        let role = Role(stack, "Role", assumedBy: .service("states.amazonaws.com"))
        let bucket = Bucket(stack, "Data", bucketName: "workflows-123456789012-data", enforceSSL: true)
        let logs = LogGroup(
            stack, "ExpressLogs", logGroupName: "/aws/vendedlogs/states/workflows-express", retentionDays: 30, removalPolicy: .destroy)

        let head = AwsSdkTask(
            service: "s3", action: "headObject", parameters: .object(["Bucket": bucket.bucketName, "Key.$": "$.key"]),
            iamResources: [bucket.arnForObjects("*")])
        _ = StateMachine(
            stack, "Express", stateMachineName: "workflows-express",
            definition: StateMachineDefinition(
                graph: StateGraph(
                    startAt: "Head",
                    states: [
                        ("Head", .task(head.task(partition: stack.partitionValue, transition: .next("Big"), resultPath: .path("$.head")))),
                        (
                            "Big",
                            .choice(
                                ChoiceState(
                                    choices: [.init(.numericGreaterThan(variable: "$.head.ContentLength", 1_000_000), next: "Pause")],
                                    defaultNext: "Done"))
                        ),
                        ("Pause", .wait(WaitState(.seconds(30), transition: .next("Done")))),
                        ("Done", .succeed()),
                    ]), timeoutSeconds: 300),
            role: role, type: .express, logging: .init(destination: logs, level: .error))

        let list = AwsSdkTask(
            service: "s3", action: "listObjectsV2", parameters: .object(["Bucket": bucket.bucketName, "Prefix.$": "$.prefix"]),
            iamResources: [bucket.bucketArn])
        _ = StateMachine(
            stack, "Standard", stateMachineName: "workflows-standard",
            definition: StateMachineDefinition(
                graph: StateGraph(
                    startAt: "List",
                    states: [
                        ("List", .task(list.task(partition: stack.partitionValue, transition: .next("Any"), resultPath: .path("$.listing")))),
                        (
                            "Any",
                            .choice(
                                ChoiceState(
                                    choices: [
                                        .init(
                                            .and([
                                                .isPresent(variable: "$.listing.Contents[0]", true),
                                                .stringMatches(variable: "$.prefix", "reports/*"),
                                            ]), next: "Later"),
                                        .init(
                                            .or([
                                                .timestampLessThanPath(variable: "$.after", "$$.Execution.StartTime"),
                                                .isNull(variable: "$.after", true),
                                            ]), next: "Done"),
                                    ], defaultNext: "Later"))
                        ),
                        ("Later", .wait(WaitState(.timestampPath("$.after"), transition: .next("Done")))),
                        ("Done", .succeed()),
                    ])),
            role: role, type: .standard)

        return try app.synthesize().stacks[0].template.render()
    }

    func test_givenExpressAndWaitChoiceSdkStateMachines_whenLinted_thenCfnLintFindsNothing() throws {
        let template = try Self.template()
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: Self.cfnLint.path), "no .venv (run scripts/python-env)")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sfn-lint-\(ProcessInfo.processInfo.processIdentifier).json")
        try template.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }

        let process = Process()
        process.executableURL = Self.cfnLint
        process.arguments = ["--format", "parseable", "--regions", "eu-west-1", "--", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let findings = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        XCTAssertEqual(findings, "")
        XCTAssertEqual(process.terminationStatus, 0)
    }
}
