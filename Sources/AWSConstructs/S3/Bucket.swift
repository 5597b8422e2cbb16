import CloudFormation
import CloudFormationS3
import Constructs

/// An S3 bucket (`AWS::S3::Bucket`) with the AWS CDK's conveniences: encryption and public
/// access settings as types, grants, a bucket policy created on first use, TLS enforcement,
/// and `autoDeleteObjects` (empty the bucket when the stack deletes it).
public final class Bucket: Construct, ResourceWithPolicy {
    public static let autoDeleteTag = "aws-cdk:auto-delete-objects"

    /// How objects are encrypted at rest (`BucketEncryption`).
    public enum Encryption {
        /// SSE-S3 (`AES256`).
        case s3Managed
        /// SSE-KMS with the AWS managed key `aws/s3`.
        case kmsManaged
        /// SSE-KMS with a customer managed key (its ARN); grants add the key's actions.
        /// An S3 Bucket Key cuts the KMS requests, and their cost, by orders of magnitude.
        case kms(keyArn: Value, bucketKeyEnabled: Bool = true)
        /// Dual-layer SSE-KMS with a customer managed key.
        case dsseKMS(keyArn: Value)

        var algorithm: S3BucketProperties.ServerSideEncryptionByDefault.SSEAlgorithm {
            switch self {
            case .s3Managed: return .aes256
            case .kmsManaged, .kms: return .awsKms
            case .dsseKMS: return .awsKmsDsse
            }
        }

        /// The customer managed key, if any.
        var keyArn: Value? {
            switch self {
            case .s3Managed, .kmsManaged: return nil
            case .kms(let key, _), .dsseKMS(let key): return key
            }
        }

        var bucketKeyEnabled: Bool? {
            if case .kms(_, let enabled) = self { return enabled }
            return nil
        }

        /// The bucket's `BucketEncryption`: one rule, its default encryption.
        var property: S3BucketProperties.BucketEncryption {
            .init(serverSideEncryptionConfiguration: [
                .init(
                    bucketKeyEnabled: bucketKeyEnabled.map(Value.bool),
                    serverSideEncryptionByDefault: .init(kmsMasterKeyID: keyArn, sseAlgorithm: algorithm))
            ])
        }
    }

    /// One lifecycle rule (enabled); only the parts this library sets.
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

        /// The rule as the bucket's `LifecycleConfiguration` lists it.
        public var rule: S3BucketProperties.Rule {
            S3BucketProperties.Rule(
                abortIncompleteMultipartUpload: abortIncompleteMultipartUploadDays.map { .init(daysAfterInitiation: .int($0)) },
                expirationInDays: expirationDays.map(Value.int),
                id: .string(id),
                noncurrentVersionExpiration: noncurrentVersionExpirationDays.map { .init(noncurrentDays: .int($0)) },
                status: .enabled)
        }
    }

    public private(set) var resource: CfnResource<S3BucketProperties>!
    public private(set) var policy: BucketPolicy?
    public let removalPolicy: RemovalPolicy
    public let autoDeleteObjects: Bool
    public let encryption: Encryption
    private let literalName: String?

    public init(
        _ scope: Construct,
        _ id: String,
        bucketName: Value? = nil,
        encryption: Encryption = .s3Managed,
        blockPublicAccess: S3BucketProperties.PublicAccessBlockConfiguration? = .blockAll,
        enforceSSL: Bool = false,
        versioned: Bool = false,
        objectOwnership: S3BucketProperties.OwnershipControlsRule.ObjectOwnership? = nil,
        lifecycleRules: [LifecycleRule] = [],
        removalPolicy: RemovalPolicy = .retain,
        autoDeleteObjects: Bool = false
    ) {
        self.removalPolicy = removalPolicy
        self.autoDeleteObjects = autoDeleteObjects
        self.encryption = encryption
        literalName = bucketName?.literalString
        super.init(scope, id)
        resource = CfnResource(
            self, "Resource",
            S3BucketProperties(
                bucketEncryption: encryption.property,
                bucketName: bucketName,
                lifecycleConfiguration: lifecycleRules.isEmpty ? nil : .init(rules: lifecycleRules.map(\.rule)),
                ownershipControls: objectOwnership.map { .init(rules: [.init(objectOwnership: $0)]) },
                publicAccessBlockConfiguration: blockPublicAccess,
                versioningConfiguration: versioned ? .init(status: .enabled) : nil))
        resource.applyRemovalPolicy(removalPolicy)
        if enforceSSL { addEnforceSSLStatement() }
        if autoDeleteObjects { enableAutoDeleteObjects() }
    }

    /// The bucket's ARN (`Fn::GetAtt Bucket.Arn`).
    public var bucketArn: Value { resource.attribute(.arn) }
    /// The bucket's name (`Ref`).
    public var bucketName: Value { resource.ref }
    /// The fixed name it was given, for what names it outside the template (a diagram, a script).
    public var fixedName: String? { literalName }

    /// The ARN of objects matching `keyPattern`, e.g. `*` or `data/*`.
    public func arnForObjects(_ keyPattern: String) -> Value {
        .interpolate([bucketArn, .string("/" + keyPattern)])
    }

    /// The ARN of objects matching `keyPattern`, a template value (e.g. looked up in a mapping).
    public func arnForObjects(_ keyPattern: Value) -> Value {
        .interpolate([bucketArn, .string("/"), keyPattern])
    }

    /// Adds a statement to the bucket policy, creating the policy on first use; returns the policy.
    @discardableResult
    public func addToResourcePolicy(_ statement: PolicyStatement) -> Construct? {
        let policy = self.policy ?? BucketPolicy(self, "Policy", bucket: bucketName)
        self.policy = policy
        policy.addStatements(statement)
        return policy
    }

    /// Denies every request that does not use TLS.
    private func addEnforceSSLStatement() {
        addToResourcePolicy(
            PolicyStatement(
                sid: "DenyInsecureTransport",
                effect: .deny,
                actions: ["s3:*"],
                principals: [.anyone],
                resources: [bucketArn, arnForObjects("*")],
                conditions: [.init("Bool", "aws:SecureTransport", "false")]))
    }

    private func enableAutoDeleteObjects() {
        guard let stack else { return }
        let provider = AutoDeleteObjectsProvider.shared(in: stack, describing: bucketName)
        resource.properties.tags.append(Tag(Bucket.autoDeleteTag, "true"))
        addToResourcePolicy(
            PolicyStatement(
                actions: BucketActions.autoDelete,
                principals: [.arn(provider.roleArn)],
                resources: [bucketArn, arnForObjects("*")]))
        let custom = Construct(self, "AutoDeleteObjectsCustomResource")
        let cleaner = CfnResource(
            custom, "Default",
            CustomResourceProperties(
                serviceToken: provider.handlerArn,
                properties: [Value.Field("BucketName", bucketName)]))
        cleaner.resourceType = AutoDeleteObjectsProvider.customResourceType
        cleaner.applyRemovalPolicy(.destroy)
        if let policy { cleaner.addDependency(policy.resource) }
    }

    public override func validate() -> [String] {
        var problems: [String] = []
        if autoDeleteObjects && removalPolicy != .destroy {
            problems.append("autoDeleteObjects needs removalPolicy .destroy, because a retained bucket must keep its objects")
        }
        if let name = literalName, let problem = BucketNaming.problem(name) {
            problems.append("bucket name \"\(name)\" \(problem)")
        }
        return problems
    }
}

extension S3BucketProperties.PublicAccessBlockConfiguration {
    /// Every public access setting blocked: `Bucket`'s default.
    public static var blockAll: Self {
        Self(blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true)
    }
}
