/// CloudFormation's resource provider schemas, reduced to what validating a resource's
/// properties needs: generated from the pinned cfn-lint's schemas into
/// `Generated/ResourceSchemas.swift` (regenerate with `scripts/generate-resource-schemas`; the
/// line format is described there).
///
/// The table is one string literal. The first lookup indexes it by type name (one pass over its
/// bytes); each lookup then parses only the lines of the type asked for.
public struct ResourceSchemas: Sendable {
    private let text: String
    /// Each type's lines, as byte offsets into `text`.
    private let blocks: [String: Range<Int>]
    /// Every type, in the table's (sorted) order.
    public let typeNames: [String]

    /// The schemas of the pinned cfn-lint, indexed at first use.
    public static let pinned = ResourceSchemas(table: table)

    /// Indexes a table in the generated format.
    public init(table: String) {
        var text = table
        text.makeContiguousUTF8()
        var blocks: [String: Range<Int>] = [:]
        var names: [String] = []
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var current: (name: String, start: Int)?
            var lineStart = 0
            func close(at end: Int) {
                if let current { blocks[current.name] = current.start..<end }
            }
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                if bytes[lineStart] == UInt8(ascii: "=") {
                    close(at: lineStart)
                    var nameEnd = lineStart + 1
                    while nameEnd < lineEnd && bytes[nameEnd] != UInt8(ascii: "\t") { nameEnd += 1 }
                    let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(lineStart + 1)..<nameEnd]), as: UTF8.self)
                    names.append(name)
                    current = (name, lineStart)
                }
                lineStart = lineEnd + 1
            }
            close(at: bytes.count)
        }
        self.text = text
        self.blocks = blocks
        self.typeNames = names
    }

    /// Whether the table has `type`.
    public func contains(_ type: String) -> Bool { blocks[type] != nil }

    /// The schema of `type`, parsed from its lines, or nil when the table does not have it.
    public func schema(of type: String) -> ResourceSchema? {
        guard let range = blocks[type] else { return nil }
        let lines = text.utf8.withContiguousStorageIfAvailable { bytes in
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }
        return lines.map(ResourceSchema.init(parsing:))
    }

    /// Whether `type` is a custom resource, whose properties only its handler knows.
    public static func isCustom(_ type: String) -> Bool {
        type.hasPrefix("Custom::") || type == "AWS::CloudFormation::CustomResource"
    }
}

/// One resource type's settable properties and the object definitions they use.
public struct ResourceSchema: Sendable {
    public var typeName: String
    /// The resource's `Properties`.
    public var root: ObjectSchema
    /// Object definitions by name (`#Name` in a shape).
    public var definitions: [String: ObjectSchema]

    /// Reads one type's lines of the generated format.
    public init(parsing text: String) {
        var typeName = ""
        var root = ObjectSchema()
        var definitions: [String: ObjectSchema] = [:]
        var current: String?  // nil while reading the root's properties
        func store(_ object: ObjectSchema) {
            if let current { definitions[current] = object } else { root = object }
        }
        var object = ObjectSchema()
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let head = fields[0]
            if head.hasPrefix("=") || head.hasPrefix(">") {
                if head.hasPrefix(">") { store(object) }
                if head.hasPrefix("=") { typeName = String(head.dropFirst()) } else { current = String(head.dropFirst()) }
                object = ObjectSchema(
                    closed: fields.count > 1 && fields[1] == "c",
                    otherMembers: fields.count > 2 ? Shape(parsing: fields[2]) : nil)
                continue
            }
            object.properties.append(PropertySchema(fields: fields))
        }
        store(object)
        self.typeName = typeName
        self.root = root
        self.definitions = definitions
    }
}

/// The properties an object may have.
public struct ObjectSchema: Sendable {
    public var properties: [PropertySchema]
    /// Whether a member that is not one of `properties` is refused (`additionalProperties: false`).
    public var closed: Bool
    /// What any member that is not one of `properties` must be (`patternProperties`), when given.
    public var otherMembers: Shape?

    public init(properties: [PropertySchema] = [], closed: Bool = false, otherMembers: Shape? = nil) {
        self.properties = properties
        self.closed = closed
        self.otherMembers = otherMembers
    }

    public func property(_ name: String) -> PropertySchema? { properties.first { $0.name == name } }
}

