/// The S3 action groups used by bucket grants, as the AWS CDK defines them
/// (aws-cdk-lib `aws-s3/lib/perms.ts`), so grants read the same as in a CDK app.
public enum BucketActions {
    public static let read = ["s3:GetObject*", "s3:GetBucket*", "s3:List*"]
    public static let delete = ["s3:DeleteObject*"]
    /// Writes without ACL changes (the CDK's `@aws-cdk/aws-s3:grantWriteWithoutAcl` behaviour).
    public static let put = [
        "s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention",
        "s3:PutObjectTagging", "s3:PutObjectVersionTagging", "s3:Abort*",
    ]
    public static let readWrite = read + delete + put
    /// What the auto-delete handler needs on the bucket it empties.
    public static let autoDelete = ["s3:PutBucketPolicy", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*"]
}
