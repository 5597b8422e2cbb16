import AWSConstructs
import CloudFormation
import Constructs

/// The seed's target-account stack (`cross-account-glue-athena-stack.ts`), construct for
/// construct, so every logical ID matches the AWS CDK's; hardened beyond it (TLS-only bucket,
/// versioning with lifecycle, logging and tracing, permissions scoped to the tables used).
public final class TargetStack: Stack {
    public private(set) var executionRole: Role!
    public private(set) var targetDataBucket: Bucket!
    /// What the execution role may do in the target bucket (what the diagram labels).
    public private(set) var targetBucketGrant: Grant!
    public private(set) var workGroup: WorkGroup!
    public private(set) var stateMachine: StateMachine!
    /// Where the state machine logs.
    public private(set) var logGroup: LogGroup!
    /// The alert rule, topic and key, when the config asks for alerts.
    public private(set) var runAlerts: RunAlerts?

    /// How finely the role's table permissions are scoped (per table unless that does not fit IAM's quotas).
    public private(set) var permissionGranularity: ExecutionRolePermissions.Granularity = .table
    /// The size of the copy permissions (without whitespace), for the quota check.
    public private(set) var permissionSize = 0
    /// The data catalogs registering each source account's Glue catalog, in plan order.
    public private(set) var sourceCatalogs: [DataCatalog] = []
    /// The first source's catalog: the seed's `SourceDataCatalog`.
    public var sourceCatalog: DataCatalog! { sourceCatalogs.first }
    /// Inline Map or Distributed Map (`CopyForm`).
    public let copyForm: CopyForm
    /// The Distributed Map's job list file and its key in the target bucket; `nil` inline.
    public private(set) var jobList: (contents: String, key: String)?