/// One property of an object: its shape, and the constraints on the scalar its shape ends in.
public struct PropertySchema: Sendable {
    public var name: String
    public var required: Bool
    /// Set by CloudFormation, never by a template.
    public var readOnly: Bool
    public var shape: Shape
    public var constraints: ScalarConstraints

    public init(name: String, required: Bool = false, readOnly: Bool = false, shape: Shape, constraints: ScalarConstraints = ScalarConstraints()) {
        self.name = name
        self.required = required
        self.readOnly = readOnly
        self.shape = shape
        self.constraints = constraints
    }

    /// `[!]Name`, the shape (`-` for read-only), the enum, the pattern.
    init(fields: [String]) {
        let head = fields[0]
        let required = head.hasPrefix("!")
        let shapeText = fields.count > 1 ? fields[1] : "*"
        var constraints = ScalarConstraints()
        if fields.count > 2, !fields[2].isEmpty {
            let insensitive = fields[2].hasPrefix("~")
            let values = (try? JSONParser.parse(String(fields[2].dropFirst(insensitive ? 1 : 0))))?.arrayValue
            constraints.allowedValues = values
            constraints.caseInsensitive = insensitive
        }
        if fields.count > 3, !fields[3].isEmpty { constraints.pattern = fields[3] }
        self.init(
            name: required ? String(head.dropFirst()) : head, required: required, readOnly: shapeText == "-",
            shape: shapeText == "-" ? .anything : Shape(parsing: shapeText), constraints: constraints)
    }
}

/// What a scalar must be beyond its JSON type.
public struct ScalarConstraints: Sendable {
    /// The values allowed (`enum`), when the schema lists them.
    public var allowedValues: [JSON]?
    /// Whether the values are compared ignoring case (`enumCaseInsensitive`).
    public var caseInsensitive: Bool
    /// An ECMA-262 regex a string must contain a match of (`pattern`, unanchored).
    public var pattern: String?

    public init(allowedValues: [JSON]? = nil, caseInsensitive: Bool = false, pattern: String? = nil) {
        self.allowedValues = allowedValues
        self.caseInsensitive = caseInsensitive
        self.pattern = pattern
    }
}

/// What a value may be: its JSON types, and for arrays, maps and objects what they hold.
public indirect enum Shape: Sendable, Equatable {
    case string
    case integer
    case number
    case boolean
    /// An object with any members.
    case anyObject
    /// Any value at all (the schema does not say).
    case anything
    /// An object of the named definition.
    case definition(String)
    case array(of: Shape)
    /// An object whose members are all of the shape.
    case map(of: Shape)
    /// Any of the alternatives.
    case oneOf([Shape])

    /// Reads the generated notation: `s`, `i`, `n`, `b`, `o`, `*`, `#Name`, `[x`, `{x`, `(x|y)`,
    /// alternatives separated by `|`. Anything unreadable is `anything` (never an error).
    public init(parsing text: String) {
        var reader = ShapeReader(characters: Array(text.unicodeScalars))
        self = reader.alternatives()
    }

    /// The alternatives, one when there is no choice.
    var alternatives: [Shape] {
        if case .oneOf(let shapes) = self { return shapes }
        return [self]
    }
}

private struct ShapeReader {
    let characters: [Unicode.Scalar]
    var position = 0

    mutating func alternatives() -> Shape {
        var shapes = [single()]
        while position < characters.count && characters[position] == "|" {
            position += 1
            shapes.append(single())
        }
        return shapes.count == 1 ? shapes[0] : .oneOf(shapes)
    }

    mutating func single() -> Shape {
        guard position < characters.count else { return .anything }
        let character = characters[position]
        position += 1
        switch character {
        case "s": return .string
        case "i": return .integer
        case "n": return .number
        case "b": return .boolean
        case "o": return .anyObject
        case "[": return .array(of: single())
        case "{": return .map(of: single())
        case "(":
            let inner = alternatives()
            if position < characters.count && characters[position] == ")" { position += 1 }
            return inner
        case "#":
            var name = ""
            while position < characters.count && !"|)".unicodeScalars.contains(characters[position]) {
                name.unicodeScalars.append(characters[position])
                position += 1
            }
            return .definition(name)
        default: return .anything
        }
    }
}
