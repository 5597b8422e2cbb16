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

    /// Feeds `hasher` a summary of `json()` without rendering it: whether the JSON is a string
    /// (and which), or an object (its keys, and the members whose values are strings), or
    /// anything else. Values whose JSON is equal feed the same summary, so two values whose
    /// hashes differ render differently, and only values whose hashes agree need rendering to be
    /// told apart (`PolicyStatement.unique`).
    public func hashRenderedSummary(into hasher: inout Hasher) {
        switch self {
        case .string(let text):
            hasher.combine(0 as UInt8)
            hasher.combine(text)
        case .null, .int, .double, .bool, .array:
            hasher.combine(1 as UInt8)
        case .object(let fields):
            hasher.combine(2 as UInt8)
            hasher.combine(fields.count)
            for field in fields {
                hasher.combine(field.key)
                Value.combineText(field.value.literalString, into: &hasher)
            }
        case .ref(let element): Value.combineMember("Ref", element.logicalId, into: &hasher)
        case .pseudo(let parameter): Value.combineMember("Ref", parameter.rawValue, into: &hasher)
        case .getAtt: Value.combineMember("Fn::GetAtt", nil, into: &hasher)
        case .join: Value.combineMember("Fn::Join", nil, into: &hasher)
        case .sub(let template, let variables): Value.combineMember("Fn::Sub", variables.isEmpty ? template : nil, into: &hasher)
        case .concat(let parts):
            if let template = Value.subTemplate(parts) {
                Value.combineMember("Fn::Sub", template, into: &hasher)
            } else {
                Value.combineMember("Fn::Join", nil, into: &hasher)
            }
        case .findInMap: Value.combineMember("Fn::FindInMap", nil, into: &hasher)
        case .select: Value.combineMember("Fn::Select", nil, into: &hasher)
        case .if: Value.combineMember("Fn::If", nil, into: &hasher)
        case .condition(let condition): Value.combineMember("Condition", condition.logicalId, into: &hasher)
        case .equals: Value.combineMember("Fn::Equals", nil, into: &hasher)
        case .and: Value.combineMember("Fn::And", nil, into: &hasher)
        case .or: Value.combineMember("Fn::Or", nil, into: &hasher)
        case .not: Value.combineMember("Fn::Not", nil, into: &hasher)
        case .split: Value.combineMember("Fn::Split", nil, into: &hasher)
        case .importValue(let name): Value.combineMember("Fn::ImportValue", name.literalString, into: &hasher)
        case .getAZs(let region): Value.combineMember("Fn::GetAZs", region.literalString, into: &hasher)
        case .base64(let text): Value.combineMember("Fn::Base64", text.literalString, into: &hasher)
        case .cidr: Value.combineMember("Fn::Cidr", nil, into: &hasher)
        }
    }

    /// The summary of an object of one member, `key`, whose value is the string `text` (or not a string).
    private static func combineMember(_ key: String, _ text: String?, into hasher: inout Hasher) {
        hasher.combine(2 as UInt8)
        hasher.combine(1)
        hasher.combine(key)
        combineText(text, into: &hasher)
    }

    private static func combineText(_ text: String?, into hasher: inout Hasher) {
        if let text {
            hasher.combine(true)
            hasher.combine(text)
        } else {
            hasher.combine(false)
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
            guard appendPlaceholder(part, to: &template) else { return nil }
        }
        return template
    }

    /// Appends `part` as `Fn::Sub` text; false when it cannot be written as `${…}`.
    private static func appendPlaceholder(_ part: Value, to template: inout String) -> Bool {
        switch part {
        case .string(let text): template += text.replacingAll("${", with: "${!")
        case .ref(let element): appendPlaceholder(element.logicalId, to: &template)
        case .pseudo(let parameter): appendPlaceholder(parameter.rawValue, to: &template)
        case .getAtt(let element, let attribute): appendPlaceholder(element.logicalId + "." + attribute, to: &template)
        default: return false
        }
        return true
    }

    private static func appendPlaceholder(_ name: String, to template: inout String) {
        template += "${"
        template += name
        template += "}"
    }
}

extension String {
    /// Replaces every occurrence of `target`, comparing UTF-8 bytes (fast, and exact for the
    /// ASCII patterns used here); written here so the module needs no Foundation.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        guard let first = target.utf8.first else { return self }
        // Most texts hold no match: checking for the first byte allocates nothing.
        let mayMatch = utf8.withContiguousStorageIfAvailable { $0.contains(first) } ?? utf8.contains(first)
        guard mayMatch else { return self }
        let pattern = Array(target.utf8)
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

extension String {
    /// `count`, without walking grapheme clusters when the text is ASCII: there every byte is
    /// one `Character`, except that `"\r\n"` is one `Character` of two bytes.
    public var characterCount: Int {
        if let counted = utf8.withContiguousStorageIfAvailable(String.asciiCharacterCount), let counted { return counted }
        return count
    }

    /// The characters of `bytes` when they are all ASCII, nil when one is not.
    static func asciiCharacterCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var high: UInt8 = 0
        var pairs = 0
        var previous: UInt8 = 0
        for byte in bytes {
            high |= byte
            if byte == UInt8(ascii: "\n") && previous == UInt8(ascii: "\r") { pairs += 1 }
            previous = byte
        }
        return high >= 0x80 ? nil : bytes.count - pairs
    }
}
