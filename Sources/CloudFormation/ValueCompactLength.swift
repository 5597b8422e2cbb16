/// `compactLength(value.json())` counted from the value itself, without building its JSON: the
/// policy and state machine quotas measure the same values many times while fitting them.
extension JSONWriter {
    public static func compactLength(value: Value) -> Int {
        var ascii = true
        let bytes = compactByteCount(value, ascii: &ascii)
        return ascii ? bytes : compactLength(value.json())
    }

    /// The compact form's length in bytes; clears `ascii` when a string holds a non-ASCII byte
    /// (then only the rendered text tells its length in characters).
    public static func compactByteCount(value: Value, ascii: inout Bool) -> Int {
        compactByteCount(value, ascii: &ascii)
    }

    static func compactByteCount(_ value: Value, ascii: inout Bool) -> Int {
        func text(_ string: String) -> Int { escapedCount(string, ascii: &ascii) }
        func each(_ items: [Value]) -> Int {
            var total = 0
            for item in items { total += compactByteCount(item, ascii: &ascii) }
            return total
        }
        func of(_ item: Value) -> Int { compactByteCount(item, ascii: &ascii) }
        switch value {
        case .null: return 4
        case .bool(let flag): return flag ? 4 : 5
        case .int, .double: return compactByteCount(value.json(), ascii: &ascii)
        case .string(let string): return text(string)
        case .array(let items): return list(items.count, each(items))
        case .object(let fields): return fieldsLength(fields, ascii: &ascii)
        case .ref(let element): return intrinsic("Ref", text(element.logicalId))
        case .pseudo(let parameter): return intrinsic("Ref", text(parameter.rawValue))
        case .getAtt(let element, let attribute):
            return intrinsic("Fn::GetAtt", list(2, text(element.logicalId) + text(attribute)))
        case .join(let separator, let items):
            return intrinsic("Fn::Join", list(2, text(separator) + list(items.count, each(items))))
        case .sub(let template, let variables):
            if variables.isEmpty { return intrinsic("Fn::Sub", text(template)) }
            return intrinsic("Fn::Sub", list(2, text(template) + fieldsLength(variables, ascii: &ascii)))
        case .concat(let parts):
            if let template = subTemplateLength(parts, ascii: &ascii) { return intrinsic("Fn::Sub", template) }
            return compactByteCount(.join("", parts), ascii: &ascii)
        case .findInMap(let map, let top, let second):
            return intrinsic("Fn::FindInMap", list(3, text(map.logicalId) + of(top) + of(second)))
        case .select(let index, let list):
            return intrinsic("Fn::Select", self.list(2, compactByteCount(JSON.int(index), ascii: &ascii) + of(list)))
        case .if(let condition, let whenTrue, let whenFalse):
            return intrinsic("Fn::If", list(3, text(condition.logicalId) + of(whenTrue) + of(whenFalse)))
        case .condition(let condition): return intrinsic("Condition", text(condition.logicalId))
        case .equals(let a, let b): return intrinsic("Fn::Equals", list(2, of(a) + of(b)))
        case .and(let conditions): return intrinsic("Fn::And", list(conditions.count, each(conditions)))
        case .or(let conditions): return intrinsic("Fn::Or", list(conditions.count, each(conditions)))
        case .not(let condition): return intrinsic("Fn::Not", list(1, of(condition)))
        case .split(let delimiter, let source): return intrinsic("Fn::Split", list(2, text(delimiter) + of(source)))
        case .importValue(let name): return intrinsic("Fn::ImportValue", of(name))
        case .getAZs(let region): return intrinsic("Fn::GetAZs", of(region))
        case .base64(let string): return intrinsic("Fn::Base64", of(string))
        case .cidr(let block, let count, let bits): return intrinsic("Fn::Cidr", list(3, of(block) + of(count) + of(bits)))
        }
    }

    /// The length of `Value.subTemplate(parts)` written as a string, counted piece by piece
    /// (escaping is byte by byte, so the pieces' counts add up), or nil when it has none.
    private static func subTemplateLength(_ parts: [Value], ascii: inout Bool) -> Int? {
        var total = 2  // quotes
        for part in parts {
            switch part {
            case .string(let text):
                // Each "${" is written "${!".
                total += escapedCount(text, ascii: &ascii) - 2 + occurrences(of: "${", in: text)
            case .ref(let element): total += 3 + escapedCount(element.logicalId, ascii: &ascii) - 2
            case .pseudo(let parameter): total += 3 + escapedCount(parameter.rawValue, ascii: &ascii) - 2
            case .getAtt(let element, let attribute):
                total += 4 + escapedCount(element.logicalId, ascii: &ascii) - 2 + escapedCount(attribute, ascii: &ascii) - 2
            default: return nil
            }
        }
        return total
    }

    private static func occurrences(of pair: StaticString, in text: String) -> Int {
        let (first, second) = pair.withUTF8Buffer { ($0[0], $0[1]) }
        func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            guard bytes.count > 1 else { return 0 }
            var found = 0
            var index = 1
            while index < bytes.count {
                if bytes[index] == second && bytes[index - 1] == first {
                    found += 1
                    index += 2
                } else {
                    index += 1
                }
            }
            return found
        }
        var text = text
        return text.withUTF8(count)
    }

    /// `{"key":…}` around `content` bytes, for keys that need no escaping.
    private static func intrinsic(_ key: StaticString, _ content: Int) -> Int {
        2 + key.utf8CodeUnitCount + 2 + 1 + content  // braces, the key and its quotes, the colon
    }

    /// `[…]` of `count` items whose lengths add up to `content`.
    private static func list(_ count: Int, _ content: Int) -> Int {
        2 + max(count - 1, 0) + content  // brackets and commas
    }

    private static func fieldsLength(_ fields: [Value.Field], ascii: inout Bool) -> Int {
        var total = 2 + max(fields.count - 1, 0) + fields.count  // braces, commas, colons
        for field in fields {
            total += escapedCount(field.key, ascii: &ascii) + compactByteCount(field.value, ascii: &ascii)
        }
        return total
    }
}