    /// `copyForm` is `CopyForm.of(plan)`, when the caller has it already.
    public init(_ app: App, config: AppConfig, plan: CopyPlan, copyForm form: CopyForm? = nil) {
        let names = config.names
        copyForm = form ?? CopyForm.of(plan)
        super.init(
            app, names.targetStackName, stackName: names.targetStackName,
            description: AppConfig.description, account: config.targetAccountId, region: config.region,
            tags: [
                Tag("Project", .string(names.projectName)), Tag("Environment", .string(names.envName)),
                Tag("Repository", .string(AppConfig.repositoryTag)),
            ])

        executionRole = Role(
            self, "StepFunctionsExecutionRole",
            roleName: names.executionRoleName,
            assumedBy: .service("states.amazonaws.com"),
            assumedFor: formatArn(service: "states", resource: "stateMachine:\(names.stateMachineName)"),
            description: "Execution role for Step Functions to execute cross-account Athena queries")

        targetDataBucket = DataBucketDefaults.bucket(self, "TargetDataBucket", name: .string(names.targetBucketName), autoDeleteObjects: true)
        // What Athena's INSERT needs on the location it writes to; nothing reads it back here.
        targetBucketGrant = targetDataBucket.grant(executionRole, actions: BucketActions.athenaQueryOutput)

        workGroup = WorkGroup(
            self, "TargetAthenaWorkgroup",
            name: names.workGroupName,
            description: "Athena workgroup with AWS managed storage for target account queries",
            enforceConfiguration: true,
            publishCloudWatchMetrics: true,
            engineVersion: "AUTO",
            managedQueryResults: true)

        // The Distributed Map's own permissions, whatever the granularity of the others.
        var distributed: [PolicyStatement] = []
        if copyForm == .distributed {
            // The job list names catalog ARNs in the target's partition and Region; without a Region
            // synth stops anyway (the Glue policy needs it).
            let region = config.region ?? ""
            let contents = JobListFile.contents(plan: plan, partition: Partition(region: region).rawValue, region: region)
            let key = DistributedCopy.jobListKey(contents: contents)
            jobList = (contents, key)
            distributed = DistributedCopy.statements(
                stateMachineName: names.stateMachineName, stack: self,
                bucket: names.targetBucketName, jobListKey: key)
        }
        // One ARN per table when that fits the role's quotas, else one per database, else the
        // source accounts by condition (`AccountScopedReads`).
        // Per table is not even tried when its names alone are over the role's capacity.
        var statements: [PolicyStatement] = []
        let capacity = ExecutionRolePermissions.roleCapacity
        if ExecutionRolePermissions.tableGranularityLowerBound(plan: plan, stoppingOver: capacity) > capacity {
            permissionSize = Int.max
        } else {
            statements =
                ExecutionRolePermissions.statements(
                    plan: plan, stack: self, workGroup: workGroup, granularity: .table,
                    targetBucket: names.targetBucketName) + distributed
            permissionSize = ExecutionRolePermissions.size(statements)
        }
        // The role's other statements (bucket grant, logging, tracing, overlap check) take about 2,000 characters.
        func fits() -> Bool {
            permissionSize <= ExecutionRolePermissions.roleCapacity && Role.statementsFit(statements, reserved: 2_000)
        }
        // Each granularity's statements are checked once, and none after the coarsest.
        var coarser = [ExecutionRolePermissions.Granularity.database, .account][...]
        while let next = coarser.first, !fits() {
            coarser.removeFirst()
            permissionGranularity = next
            statements =
                ExecutionRolePermissions.statements(
                    plan: plan, stack: self, workGroup: workGroup, granularity: next,
                    targetBucket: names.targetBucketName) + distributed
            permissionSize = ExecutionRolePermissions.size(statements)
        }
        for statement in statements {
            executionRole.addToPolicy(statement)
        }

        for source in plan.sources where plan.catalogAddressing == .registered {
            let id = plan.sources.count == 1 ? "SourceDataCatalog" : "SourceDataCatalog\(source.accountId)"
            sourceCatalogs.append(
                DataCatalog(
                    self, id, name: source.catalogName, kind: .glue(catalogId: source.accountId),
                    description: "Cross-account Glue Data Catalog from Source Account"))
        }

        if let pipeline = config.pipeline, pipeline.catalogAsCode {
            declareTargetCatalog(pipeline: pipeline, names: names)
        }

        var definition = CopyDefinition.make(
            plan: plan, workGroup: workGroup.nameRef, partition: partitionValue, region: regionValue,
            targetBucket: names.targetBucketName, form: copyForm, jobListKey: jobList?.key ?? "")
        if config.pipeline != nil {
            // The seed's form stays as the seed deployed it; a pipeline refuses to overlap itself.
            definition = OverlapGuard.prepend(to: definition, partition: partitionValue)
            executionRole.addToPolicy(
                PolicyStatement(
                    sid: "AllowOverlapCheck",
                    actions: [OverlapGuard.action],
                    // The Service Authorization Reference lists ListExecutions under both stateMachine and
                    // mapRun (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html);
                    // the call names the state machine, and its map runs are the only others allowed.
                    resources: [
                        formatArn(service: "states", resource: "stateMachine:\(names.stateMachineName)"),
                        formatArn(service: "states", resource: "mapRun:\(names.stateMachineName)/*:*"),
                    ]))
        }
        logGroup = LogGroup(
            self, "AthenaInsertStateMachineLogs",
            logGroupName: .string(names.stateMachineLogGroupName),
            retentionDays: DataBucketDefaults.logRetentionDays,
            removalPolicy: .destroy)
        logGroup.resource.skipCheckov("CKV_AWS_158", reason: DataBucketDefaults.logEncryptionSkipReason)
        stateMachine = StateMachine(
            self, "AthenaInsertStateMachine",
            stateMachineName: names.stateMachineName,
            definition: definition,
            role: executionRole,
            logging: .init(destination: logGroup, level: .all, includeExecutionData: false),
            tracingEnabled: true)

        if let schedule = config.schedule {
            _ = Schedule(
                self, "CopySchedule", name: names.scheduleName, expression: schedule.expression, timezone: schedule.timezone,
                description: "Starts \(names.stateMachineName); a start while a run is in progress stops at once",
                stateMachineArn: stateMachine.stateMachineArn, stateMachineName: names.stateMachineName)
        }

        if let alerts = config.alerts {
            // The state machine's ARN from its name, as the schedule builds it, so the rule names
            // exactly this state machine without waiting on it.
            runAlerts = RunAlerts(
                self, "RunAlerts", stateMachineName: names.stateMachineName,
                stateMachineArn: formatArn(service: "states", resource: "stateMachine:\(names.stateMachineName)"),
                ruleName: names.alertRuleName, topicName: names.alertTopicName,
                topicDisplayName: "\(names.projectName) \(names.envName) copy runs", run: RunAlerts.copyRun,
                email: alerts.email, topicArn: alerts.topicArn)
        }

        CfnOutput(
            self, "StateMachineArn", Output(value: stateMachine.stateMachineArn, description: "ARN of the state machine that copies the tables"))
        CfnOutput(self, "TargetDataBucketName", Output(value: targetDataBucket.bucketName, description: "Bucket that holds the copied tables"))
        CfnOutput(self, "WorkGroupName", Output(value: workGroup.nameRef, description: "Athena workgroup that runs the queries"))
        CfnOutput(self, "ExecutionRoleArn", Output(value: executionRole.roleArn, description: "Role the source account grants read access to"))
    }

    /// Catalog as code: the target database and one table per copied table, in the target's
    /// columns and format.
    private func declareTargetCatalog(pipeline: Pipeline, names: ResourceNames) {
        let database = GlueDatabase(
            self, "TargetGlueDatabase", name: pipeline.targetDatabase, catalogId: accountValue,
            description: "Target database for cross-account data copy",
            locationUri: CatalogLayout.targetDatabaseLocation(bucket: names.targetBucketName))
        for entry in pipeline.tables {
            _ = GlueTable(
                self, "TargetGlueTable-\(entry.table.targetTable)", database: database, name: entry.table.targetTable,
                columns: GlueTableShape.glueColumns(entry.table.targetColumnList),
                partitionKeys: GlueTableShape.glueColumns(entry.table.partitionKeys),
                location: CatalogLayout.targetTableLocation(bucket: names.targetBucketName, table: entry.table.targetTable),
                storage: GlueTableShape.targetStorage(entry.table.format))
        }
    }
}

extension RunAlerts {
    /// What the cross-account app's alerts call a run.
    public static let copyRun = "Copy run"
}
