import CloudFormation
import CloudFormationIAM
import Constructs

/// A customer managed policy (`AWS::IAM::ManagedPolicy`) attached to roles. Unlike inline
/// policies, each counts against its own 6,144-character quota, so large permission sets can be
/// split across several.
public final class ManagedPolicy: Construct {
    public private(set) var resource: CfnResource<IAMManagedPolicyProperties>!
    public private(set) var document: PolicyDocument

    public init(_ scope: Construct, _ id: String, roles: [Role], document: PolicyDocument = PolicyDocument(), description: String? = nil) {
        self.document = document
        super.init(scope, id)
        resource = CfnResource(
            self, "Resource",
            IAMManagedPolicyProperties(
                description: description.map(Value.string), policyDocument: document.value,
                roles: roles.isEmpty ? nil : roles.map(\.roleName)))
        for role in roles { role.attach(self) }
    }

    public func addStatements(_ statements: PolicyStatement...) {
        for statement in statements { document.add(statement) }
    }

    /// Replaces the statements, as the role does when it splits its permissions again.
    public func replaceStatements(_ statements: [PolicyStatement]) {
        document = PolicyDocument(statements)
    }

    public override func prepare() {
        resource.properties.policyDocument = document.value
    }

    public override func validate() -> [String] {
        var problems = document.problems()
        if document.isEmpty { problems.append("the managed policy has no statements") }
        let size = document.sizeWithoutWhitespace
        if size > Limits.managedPolicyCharacters {
            problems.append("the managed policy is \(size) characters without whitespace; IAM allows \(Limits.managedPolicyCharacters)")
        }
        return problems
    }
}
