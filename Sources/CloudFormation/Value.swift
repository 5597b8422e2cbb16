/// Anything a template can name by logical ID: a resource, a parameter.
///
/// Values hold the element itself, not its ID as a string, so the ID is read when the template
/// is rendered (after any `overrideLogicalId`) and a reference across stacks can be detected.
public protocol LogicalElement: AnyObject {
    var logicalId: String { get }
}

/// A logical ID given directly, for templates built without a construct tree.
public final class LogicalName: LogicalElement {
    public let logicalId: String
    public init(_ logicalId: String) { self.logicalId = logicalId }
}

/// CloudFormation's pseudo parameters.
public enum PseudoParameter: String, Sendable, CaseIterable {
    case accountId = "AWS::AccountId"
    case region = "AWS::Region"
    case partition = "AWS::Partition"
    case urlSuffix = "AWS::URLSuffix"
    case stackName = "AWS::StackName"
    case stackId = "AWS::StackId"
    case notificationARNs = "AWS::NotificationARNs"
    /// Removes the property it is the value of (typically one branch of `Fn::If`).
    case noValue = "AWS::NoValue"
}

/// A value in a template: a literal, or an intrinsic function kept as a typed case.
///
/// Nothing is ever encoded into strings: a reference is a `.ref` holding the element, and a
/// string built from pieces is a `.concat` that the renderer turns into `Fn::Sub` or `Fn::Join`.
///
/// Only the cases that hold a `Value` directly are `indirect`: the others (strings, lists,
/// objects, references) are stored inline, so making one does not allocate a box on the heap.
public enum Value {
    case null
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([Value])
    case object([Field])
    /// `{"Ref": logicalId}` of a resource or parameter.
    case ref(any LogicalElement)
    /// `{"Ref": "AWS::…"}`.
    case pseudo(PseudoParameter)
    /// `{"Fn::GetAtt": [logicalId, attribute]}`.
    case getAtt(any LogicalElement, String)
    /// `{"Fn::Join": [separator, values]}`.
    case join(String, [Value])
    /// `{"Fn::Sub": template}` or `{"Fn::Sub": [template, variables]}`, written by hand.
    case sub(String, [Field])
    /// A string made of pieces; rendered as a literal, `Fn::Sub` or `Fn::Join`, whichever is plainest.
    case concat([Value])
    /// `{"Fn::FindInMap": [mapName, topLevelKey, secondLevelKey]}`.
    indirect case findInMap(any LogicalElement, Value, Value)
    /// `{"Fn::Select": [index, list]}`: one item of a list known only at deploy time.
    indirect case select(Int, Value)
    /// `{"Fn::If": [condition, whenTrue, whenFalse]}`; the condition is a `Conditions` entry.
    indirect case `if`(any LogicalElement, Value, Value)
    /// `{"Condition": name}`: another condition, inside `Fn::And`, `Fn::Or` or `Fn::Not`.
    case condition(any LogicalElement)
    /// `{"Fn::Equals": [a, b]}`.
    indirect case equals(Value, Value)
    /// `{"Fn::And": [conditions]}`: 2 to 10 conditions.
    case and([Value])
    /// `{"Fn::Or": [conditions]}`: 2 to 10 conditions.
    case or([Value])
    /// `{"Fn::Not": [condition]}`.
    indirect case not(Value)
    /// `{"Fn::Split": [delimiter, string]}`.
    indirect case split(String, Value)
    /// `{"Fn::ImportValue": exportName}`: another stack's export.
    indirect case importValue(Value)
    /// `{"Fn::GetAZs": region}`; `""` is the stack's own region.
    indirect case getAZs(Value)
    /// `{"Fn::Base64": string}`.
    indirect case base64(Value)
    /// `{"Fn::Cidr": [ipBlock, count, cidrBits]}`.
    indirect case cidr(Value, Value, Value)

    /// One key and value of an object value.
    public struct Field {
        public var key: String
        public var value: Value
        public init(_ key: String, _ value: Value) {
            self.key = key
            self.value = value
        }
    }

    /// An object value from key/value pairs, in the order given.
    public static func object(_ pairs: KeyValuePairs<String, Value>) -> Value {
        .object(pairs.map { Field($0.key, $0.value) })
    }

    /// A list of strings.
    public static func strings(_ items: [String]) -> Value {
        .array(items.map(Value.string))
    }

    /// Joins pieces into one string value, merging adjacent literals; a single literal stays a literal.
    public static func interpolate(_ pieces: Value...) -> Value {
        interpolate(pieces)
    }

    public static func interpolate(_ pieces: [Value]) -> Value {
        var merged: [Value] = []
        merged.reserveCapacity(pieces.count)
        // Adjacent literals are collected in one string and added when a non-literal follows.
        var literal = ""
        func add(_ part: Value) {
            if case .string(let text) = part {
                literal += text
                return
            }
            if !literal.isEmpty {
                merged.append(.string(literal))
                literal = ""
            }
            merged.append(part)
        }
        for piece in pieces {
            if case .concat(let inner) = piece {
                for part in inner { add(part) }
            } else {
                add(piece)
            }
        }
        if merged.isEmpty { return .string(literal) }
        if !literal.isEmpty { merged.append(.string(literal)) }
        return .concat(merged)
    }

