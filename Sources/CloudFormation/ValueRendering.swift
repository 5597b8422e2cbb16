extension Value {
    /// The value as template JSON, intrinsic functions in CloudFormation's own syntax.
    public func json() -> JSON {
        switch self {
        case .null: return .null
        case .string(let text): return .string(text)
        case .int(let number): return .int(number)
        case .double(let number): return .double(number)
        case .bool(let flag): return .bool(flag)
        case .array(let items): return .array(items.map { $0.json() })
        case .object(let fields): return .object(fields.map { JSON.Member($0.key, $0.value.json()) })
        case .ref(let element): return .object(["Ref": .string(element.logicalId)])
        case .pseudo(let parameter): return .object(["Ref": .string(parameter.rawValue)])
        case .getAtt(let element, let attribute):
            return .object(["Fn::GetAtt": .array([.string(element.logicalId), .string(attribute)])])
        case .join(let separator, let items):
            return .object(["Fn::Join": .array([.string(separator), .array(items.map { $0.json() })])])
        case .sub(let template, let variables):
            if variables.isEmpty { return .object(["Fn::Sub": .string(template)]) }
            let map = JSON.object(variables.map { JSON.Member($0.key, $0.value.json()) })
            return .object(["Fn::Sub": .array([.string(template), map])])
        case .concat(let parts):
            return Value.renderConcat(parts)
        case .findInMap(let map, let top, let second):
            return .object(["Fn::FindInMap": .array([.string(map.logicalId), top.json(), second.json()])])
        case .select(let index, let list):
            return .object(["Fn::Select": .array([.int(index), list.json()])])
        case .if(let condition, let whenTrue, let whenFalse):
            return .object(["Fn::If": .array([.string(condition.logicalId), whenTrue.json(), whenFalse.json()])])
        case .condition(let condition):
            return .object(["Condition": .string(condition.logicalId)])
        case .equals(let a, let b):
            return .object(["Fn::Equals": .array([a.json(), b.json()])])
        case .and(let conditions):
            return .object(["Fn::And": .array(conditions.map { $0.json() })])
        case .or(let conditions):
            return .object(["Fn::Or": .array(conditions.map { $0.json() })])
        case .not(let condition):
            return .object(["Fn::Not": .array([condition.json()])])
        case .split(let delimiter, let source):
            return .object(["Fn::Split": .array([.string(delimiter), source.json()])])
        case .importValue(let name):
            return .object(["Fn::ImportValue": name.json()])
        case .getAZs(let region):
            return .object(["Fn::GetAZs": region.json()])
        case .base64(let text):
            return .object(["Fn::Base64": text.json()])
        case .cidr(let block, let count, let bits):
            return .object(["Fn::Cidr": .array([block.json(), count.json(), bits.json()])])
        }
    }

    /// `Fn::Sub` when every non-literal piece is a plain reference (the readable form),
    /// otherwise `Fn::Join` with an empty separator.
    private static func renderConcat(_ parts: [Value]) -> JSON {
        if let template = subTemplate(parts) {
            return .object(["Fn::Sub": .string(template)])
        }
        return Value.join("", parts).json()
    }

    /// The `Fn::Sub` template for pieces, or nil when a piece cannot be written as `${…}`.
    public static func subTemplate(_ parts: [Value]) -> String? {
        var template = ""
        for part in parts {
            guard let text = subPlaceholder(part) else { return nil }
            template += text
        }
        return template
    }

    private static func subPlaceholder(_ part: Value) -> String? {
        switch part {
        case .string(let text): return text.replacingAll("${", with: "${!")
        case .ref(let element): return "${\(element.logicalId)}"
        case .pseudo(let parameter): return "${\(parameter.rawValue)}"
        case .getAtt(let element, let attribute): return "${\(element.logicalId).\(attribute)}"
        default: return nil
        }
    }
}

extension String {
    /// Replaces every occurrence of `target`, comparing UTF-8 bytes (fast, and exact for the
    /// ASCII patterns used here); written here so the module needs no Foundation.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard let first = pattern.first else { return self }
        var bytes: [UInt8] = []
        var matched = false
        let source = Array(utf8)
        var index = 0
        while index < source.count {
            if source[index] == first, index + pattern.count <= source.count, source[index..<(index + pattern.count)].elementsEqual(pattern) {
                if !matched {
                    bytes = Array(source[..<index])
                    matched = true
                }
                bytes.append(contentsOf: replacement.utf8)
                index += pattern.count
            } else {
                if matched { bytes.append(source[index]) }
                index += 1
            }
        }
        return matched ? String(decoding: bytes, as: UTF8.self) : self
    }
}
