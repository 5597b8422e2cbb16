/// `AWS::IAM::Role`.
public struct IAMRoleProperties: TaggableProperties {
    public static let resourceType = "AWS::IAM::Role"

    /// An inline policy embedded in the role (`Policies`).
    public struct InlinePolicy {
        public var policyName: String
        public var policyDocument: Value
        public init(policyName: String, policyDocument: Value) {
            self.policyName = policyName
            self.policyDocument = policyDocument
        }
    }

    public var assumeRolePolicyDocument: Value
    public var roleName: Value?
    public var description: String?
    public var path: String?
    public var maxSessionDuration: Int?
    public var managedPolicyArns: [Value]
    public var policies: [InlinePolicy]
    public var tags: [Tag]

    public init(
        assumeRolePolicyDocument: Value,
        roleName: Value? = nil,
        description: String? = nil,
        path: String? = nil,
        maxSessionDuration: Int? = nil,
        managedPolicyArns: [Value] = [],
        policies: [InlinePolicy] = [],
        tags: [Tag] = []
    ) {
        self.assumeRolePolicyDocument = assumeRolePolicyDocument
        self.roleName = roleName
        self.description = description
        self.path = path
        self.maxSessionDuration = maxSessionDuration
        self.managedPolicyArns = managedPolicyArns
        self.policies = policies
        self.tags = tags
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("AssumeRolePolicyDocument", assumeRolePolicyDocument)
        fields.set("RoleName", roleName)
        fields.set("Description", description)
        fields.set("Path", path)
        fields.set("MaxSessionDuration", maxSessionDuration)
        fields.set("ManagedPolicyArns", list: managedPolicyArns)
        fields.set(
            "Policies",
            list: policies.map {
                .object(["PolicyDocument": $0.policyDocument, "PolicyName": .string($0.policyName)])
            })
        fields.setTags(tags)
        return fields.sorted
    }
}