    /// The literal text, when this value is a plain string.
    public var literalString: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// Whether the value contains no intrinsic function anywhere.
    public var isLiteral: Bool {
        switch self {
        case .null, .string, .int, .double, .bool: return true
        case .array(let items): return items.allSatisfy(\.isLiteral)
        case .object(let fields): return fields.allSatisfy { $0.value.isLiteral }
        case .ref, .pseudo, .getAtt, .join, .sub, .findInMap, .select, .if, .condition, .equals, .and, .or, .not, .split,
            .importValue, .getAZs, .base64, .cidr:
            return false
        case .concat(let parts): return parts.allSatisfy(\.isLiteral)
        }
    }

    /// Every element this value refers to, in order of appearance.
    public var referencedElements: [any LogicalElement] {
        var found: [any LogicalElement] = []
        appendReferencedElements(to: &found)
        return found
    }

    /// Appends ``referencedElements`` to `found`, without an array per node.
    public func appendReferencedElements(to found: inout [any LogicalElement]) {
        switch self {
        case .null, .string, .int, .double, .bool, .pseudo: return
        case .ref(let element), .getAtt(let element, _): found.append(element)
        case .array(let items), .join(_, let items), .concat(let items), .and(let items), .or(let items):
            for item in items { item.appendReferencedElements(to: &found) }
        case .object(let fields), .sub(_, let fields):
            for field in fields { field.value.appendReferencedElements(to: &found) }
        case .findInMap(let map, let top, let second):
            found.append(map)
            top.appendReferencedElements(to: &found)
            second.appendReferencedElements(to: &found)
        case .select(_, let list), .split(_, let list), .not(let list), .importValue(let list), .getAZs(let list), .base64(let list):
            list.appendReferencedElements(to: &found)
        case .if(let condition, let whenTrue, let whenFalse):
            found.append(condition)
            whenTrue.appendReferencedElements(to: &found)
            whenFalse.appendReferencedElements(to: &found)
        case .condition(let condition): found.append(condition)
        case .equals(let a, let b):
            a.appendReferencedElements(to: &found)
            b.appendReferencedElements(to: &found)
        case .cidr(let block, let count, let bits):
            block.appendReferencedElements(to: &found)
            count.appendReferencedElements(to: &found)
            bits.appendReferencedElements(to: &found)
        }
    }
}

extension Value {
    /// The value with every node for which `transform` returns a replacement replaced, top down
    /// (a replaced node's children are not visited).
    public func rewritten(_ transform: (Value) -> Value?) -> Value {
        if let replacement = transform(self) { return replacement }
        func map(_ value: Value) -> Value { value.rewritten(transform) }
        switch self {
        case .null, .string, .int, .double, .bool, .ref, .pseudo, .getAtt, .condition: return self
        case .array(let items): return .array(items.map(map))
        case .object(let fields): return .object(fields.map { Field($0.key, map($0.value)) })
        case .join(let separator, let items): return .join(separator, items.map(map))
        case .sub(let template, let fields): return .sub(template, fields.map { Field($0.key, map($0.value)) })
        case .concat(let parts): return .concat(parts.map(map))
        case .findInMap(let mapping, let top, let second): return .findInMap(mapping, map(top), map(second))
        case .select(let index, let list): return .select(index, map(list))
        case .if(let condition, let whenTrue, let whenFalse): return .if(condition, map(whenTrue), map(whenFalse))
        case .equals(let a, let b): return .equals(map(a), map(b))
        case .and(let items): return .and(items.map(map))
        case .or(let items): return .or(items.map(map))
        case .not(let item): return .not(map(item))
        case .split(let delimiter, let source): return .split(delimiter, map(source))
        case .importValue(let name): return .importValue(map(name))
        case .getAZs(let region): return .getAZs(map(region))
        case .base64(let text): return .base64(map(text))
        case .cidr(let block, let count, let bits): return .cidr(map(block), map(count), map(bits))
        }
    }
}

extension Value {
    /// Calls `visit` with this value and every value inside it, each node before its children,
    /// in the order ``rewritten(_:)`` offers them; nothing is copied.
    public func forEachNode(_ visit: (Value) -> Void) {
        visit(self)
        switch self {
        case .null, .string, .int, .double, .bool, .ref, .pseudo, .getAtt, .condition: return
        case .array(let items), .join(_, let items), .concat(let items), .and(let items), .or(let items):
            for item in items { item.forEachNode(visit) }
        case .object(let fields), .sub(_, let fields):
            for field in fields { field.value.forEachNode(visit) }
        case .findInMap(_, let top, let second):
            top.forEachNode(visit)
            second.forEachNode(visit)
        case .select(_, let item), .not(let item), .split(_, let item), .importValue(let item), .getAZs(let item), .base64(let item):
            item.forEachNode(visit)
        case .if(_, let whenTrue, let whenFalse):
            whenTrue.forEachNode(visit)
            whenFalse.forEachNode(visit)
        case .equals(let a, let b):
            a.forEachNode(visit)
            b.forEachNode(visit)
        case .cidr(let block, let count, let bits):
            block.forEachNode(visit)
            count.forEachNode(visit)
            bits.forEachNode(visit)
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
