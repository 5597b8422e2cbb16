/// `AWS::S3::BucketPolicy`.
public struct S3BucketPolicyProperties: ResourceProperties {
    public static let resourceType = "AWS::S3::BucketPolicy"

    public var bucket: Value
    public var policyDocument: Value

    public init(bucket: Value, policyDocument: Value) {
        self.bucket = bucket
        self.policyDocument = policyDocument
    }

    public func fields() -> [Value.Field] {
        var fields = PropertyFields()
        fields.set("Bucket", bucket)
        fields.set("PolicyDocument", policyDocument)
        return fields.sorted
    }
}
