import CloudFormation
import Constructs

/// Alerts for runs of a state machine that end badly: an EventBridge rule matching its
/// executions that end FAILED, TIMED_OUT or ABORTED, sending a readable message to an SNS topic
/// (one of the stack's own, encrypted, mailing `email`, and/or an existing topic `topicArn`).
///
/// Step Functions sends `Step Functions Execution Status Change` events from `aws.states`, whose
/// `detail` carries what DescribeExecution returns: `executionArn`, `stateMachineArn`, `name`,
/// `status`, `startDate` and `stopDate` in epoch milliseconds
/// (https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html;
/// https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-states.html).
public final class RunAlerts: Construct {
    public static let endStatuses = ["FAILED", "TIMED_OUT", "ABORTED"]
    public static let source = "aws.states"
    public static let detailType = "Step Functions Execution Status Change"
    public static let eventsPrincipal = "events.amazonaws.com"
    /// What EventBridge needs on the key of an encrypted topic it publishes to
    /// (https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification).
    public static let keyActions = ["kms:Decrypt", "kms:GenerateDataKey"]
    public static let ownTopicTargetId = "RunAlertsTopic"
    public static let givenTopicTargetId = "GivenAlarmTopic"

    public private(set) var rule: Rule!
    public private(set) var key: Key?
    public private(set) var topic: Topic?

    /// - Parameters:
    ///   - scope: the construct the alerts belong to.
    ///   - id: their construct id.
    ///   - stateMachineName: the state machine whose runs are reported, as the message names it.
    ///   - stateMachineArn: its ARN, which the rule matches.
    ///   - ruleName: the EventBridge rule's name.
    ///   - topicName: the name of the stack's own topic, when `email` is given.
    ///   - topicDisplayName: that topic's display name.
    ///   - run: what the message calls a run ("Copy run").
    ///   - email: an address the stack's own topic mails.
    ///   - topicArn: an existing topic that receives the alerts as well; its owner allows the rule.
    public init(
        _ scope: Construct, _ id: String, stateMachineName: String, stateMachineArn: Value, ruleName: String,
        topicName: String, topicDisplayName: String, run: String = "Run", email: String?, topicArn: String?
    ) {
        super.init(scope, id)
        rule = Rule(
            self, "Rule", ruleName: ruleName,
            description: "Reports runs of \(stateMachineName) that end \(RunAlerts.endStatuses.joined(separator: ", "))",
            eventPattern: RunAlerts.eventPattern(stateMachineArn: stateMachineArn))
        let message = RunAlerts.message(stateMachineName: stateMachineName, run: run)
        if let email {
            // The AWS managed key alias/aws/sns has a policy no one can change, so EventBridge could
            // never use it: an encrypted topic it publishes to needs a customer managed key
            // (https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification).
            // EventBridge may use the key and the topic only for this rule.
            let onlyThisRule = PolicyStatement.Condition("ArnEquals", "aws:SourceArn", [rule.ruleArn])
            let events = Principal.service(RunAlerts.eventsPrincipal)
            let key = Key(self, "Key", description: "Encrypts the \(topicName) topic's messages at rest", removalPolicy: .destroy)
            key.grant(events, actions: RunAlerts.keyActions, options: GrantOptions(sid: RunAlerts.keyStatementSid, conditions: [onlyThisRule]))
            let topic = Topic(self, "Topic", topicName: topicName, displayName: topicDisplayName, masterKey: key)
            let publish = topic.grantPublish(events, options: GrantOptions(sid: RunAlerts.topicStatementSid, conditions: [onlyThisRule]))
            topic.addEmailSubscription(email)
            rule.addTarget(.init(id: RunAlerts.ownTopicTargetId, arn: topic.topicArn, inputTransformer: message))
            // Without the topic policy in place the first alerts would be refused.
            rule.resource.addDependency(on: publish)
            self.key = key
            self.topic = topic
        }
        if let topicArn {
            rule.addTarget(.init(id: RunAlerts.givenTopicTargetId, arn: .string(topicArn), inputTransformer: message))
        }
    }

    /// This state machine's executions that ended badly.
    public static func eventPattern(stateMachineArn: Value) -> Value {
        .object([
            "detail": .object(["stateMachineArn": .array([stateMachineArn]), "status": .strings(endStatuses)]),
            "detail-type": .strings([detailType]),
            "source": .strings([source]),
        ])
    }

    /// The Sids of the statements that let EventBridge publish to the topic and encrypt for it.
    public static let topicStatementSid = "AllowRunAlertsRulePublish"
    public static let keyStatementSid = "AllowRunAlertsRuleEncrypt"

    /// The input paths the message reads from the event.
    public static let messagePaths: [(name: String, path: String)] = [
        ("execution", "$.detail.name"), ("executionArn", "$.detail.executionArn"), ("status", "$.detail.status"),
        ("startDate", "$.detail.startDate"), ("stopDate", "$.detail.stopDate"), ("time", "$.time"), ("region", "$.region"),
    ]

    /// The mail a subscriber reads, one line each.
    public static func messageLines(stateMachineName: String, run: String = "Run") -> [String] {
        [
            "\(run) <execution> of \(stateMachineName) ended <status>.",
            "State machine: \(stateMachineName)",
            "Execution: <execution>",
            "Status: <status>",
            "Started (epoch ms): <startDate>",
            "Stopped (epoch ms): <stopDate>",
            "Reported at: <time>",
            "Console: https://<region>.console.aws.amazon.com/states/home?region=<region>#/v2/executions/details/<executionArn>",
        ]
    }

    static func message(stateMachineName: String, run: String) -> Rule.InputTransformer {
        RuleTargetInput.multilineText(messageLines(stateMachineName: stateMachineName, run: run), paths: messagePaths)
    }
}
