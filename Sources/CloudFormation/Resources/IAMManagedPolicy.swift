/// `AWS::IAM::ManagedPolicy`: a customer managed policy, attached to roles.
public struct IAMManagedPolicyProperties: ResourceProperties {
    public static let resourceType = "AWS::IAM::ManagedPolicy"

    public var policyDocument: Value
    public var description: String?
    public var managedPolicyName: Value?
    public var roles: [Value]

    public init(policyDocument: Value, description: String? = nil, managedPolicyName: Value? = nil, roles: [Value]) {
        self.policyDocument = policyDocument
        self.description = description
        self.managedPolicyName = managedPolicyName
        self.roles = roles
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("PolicyDocument", policyDocument)
        fields.set("Description", description)
        fields.set("ManagedPolicyName", managedPolicyName)
        fields.set("Roles", list: roles)
        return fields.sorted
    }
}
