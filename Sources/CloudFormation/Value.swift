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
}

/// A value in a template: a literal, or an intrinsic function kept as a typed case.
///
/// Nothing is ever encoded into strings: a reference is a `.ref` holding the element, and a
/// string built from pieces is a `.concat` that the renderer turns into `Fn::Sub` or `Fn::Join`.
public indirect enum Value {
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
    case findInMap(any LogicalElement, Value, Value)
    /// `{"Fn::Select": [index, list]}`: one item of a list known only at deploy time.
    case select(Int, Value)

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
        for piece in pieces {
            let parts: [Value]
            if case .concat(let inner) = piece { parts = inner } else { parts = [piece] }
            for part in parts {
                if case .string(let text) = part {
                    if text.isEmpty { continue }
                    if case .string(let previous)? = merged.last {
                        merged[merged.count - 1] = .string(previous + text)
                        continue
                    }
                }
                merged.append(part)
            }
        }
        if merged.isEmpty { return .string("") }
        if merged.count == 1, case .string = merged[0] { return merged[0] }
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
        case .ref, .pseudo, .getAtt, .join, .sub, .findInMap, .select: return false
        case .concat(let parts): return parts.allSatisfy(\.isLiteral)
        }
    }

    /// Every element this value refers to, in order of appearance.
    public var referencedElements: [any LogicalElement] {
        switch self {
        case .null, .string, .int, .double, .bool, .pseudo: return []
        case .ref(let element), .getAtt(let element, _): return [element]
        case .array(let items), .join(_, let items), .concat(let items): return items.flatMap(\.referencedElements)
        case .object(let fields), .sub(_, let fields): return fields.flatMap { $0.value.referencedElements }
        case .findInMap(let map, let top, let second): return [map] + top.referencedElements + second.referencedElements
        case .select(_, let list): return list.referencedElements
        }
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
