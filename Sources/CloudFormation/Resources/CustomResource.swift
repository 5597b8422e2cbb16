/// A custom resource (`Custom::Name`), backed by a Lambda function given as `ServiceToken`.
public struct CustomResourceProperties: ResourceProperties {
    public static let resourceType = "AWS::CloudFormation::CustomResource"

    public var serviceToken: Value
    /// The handler's own properties, rendered after `ServiceToken` in the order given.
    public var properties: [Value.Field]

    public init(serviceToken: Value, properties: [Value.Field]) {
        self.serviceToken = serviceToken
        self.properties = properties
    }

    public func fields() -> [Value.Field] {
        [Value.Field("ServiceToken", serviceToken)] + properties
    }
}
