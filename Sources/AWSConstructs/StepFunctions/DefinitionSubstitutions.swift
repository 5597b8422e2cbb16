import CloudFormation

/// Splits a definition into plain JSON and `DefinitionSubstitutions`: every value only known
/// at deploy time (a `Ref`, `Fn::GetAtt` or pseudo parameter) becomes a `${Name}` placeholder,
/// so the definition stays a readable object instead of one `Fn::Join` string.
struct DefinitionSubstitutions {
    private(set) var fields: [Value.Field] = []
    /// The substitutions by name, as `DefinitionSubstitutions` takes them.
    var map: [String: Value] {
        var entries: [String: Value] = [:]
        for field in fields { entries[field.key] = field.value }
        return entries
    }

    mutating func json(for value: Value) -> JSON {
        switch value {
        case .null: return .null
        case .string(let text): return .string(text)
        case .int(let number): return .int(number)
        case .double(let number): return .double(number)
        case .bool(let flag): return .bool(flag)
        case .array(let items): return .array(items.map { json(for: $0) })
        case .object(let entries): return .object(entries.map { JSON.Member($0.key, json(for: $0.value)) })
        case .concat(let parts): return .string(parts.map { placeholderText(for: $0) }.joined())
        case .ref, .pseudo, .getAtt, .join, .sub, .findInMap, .select, .if, .condition, .equals, .and, .or, .not, .split,
            .importValue, .getAZs, .base64, .cidr:
            return .string(placeholder(for: value))
        }
    }

    private mutating func placeholderText(for part: Value) -> String {
        if case .string(let text) = part { return text }
        return placeholder(for: part)
    }

    /// `${Name}`, with the name taken from what the value refers to.
    private mutating func placeholder(for value: Value) -> String {
        let rendered = value.json()
        if let existing = fields.first(where: { $0.value.json() == rendered }) { return "${\(existing.key)}" }
        var name: String
        switch value {
        case .ref(let element): name = element.logicalId
        case .getAtt(let element, let attribute): name = element.logicalId + attribute.filter { $0.isLetter || $0.isNumber }
        case .pseudo(let parameter): name = parameter.rawValue.replacingAll("::", with: "")
        default: name = "Value"
        }
        let base = name
        var counter = 2
        while fields.contains(where: { $0.key == name }) {
            name = base + String(counter)
            counter += 1
        }
        fields.append(Value.Field(name, value))
        return "${\(name)}"
    }
}
