/// `AWS::SNS::Subscription`.
public struct SNSSubscriptionProperties: ResourceProperties {
    public static let resourceType = "AWS::SNS::Subscription"

    /// `Protocol`: the kinds of endpoint this library subscribes.
    public enum SubscriptionProtocol: String, Sendable {
        case email
        case emailJSON = "email-json"
        case sqs
        case lambda
        case https
    }

    public var topicArn: Value
    public var subscriptionProtocol: SubscriptionProtocol
    public var endpoint: Value

    public init(topicArn: Value, protocol subscriptionProtocol: SubscriptionProtocol, endpoint: Value) {
        self.topicArn = topicArn
        self.subscriptionProtocol = subscriptionProtocol
        self.endpoint = endpoint
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("TopicArn", topicArn)
        fields.set("Protocol", subscriptionProtocol.rawValue)
        fields.set("Endpoint", endpoint)
        return fields.sorted
    }
}
