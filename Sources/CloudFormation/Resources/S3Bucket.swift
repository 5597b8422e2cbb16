/// `AWS::S3::Bucket`.
public struct S3BucketProperties: TaggableProperties {
    public static let resourceType = "AWS::S3::Bucket"

    public enum SSEAlgorithm: String, Sendable {
        case aes256 = "AES256"
        case kms = "aws:kms"
        case kmsDSSE = "aws:kms:dsse"
    }

    public enum ObjectOwnership: String, Sendable {
        case bucketOwnerEnforced = "BucketOwnerEnforced"
        case bucketOwnerPreferred = "BucketOwnerPreferred"
        case objectWriter = "ObjectWriter"
    }

    public struct PublicAccessBlock: Sendable {
        public var blockPublicAcls: Bool
        public var blockPublicPolicy: Bool
        public var ignorePublicAcls: Bool
        public var restrictPublicBuckets: Bool

        public static let blockAll = PublicAccessBlock(
            blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true)

        public init(blockPublicAcls: Bool, blockPublicPolicy: Bool, ignorePublicAcls: Bool, restrictPublicBuckets: Bool) {
            self.blockPublicAcls = blockPublicAcls
            self.blockPublicPolicy = blockPublicPolicy
            self.ignorePublicAcls = ignorePublicAcls
            self.restrictPublicBuckets = restrictPublicBuckets
        }

        var value: Value {
            .object([
                "BlockPublicAcls": .bool(blockPublicAcls),
                "BlockPublicPolicy": .bool(blockPublicPolicy),
                "IgnorePublicAcls": .bool(ignorePublicAcls),
                "RestrictPublicBuckets": .bool(restrictPublicBuckets),
            ])
        }
    }

    /// One lifecycle rule; only the parts this library sets.
    public struct LifecycleRule: Sendable {
        public var id: String
        public var noncurrentVersionExpirationDays: Int?
        public var abortIncompleteMultipartUploadDays: Int?
        public var expirationDays: Int?

        public init(
            id: String, noncurrentVersionExpirationDays: Int? = nil, abortIncompleteMultipartUploadDays: Int? = nil, expirationDays: Int? = nil
        ) {
            self.id = id
            self.noncurrentVersionExpirationDays = noncurrentVersionExpirationDays
            self.abortIncompleteMultipartUploadDays = abortIncompleteMultipartUploadDays
            self.expirationDays = expirationDays
        }

        var value: Value {
            var fields = PropertyFields()
            fields.set("Id", id)
            fields.set("Status", "Enabled")
            fields.set("ExpirationInDays", expirationDays)
            fields.set("NoncurrentVersionExpiration", noncurrentVersionExpirationDays.map { .object(["NoncurrentDays": .int($0)]) })
            fields.set("AbortIncompleteMultipartUpload", abortIncompleteMultipartUploadDays.map { .object(["DaysAfterInitiation": .int($0)]) })
            return .object(fields.sorted)
        }
    }

    public var bucketName: Value?
    public var encryption: SSEAlgorithm?
    public var kmsMasterKeyId: Value?
    public var bucketKeyEnabled: Bool?
    public var publicAccessBlock: PublicAccessBlock?
    public var versioningEnabled: Bool?
    public var objectOwnership: ObjectOwnership?
    public var lifecycleRules: [LifecycleRule]
    public var tags: [Tag]

    public init(
        bucketName: Value? = nil,
        encryption: SSEAlgorithm? = nil,
        kmsMasterKeyId: Value? = nil,
        bucketKeyEnabled: Bool? = nil,
        publicAccessBlock: PublicAccessBlock? = nil,
        versioningEnabled: Bool? = nil,
        objectOwnership: ObjectOwnership? = nil,
        lifecycleRules: [LifecycleRule] = [],
        tags: [Tag] = []
    ) {
        self.bucketName = bucketName
        self.encryption = encryption
        self.kmsMasterKeyId = kmsMasterKeyId
        self.bucketKeyEnabled = bucketKeyEnabled
        self.publicAccessBlock = publicAccessBlock
        self.versioningEnabled = versioningEnabled
        self.objectOwnership = objectOwnership
        self.lifecycleRules = lifecycleRules
        self.tags = tags
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("BucketName", bucketName)
        if let encryption {
            var byDefault = PropertyFields()
            byDefault.set("SSEAlgorithm", encryption.rawValue)
            byDefault.set("KMSMasterKeyID", kmsMasterKeyId)
            var rule = PropertyFields()
            rule.set("ServerSideEncryptionByDefault", Value.object(byDefault.sorted))
            rule.set("BucketKeyEnabled", bucketKeyEnabled)
            fields.set("BucketEncryption", Value.object(["ServerSideEncryptionConfiguration": .array([.object(rule.sorted)])]))
        }
        fields.set("PublicAccessBlockConfiguration", publicAccessBlock?.value)
        fields.set("VersioningConfiguration", versioningEnabled.map { .object(["Status": .string($0 ? "Enabled" : "Suspended")]) })
        fields.set(
            "OwnershipControls",
            objectOwnership.map {
                .object(["Rules": .array([.object(["ObjectOwnership": .string($0.rawValue)])])])
            })
        if !lifecycleRules.isEmpty {
            fields.set("LifecycleConfiguration", Value.object(["Rules": .array(lifecycleRules.map(\.value))]))
        }
        fields.setTags(tags)
        return fields.sorted
    }
}
