import CloudFormation
import Constructs

/// Something permissions can be granted to: a role of this app, a principal of another account,
/// a whole account, a service.
public protocol Grantable {
    /// The grantee as a principal of resource policies.
    var grantPrincipal: Principal { get }
    /// The account the grantee belongs to: a literal id, or a template value such as
    /// `AWS::AccountId` or a parameter; `nil` when it belongs to none (a service) or it is not known.
    var principalAccount: Value? { get }
    /// Adds `statement` to the grantee's own (identity) policy when it has one this app renders,
    /// and returns the construct that holds that policy; `nil` when it has none (a principal of
    /// another account, a service), so that only the resource's policy can grant it.
    @discardableResult
    func addToPrincipalPolicy(_ statement: PolicyStatement) -> Construct?
}

/// A principal as a grantee: a grant to it always goes to the resource's policy, since this app
/// renders no policy of its own for it.
extension Principal: Grantable {
    public var grantPrincipal: Principal { self }

    /// An account's own id; the account field of a literal ARN; `nil` for a service, anyone, or
    /// an ARN built from template values (use `ExternalRole` to give its account).
    public var principalAccount: Value? {
        switch self {
        case .account(let id): return .string(id)
        case .arn(let arn): return arn.literalString.flatMap(Principal.account(inArn:)).map(Value.string)
        case .service, .anyone: return nil
        }
    }

    @discardableResult
    public func addToPrincipalPolicy(_ statement: PolicyStatement) -> Construct? { nil }

    /// The 12-digit account of `arn:<partition>:<service>:<region>:<account>:<resource>`.
    static func account(inArn arn: String) -> String? {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count == 6, fields[0] == "arn" else { return nil }
        let account = fields[4]
        return account.count == 12 && account.allSatisfy({ $0.isASCII && $0.isNumber }) ? String(account) : nil
    }
}

/// A role (or user) that this app does not render, whose account is given as a template value:
/// e.g. `arn:${AWS::Partition}:iam::${TargetAccountId}:role/…`, whose account is the
/// `TargetAccountId` parameter, which the ARN alone does not reveal. A grant to it goes to the
/// resource's policy.
public struct ExternalRole: Grantable {
    public let roleArn: Value
    public let account: Value

    public init(arn: Value, account: Value) {
        roleArn = arn
        self.account = account
    }

    public var grantPrincipal: Principal { .arn(roleArn) }
    public var principalAccount: Value? { account }

    @discardableResult
    public func addToPrincipalPolicy(_ statement: PolicyStatement) -> Construct? { nil }
}
