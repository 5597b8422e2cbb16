import AWSConstructs
import CloudFormation
import Constructs

/// The seed's source-account stack (`source/s3.yml`): the data bucket and a bucket policy that
/// lets exactly the target execution role read it. Logical IDs and parameters are the seed's,
/// so a stack created from `s3.yml` updates in place.
public final class SourceStack: Stack {
    public static let description = "S3 Bucket for data storage"

    public private(set) var dataBucket: Bucket!

    public init(_ app: App, config: AppConfig, plan: CopyPlan) {
        let names = config.names
        super.init(app, names.sourceStackName, stackName: names.sourceStackName, description: SourceStack.description)

        let projectName = CfnParameter(self, "ProjectName", Parameter(
            defaultValue: names.projectName, description: "Project name for resource naming"))
        let envName = CfnParameter(self, "EnvName", Parameter(
            defaultValue: names.envName, description: "Environment name (dev, prod, etc.)"))
        let targetAccountId = CfnParameter(self, "TargetAccountId", Parameter(
            defaultValue: config.targetAccountId, description: "Target Account ID for cross-account access",
            allowedPattern: "^[0-9]{12}$", constraintDescription: "must be a 12-digit AWS account id"))
        tags = [Tag("Project", projectName.value), Tag("Environment", envName.value), Tag("Repository", .string(AppConfig.repositoryTag))]

        dataBucket = Bucket(self, "DataBucket",
                            bucketName: SourceStack.bucketName(plan: plan, names: names, projectName: projectName.value,
                                                               envName: envName.value, in: self),
                            encryption: .s3Managed,
                            blockPublicAccess: .blockAll,
                            enforceSSL: true,
                            versioned: true,
                            objectOwnership: .bucketOwnerEnforced,
                            lifecycleRules: DataBucketDefaults.lifecycleRules,
                            removalPolicy: .destroy)
        dataBucket.resource.overrideLogicalId("DataBucket")
        DataBucketDefaults.skipAccessLogging(dataBucket.resource)

        let targetRoleArn: Value = .interpolate([
            .string("arn:"), partitionValue, .string(":iam::"), targetAccountId.value, .string(":role/"),
            projectName.value, .string("-"), envName.value, .string("-sfn-execution-role"),
        ])
        dataBucket.addToResourcePolicy(PolicyStatement(
            sid: "AllowTargetAccountRead",
            actions: ["s3:GetObject", "s3:ListBucket"],
            principals: [.arn(targetRoleArn)],
            resources: [dataBucket.bucketArn, dataBucket.arnForObjects("*")]))
        dataBucket.policy?.resource.overrideLogicalId("DataBucketPolicy")

        CfnOutput(self, "DataBucketName", Output(value: dataBucket.bucketName, description: "Bucket that holds the source tables' data"))
    }

    /// The seed's `<project>-<env>-data` for one source; `…-data-<account>` for several (one
    /// template serves every source account, e.g. through StackSets); a mapping by account id
    /// when the config names buckets of its own.
    static func bucketName(plan: CopyPlan, names: ResourceNames, projectName: Value, envName: Value, in stack: Stack) -> Value {
        let count = plan.sources.count
        let defaults = plan.sources.allSatisfy { $0.bucket == Pipeline.defaultBucket(names: names, accountId: $0.accountId, sourceCount: count) }
        if defaults {
            var pieces: [Value] = [projectName, .string("-"), envName, .string("-data")]
            if count > 1 { pieces += [.string("-"), .pseudo(.accountId)] }
            return .interpolate(pieces)
        }
        let mapping = CfnMapping(stack, "SourceBuckets", entries: plan.sources.map {
            (key: $0.accountId, attributes: [Value.Field("BucketName", .string($0.bucket))])
        })
        return mapping.find(.pseudo(.accountId), "BucketName")
    }
}
