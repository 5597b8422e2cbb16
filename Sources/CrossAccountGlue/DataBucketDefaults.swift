import AWSConstructs
import CloudFormation
import Constructs

/// Hardening shared by the source and target data buckets and the logs.
enum DataBucketDefaults {
    /// Old object versions are kept this long, so an overwrite or delete can be undone without
    /// storage growing forever.
    static let noncurrentVersionDays = 30
    /// Parts of uploads that never completed are removed after this many days.
    static let incompleteUploadDays = 7

    static let lifecycleRules = [
        Bucket.LifecycleRule(id: "ExpireNoncurrentVersions", noncurrentVersionExpirationDays: noncurrentVersionDays),
        Bucket.LifecycleRule(id: "AbortIncompleteMultipartUploads", abortIncompleteMultipartUploadDays: incompleteUploadDays),
    ]

    /// checkov asks for a year of log retention (CKV_AWS_338).
    static let logRetentionDays = 365

    static let accessLoggingSkipReason =
        "Access logs would need a second bucket per account; CloudTrail data events are the recommended audit trail for this data."
    static let logEncryptionSkipReason =
        "Execution logs exclude execution data (IncludeExecutionData false) and CloudWatch Logs encrypts them at rest by default."

    static func skipAccessLogging(_ bucket: CfnResourceBase) {
        bucket.skipCheckov("CKV_AWS_18", reason: accessLoggingSkipReason)
    }

    /// A data bucket with this hardening: S3-managed encryption, no public access, TLS only,
    /// versioned with the lifecycle rules, bucket-owner-enforced objects, deleted with its stack
    /// (emptied first when `autoDeleteObjects`), access logging skipped for the reason above.
    static func bucket(_ scope: Construct, _ id: String, name: Value, autoDeleteObjects: Bool = false) -> Bucket {
        let bucket = Bucket(
            scope, id, bucketName: name, encryption: .s3Managed, blockPublicAccess: .blockAll, enforceSSL: true, versioned: true,
            objectOwnership: .bucketOwnerEnforced, lifecycleRules: lifecycleRules, removalPolicy: .destroy,
            autoDeleteObjects: autoDeleteObjects)
        skipAccessLogging(bucket.resource)
        return bucket
    }
}
