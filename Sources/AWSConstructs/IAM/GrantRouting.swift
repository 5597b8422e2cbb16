import CloudFormation
import Constructs

/// Whether a grantee is in a resource's account, as far as the template can tell.
///
/// Two literal ids compare by their digits. Two identical template values (both `AWS::AccountId`,
/// say) are taken to be one account, as the AWS CDK takes two unresolved accounts. Anything else
/// (a literal beside a token, a parameter such as `TargetAccountId`, a grantee without an
/// account) is unknown.
public enum AccountMatch: Sendable, Equatable {
    case same
    case different
    case unknown

    public init(principal: Value?, resource: Value) {
        guard let principal else {
            self = .unknown
            return
        }
        if let principalId = principal.literalString, let resourceId = resource.literalString {
            self = principalId == resourceId ? .same : .different
        } else {
            self = principal.json() == resource.json() ? .same : .unknown
        }
    }
}

extension Grant {
    /// Grants `actions` on `resourceArns` in the grantee's own policy only: for a resource whose
    /// policy grants do not use (a state machine), or a second statement of a grant (a bucket's
    /// key). A grantee without a policy of its own gets nothing, and the grant says so
    /// (`addedToPrincipalPolicy` is false).
    @discardableResult
    public static func addToPrincipal(
        _ grantee: Grantable, actions: [String], resourceArns: [Value],
        conditions: [PolicyStatement.Condition] = [], options: GrantOptions = GrantOptions()
    ) -> Grant {
        let statement = PolicyStatement(
            sid: options.sid, actions: actions, resources: resourceArns,
            conditions: conditions + options.conditions)
        guard let policy = grantee.addToPrincipalPolicy(statement) else { return Grant() }
        return Grant(principalStatements: [statement], dependables: [policy])
    }

    /// Grants `actions` on `resourceArns` as the AWS CDK's `Grant.addToPrincipalOrResource` does:
    /// to the grantee's own policy when it has one; and to `resource`'s policy as well unless the
    /// grantee is provably in the resource's account (`AccountMatch.same`). So a role of this app
    /// in another account gets both sides, which a cross-account call needs; a principal of
    /// another account, a whole account or a service gets the resource's policy only; and a
    /// grantee whose account is unknown gets the resource's policy too, since a statement too
    /// many grants that grantee nothing more, and one too few denies it.
    ///
    /// - Parameters:
    ///   - grantee: who is granted the actions.
    ///   - actions: the actions granted.
    ///   - resourceArns: the resources, as the grantee's policy names them.
    ///   - resourceSelfArns: the resources as the resource's own policy names them, when not
    ///     `resourceArns` (a key policy names its key `*`).
    ///   - conditions: conditions of this kind of grant (e.g. `s3:prefix` on a listing), after the
    ///     principal's and before `options.conditions`.
    ///   - resource: the resource whose policy takes the statement when the grantee's cannot alone.
    ///   - options: the statements' Sid, extra conditions, and how the resource's policy names the grantee.
    @discardableResult
    public static func addToPrincipalOrResource(
        _ grantee: Grantable, actions: [String], resourceArns: [Value],
        resourceSelfArns: [Value]? = nil, conditions: [PolicyStatement.Condition] = [],
        resource: ResourceWithPolicy, options: GrantOptions = GrantOptions()
    ) -> Grant {
        let principalSide = addToPrincipal(grantee, actions: actions, resourceArns: resourceArns, conditions: conditions, options: options)
        let match = AccountMatch(principal: grantee.principalAccount, resource: resource.resourceAccount)
        if principalSide.addedToPrincipalPolicy && match == .same { return principalSide }

        let (principal, principalConditions) = resourcePolicyName(
            of: grantee, form: options.resourcePolicyPrincipal,
            partition: resource.resourcePartition)
        let statement = PolicyStatement(
            sid: options.sid, actions: actions, principals: [principal],
            resources: resourceSelfArns ?? resourceArns,
            conditions: principalConditions + conditions + options.conditions)
        let policy = resource.addToResourcePolicy(statement)
        return principalSide.combined(with: Grant(resourceStatements: [statement], dependables: policy.map { [$0] } ?? []))
    }

    /// The principal, and any conditions, that name `grantee` in a resource's policy.
    static func resourcePolicyName(
        of grantee: Grantable, form: GrantOptions.ResourcePolicyPrincipal,
        partition: Value
    ) -> (Principal, [PolicyStatement.Condition]) {
        guard form == .accountAndPrincipalArn, case .arn(let arn) = grantee.grantPrincipal, let account = grantee.principalAccount else {
            return (grantee.grantPrincipal, [])
        }
        let root = Value.interpolate([.string("arn:"), partition, .string(":iam::"), account, .string(":root")])
        return (.arn(root), [.init("ArnEquals", "aws:PrincipalArn", [arn])])
    }
}
