import CloudFormation
import XCTest

/// Resolves intrinsic functions to plain strings the way CloudFormation would for a known
/// account, region and partition, so templates written differently (the CDK's `Fn::Join`
/// versus our `Fn::Sub`, a literal partition versus `AWS::Partition`) compare by meaning.
struct IntrinsicEvaluator {
    var template: JSON
    var partition = "aws"
    var region = "ap-northeast-1"
    var account = "222222222222"
    var parameters: [String: String] = [:]

    /// The physical name `Ref` returns for a resource, where the template sets it.
    func refValue(_ name: String) -> String {
        switch name {
        case "AWS::Partition": return partition
        case "AWS::Region": return region
        case "AWS::AccountId": return account
        case "AWS::URLSuffix": return "amazonaws.com"
        default: break
        }
        if let value = parameters[name] { return value }
        if let parameter = template["Parameters"]?[name], let value = parameter["Default"]?.stringValue { return value }
        if let resource = template["Resources"]?[name], let properties = resource["Properties"] {
            for key in ["Name", "BucketName", "RoleName", "StateMachineName", "LogGroupName"] {
                if let value = properties[key] { return evaluate(value).stringValue ?? "ref(\(name))" }
            }
        }
        return "ref(\(name))"
    }

    func attribute(_ name: String, _ attribute: String) -> String {
        if attribute == "Arn", let resource = template["Resources"]?[name], let type = resource["Type"]?.stringValue {
            let physical = refValue(name)
            switch type {
            case "AWS::S3::Bucket": return "arn:\(partition):s3:::\(physical)"
            case "AWS::IAM::Role": return "arn:\(partition):iam::\(account):role/\(physical)"
            default: break
            }
        }
        return "getatt(\(name).\(attribute))"
    }

    /// The value with every intrinsic function replaced by the string it resolves to.
    func evaluate(_ value: JSON) -> JSON {
        switch value {
        case .array(let items): return .array(items.map(evaluate))
        case .object(let members):
            if members.count == 1, let member = members.first {
                switch member.key {
                case "Ref": return .string(refValue(member.value.stringValue ?? ""))
                case "Fn::GetAtt":
                    let parts = member.value.arrayValue?.compactMap(\.stringValue) ?? []
                    return .string(attribute(parts.first ?? "", parts.last ?? ""))
                case "Fn::Join":
                    let separator = member.value[0]?.stringValue ?? ""
                    let items = member.value[1]?.arrayValue ?? []
                    return .string(items.map { evaluate($0).stringValue ?? "?" }.joined(separator: separator))
                case "Fn::Sub":
                    if let text = member.value.stringValue { return .string(substitute(text, [:])) }
                    let variables = member.value[1]?.objectMembers ?? []
                    var map: [String: String] = [:]
                    for variable in variables { map[variable.key] = evaluate(variable.value).stringValue }
                    return .string(substitute(member.value[0]?.stringValue ?? "", map))
                default: break
                }
            }
            return .object(members.map { JSON.Member($0.key, evaluate($0.value)) })
        default: return value
        }
    }

    /// Replaces `${Name}` and `${Name.Attribute}`, leaving `${!Literal}` as `${Literal}`.
    func substitute(_ text: String, _ variables: [String: String]) -> String {
        var output = ""
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            output += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: "}") else {
                output += rest[start.lowerBound...]
                return output
            }
            let name = String(after[..<end])
            if name.hasPrefix("!") {
                output += "${" + name.dropFirst() + "}"
            } else if let value = variables[name] {
                output += value
            } else if let dot = name.firstIndex(of: "."), !name.hasPrefix("AWS::") {
                output += attribute(String(name[..<dot]), String(name[name.index(after: dot)...]))
            } else {
                output += refValue(name)
            }
            rest = after[after.index(after: end)...]
        }
        return output + rest
    }
}
