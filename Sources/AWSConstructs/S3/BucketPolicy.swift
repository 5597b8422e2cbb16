import CloudFormation
import CloudFormationS3
import Constructs

/// A bucket's resource policy (`AWS::S3::BucketPolicy`), created by `Bucket` on first use.
public final class BucketPolicy: Construct {
    public private(set) var resource: CfnResource<S3BucketPolicyProperties>!
    public private(set) var document = PolicyDocument()

    public init(_ scope: Construct, _ id: String, bucket: Value) {
        super.init(scope, id)
        resource = CfnResource(self, "Resource", S3BucketPolicyProperties(bucket: bucket, policyDocument: document.value))
    }

    public func addStatements(_ statements: PolicyStatement...) {
        for statement in statements { document.add(statement) }
    }

    public override func prepare() {
        resource.properties.policyDocument = document.value
    }

    public override func validate() -> [String] {
        document.resourcePolicyProblems(policyName: "bucket policy")
    }
}
