import AWSConstructs
import CloudFormation
import Constructs
import Foundation
import XCTest

// README-EXAMPLE-BEGIN
/// A reporting bucket written by a nightly Athena query that Step Functions runs.
func makeReportingTemplate() throws -> String {
    let app = App()
    let stack = Stack(
        app, "reporting-stack", description: "Nightly reporting",
        account: "123456789012", region: "eu-west-1",
        tags: [Tag("Project", "reporting")])

    let role = Role(
        stack, "ReportRole", roleName: "reporting-sfn-role",
        assumedBy: .service("states.amazonaws.com"))
    let reports = Bucket(
        stack, "Reports", bucketName: "reporting-123456789012-reports",
        enforceSSL: true, versioned: true, objectOwnership: .bucketOwnerEnforced,
        removalPolicy: .destroy, autoDeleteObjects: true)
    reports.grantReadWrite(role)

    let workGroup = WorkGroup(stack, "ReportingWorkGroup", name: "reporting")
    role.addToPolicy(
        PolicyStatement(
            sid: "RunReportQueries",
            actions: ["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:StopQueryExecution"],
            resources: [workGroup.arn]))

    let query = AthenaStartQueryExecution(
        queryString: "SELECT count(*) FROM reporting.daily_sales",
        workGroup: workGroup.nameRef,
        integrationPattern: .runJob)
    _ = StateMachine(
        stack, "Nightly", stateMachineName: "reporting-nightly",
        definition: StateMachineDefinition(
            graph: StateGraph(single: "RunQuery", .task(query.task(partition: stack.partitionValue, transition: .end))),
            timeoutSeconds: 900),
        role: role)

    let assembly = try app.synthesize()  // throws every problem at once, with construct paths
    return assembly.stacks[0].template.render()
}
// README-EXAMPLE-END

/// The README's "write your own stack" example compiles (it is this file's code) and works.
final class ReadmeExampleTests: XCTestCase {
    func testReadmeShowsExactlyTheCodeThisFileCompiles() throws {
        let source = try TestSupport.text(URL(fileURLWithPath: #filePath))
        let readme = try TestSupport.text(TestSupport.packageRoot.appendingPathComponent("README.md"))
        let begin = try XCTUnwrap(source.range(of: "// README-EXAMPLE-BEGIN\n"))
        let end = try XCTUnwrap(source.range(of: "// README-EXAMPLE-END"))
        let example = String(source[begin.upperBound..<end.lowerBound])
        XCTAssertTrue(
            readme.contains("```swift\nimport AWSConstructs\nimport CloudFormation\nimport Constructs\n\n" + example + "```"),
            "README.md's example differs from ReadmeExampleTests.swift; copy the code between the markers into README.md")
        let consumer = try TestSupport.text(
            TestSupport.packageRoot.appendingPathComponent("Examples/Consumer/Sources/Consumer/ReportingTemplate.swift"))
        XCTAssertTrue(
            consumer.contains("// README-EXAMPLE-BEGIN\n" + example + "// README-EXAMPLE-END"),
            "Examples/Consumer builds a different example; copy the code between the markers into its ReportingTemplate.swift")
    }

    func testTheExampleSynthesizesADeployableTemplate() throws {
        let template = try JSONParser.parse(try makeReportingTemplate())
        let types = (template["Resources"]?.objectMembers ?? []).compactMap { $0.value["Type"]?.stringValue }
        XCTAssertEqual(
            Set(types),
            [
                "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::S3::Bucket", "AWS::S3::BucketPolicy",
                "Custom::S3AutoDeleteObjects", "AWS::Lambda::Function", "AWS::Athena::WorkGroup",
                "AWS::StepFunctions::StateMachine", "AWS::Logs::LogGroup",
            ])
        XCTAssertEqual(template["Resources"]?["ReportingWorkGroup"]?["Properties"]?["Name"], "reporting")
        XCTAssertTrue(JSONWriter.render(template).contains("arn:aws:athena:eu-west-1:123456789012:workgroup/reporting"))
    }
}
