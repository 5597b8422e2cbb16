import AWSConstructs
import CloudFormation
import Constructs

/// Alerts for runs that end badly: an EventBridge rule matching this state machine's executions
/// that end FAILED, TIMED_OUT or ABORTED, sending a readable message to an SNS topic (the stack's
/// own, mailing `alarmEmail`, and/or `alarmTopicArn`).
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

    public init(_ scope: Construct, _ id: String, alerts: AppConfig.Alerts, names: ResourceNames, stateMachineArn: Value) {
        super.init(scope, id)
        rule = Rule(self, "Rule", ruleName: names.alertRuleName,
                    description: "Reports runs of \(names.stateMachineName) that end \(RunAlerts.endStatuses.joined(separator: ", "))",
                    eventPattern: RunAlerts.eventPattern(stateMachineArn: stateMachineArn))
        let message = RunAlerts.message(stateMachineName: names.stateMachineName)
        if let email = alerts.email {
            // The AWS managed key alias/aws/sns has a policy no one can change, so EventBridge could
            // never use it: an encrypted topic it publishes to needs a customer managed key
            // (https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification).
            let key = Key(self, "Key", description: "Encrypts the \(names.alertTopicName) topic's messages at rest", removalPolicy: .destroy)
            key.addToResourcePolicy(RunAlerts.keyStatement(ruleArn: rule.ruleArn))
            let topic = Topic(self, "Topic", topicName: names.alertTopicName, displayName: "\(names.projectName) \(names.envName) copy runs", masterKey: key)
            topic.addToResourcePolicy(RunAlerts.topicStatement(ruleArn: rule.ruleArn, topicArn: topic.topicArn))
            topic.addEmailSubscription(email)
            rule.addTarget(.init(id: RunAlerts.ownTopicTargetId, arn: topic.topicArn, inputTransformer: message))
            // Without the policy in place the first alerts would be refused.
            if let policy = topic.policy { rule.resource.addDependency(policy.resource) }
            self.key = key
            self.topic = topic
        }
        if let arn = alerts.topicArn {
            rule.addTarget(.init(id: RunAlerts.givenTopicTargetId, arn: .string(arn), inputTransformer: message))
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

    /// The topic policy statement: only EventBridge may publish, and only for this rule.
    public static func topicStatement(ruleArn: Value, topicArn: Value) -> PolicyStatement {
        PolicyStatement(sid: "AllowRunAlertsRulePublish", actions: ["sns:Publish"], principals: [.service(eventsPrincipal)],
                        resources: [topicArn], conditions: [.init("ArnEquals", "aws:SourceArn", [ruleArn])])
    }

    /// The key policy statement: EventBridge may encrypt messages for the topic, only for this rule.
    public static func keyStatement(ruleArn: Value) -> PolicyStatement {
        PolicyStatement(sid: "AllowRunAlertsRuleEncrypt", actions: keyActions, principals: [.service(eventsPrincipal)],
                        resources: [.string("*")], conditions: [.init("ArnEquals", "aws:SourceArn", [ruleArn])])
    }

    /// The input paths the message reads from the event.
    public static let messagePaths: [(name: String, path: String)] = [
        ("execution", "$.detail.name"), ("executionArn", "$.detail.executionArn"), ("status", "$.detail.status"),
        ("startDate", "$.detail.startDate"), ("stopDate", "$.detail.stopDate"), ("time", "$.time"), ("region", "$.region"),
    ]

    /// The mail a subscriber reads, one line each.
    public static func messageLines(stateMachineName: String) -> [String] {
        [
            "Copy run <execution> of \(stateMachineName) ended <status>.",
            "State machine: \(stateMachineName)",
            "Execution: <execution>",
            "Status: <status>",
            "Started (epoch ms): <startDate>",
            "Stopped (epoch ms): <stopDate>",
            "Reported at: <time>",
            "Console: https://<region>.console.aws.amazon.com/states/home?region=<region>#/v2/executions/details/<executionArn>",
        ]
    }

    static func message(stateMachineName: String) -> EventsRuleProperties.InputTransformer {
        RuleTargetInput.multilineText(messageLines(stateMachineName: stateMachineName), paths: messagePaths)
    }
}
