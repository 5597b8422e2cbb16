import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// EventBridge rules, SNS topics (policy, subscriptions) and KMS keys.
final class AlertConstructTests: XCTestCase {
    func resources(_ app: App) throws -> [JSON.Member] {
        let template = try synthesizedTemplate(app, stack: "S")
        guard case .object(let members)? = template["Resources"] else {
            XCTFail("no resources")
            return []
        }
        return members
    }

    func resource(_ members: [JSON.Member], _ type: String) throws -> JSON {
        try XCTUnwrap(members.first { $0.value["Type"] == .string(type) }, "no \(type)").value
    }

    func makeApp(ruleName: String = "alerts", email: String = "ops@example.com", pendingWindow: Int = 30, template: [String]? = nil) -> App {
        let app = App()
        let stack = Stack(app, "S", account: "123456789012", region: "eu-west-1")
        let rule = Rule(stack, "Alerts", ruleName: ruleName, eventPattern: .object(["source": .strings(["aws.states"])]))
        let key = Key(stack, "AlertKey", description: "alerts", pendingWindowInDays: pendingWindow, removalPolicy: .destroy)
        key.addToResourcePolicy(PolicyStatement(actions: ["kms:Decrypt"], principals: [.service("events.amazonaws.com")], resources: [.string("*")]))
        let topic = Topic(stack, "AlertTopic", topicName: "alerts", masterKey: key)
        topic.addToResourcePolicy(
            PolicyStatement(
                actions: ["sns:Publish"], principals: [.service("events.amazonaws.com")],
                resources: [topic.topicArn], conditions: [.init("ArnEquals", "aws:SourceArn", [rule.ruleArn])]))
        topic.addEmailSubscription(email)
        rule.addTarget(
            .init(
                id: "Topic", arn: topic.topicArn,
                inputTransformer: RuleTargetInput.multilineText(
                    template ?? ["Run <name> ended \"<status>\"", "done"],
                    paths: [("status", "$.detail.status"), ("name", "$.detail.name")])))
        return app
    }

