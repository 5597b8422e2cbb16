import CloudFormation

/// How a grant writes its statements.
public struct GrantOptions {
    /// How a resource's policy names the grantee.
    public enum ResourcePolicyPrincipal: Sendable {
        /// The grantee's own principal (`grantPrincipal`), as the AWS CDK names it.
        case grantee
        /// The grantee's account (`arn:<partition>:iam::<account>:root`) as principal, and the
        /// grantee by `ArnEquals aws:PrincipalArn`. IAM stores a role named as principal by its
        /// unique id, so a deleted and re-created role would lose access; this form survives it.
        /// It needs a grantee with an ARN and a known account; others are named as `.grantee`.
        case accountAndPrincipalArn
    }

    /// The Sid of the grant's statement. A second statement the grant adds to the grantee's
    /// policy (a bucket grant's, on the bucket's key) gets the Sid followed by `Key`.
    public var sid: String?
    /// Conditions every statement of the grant carries, e.g. `ArnEquals aws:SourceArn` for a
    /// service that may act only for one resource (against the confused deputy problem).
    public var conditions: [PolicyStatement.Condition]
    public var resourcePolicyPrincipal: ResourcePolicyPrincipal

    public init(
        sid: String? = nil, conditions: [PolicyStatement.Condition] = [],
        resourcePolicyPrincipal: ResourcePolicyPrincipal = .grantee
    ) {
        self.sid = sid
        self.conditions = conditions
        self.resourcePolicyPrincipal = resourcePolicyPrincipal
    }
}
