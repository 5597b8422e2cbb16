/// `AWS::IAM::Policy`: an inline policy attached to roles, users or groups.
public struct IAMPolicyProperties: ResourceProperties {
    public static let resourceType = "AWS::IAM::Policy"

    public var policyName: String
    public var policyDocument: Value
    public var roles: [Value]

    public init(policyName: String, policyDocument: Value, roles: [Value]) {
        self.policyName = policyName
        self.policyDocument = policyDocument
        self.roles = roles
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("PolicyDocument", policyDocument)
        fields.set("PolicyName", policyName)
        fields.set("Roles", list: roles)
        return fields.sorted
    }
}
