/// One way a resource's properties break its type's schema, at a path from the resource's top
/// (`Properties.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm`).
public struct SchemaProblem: Equatable, Sendable, CustomStringConvertible {
    public var path: String
    /// What is wrong, naming the path.
    public var message: String
    /// What to do about it.
    public var hint: String

    public init(path: String, message: String, hint: String) {
        self.path = path
        self.message = message
        self.hint = hint
    }

    public var description: String { "\(message) (\(hint))" }
}

/// What checking a resource against the schemas found.
public enum SchemaCheck: Equatable, Sendable {
    /// A custom resource: only its handler knows its properties.
    case notChecked
    /// The schemas have no such type; `nearest` is a known type the name is close to.
    case unknownType(nearest: String?)
    /// The type is known; these are the problems (none when the properties are valid).
    case checked([SchemaProblem])
}

/// Checks a rendered resource's `Properties` against its type's schema, as CloudFormation's
/// resource provider would before it creates anything: unknown properties (where the schema
/// refuses them), wrong JSON types, missing required properties, values not in an enum,
/// strings not matching a pattern, and read-only properties that are set.
///
/// Values are read as CloudFormation reads them: a number or boolean written as a string
/// (`"5"`, `"true"`) is accepted, `{"Ref": "AWS::NoValue"}` is an absent property, both branches
/// of `Fn::If` are checked, and any other intrinsic function is accepted wherever its result can
/// be of the expected type (a list-valued `Fn::Split` where an array is expected, a string-valued
/// `Fn::Join` where a string is), without looking inside it. Patterns are checked only against
/// literal strings, with Swift's `Regex`; a pattern it cannot compile is skipped.
public struct ResourceSchemaValidator {
    public let schemas: ResourceSchemas
    private var compiled: [String: Regex<AnyRegexOutput>?] = [:]

    public init(schemas: ResourceSchemas = .pinned) {
        self.schemas = schemas
    }

    /// Checks `properties` (the resource's `Properties`, nil when it has none) of a `type` resource.
    public mutating func check(type: String, properties: JSON?) -> SchemaCheck {
        if ResourceSchemas.isCustom(type) { return .notChecked }
        guard let schema = schemas.schema(of: type) else {
            return .unknownType(nearest: NearestName.among(schemas.typeNames, to: type))
        }
        var problems: [SchemaProblem] = []
        check(properties ?? .object([]), against: .definition(""), ScalarConstraints(), at: "Properties", in: schema, &problems)
        return .checked(problems)
    }

    // MARK: Values

    private mutating func check(
        _ value: JSON, against shape: Shape, _ constraints: ScalarConstraints, at path: String, in schema: ResourceSchema,
        _ problems: inout [SchemaProblem]
    ) {
        if Intrinsic.isNoValue(value) { return }
        if let function = Intrinsic(value) {
            if function.name == "Fn::If" {
                for branch in function.branches { check(branch, against: shape, constraints, at: path, in: schema, &problems) }
                return
            }
            if !shape.alternatives.contains(where: { function.result.canBe($0) }) {
                problems.append(
                    SchemaProblem(
                        path: path, message: "\(path) must be \(Self.describe(shape)); \(function.name) gives \(function.result.description)",
                        hint: "give \(Self.describe(shape)), or an intrinsic function that gives one"))
            }
            return
        }
        let matching = shape.alternatives.filter { Self.kind(of: value, fits: $0) }
        guard !matching.isEmpty else {
            problems.append(
                SchemaProblem(
                    path: path, message: "\(path) must be \(Self.describe(shape)), not \(Self.describe(value))",
                    hint: "give \(Self.describe(shape)) as the schema of \(schema.typeName) says"))
            return
        }
        // Several alternatives of the same JSON kind (objects of different definitions): the
        // value is valid when it is valid for any of them; otherwise the first one's problems.
        var firstProblems: [SchemaProblem] = []
        for (index, alternative) in matching.enumerated() {
            var found: [SchemaProblem] = []
            checkContents(value, against: alternative, constraints, at: path, in: schema, &found)
            if found.isEmpty { return }
            if index == 0 { firstProblems = found }
        }
        problems += firstProblems
    }

