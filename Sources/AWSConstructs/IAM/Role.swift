import CloudFormation
import CloudFormationIAM
import Constructs

/// An IAM role (`AWS::IAM::Role`). Statements added with `addToPolicy` go into the role's
/// `DefaultPolicy`, an `AWS::IAM::Policy` created on first use, as in the AWS CDK.
public final class Role: Construct, Grantable {
    public static let maximumNameLength = 64

    public private(set) var resource: CfnResource<IAMRoleProperties>!
    public private(set) var defaultPolicy: Policy?
    /// Customer managed policies attached to the role.
    public private(set) var managedPolicies: [ManagedPolicy] = []
    private let literalName: String?

    /// An IAM role with its trust policy.
    ///
    /// - Parameters:
    ///   - scope: the construct the role belongs to.
    ///   - id: the role's construct id.
    ///   - roleName: a fixed name; without one CloudFormation generates it.
    ///   - assumedBy: who may assume the role. A service principal may assume it only on behalf
    ///     of this stack's account (`aws:SourceAccount`), against the confused deputy problem.
    ///   - sourceArn: the ARN pattern of the resources the service acts for, when known
    ///     (`ArnLike aws:SourceArn`), e.g. the state machine that runs as the role.
    ///   - description: the role's description.
    ///   - managedPolicyArns: AWS managed or other existing policies to attach.
    public init(
        _ scope: Construct,
        _ id: String,
        roleName: String? = nil,
        assumedBy: Principal,
        assumedFor sourceArn: Value? = nil,
        description: String? = nil,
        managedPolicyArns: [Value] = []
    ) {
        literalName = roleName
        super.init(scope, id)
        let trust = PolicyDocument([Role.trustStatement(assumedBy, sourceAccount: stack?.accountValue, sourceArn: sourceArn)])
        resource = CfnResource(
            self, "Resource",
            IAMRoleProperties(
                assumeRolePolicyDocument: trust.value,
                description: description.map(Value.string),
                managedPolicyArns: managedPolicyArns.isEmpty ? nil : managedPolicyArns,
                roleName: roleName.map(Value.string)))
    }

    /// `sts:AssumeRole` for `principal`; for a service, only on behalf of `sourceAccount` (and
    /// `sourceArn`), as IAM's confused-deputy guidance asks
    /// (https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html).
    static func trustStatement(_ principal: Principal, sourceAccount: Value?, sourceArn: Value?) -> PolicyStatement {
        var conditions: [PolicyStatement.Condition] = []
        if case .service = principal {
            if let sourceAccount { conditions.append(.init("StringEquals", "aws:SourceAccount", [sourceAccount])) }
            if let sourceArn { conditions.append(.init("ArnLike", "aws:SourceArn", [sourceArn])) }
        }
        return PolicyStatement(actions: ["sts:AssumeRole"], principals: [principal], conditions: conditions)
    }

    /// The role's ARN (`Fn::GetAtt Role.Arn`).
    public var roleArn: Value { resource.attribute(.arn) }
    /// The role's ARN built from its fixed name, for policies outside the stack (a resource
    /// policy in another account) that cannot `Fn::GetAtt` it; nil without a fixed name.
    public var arnFromName: Value? {
        literalName.flatMap { name in stack?.formatArn(service: "iam", region: .string(""), resource: "role/\(name)") }
    }
    /// The role's name (`Ref`).
    public var roleName: Value { resource.ref }
    /// The fixed name it was given, for what names it outside the template.
    public var fixedName: String? { literalName }

    /// Every statement added, in order: what `prepare()` splits between the default policy and
    /// the overflow policies, however often it runs.
    private var statements: [PolicyStatement] = []
    /// The managed policies `prepare()` moved statements into, in order.
    private var overflowPolicies: [ManagedPolicy] = []

    /// Adds a statement to the role's default policy, creating the policy on first use.
    public func addToPolicy(_ statement: PolicyStatement) {
        if defaultPolicy == nil {
            defaultPolicy = Policy(self, "DefaultPolicy", roles: [self])
        }
        statements.append(statement)
        defaultPolicy?.addStatements(statement)
        // A statement added after the split (by another construct's prepare) splits again.
        setNeedsPrepare()
    }

