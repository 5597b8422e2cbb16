/// `AWS::KMS::Key` (symmetric encryption key unless `keySpec` says otherwise).
public struct KMSKeyProperties: TaggableProperties {
    public static let resourceType = "AWS::KMS::Key"

    public var description: String?
    public var enableKeyRotation: Bool?
    /// Days (7 to 30) a scheduled deletion waits.
    public var pendingWindowInDays: Int?
    public var keyPolicy: Value
    public var tags: [Tag]

    public init(description: String? = nil, enableKeyRotation: Bool? = nil, pendingWindowInDays: Int? = nil, keyPolicy: Value, tags: [Tag] = []) {
        self.description = description
        self.enableKeyRotation = enableKeyRotation
        self.pendingWindowInDays = pendingWindowInDays
        self.keyPolicy = keyPolicy
        self.tags = tags
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("Description", description)
        fields.set("EnableKeyRotation", enableKeyRotation)
        fields.set("PendingWindowInDays", pendingWindowInDays)
        fields.set("KeyPolicy", keyPolicy)
        fields.setTags(tags)
        return fields.sorted
    }
}
