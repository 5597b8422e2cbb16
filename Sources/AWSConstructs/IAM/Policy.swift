import CloudFormation
import CloudFormationIAM
import Constructs

/// An inline IAM policy attached to roles (`AWS::IAM::Policy`). Its name is the last 128
/// characters of its logical ID, as the AWS CDK names it.
public final class Policy: Construct {
    public static let maximumNameLength = 128

    public private(set) var resource: CfnResource<IAMPolicyProperties>!
    public private(set) var document: PolicyDocument

    public init(_ scope: Construct, _ id: String, roles: [Role], document: PolicyDocument = PolicyDocument()) {
        self.document = document
        super.init(scope, id)
        resource = CfnResource(
            self, "Resource",
            IAMPolicyProperties(
                policyDocument: document.value, policyName: "", roles: roles.isEmpty ? nil : roles.map(\.roleName)))
    }

    public func addStatements(_ statements: PolicyStatement...) {
        for statement in statements { document.add(statement) }
    }

    /// Replaces the statements, e.g. when the role moves some into managed policies.
    public func replaceStatements(_ statements: [PolicyStatement]) {
        document = PolicyDocument(statements)
    }

    public override func prepare() {
        resource.properties.policyDocument = document.value
        resource.properties.policyName = .string(String(resource.logicalId.suffix(Policy.maximumNameLength)))
    }

    public override func validate() -> [String] {
        var problems = document.problems()
        if document.isEmpty { problems.append("the policy has no statements") }
        return problems
    }
}
