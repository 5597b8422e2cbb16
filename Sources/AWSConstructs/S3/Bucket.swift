import CloudFormation
import Constructs

/// An S3 bucket (`AWS::S3::Bucket`) with the AWS CDK's conveniences: encryption and public
/// access settings as types, grants, a bucket policy created on first use, TLS enforcement,
/// and `autoDeleteObjects` (empty the bucket when the stack deletes it).
public final class Bucket: Construct {
    public static let autoDeleteTag = "aws-cdk:auto-delete-objects"

    public enum Encryption: Sendable {
        /// SSE-S3 (`AES256`).
        case s3Managed
    }

    public private(set) var resource: CfnResource<S3BucketProperties>!
    public private(set) var policy: BucketPolicy?
    public let removalPolicy: RemovalPolicy
    public let autoDeleteObjects: Bool
    private let literalName: String?

    public init(
        _ scope: Construct,
        _ id: String,
        bucketName: Value? = nil,
        encryption: Encryption = .s3Managed,
        blockPublicAccess: S3BucketProperties.PublicAccessBlock? = .blockAll,
        enforceSSL: Bool = false,
        versioned: Bool = false,
        objectOwnership: S3BucketProperties.ObjectOwnership? = nil,
        lifecycleRules: [S3BucketProperties.LifecycleRule] = [],
        removalPolicy: RemovalPolicy = .retain,
        autoDeleteObjects: Bool = false
    ) {
        self.removalPolicy = removalPolicy
        self.autoDeleteObjects = autoDeleteObjects
        literalName = bucketName?.literalString
        super.init(scope, id)
        resource = CfnResource(self, "Resource", S3BucketProperties(
            bucketName: bucketName,
            encryption: .aes256,
            publicAccessBlock: blockPublicAccess,
            versioningEnabled: versioned ? true : nil,
            objectOwnership: objectOwnership,
            lifecycleRules: lifecycleRules))
        resource.applyRemovalPolicy(removalPolicy)
        if enforceSSL { addEnforceSSLStatement() }
        if autoDeleteObjects { enableAutoDeleteObjects() }
    }

    /// The bucket's ARN (`Fn::GetAtt Bucket.Arn`).
    public var bucketArn: Value { resource.attribute("Arn") }
    /// The bucket's name (`Ref`).
    public var bucketName: Value { resource.ref }

    /// The ARN of objects matching `keyPattern`, e.g. `*` or `data/*`.
    public func arnForObjects(_ keyPattern: String) -> Value {
        .interpolate([bucketArn, .string("/" + keyPattern)])
    }

    /// Adds a statement to the bucket policy, creating the policy on first use.
    public func addToResourcePolicy(_ statement: PolicyStatement) {
        if policy == nil { policy = BucketPolicy(self, "Policy", bucket: bucketName) }
        policy?.addStatements(statement)
    }

    /// Lets `grantee` read objects and list the bucket.
    public func grantRead(_ grantee: Grantable) {
        grantee.addToPrincipalPolicy(PolicyStatement(actions: BucketActions.read, resources: [bucketArn, arnForObjects("*")]))
    }

    /// Lets `grantee` read, write and delete objects.
    public func grantReadWrite(_ grantee: Grantable) {
        grantee.addToPrincipalPolicy(PolicyStatement(actions: BucketActions.readWrite, resources: [bucketArn, arnForObjects("*")]))
    }

    /// Denies every request that does not use TLS.
    private func addEnforceSSLStatement() {
        addToResourcePolicy(PolicyStatement(
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
        addToResourcePolicy(PolicyStatement(
            actions: BucketActions.autoDelete,
            principals: [.arn(provider.roleArn)],
            resources: [bucketArn, arnForObjects("*")]))
        let custom = Construct(self, "AutoDeleteObjectsCustomResource")
        let cleaner = CfnResource(custom, "Default", CustomResourceProperties(
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
