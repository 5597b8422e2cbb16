import CloudFormation
import CloudFormationSNS
import Constructs

/// An SNS topic, encrypted at rest with a customer managed key when one is given, with a topic
/// policy created on first use and subscriptions as children.
public final class Topic: Construct, ResourceWithPolicy {
    public static let maximumNameLength = 256

    public private(set) var resource: CfnResource<SNSTopicProperties>!
    public private(set) var policy: TopicPolicy?
    public private(set) var subscriptions: [Subscription] = []
    public let topicName: String
    public let masterKey: Key?

    public init(_ scope: Construct, _ id: String, topicName: String, displayName: String? = nil, masterKey: Key?) {
        self.topicName = topicName
        self.masterKey = masterKey
        super.init(scope, id)
        resource = CfnResource(
            self, "Resource",
            SNSTopicProperties(displayName: displayName.map(Value.string), kmsMasterKeyId: masterKey?.keyArn, topicName: .string(topicName)))
    }

    /// `Ref` of a topic is its ARN.
    public var topicArn: Value { resource.ref }

    /// Adds a statement to the topic policy, creating the policy on first use; returns the policy.
    @discardableResult
    public func addToResourcePolicy(_ statement: PolicyStatement) -> Construct? {
        let policy = self.policy ?? TopicPolicy(self, "Policy", topics: [topicArn])
        self.policy = policy
        policy.addStatements(statement)
        return policy
    }

    /// Lets `grantee` publish to the topic (`sns:Publish`).
    @discardableResult
    public func grantPublish(_ grantee: Grantable, options: GrantOptions = GrantOptions()) -> Grant {
        Grant.addToPrincipalOrResource(grantee, actions: ["sns:Publish"], resourceArns: [topicArn], resource: self, options: options)
    }

    /// Subscribes an email address (SNS mails it a confirmation link first).
    @discardableResult
    public func addEmailSubscription(_ address: String, id: String = "EmailSubscription") -> Subscription {
        let subscription = Subscription(self, id, topicArn: topicArn, protocol: .email, endpoint: .string(address))
        subscriptions.append(subscription)
        return subscription
    }

    public override func validate() -> [String] {
        Topic.nameProblem(topicName).map { ["topic name \"\(topicName)\" \($0)"] } ?? []
    }

    /// SNS topic names: 1 to 256 letters, digits, `-` and `_` (a FIFO topic adds `.fifo`).
    public static func nameProblem(_ name: String) -> String? {
        let valid =
            !name.isEmpty && name.count <= maximumNameLength
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
        return valid ? nil : "must be 1 to \(maximumNameLength) letters, digits, '-' or '_'"
    }

    /// The parts of `arn:<partition>:sns:<region>:<account>:<name>`.
    public struct ArnParts: Sendable, Equatable {
        public var partition: String
        public var region: String
        public var account: String
        public var name: String
        public init(partition: String, region: String, account: String, name: String) {
            self.partition = partition
            self.region = region
            self.account = account
            self.name = name
        }
    }

    /// The parts of a topic ARN, or what is wrong with its shape.
    public static func parseArn(_ arn: String) -> Result<ArnParts, ArnProblem> {
        let fields = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6, fields[0] == "arn", fields[2] == "sns" else {
            return .failure(ArnProblem("is not an SNS topic ARN of the form arn:<partition>:sns:<region>:<account>:<topic>"))
        }
        let parts = ArnParts(partition: fields[1], region: fields[3], account: fields[4], name: fields[5])
        if Partition(rawValue: parts.partition) == nil { return .failure(ArnProblem("has the unknown partition \"\(parts.partition)\"")) }
        if parts.region.isEmpty { return .failure(ArnProblem("has no region")) }
        if parts.account.count != 12 || !parts.account.allSatisfy(\.isASCII) || !parts.account.allSatisfy(\.isNumber) {
            return .failure(ArnProblem("has \"\(parts.account)\" where the 12-digit account id goes"))
        }
        if parts.name.hasSuffix(".fifo") {
            return .failure(ArnProblem("names a FIFO topic; the alert rule sends no message group id, so use a standard topic"))
        }
        if let problem = nameProblem(parts.name) { return .failure(ArnProblem("has the topic name \"\(parts.name)\", which \(problem)")) }
        return .success(parts)
    }

    public struct ArnProblem: Error, Sendable, Equatable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }
}
