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

    public init(_ scope: Construct, _ id: String, _ output: Output) {
        self.output = output
        super.init(scope, id)
    }
}
