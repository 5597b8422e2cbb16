import CloudFormation

/// A template parameter. Its logical ID is its construct id.
public final class CfnParameter: CfnElement {
    public var parameter: Parameter

    public init(_ scope: Construct, _ id: String, _ parameter: Parameter) {
        self.parameter = parameter
        super.init(scope, id)
    }

    /// `{"Ref": name}`: the parameter's value.
    public var value: Value { .ref(self) }
}

/// A template output.
public final class CfnOutput: CfnElement {
    public var output: Output
    /// The output exists only when this condition is true.
    public var condition: CfnCondition?

    /// Discardable: declaring an output in its scope is the point, and it is seldom referred to again.
    @discardableResult
    public init(_ scope: Construct, _ id: String, _ output: Output) {
        self.output = output
        super.init(scope, id)
    }
}

/// A template mapping: values looked up by a top-level key (e.g. the account id) at deploy time.
public final class CfnMapping: CfnElement {
    public var entries: [(key: String, attributes: [Value.Field])]

    public init(_ scope: Construct, _ id: String, entries: [(key: String, attributes: [Value.Field])]) {
        self.entries = entries
        super.init(scope, id)
    }

    /// `{"Fn::FindInMap": [name, key, attribute]}`.
    public func find(_ key: Value, _ attribute: String) -> Value {
        .findInMap(self, key, .string(attribute))
    }
}