    /// Checks what is inside a value whose JSON kind fits `shape` (not one of alternatives).
    private mutating func checkContents(
        _ value: JSON, against shape: Shape, _ constraints: ScalarConstraints, at path: String, in schema: ResourceSchema,
        _ problems: inout [SchemaProblem]
    ) {
        switch shape {
        case .array(let items):
            for (index, item) in (value.arrayValue ?? []).enumerated() {
                check(item, against: items, constraints, at: "\(path)[\(index)]", in: schema, &problems)
            }
        case .map(let values):
            for member in value.objectMembers ?? [] {
                check(member.value, against: values, constraints, at: "\(path).\(member.key)", in: schema, &problems)
            }
        case .definition(let name):
            let object = name.isEmpty ? schema.root : schema.definitions[name]
            guard let object, let members = value.objectMembers else { return }
            checkObject(members, object, top: name.isEmpty, at: path, in: schema, &problems)
        case .string, .integer, .number, .boolean, .anything:
            checkScalar(value, constraints, at: path, &problems)
        case .anyObject, .oneOf:
            break
        }
    }

    private mutating func checkObject(
        _ members: [JSON.Member], _ object: ObjectSchema, top: Bool, at path: String, in schema: ResourceSchema,
        _ problems: inout [SchemaProblem]
    ) {
        var present: Set<String> = []
        for member in members where !Intrinsic.isNoValue(member.value) {
            present.insert(member.key)
            let memberPath = "\(path).\(member.key)"
            if let property = object.property(member.key) {
                if property.readOnly {
                    problems.append(
                        SchemaProblem(
                            path: memberPath, message: "\(memberPath) is read-only",
                            hint: "CloudFormation sets it; remove it, and read it with Fn::GetAtt"))
                    continue
                }
                check(member.value, against: property.shape, property.constraints, at: memberPath, in: schema, &problems)
            } else if let other = object.otherMembers {
                check(member.value, against: other, ScalarConstraints(), at: memberPath, in: schema, &problems)
            } else if object.closed {
                let settable = object.properties.filter { !$0.readOnly }.map(\.name)
                let place = top ? schema.typeName : "this object of \(schema.typeName)"
                let hint =
                    NearestName.among(settable, to: member.key).map { "did you mean \($0)?" }
                    ?? "its properties: \(Self.list(settable, limit: 12))"
                problems.append(SchemaProblem(path: memberPath, message: "\(memberPath) is not a property of \(place)", hint: hint))
            }
        }
        for property in object.properties where property.required && !present.contains(property.name) {
            let missing = "\(path).\(property.name)"
            problems.append(
                SchemaProblem(
                    path: missing, message: "\(missing) is required",
                    hint: "set \(property.name); \(schema.typeName) cannot be created without it"))
        }
    }

    private mutating func checkScalar(_ value: JSON, _ constraints: ScalarConstraints, at path: String, _ problems: inout [SchemaProblem]) {
        if let allowed = constraints.allowedValues, !allowed.isEmpty,
            !allowed.contains(where: { Self.same(value, $0, ignoringCase: constraints.caseInsensitive) })
        {
            let values = allowed.map(Self.text(of:))
            problems.append(
                SchemaProblem(
                    path: path, message: "\(path) is \(Self.describe(value)), not one of the allowed values",
                    hint: "use one of \(Self.list(values, limit: 10))\(constraints.caseInsensitive ? " (case-insensitive)" : "")"))
        }
        if let pattern = constraints.pattern, case .string(let text) = value, let regex = regex(pattern), !text.contains(regex) {
            problems.append(
                SchemaProblem(
                    path: path, message: "\(path) is \(Self.describe(value)), which does not match the pattern \(pattern)",
                    hint: "give a value the pattern accepts"))
        }
    }

    /// The compiled pattern, or nil when Swift's Regex cannot compile it (then it is skipped).
    private mutating func regex(_ pattern: String) -> Regex<AnyRegexOutput>? {
        if let known = compiled[pattern] { return known }
        let regex = (try? Regex(pattern))?.matchingSemantics(.unicodeScalar)
        compiled[pattern] = .some(regex)
        return regex
    }

    // MARK: JSON kinds, as CloudFormation reads them

