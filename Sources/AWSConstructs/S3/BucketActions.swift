/// The S3 actions bucket grants give, named so a policy reads as its intent. Every action is
/// listed explicitly: the AWS CDK's wildcards (`s3:List*`, `s3:GetBucket*`) expand to actions
/// that do not apply to a bucket or its objects (e.g. `s3:ListAllMyBuckets`), which IAM linters
/// rightly report, and to permissions nobody asked for.
public enum BucketActions {
    /// Reading objects and listing the bucket.
    public static let read = ["s3:GetObject", "s3:GetObjectVersion", "s3:GetBucketLocation", "s3:ListBucket"]
    /// Deleting objects and their versions.
    public static let delete = ["s3:DeleteObject", "s3:DeleteObjectVersion"]
    /// Writing objects, multipart uploads included, without ACL changes (the CDK's
    /// `@aws-cdk/aws-s3:grantWriteWithoutAcl` behaviour).
    public static let put = [
        "s3:PutObject", "s3:PutObjectLegalHold", "s3:PutObjectRetention", "s3:PutObjectTagging", "s3:PutObjectVersionTagging",
        "s3:AbortMultipartUpload", "s3:ListBucketMultipartUploads", "s3:ListMultipartUploadParts",
    ]
    /// Writing and deleting objects (the CDK's `grantWrite`).
    public static let write = delete + put
    public static let readWrite = read + delete + put
    /// What Athena needs on the location an INSERT INTO or CTAS writes to
    /// (https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html,
    /// https://docs.aws.amazon.com/athena/latest/ug/cross-account-permissions.html).
    public static let athenaQueryOutput = [
        "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket", "s3:ListBucketMultipartUploads",
        "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload", "s3:PutObject",
    ]
    /// What the auto-delete handler calls on the bucket it empties: GetBucketTagging,
    /// ListObjectVersions and DeleteObjects of versions (`Resources/auto_delete_objects.py`).
    public static let autoDelete = ["s3:GetBucketTagging", "s3:ListBucketVersions", "s3:DeleteObject", "s3:DeleteObjectVersion"]
}

/// The KMS actions a grant adds on a bucket's customer managed key.
public enum BucketKeyActions {
    public static let read = ["kms:Decrypt"]
    /// Uploads encrypt with a data key; multipart uploads also decrypt it.
    public static let write = ["kms:Decrypt", "kms:GenerateDataKey"]
}