    /// Adds `statement` to the role's policy; the role holds it (its default policy, or an
    /// overflow policy after `prepare()` splits them, both below the role).
    @discardableResult
    public func addToPrincipalPolicy(_ statement: PolicyStatement) -> Construct? {
        addToPolicy(statement)
        return self
    }

    public var grantPrincipal: Principal { .arn(roleArn) }

    /// The role's stack's account (`AWS::AccountId` when the stack names none).
    public var principalAccount: Value? { stack?.accountValue }

    /// Moves what does not fit the role's inline quota into managed policies (`OverflowPolicy1`, …),
    /// as the AWS CDK does for large policies. It splits every statement added so far, in the
    /// order added, so running it again, or after other constructs' `prepare()`, gives the same.
    public override func prepare() {
        guard let policy = defaultPolicy else { return }
        guard !overflowPolicies.isEmpty || PolicyDocument(statements).sizeWithoutWhitespace > Limits.roleInlinePolicyCharacters else {
            return
        }
        let (inline, overflow) = PolicySplitting.split(
            statements, inlineLimit: Limits.roleInlinePolicyCharacters,
            managedLimit: Limits.managedPolicyCharacters)
        policy.replaceStatements(inline)
        policy.setNeedsPrepare()
        for (index, part) in overflow.enumerated() {
            if index < overflowPolicies.count {
                overflowPolicies[index].replaceStatements(part)
                overflowPolicies[index].setNeedsPrepare()
            } else {
                overflowPolicies.append(
                    ManagedPolicy(
                        self, "OverflowPolicy\(index + 1)", roles: [self], document: PolicyDocument(part),
                        description: "Part \(index + 2) of the role's permissions, split off to fit IAM's policy size quotas"))
            }
        }
        // Fewer parts than an earlier split: the policies left over have no statements, which
        // their validation reports.
        for leftover in overflowPolicies.dropFirst(overflow.count) {
            leftover.replaceStatements([])
            leftover.setNeedsPrepare()
        }
    }

    /// Whether `statements`, with `reserved` characters of other statements beside them, split
    /// into the inline policy and at most `Limits.managedPoliciesPerRole` managed policies, as
    /// `prepare()` would split them.
    public static func statementsFit(_ statements: [PolicyStatement], reserved: Int) -> Bool {
        let (_, managed) = PolicySplitting.split(
            statements, inlineLimit: Limits.roleInlinePolicyCharacters - reserved,
            managedLimit: Limits.managedPolicyCharacters)
        return managed.count <= Limits.managedPoliciesPerRole
    }

    /// Records a managed policy attached to this role (the policy's `Roles` does the attaching).
    func attach(_ policy: ManagedPolicy) {
        managedPolicies.append(policy)
    }

    /// What a resource using this role must wait for: the role's policies, so the role has its
    /// permissions before it is used (the role itself is implied by referencing its ARN). Read
    /// it when rendering (`CfnResourceBase.addDependencies`), after `prepare()` has split them.
    public var policyDependencies: [CfnResourceBase] {
        (defaultPolicy.map { [$0.resource] } ?? []) + managedPolicies.map(\.resource)
    }

    public override func validate() -> [String] {
        var problems: [String] = []
        let inlineSize = defaultPolicy?.document.sizeWithoutWhitespace ?? 0
        if inlineSize > Limits.roleInlinePolicyCharacters {
            problems.append(
                "the role's inline policies are \(inlineSize) characters without whitespace; IAM allows \(Limits.roleInlinePolicyCharacters) per role"
            )
        }
        let attached = managedPolicies.count + (resource.properties.managedPolicyArns?.count ?? 0)
        if attached > Limits.managedPoliciesPerRole {
            problems.append("\(attached) managed policies are attached; IAM allows \(Limits.managedPoliciesPerRole) per role by default")
        }
        return problems + nameProblems()
    }

    private func nameProblems() -> [String] {
        guard let name = literalName else { return [] }
        if name.isEmpty || name.count > Role.maximumNameLength {
            return ["role name \"\(name)\" is \(name.count) characters long; IAM allows 1 to \(Role.maximumNameLength)"]
        }
        if !name.unicodeScalars.allSatisfy(IAMNames.isNameCharacter) {
            return ["role name \"\(name)\" may contain only letters, digits and +=,.@_-"]
        }
        return []
    }
}

/// Character rules shared by IAM names.
enum IAMNames {
    static func isNameCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || "+=,.@_-".unicodeScalars.contains(scalar)
    }
}