    /// Whether a literal value is of the JSON kind `shape` wants: a string may be given as a
    /// number or boolean, a number as a string that reads as one, a boolean as "true"/"false".
    static func kind(of value: JSON, fits shape: Shape) -> Bool {
        switch (shape, value) {
        case (.anything, _): return true
        case (.string, .string), (.string, .int), (.string, .double), (.string, .bool): return true
        case (.integer, .int), (.integer, .double), (.number, .int), (.number, .double): return true
        case (.integer, .string(let text)): return Int(text.trimmingSpaces) != nil
        case (.number, .string(let text)): return Double(text.trimmingSpaces) != nil
        case (.boolean, .bool): return true
        case (.boolean, .string(let text)): return ["true", "false", "True", "False", "TRUE", "FALSE"].contains(text)
        case (.array, .array): return true
        case (.anyObject, .object), (.map, .object), (.definition, .object): return true
        default: return false
        }
    }

    static func same(_ value: JSON, _ allowed: JSON, ignoringCase: Bool) -> Bool {
        switch (value, allowed) {
        case (.string(let a), .string(let b)): return ignoringCase ? a.lowercased() == b.lowercased() : a == b
        case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return Double(a) == b
        case (.string, _), (_, .string): return text(of: value) == text(of: allowed)
        default: return value == allowed
        }
    }

    static func text(of value: JSON) -> String {
        switch value {
        case .string(let text): return text
        default: return JSONWriter.render(value).trimmingSpaces
        }
    }

    static func describe(_ value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return "the boolean \(flag)"
        case .int, .double: return "the number \(text(of: value))"
        case .string(let text): return "\"\(text)\""
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    static func describe(_ shape: Shape) -> String {
        switch shape {
        case .string: return "a string"
        case .integer: return "an integer"
        case .number: return "a number"
        case .boolean: return "a boolean"
        case .anyObject, .map, .definition: return "an object"
        case .anything: return "a value"
        case .array: return "an array"
        case .oneOf(let shapes):
            var names: [String] = []
            for name in shapes.map(describe) where !names.contains(name) { names.append(name) }
            return names.dropLast().joined(separator: ", ") + (names.count > 1 ? " or " : "") + (names.last ?? "")
        }
    }

    static func list(_ items: [String], limit: Int) -> String {
        let shown = items.prefix(limit).joined(separator: ", ")
        return items.count > limit ? "\(shown), … (\(items.count - limit) more)" : shown
    }
}

/// An intrinsic function in rendered JSON: an object with one member, `Ref` or `Fn::…`.
struct Intrinsic {
    let name: String
    let argument: JSON

    init?(_ value: JSON) {
        guard case .object(let members) = value, members.count == 1,
            members[0].key == "Ref" || members[0].key.hasPrefix("Fn::")
        else { return nil }
        name = members[0].key
        argument = members[0].value
    }

    static func isNoValue(_ value: JSON) -> Bool {
        guard case .object(let members) = value, members.count == 1 else { return false }
        return members[0].key == "Ref" && members[0].value == .string("AWS::NoValue")
    }

    /// The values `Fn::If` chooses between.
    var branches: [JSON] { Array((argument.arrayValue ?? []).dropFirst()) }

    /// What the function gives.
    var result: Result {
        switch name {
        case "Fn::Split", "Fn::GetAZs", "Fn::Cidr": return .list
        case "Fn::Join", "Fn::Sub", "Fn::Base64", "Fn::ImportValue", "Fn::ToJsonString", "Fn::Select", "Fn::Length": return .scalar
        default: return .any
        }
    }

    enum Result {
        /// A list of strings.
        case list
        /// A string (or number).
        case scalar
        /// A string, a list, or (an attribute, a mapping, a transform) anything.
        case any

        func canBe(_ shape: Shape) -> Bool {
            switch (self, shape) {
            case (_, .anything), (.any, _): return true
            case (.list, .array): return true
            case (.scalar, .string), (.scalar, .integer), (.scalar, .number), (.scalar, .boolean): return true
            default: return false
            }
        }

        var description: String {
            switch self {
            case .list: return "a list"
            case .scalar: return "a single value"
            case .any: return "any value"
            }
        }
    }
}

extension String {
    /// Without leading and trailing spaces and newlines (no Foundation here).
    fileprivate var trimmingSpaces: String {
        var scalars = Substring(self)
        while scalars.first == " " || scalars.first == "\n" { scalars.removeFirst() }
        while scalars.last == " " || scalars.last == "\n" { scalars.removeLast() }
        return String(scalars)
    }
}
