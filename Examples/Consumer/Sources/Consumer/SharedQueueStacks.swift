import CloudFormation
import Constructs

/// Two stacks built with the escape hatches: a queue of a type the library has no L2 for (a raw
/// resource), its retention chosen by a condition, one property changed by an override, and a
/// second stack that reads the queue's ARN across stacks (an export and an `Fn::ImportValue`).
func makeSharedQueueTemplates() throws -> [String] {
    let app = App()
    let shared = Stack(app, "shared-queue-stack", tags: [Tag("Project", "reporting")])
    let env = CfnParameter(shared, "Env", Parameter(defaultValue: "dev", allowedValues: ["dev", "prod"]))
    let isProd = CfnCondition(shared, "IsProd", .equals(env.value, "prod"))
    let queue = CfnRawResource(
        shared, "Jobs", type: "AWS::SQS::Queue",
        properties: [
            .init("MessageRetentionPeriod", isProd.choose(1_209_600, else: 345_600)),
            .init("SqsManagedSseEnabled", true),
        ], taggable: true)
    queue.addPropertyOverride("VisibilityTimeout", 120)

    let consumer = Stack(app, "queue-consumer-stack")
    let readJobs = CfnRawResource(
        consumer, "ReadJobs", type: "AWS::IAM::ManagedPolicy",
        properties: [
            .init(
                "PolicyDocument",
                .object([
                    "Version": "2012-10-17",
                    "Statement": .array([
                        .object([
                            "Effect": "Allow", "Action": .strings(["sqs:ReceiveMessage", "sqs:DeleteMessage"]), "Resource": queue.attribute("Arn"),
                        ])
                    ]),
                ]))
        ])
    CfnOutput(consumer, "ReadJobsPolicyArn", Output(value: readJobs.ref))

    let assembly = try app.synthesize()
    return assembly.stacks.map(\.body)
}
