import AWSConstructs
import CloudFormation
import Constructs

/// The seed's target-account stack (`cross-account-glue-athena-stack.ts`), construct for
/// construct, so every logical ID matches the AWS CDK's; hardened beyond it (TLS-only bucket,
/// versioning with lifecycle, logging and tracing, permissions scoped to the tables used).
public final class TargetStack: Stack {
    public private(set) var executionRole: Role!
    public private(set) var targetDataBucket: Bucket!
    public private(set) var workGroup: WorkGroup!
    public private(set) var sourceCatalog: DataCatalog!
    public private(set) var stateMachine: StateMachine!

    /// - Parameters:
    ///   - insertQuery: the INSERT … SELECT with its placeholders already filled.
    ///   - tables: the tables that query writes and reads.
    public init(_ app: App, config: AppConfig, insertQuery: String, tables: QueryTables) {
        let names = config.names
        let sourceAccount = config.sourceAccountId
        super.init(app, names.targetStackName, stackName: names.targetStackName,
                   description: AppConfig.description, account: config.targetAccountId, region: config.region,
                   tags: [Tag("Project", .string(names.projectName)), Tag("Environment", .string(names.envName)),
                          Tag("Repository", .string(AppConfig.repositoryTag))])

        executionRole = Role(self, "StepFunctionsExecutionRole",
                             roleName: names.executionRoleName,
                             assumedBy: .service("states.amazonaws.com"),
                             description: "Execution role for Step Functions to execute cross-account Athena queries")

        targetDataBucket = Bucket(self, "TargetDataBucket",
                                  bucketName: .string(names.targetBucketName),
                                  encryption: .s3Managed,
                                  blockPublicAccess: .blockAll,
                                  enforceSSL: true,
                                  versioned: true,
                                  objectOwnership: .bucketOwnerEnforced,
                                  lifecycleRules: DataBucketDefaults.lifecycleRules,
                                  removalPolicy: .destroy,
                                  autoDeleteObjects: true)
        DataBucketDefaults.skipAccessLogging(targetDataBucket.resource)
        targetDataBucket.grantReadWrite(executionRole)

        workGroup = WorkGroup(self, "TargetAthenaWorkgroup",
                              name: names.workGroupName,
                              description: "Athena workgroup with AWS managed storage for target account queries",
                              enforceConfiguration: true,
                              publishCloudWatchMetrics: true,
                              engineVersion: "AUTO",
                              managedQueryResults: true)

        let catalogName = ResourceNames.sourceCatalogName
        executionRole.addToPolicy(PolicyStatement(
            sid: "AllowAthenaQueryExecution",
            actions: ["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults",
                      "athena:StopQueryExecution", "athena:GetDataCatalog"],
            resources: [workGroup.arn,
                        formatArn(service: "athena", resource: "datacatalog/\(catalogName)"),
                        formatArn(service: "athena", resource: "datacatalog/AwsDataCatalog")]))

        let targetCatalog = GlueCatalogArns(stack: self)
        executionRole.addToPolicy(PolicyStatement(
            sid: "AllowTargetGlueCatalogAccess",
            actions: ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions", "glue:BatchCreatePartition"],
            resources: TargetStack.hierarchy(of: tables.written, in: targetCatalog)))

        let sourceCatalogArns = GlueCatalogArns(stack: self, account: .string(sourceAccount))
        executionRole.addToPolicy(PolicyStatement(
            sid: "AllowSourceGlueCatalogReadAccess",
            actions: GlueCatalogResourcePolicy.readActions,
            resources: TargetStack.hierarchy(of: tables.read, in: sourceCatalogArns)))

        let sourceBucketArn: Value = .interpolate([.string("arn:"), partitionValue, .string(":s3:::\(names.sourceBucketName)")])
        executionRole.addToPolicy(PolicyStatement(
            sid: "AllowSourceS3BucketReadAccess",
            actions: ["s3:GetObject", "s3:ListBucket"],
            resources: [sourceBucketArn, .interpolate([sourceBucketArn, .string("/*")])]))

        sourceCatalog = DataCatalog(self, "SourceDataCatalog", name: catalogName, kind: .glue(catalogId: sourceAccount),
                                    description: "Cross-account Glue Data Catalog from Source Account")

        let query = AthenaStartQueryExecution(
            queryString: .string(insertQuery),
            workGroup: workGroup.nameRef,
            integrationPattern: .runJob,
            comment: "Execute cross-account INSERT query and wait for completion")
        let definition = StateMachineDefinition(
            comment: "Cross-account Athena INSERT: Copy data from Source Account Glue Catalog to Target Account table",
            graph: StateGraph(single: "ExecuteInsertQuery", .task(query.task(partition: partitionValue, transition: .end))),
            timeoutSeconds: 600)

        let logGroup = LogGroup(self, "AthenaInsertStateMachineLogs",
                                logGroupName: .string(names.stateMachineLogGroupName),
                                retentionDays: DataBucketDefaults.logRetentionDays,
                                removalPolicy: .destroy)
        logGroup.resource.skipCheckov("CKV_AWS_158", reason: DataBucketDefaults.logEncryptionSkipReason)
        stateMachine = StateMachine(self, "AthenaInsertStateMachine",
                                    stateMachineName: names.stateMachineName,
                                    definition: definition,
                                    role: executionRole,
                                    logging: .init(destination: logGroup, level: .all, includeExecutionData: false),
                                    tracingEnabled: true)

        CfnOutput(self, "StateMachineArn", Output(value: stateMachine.stateMachineArn, description: "ARN of the state machine that copies the tables"))
        CfnOutput(self, "TargetDataBucketName", Output(value: targetDataBucket.bucketName, description: "Bucket that holds the copied tables"))
        CfnOutput(self, "WorkGroupName", Output(value: workGroup.nameRef, description: "Athena workgroup that runs the queries"))
        CfnOutput(self, "ExecutionRoleArn", Output(value: executionRole.roleArn, description: "Role the source account grants read access to"))
    }

    /// The catalog, then each table's database and the table, as Glue's hierarchical permissions need.
    static func hierarchy(of tables: [QueryTables.TableName], in catalog: GlueCatalogArns) -> [Value] {
        var resources: [Value] = [catalog.catalog]
        for table in tables {
            resources.append(catalog.database(table.database))
        }
        for table in tables {
            resources.append(catalog.table(table.database, table.table))
        }
        return resources
    }
}