    func test_givenARuleWithAnEncryptedTopic_whenSynthesized_thenEachResourceHasItsTypedProperties() throws {
        let members = try resources(makeApp())
        assertJSON(
            try resource(members, "AWS::Events::Rule")["Properties"],
            equals: #"""
                {"EventPattern": {"source": ["aws.states"]}, "Name": "alerts", "State": "ENABLED",
                 "Targets": [{"Arn": {"Ref": "AlertTopic2720D535"}, "Id": "Topic",
                   "InputTransformer": {"InputPathsMap": {"name": "$.detail.name", "status": "$.detail.status"},
                                        "InputTemplate": "\"Run <name> ended \\\"<status>\\\"\"\n\"done\""}}]}
                """#)
        let topic = try resource(members, "AWS::SNS::Topic")
        XCTAssertEqual(topic["Properties"]?["KmsMasterKeyId"], .object([.init("Fn::GetAtt", .array(["AlertKeyC50D0A1D", "Arn"]))]))
        XCTAssertEqual(topic["Properties"]?["TopicName"], "alerts")
        assertJSON(
            try resource(members, "AWS::SNS::TopicPolicy")["Properties"],
            equals: """
                {"PolicyDocument": {"Statement": [{"Action": "sns:Publish",
                   "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:events:eu-west-1:123456789012:rule/alerts"}},
                   "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Resource": {"Ref": "AlertTopic2720D535"}}],
                   "Version": "2012-10-17"},
                 "Topics": [{"Ref": "AlertTopic2720D535"}]}
                """)
        assertJSON(
            try resource(members, "AWS::SNS::Subscription")["Properties"],
            equals: """
                {"Endpoint": "ops@example.com", "Protocol": "email", "TopicArn": {"Ref": "AlertTopic2720D535"}}
                """)
        let key = try resource(members, "AWS::KMS::Key")
        assertJSON(
            key["Properties"],
            equals: """
                {"Description": "alerts", "EnableKeyRotation": true,
                 "KeyPolicy": {"Statement": [
                   {"Action": "kms:*", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Resource": "*",
                    "Sid": "EnableIAMUserPermissions"},
                   {"Action": "kms:Decrypt", "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Resource": "*"}],
                   "Version": "2012-10-17"},
                 "PendingWindowInDays": 30}
                """)
        XCTAssertEqual(key["DeletionPolicy"], "Delete")
    }

    func test_givenValidParts_whenSynthesized_thenNoProblem() {
        XCTAssertNoThrow(try synthesizedTemplate(makeApp(), stack: "S"))
    }

    func test_givenInvalidParts_whenSynthesized_thenEachIsReportedAtItsConstruct() {
        let errors = synthesisErrors(makeApp(ruleName: "no spaces", email: "ops@", pendingWindow: 6, template: ["<missing>"]))
        let found = errors.map { "\($0.location): \($0.message)" }
        XCTAssertTrue(found.contains { $0.hasPrefix("S/Alerts: rule name \"no spaces\"") }, "\(found)")
        XCTAssertTrue(found.contains { $0.hasPrefix("S/Alerts: target Topic uses <missing>") }, "\(found)")
        XCTAssertTrue(found.contains { $0.hasPrefix("S/AlertKey: a key deletion window of 6 days") }, "\(found)")
        XCTAssertTrue(found.contains { $0.hasPrefix("S/AlertTopic/EmailSubscription: email address \"ops@\"") }, "\(found)")
        XCTAssertEqual(errors.count, 4, "\(found)")
    }

    func test_givenARuleWithoutTargets_whenSynthesized_thenItIsAProblem() {
        let app = App()
        let stack = Stack(app, "S", account: "123456789012", region: "eu-west-1")
        _ = Rule(stack, "Lonely", ruleName: "lonely", eventPattern: .object([]))
        XCTAssertEqual(synthesisErrors(app).map(\.message), [#"rule "lonely" has no target"#])
    }

    func test_givenEmailAddresses_whenChecked_thenOnlyAddressShapesPass() {
        for address in ["ops@example.com", "data.ops+alerts@mail.example.co.jp", "a@b-c.io"] {
            XCTAssertNil(Subscription.emailProblem(address), address)
        }
        for address in [
            "", "ops", "ops@", "@example.com", "ops@@example.com", "a@b@example.com", "ops@example", "ops @example.com",
            "ops@example..com", "ops@-example.com", ".ops@example.com", "ops@example.123",
            String(repeating: "a", count: 250) + "@x.io",
        ] {
            XCTAssertNotNil(Subscription.emailProblem(address), address)
        }
    }

    func test_givenTopicArns_whenParsed_thenPartsOrTheProblem() {
        XCTAssertEqual(
            try Topic.parseArn("arn:aws-cn:sns:cn-north-1:123456789012:ops_alerts-1").get(),
            .init(partition: "aws-cn", region: "cn-north-1", account: "123456789012", name: "ops_alerts-1"))
        let refused: [(String, String)] = [
            ("arn:aws:sqs:eu-west-1:123456789012:q", "not an SNS topic ARN"), ("arn:aws:sns:eu-west-1:123456789012", "not an SNS topic ARN"),
            ("arn:moon:sns:eu-west-1:123456789012:t", "unknown partition"), ("arn:aws:sns::123456789012:t", "no region"),
            ("arn:aws:sns:eu-west-1:12345:t", "12-digit account"), ("arn:aws:sns:eu-west-1:123456789012:t.fifo", "FIFO"),
            ("arn:aws:sns:eu-west-1:123456789012:bad name", "topic name"),
        ]
        for (arn, expected) in refused {
            guard case .failure(let problem) = Topic.parseArn(arn) else {
                XCTFail("\(arn) accepted")
                continue
            }
            XCTAssertTrue(problem.message.contains(expected), "\(arn): \(problem.message)")
        }
    }
}
