/// Everything the app needs to know, validated: the environment and the accounts and region.
public struct AppConfig: Sendable, Equatable {
    public static let repositoryTag = "blog-code-58"
    public static let description =
        "Target Account - Cross-account Glue Data Catalog access with Athena and Step Functions (tag:cross-account-glue)"

    public var environment: EnvironmentParameters
    public var sourceAccountId: String
    /// The target account; without it the target template uses `AWS::AccountId`.
    public var targetAccountId: String?
    /// The region; without it the target template uses `AWS::Region`.
    public var region: String?
    /// The tables to copy, when the config lists `sources`; nil for the seed's single-source form,
    /// whose tables come from `target/insert-query.sql`.
    public var pipeline: Pipeline?
    /// When the copy starts by itself (EventBridge Scheduler), if at all.
    public var schedule: CopySchedule?
    /// Where failed, timed-out and aborted runs are reported, if anywhere.
    public var alerts: Alerts?

    /// Validated alert destinations: an address the stack's own topic mails, and/or a topic
    /// of this account and region that someone else owns. At least one is set.
    public struct Alerts: Sendable, Equatable {
        public var email: String?
        public var topicArn: String?
        public init(email: String? = nil, topicArn: String? = nil) {
            self.email = email
            self.topicArn = topicArn
        }
    }

    /// A validated `rate(…)` or `cron(…)` expression and the time zone a cron is read in.
    public struct CopySchedule: Sendable, Equatable {
        public var expression: String
        public var timezone: String?
        public init(expression: String, timezone: String? = nil) {
            self.expression = expression
            self.timezone = timezone
        }
    }

    public init(
        environment: EnvironmentParameters, sourceAccountId: String, targetAccountId: String? = nil, region: String? = nil,
        pipeline: Pipeline? = nil, schedule: CopySchedule? = nil, alerts: Alerts? = nil
    ) {
        self.environment = environment
        self.sourceAccountId = sourceAccountId
        self.targetAccountId = targetAccountId
        self.region = region
        self.pipeline = pipeline
        self.schedule = schedule
        self.alerts = alerts
    }

    public var projectName: String { environment.projectName }
    public var envName: String { environment.envName }
    public var names: ResourceNames { ResourceNames(projectName: projectName, envName: envName) }
}

/// The names the seed derives from the project and environment names.
public struct ResourceNames: Sendable, Equatable {
    public var projectName: String
    public var envName: String

    /// The seed's dev stacks keep the seed's names (`<project>-stack`, `<project>-s3`), so a
    /// stack deployed by the seed updates in place; every other environment has stacks of its
    /// own (`<project>-<env>-stack`), so deploying prod into the account that holds dev never
    /// updates dev's stacks (which would rename, so replace and empty, dev's buckets).
    public var targetStackName: String { "\(stackPrefix)-stack" }
    public var sourceStackName: String { "\(stackPrefix)-s3" }
    private var stackPrefix: String { envName == EnvironmentParameters.dev.envName ? projectName : "\(projectName)-\(envName)" }
    public var executionRoleName: String { "\(projectName)-\(envName)-sfn-execution-role" }
    public var targetBucketName: String { "\(projectName)-\(envName)-target-data" }
    public var sourceBucketName: String { "\(projectName)-\(envName)-data" }
    public var workGroupName: String { "\(projectName)-\(envName)-target-workgroup" }
    public var stateMachineName: String { "\(projectName)-\(envName)-athena-insert" }
    public var stateMachineLogGroupName: String { "/aws/vendedlogs/states/\(stateMachineName)" }
    public var scheduleName: String { "\(projectName)-\(envName)-copy-schedule" }
    public var alertRuleName: String { "\(projectName)-\(envName)-run-alerts" }
    public var alertTopicName: String { "\(projectName)-\(envName)-run-alerts" }

    /// The Sid of the statement granting the target role its catalog reads, e.g.
    /// `CmKasamaCrossAccountDevCatalogRead`. A source account's catalog policy is shared with other
    /// teams and pipelines, and the deploy plan replaces or removes exactly the statements with this
    /// pipeline's Sids, so no two pipelines or environments may share one.
    public var catalogReadStatementSid: String {
        ResourceNames.sidWords(projectName) + ResourceNames.sidWords(envName) + "CatalogRead"
    }

    /// `my-data-copy` as `MyDataCopy`: IAM allows only letters and digits in a Sid. A hyphen that
    /// does not come before a letter other than `q` becomes `Q` (`etl-2` → `EtlQ2`, `a-q` → `AQq`),
    /// so no two of the lower-case names synth accepts give the same words.
    static func sidWords(_ name: String) -> String {
        var result = ""
        // The name is read as if a hyphen came before it, so its first letter is a capital too.
        var afterHyphen = true
        for character in name {
            if afterHyphen {
                afterHyphen = false
                if ("a"..."z").contains(character) && character != "q" {
                    result += character.uppercased()
                    continue
                }
                result.append("Q")
            }
            if character == "-" { afterHyphen = true } else { result.append(character) }
        }
        if afterHyphen { result.append("Q") }
        return result
    }

    /// The Athena data catalog that registers the source account's Glue catalog.
    public static let sourceCatalogName = "source_catalog"
    /// The target database, created by `target/create-database-and-table.sql`.
    public static let targetDatabaseName = "cm_kasama_cross_account_target_db"
    /// Where the source table's CSV files live in the source bucket.
    public static let sourceDataPrefix = "data/"
}
