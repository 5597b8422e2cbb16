import AWSConstructs
import CloudFormation
import Constructs

/// The execution role's four statements (the seed's Sids), scoped to exactly the catalogs,
/// databases, tables and buckets the copy plan uses.
public enum ExecutionRolePermissions {
    /// How finely table permissions are scoped.
    public enum Granularity: Sendable {
        /// Each table's ARN.
        case table
        /// `table/<database>/*` for each database: used only when listing every table would not
        /// fit IAM's size quotas. Each source's Glue resource policy still names every table.
        case database
    }

    /// What a role can hold: 10,240 characters inline plus 10 managed policies of 6,144, less
    /// each document's envelope.
    static let roleCapacity = Limits.roleInlinePolicyCharacters + Limits.managedPoliciesPerRole * Limits.managedPolicyCharacters
        - (Limits.managedPoliciesPerRole + 1) * 200

    static func statements(plan: CopyPlan, stack: Stack, workGroup: WorkGroup, granularity: Granularity) -> [PolicyStatement] {
        let targetCatalog = GlueCatalogArns(stack: stack)
        var catalogs = plan.sources.map { stack.formatArn(service: "athena", resource: "datacatalog/\($0.catalogName)") }
        catalogs.append(stack.formatArn(service: "athena", resource: "datacatalog/AwsDataCatalog"))
        let sourceGlue = plan.sources.flatMap { source in
            hierarchy(of: source.tables, in: GlueCatalogArns(stack: stack, account: .string(source.accountId)), granularity: granularity)
        }
        let buckets = plan.sources.flatMap { source -> [Value] in
            let arn: Value = .interpolate([.string("arn:"), stack.partitionValue, .string(":s3:::\(source.bucket)")])
            return [arn, .interpolate([arn, .string("/*")])]
        }
        return [
            PolicyStatement(
                sid: "AllowAthenaQueryExecution",
                actions: ["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults",
                          "athena:StopQueryExecution", "athena:GetDataCatalog"],
                resources: [workGroup.arn] + catalogs),
            PolicyStatement(
                sid: "AllowTargetGlueCatalogAccess",
                actions: ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions", "glue:BatchCreatePartition"],
                resources: hierarchy(of: plan.targetTables, in: targetCatalog, granularity: granularity)),
            PolicyStatement(
                sid: "AllowSourceGlueCatalogReadAccess",
                actions: GlueCatalogResourcePolicy.readActions,
                resources: sourceGlue),
            PolicyStatement(
                sid: "AllowSourceS3BucketReadAccess",
                actions: ["s3:GetObject", "s3:ListBucket"],
                resources: buckets),
        ]
    }

    static func size(_ statements: [PolicyStatement]) -> Int {
        PolicyDocument(statements).sizeWithoutWhitespace
    }

    /// The catalog, then each table's database and the table (or all the database's tables),
    /// as Glue's hierarchical permissions need.
    static func hierarchy(of tables: [QueryTables.TableName], in catalog: GlueCatalogArns, granularity: Granularity = .table) -> [Value] {
        var resources: [Value] = [catalog.catalog]
        var databases: [String] = []
        for table in tables where !databases.contains(table.database) { databases.append(table.database) }
        resources += databases.map(catalog.database)
        switch granularity {
        case .table: resources += tables.map { catalog.table($0.database, $0.table) }
        case .database: resources += databases.map { catalog.table($0, "*") }
        }
        return resources
    }
}
