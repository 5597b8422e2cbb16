/// `AWS::SNS::TopicPolicy`: the resource policy of one or more topics.
public struct SNSTopicPolicyProperties: ResourceProperties {
    public static let resourceType = "AWS::SNS::TopicPolicy"

    public var policyDocument: Value
    /// Topic ARNs.
    public var topics: [Value]

    public init(policyDocument: Value, topics: [Value]) {
        self.policyDocument = policyDocument
        self.topics = topics
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("PolicyDocument", policyDocument)
        fields.set("Topics", Value.array(topics))
        return fields.sorted
    }
}
