import CloudFormation

/// Who a policy statement applies to.
public enum Principal {
    /// An AWS service, e.g. `states.amazonaws.com`.
    case service(String)
    /// An IAM role, user or account root, by ARN.
    case arn(Value)
    /// Every principal in an account.
    case account(String)
    /// Anyone (`"*"`); only sensible in Deny statements and with conditions.
    case anyone

    var kind: String {
        switch self {
        case .service: return "Service"
        case .arn, .account, .anyone: return "AWS"
        }
    }

    var value: Value {
        switch self {
        case .service(let name): return .string(name)
        case .arn(let arn): return arn
        case .account(let id): return .string(id)
        case .anyone: return .string("*")
        }
    }

    /// The `Principal` element: `"*"` for anyone alone, otherwise principals grouped by kind
    /// (`AWS` before `Service`), each a single value or a list.
    static func render(_ principals: [Principal]) -> Value? {
        if principals.isEmpty { return nil }
        if principals.count == 1, case .anyone = principals[0] { return .string("*") }
        var groups: [(kind: String, values: [Value])] = []
        for principal in principals {
            if let index = groups.firstIndex(where: { $0.kind == principal.kind }) {
                groups[index].values.append(principal.value)
            } else {
                groups.append((principal.kind, [principal.value]))
            }
        }
        return .object(
            groups.sorted { $0.kind < $1.kind }.map {
                Value.Field($0.kind, PolicyStatement.collapse(PolicyStatement.unique($0.values)))
            })
    }
}
