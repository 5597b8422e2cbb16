import CloudFormation
import CloudFormationKMS
import Constructs

/// A customer managed KMS key (symmetric), rotated yearly, whose key policy starts as AWS's
/// default one: the account (its root) administers the key, and IAM policies in the account
/// decide who else may use it
/// (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
public final class Key: Construct, ResourceWithPolicy {
    /// KMS accepts a deletion window of 7 to 30 days.
    public static let pendingWindowRange = 7...30
    public static let rootAdministrationSid = "EnableIAMUserPermissions"

    public private(set) var resource: CfnResource<KMSKeyProperties>!
    public private(set) var policy = PolicyDocument()
    public let pendingWindowInDays: Int
    public let enableKeyRotation: Bool

    public init(
        _ scope: Construct, _ id: String, description: String, enableKeyRotation: Bool = true,
        pendingWindowInDays: Int = 30, removalPolicy: RemovalPolicy = .retain
    ) {
        self.pendingWindowInDays = pendingWindowInDays
        self.enableKeyRotation = enableKeyRotation
        super.init(scope, id)
        // Without this statement no one in the account could manage the key through IAM.
        let root =
            stack?.formatArn(service: "iam", region: .string(""), resource: "root")
            ?? .interpolate([.string("arn:"), .pseudo(.partition), .string(":iam::"), .pseudo(.accountId), .string(":root")])
        policy.add(PolicyStatement(sid: Key.rootAdministrationSid, actions: ["kms:*"], principals: [.arn(root)], resources: [.string("*")]))
        resource = CfnResource(
            self, "Resource",
            KMSKeyProperties(
                description: .string(description), enableKeyRotation: .bool(enableKeyRotation), keyPolicy: policy.value,
                pendingWindowInDays: .int(pendingWindowInDays)))
        resource.applyRemovalPolicy(removalPolicy)
    }

    /// `arn:<partition>:kms:<region>:<account>:key/<id>`.
    public var keyArn: Value { resource.attribute(.arn) }

    /// Adds a statement to the key policy (the key's resource policy; `Resource` is `*`, the key);
    /// returns the key, whose resource holds the policy.
    @discardableResult
    public func addToResourcePolicy(_ statement: PolicyStatement) -> Construct? {
        policy.add(statement)
        return self
    }

    public override func prepare() {
        resource.properties.keyPolicy = policy.value
    }

    public override func validate() -> [String] {
        var problems = policy.resourcePolicyProblems(policyName: "key policy")
        if !Key.pendingWindowRange.contains(pendingWindowInDays) {
            problems.append(
                "a key deletion window of \(pendingWindowInDays) days is outside KMS's \(Key.pendingWindowRange.lowerBound) to \(Key.pendingWindowRange.upperBound)"
            )
        }
        return problems
    }
}
