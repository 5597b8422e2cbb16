import AWSConstructs
import CloudFormation
import Constructs

/// The seed's source-account stack (`source/s3.yml`): the data bucket and a bucket policy that
/// lets exactly the target execution role read it. Logical IDs and parameters are the seed's,
/// so a stack created from `s3.yml` updates in place.
public final class SourceStack: Stack {
    public static let description = "S3 Bucket for data storage"

    public private(set) var dataBucket: Bucket!
    /// The target role's reads of the data bucket: its objects, and listing under their keys.
    public private(set) var targetRoleGrants: [Grant] = []

    /// One template serves at most this many source accounts: it looks each one's settings up in
    /// mappings keyed by account id, and a mapping takes at most `Limits.keysPerMapping` keys.
    public static let maximumAccountsPerTemplate = Limits.keysPerMapping

    /// The template file of the group of source accounts at `index` out of `count` groups:
    /// `source-stack.json` when one template serves them all, else `source-stack-<n>.json`.
    public static func fileName(group index: Int, of count: Int) -> String {
        count == 1 ? CrossAccountSynthesizer.sourceTemplateFile : "source-stack-\(index + 1).json"
    }

    /// The plan's source accounts, in groups that one template each can serve.
    public static func accountGroups(_ plan: CopyPlan) -> [Range<Int>] {
        stride(from: 0, to: plan.sources.count, by: maximumAccountsPerTemplate).map {
            $0..<min($0 + maximumAccountsPerTemplate, plan.sources.count)
        }
    }

    /// The stack for the source accounts `group` (default: all of them) of `plan`. Names follow
    /// from the whole plan (a bucket is `…-data-<account>` whenever there are several sources);
    /// only the mappings are limited to the group.
    public init(_ app: App, config: AppConfig, plan: CopyPlan, group: Range<Int>? = nil) {
        let names = config.names
        let accounts = group.map { Array(plan.sources[$0]) } ?? plan.sources
        let id =
            group.map {
                $0.lowerBound == 0 && $0.upperBound == plan.sources.count
                    ? names.sourceStackName
                    : "\(names.sourceStackName)-\($0.lowerBound / SourceStack.maximumAccountsPerTemplate + 1)"
            } ?? names.sourceStackName
        super.init(app, id, stackName: names.sourceStackName, description: SourceStack.description)

        let projectName = CfnParameter(
            self, "ProjectName",
            Parameter(
                defaultValue: names.projectName, description: "Project name for resource naming"))
        let envName = CfnParameter(
            self, "EnvName",
            Parameter(
                defaultValue: names.envName, description: "Environment name (dev, prod, etc.)"))
        let targetAccountId = CfnParameter(
            self, "TargetAccountId",
            Parameter(
                defaultValue: config.targetAccountId, description: "Target Account ID for cross-account access",
                allowedPattern: "^[0-9]{12}$", constraintDescription: "must be a 12-digit AWS account id"))
        tags = [Tag("Project", projectName.value), Tag("Environment", envName.value), Tag("Repository", .string(AppConfig.repositoryTag))]

        dataBucket = DataBucketDefaults.bucket(
            self, "DataBucket",
            name: SourceStack.bucketName(
                plan: plan, accounts: accounts, names: names, projectName: projectName.value, envName: envName.value, in: self))
        dataBucket.resource.overrideLogicalId("DataBucket")

        let targetRoleArn = formatArn(
            service: "iam", region: .string(""), account: targetAccountId.value,
            resource: .interpolate([
                .string("role/"), projectName.value, .string("-"), envName.value, .string("-sfn-execution-role"),
            ]))
        // The role is the target account's, so the grants go to the bucket policy, which names
        // the account as principal and the role by condition: IAM stores a role named as
        // principal by its unique id, so a re-created role would lose access.
        let targetRole = ExternalRole(arn: targetRoleArn, account: targetAccountId.value)
        let keys = SourceStack.dataKeyPatterns(plan: plan, accounts: accounts, in: self)
        targetRoleGrants = [
            dataBucket.grant(
                targetRole, actions: ["s3:GetObject"], on: .objects(keys),
                options: GrantOptions(sid: "AllowTargetAccountRead", resourcePolicyPrincipal: .accountAndPrincipalArn)),
            dataBucket.grant(
                targetRole, actions: ["s3:ListBucket"], on: .listing(keys),
                options: GrantOptions(sid: "AllowTargetAccountList", resourcePolicyPrincipal: .accountAndPrincipalArn)),
        ]
        dataBucket.policy?.resource.overrideLogicalId("DataBucketPolicy")

        CfnOutput(self, "DataBucketName", Output(value: dataBucket.bucketName, description: "Bucket that holds the source tables' data"))
    }

    /// S3's quota on a bucket policy (https://docs.aws.amazon.com/AmazonS3/latest/userguide/BucketRestrictions.html),
    /// less room for the policy's other statements.
    static let bucketPolicyBudget = 20 * 1024 - 2_000

    /// The key patterns the target role may read in this account's bucket: literal for one
    /// source account; for several, looked up by account id in a mapping, because one template
    /// serves them all. Each object pattern is one `Fn::Select` of the account's list, padded
    /// with its last pattern to the longest list, as CloudFormation cannot map over a list.
    static func dataKeyPatterns(plan: CopyPlan, accounts: [CopyPlan.SourceReads], in stack: Stack) -> KeyPatterns {
        let patterns = accounts.map { source -> [String] in
            let fine = SourceDataAccess.keyPatterns(source.dataPrefixes, granularity: .table)
            let size = fine.reduce(0) { $0 + 2 * $1.utf8.count + source.bucket.utf8.count + 30 }
            return size <= bucketPolicyBudget ? fine : SourceDataAccess.keyPatterns(source.dataPrefixes, granularity: .database)
        }
        if plan.sources.count == 1 {
            return KeyPatterns(patterns[0])
        }
        let longest = patterns.map(\.count).max() ?? 0
        let mapping = CfnMapping(
            stack, "SourceDataKeys",
            entries: zip(accounts, patterns).map { source, list in
                (
                    key: source.accountId,
                    attributes: [Value.Field("Patterns", .strings(list + Array(repeating: list.last ?? "", count: longest - list.count)))]
                )
            })
        return KeyPatterns(selecting: longest, from: mapping.find(.pseudo(.accountId), "Patterns"))
    }

    /// The seed's `<project>-<env>-data` for one source; `…-data-<account>` for several (one
    /// template serves every source account, e.g. through StackSets); a mapping by account id
    /// when the config names buckets of its own.
    static func bucketName(
        plan: CopyPlan, accounts: [CopyPlan.SourceReads], names: ResourceNames, projectName: Value, envName: Value,
        in stack: Stack
    ) -> Value {
        let count = plan.sources.count
        let defaults = plan.sources.allSatisfy { $0.bucket == Pipeline.defaultBucket(names: names, accountId: $0.accountId, sourceCount: count) }
        if defaults {
            var pieces: [Value] = [projectName, .string("-"), envName, .string("-data")]
            if count > 1 { pieces += [.string("-"), .pseudo(.accountId)] }
            return .interpolate(pieces)
        }
        let mapping = CfnMapping(
            stack, "SourceBuckets",
            entries: accounts.map {
                (key: $0.accountId, attributes: [Value.Field("BucketName", .string($0.bucket))])
            })
        return mapping.find(.pseudo(.accountId), "BucketName")
    }
}
