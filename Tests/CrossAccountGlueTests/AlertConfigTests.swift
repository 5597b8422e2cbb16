import CloudFormation
import Constructs
import CrossAccountGlue
import XCTest

/// `alarmEmail` and `alarmTopicArn`: validated at synth time, reported with where they came from.
final class AlertConfigTests: XCTestCase {
    let sources = #""sources": [{"accountId": "111111111111", "databases": [{"name": "db", "tables": [{"name": "a"}, {"name": "b"}]}]}]"#

    func resolve(_ context: String) -> Result<AppConfig, SynthesisError> {
        ConfigurationLoader.context(
            fromFile: Array(#"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", \#(context)}}"#.utf8), path: "synth.json"
        )
        .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "synth.json") }
    }

    func messages(_ result: Result<AppConfig, SynthesisError>) -> [String] {
        guard case .failure(let error) = result else { return [] }
        return error.diagnostics.map { "\($0.location): \($0.message)" }
    }

    func hints(_ result: Result<AppConfig, SynthesisError>) -> [String] {
        guard case .failure(let error) = result else { return [] }
        return error.diagnostics.map { $0.hint ?? "" }
    }

    func targetTemplate(_ context: String) throws -> JSON {
        let text = try XCTUnwrap(try TestSupport.render(try resolve(context).get())[CrossAccountSynthesizer.targetTemplateFile])
        return try JSONParser.parse(Array(text.utf8))
    }

    func resources(_ template: JSON, _ type: String) -> [JSON] {
        guard case .object(let members)? = template["Resources"] else { return [] }
        return members.filter { $0.value["Type"] == .string(type) }.map(\.value)
    }

    func testAnEmailAlarmRendersRuleKeyTopicPolicyAndSubscription() throws {
        let config = try resolve(#""alarmEmail": "ops@example.com", \#(sources)"#).get()
        XCTAssertEqual(config.alerts, AppConfig.Alerts(email: "ops@example.com"))
        let template = try targetTemplate(#""alarmEmail": "ops@example.com", \#(sources)"#)
        let rule = try XCTUnwrap(resources(template, "AWS::Events::Rule").first)
        assertJSONText(
            rule["Properties"]?["EventPattern"],
            """
            {"detail": {"stateMachineArn": ["arn:aws:states:ap-northeast-1:222222222222:stateMachine:cm-kasama-cross-account-dev-athena-insert"],
                        "status": ["FAILED", "TIMED_OUT", "ABORTED"]},
             "detail-type": ["Step Functions Execution Status Change"], "source": ["aws.states"]}
            """)
        let ruleArn = JSON.string("arn:aws:events:ap-northeast-1:222222222222:rule/cm-kasama-cross-account-dev-run-alerts")
        let template1 = rule["Properties"]?["Targets"]?[0]?["InputTransformer"]?["InputTemplate"]?.stringValue ?? ""
        XCTAssertTrue(
            template1.contains(
                #""Console: https://<region>.console.aws.amazon.com/states/home?region=<region>#/v2/executions/details/<executionArn>""#), template1)
        let topic = try XCTUnwrap(resources(template, "AWS::SNS::Topic").first)
        XCTAssertNotNil(topic["Properties"]?["KmsMasterKeyId"]?["Fn::GetAtt"], "the topic must use the stack's own key, not alias/aws/sns")
        let key = try XCTUnwrap(resources(template, "AWS::KMS::Key").first)
        XCTAssertEqual(key["Properties"]?["EnableKeyRotation"], .bool(true))
        let keyStatements = key["Properties"]?["KeyPolicy"]?["Statement"]?.arrayValue ?? []
        let events = try XCTUnwrap(keyStatements.first { $0["Principal"]?["Service"] == "events.amazonaws.com" })
        XCTAssertEqual(events["Action"], .array(["kms:Decrypt", "kms:GenerateDataKey"]))
        XCTAssertEqual(events["Condition"]?["ArnEquals"]?["aws:SourceArn"], ruleArn)
        let policy = try XCTUnwrap(resources(template, "AWS::SNS::TopicPolicy").first)
        let statements = policy["Properties"]?["PolicyDocument"]?["Statement"]?.arrayValue ?? []
        XCTAssertEqual(statements.count, 1)
        XCTAssertEqual(statements.first?["Principal"], .object([.init("Service", "events.amazonaws.com")]))
        XCTAssertEqual(statements.first?["Action"], "sns:Publish")
        XCTAssertEqual(statements.first?["Condition"]?["ArnEquals"]?["aws:SourceArn"], ruleArn)
        let subscription = try XCTUnwrap(resources(template, "AWS::SNS::Subscription").first)
        XCTAssertEqual(subscription["Properties"]?["Protocol"], "email")
        XCTAssertEqual(subscription["Properties"]?["Endpoint"], "ops@example.com")
    }

    func testAGivenTopicIsTargetedAndNothingIsCreatedForIt() throws {
        let arn = "arn:aws:sns:ap-northeast-1:222222222222:data-ops-alerts"
        let template = try targetTemplate(#""alarmTopicArn": "\#(arn)", \#(sources)"#)
        let rule = try XCTUnwrap(resources(template, "AWS::Events::Rule").first)
        XCTAssertEqual(rule["Properties"]?["Targets"]?[0]?["Arn"], .string(arn))
        XCTAssertEqual(resources(template, "AWS::SNS::Topic").count + resources(template, "AWS::KMS::Key").count, 0)
    }

    func testWithoutAlarmsNoRuleIsRendered() throws {
        XCTAssertEqual(resources(try targetTemplate(sources), "AWS::Events::Rule").count, 0)
    }

    func testTheDeployPlanAsksToConfirmTheSubscriptionAfterTheTargetStack() throws {
        let files = try TestSupport.render(try resolve(#""alarmEmail": "o'ps@example.com", \#(sources)"#).get())
        let plan = try XCTUnwrap(files["deploy-plan.sh"])
        let note = try XCTUnwrap(plan.range(of: #"echo "note: SNS mailed a confirmation link to "'o'\''ps@example.com'"; alerts"#))
        let target = try XCTUnwrap(plan.range(of: "cloudformation deploy --template-file \"$here/target-stack.json\""))
        let source = try XCTUnwrap(plan.range(of: "cloudformation deploy --template-file \"$here/source-stack.json\""))
        XCTAssertTrue(target.upperBound < note.lowerBound && note.upperBound < source.lowerBound)
        XCTAssertFalse(try TestSupport.render(try resolve(sources).get())["deploy-plan.sh"]!.contains("note: SNS"))
    }

    func testEveryAlarmProblemIsReportedAtOnceWithItsKeyAndAHint() {
        let result = resolve(#""alarmEmail": "ops at example.com", "alarmTopicArn": "arn:aws-cn:sns:eu-west-1:333333333333:alerts", \#(sources)"#)
        XCTAssertEqual(
            messages(result),
            [
                #"synth.json: context.alarmEmail: "ops at example.com" must have exactly one @, as in ops@example.com"#,
                #"synth.json: context.alarmTopicArn: "arn:aws-cn:sns:eu-west-1:333333333333:alerts" is in the partition aws-cn, the target region ap-northeast-1 in aws"#,
                #"synth.json: context.alarmTopicArn: "arn:aws-cn:sns:eu-west-1:333333333333:alerts" is in eu-west-1, the target in ap-northeast-1; an EventBridge rule can only target a topic in its own region"#,
                #"synth.json: context.alarmTopicArn: "arn:aws-cn:sns:eu-west-1:333333333333:alerts" belongs to account 333333333333, not the target account 222222222222"#,
            ])
        XCTAssertTrue(hints(result).allSatisfy { !$0.isEmpty })
    }

    func testAMalformedTopicArnIsOneProblem() {
        XCTAssertEqual(
            messages(resolve(#""alarmTopicArn": "data-ops-alerts", \#(sources)"#)),
            [
                #"synth.json: context.alarmTopicArn: "data-ops-alerts" is not an SNS topic ARN of the form arn:<partition>:sns:<region>:<account>:<topic>"#
            ])
    }

    func testAlarmsNeedSources() {
        XCTAssertEqual(
            messages(
                resolve(
                    #""sourceAccountId": "111111111111", "alarmEmail": "ops@example.com", "alarmTopicArn": "arn:aws:sns:ap-northeast-1:222222222222:a""#
                )),
            [
                #"synth.json: context.alarmEmail: only applies together with "sources""#,
                #"synth.json: context.alarmTopicArn: only applies together with "sources""#,
            ])
    }

    func testAlarmKeysMustBeStrings() {
        XCTAssertEqual(messages(resolve(#""alarmEmail": 1, \#(sources)"#)), [#"synth.json: context.alarmEmail: must be a string, not a number"#])
    }
}

private func assertJSONText(_ actual: JSON?, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual, try? JSONParser.parse(Array(expected.utf8)), file: file, line: line)
}
