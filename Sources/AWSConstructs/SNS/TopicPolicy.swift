import CloudFormation
import CloudFormationSNS
import Constructs

/// A topic's resource policy (`AWS::SNS::TopicPolicy`), created by `Topic` on first use.
public final class TopicPolicy: Construct {
    public private(set) var resource: CfnResource<SNSTopicPolicyProperties>!
    public private(set) var document = PolicyDocument()

    public init(_ scope: Construct, _ id: String, topics: [Value]) {
        super.init(scope, id)
        resource = CfnResource(self, "Resource", SNSTopicPolicyProperties(policyDocument: document.value, topics: topics))
    }

    public func addStatements(_ statements: PolicyStatement...) {
        for statement in statements { document.add(statement) }
    }

    public override func prepare() {
        resource.properties.policyDocument = document.value
    }

    public override func validate() -> [String] {
        document.resourcePolicyProblems(policyName: "topic policy")
    }
}
