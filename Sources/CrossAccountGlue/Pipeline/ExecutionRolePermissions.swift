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
        /// Any catalog, database and table, and any bucket's table folders, but only in the source
        /// accounts (`aws:ResourceAccount`): used only when even one ARN per database does not fit,
        /// as with a thousand source accounts. Cross-account reads need the owner's grant too, and
        /// each source's Glue resource policy and bucket policy still name exactly what is read,
        /// so what the role can read is unchanged (`AccountScopedReads`).
        case account
    }

    /// What a role can hold: 10,240 characters inline plus 10 managed policies of 6,144, less
    /// each document's envelope.
    static let roleCapacity =
        Limits.roleInlinePolicyCharacters + Limits.managedPoliciesPerRole * Limits.managedPolicyCharacters
        - (Limits.managedPoliciesPerRole + 1) * 200

    static func statements(
        plan: CopyPlan, stack: Stack, workGroup: WorkGroup, granularity: Granularity,
        targetBucket: String = ""
    ) -> [PolicyStatement] {
        let targetCatalog = GlueCatalogArns(stack: stack)
        let registered = plan.catalogAddressing == .registered ? plan.sources : []
        var catalogs = registered.map { stack.formatArn(service: "athena", resource: "datacatalog/\($0.catalogName)") }
        catalogs.append(stack.formatArn(service: "athena", resource: "datacatalog/AwsDataCatalog"))
        let sourceReads: [PolicyStatement]
        if granularity == .account {
            sourceReads = AccountScopedReads.statements(plan: plan, stack: stack)
        } else {
            sourceReads = sourceStatements(plan: plan, stack: stack, granularity: granularity)
        }
        return [
            // Queries are authorized on the workgroup, catalogs on themselves: one statement each,
            // so no action is granted on a resource type it does not apply to (as the seed's
            // combined statement did), and a split of a large policy keeps both meaningful.
            PolicyStatement(
                sid: "AllowAthenaQueryExecution",
                actions: ["athena:StartQueryExecution", "athena:GetQueryExecution", "athena:GetQueryResults", "athena:StopQueryExecution"],
                resources: [workGroup.arn]),
            PolicyStatement(
                sid: "AllowAthenaDataCatalogAccess",
                actions: ["athena:GetDataCatalog"],
                resources: catalogs),
            // Athena looks up the default database of the account that runs the query
            // (https://docs.aws.amazon.com/athena/latest/ug/fine-grained-access-to-glue-resources.html).
            PolicyStatement(
                sid: "AllowAthenaDefaultDatabase",
                actions: ["glue:GetDatabase"],
                resources: [targetCatalog.catalog, targetCatalog.database("default")]),
            PolicyStatement(
                sid: "AllowTargetGlueCatalogAccess",
                actions: ["glue:GetDatabase", "glue:GetTable", "glue:GetPartitions", "glue:BatchCreatePartition"],
                resources: hierarchy(of: plan.targetTables, in: targetCatalog, granularity: granularity == .account ? .database : granularity)),
        ] + sourceReads
            + replaceStatements(
                plan: plan, stack: stack, targetCatalog: targetCatalog,
                granularity: granularity == .account ? .database : granularity,
                targetBucket: targetBucket)
            + partitionStatements(
                plan: plan, stack: stack, targetCatalog: targetCatalog,
                granularity: granularity == .account ? .database : granularity, targetBucket: targetBucket) + [
                // Needed wherever a data location is registered with Lake Formation. The action has no
                // resource-level permissions, so "*" is its only resource
                // (https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html).
                PolicyStatement(
                    sid: "AllowLakeFormationDataAccess",
                    actions: ["lakeformation:GetDataAccess"],
                    resources: ["*"])
            ]
    }

    /// The source catalogs' and buckets' reads, one ARN per table or per database.
    static func sourceStatements(plan: CopyPlan, stack: Stack, granularity: Granularity) -> [PolicyStatement] {
        let sourceGlue = plan.sources.flatMap { source in
            hierarchy(of: source.tables, in: GlueCatalogArns(stack: stack, account: .string(source.accountId)), granularity: granularity)
        }
        func bucketArn(_ source: CopyPlan.SourceReads) -> Value {
            stack.formatGlobalArn(service: "s3", resource: source.bucket)
        }
        // Each source's patterns, made once for its objects and its listing.
        let patterns = plan.sources.map { SourceDataAccess.keyPatterns($0.dataPrefixes, granularity: granularity) }
        let objects = zip(plan.sources, patterns).flatMap { source, patterns in
            let bucket = bucketArn(source)
            return patterns.map { Value.interpolate([bucket, .string("/" + $0)]) }
        }
        // One listing statement per source bucket, each below its own tables' folders; scoped per
        // database, one statement for every bucket below all their folders, to save the space.
        let listings: [PolicyStatement]
        if plan.sources.count == 1 || granularity == .database {
            listings = [
                PolicyStatement(
                    sid: "AllowSourceS3BucketList",
                    actions: ["s3:ListBucket"],
                    resources: plan.sources.map(bucketArn),
                    conditions: [
                        SourceDataAccess.listCondition(
                            SourceDataAccess.keyPatterns(
                                plan.sources.flatMap(\.dataPrefixes),
                                granularity: granularity))
                    ])
            ]
        } else {
            listings = zip(plan.sources, patterns).map { source, patterns in
                PolicyStatement(
                    sid: "AllowSourceS3BucketList\(source.accountId)",
                    actions: ["s3:ListBucket"],
                    resources: [bucketArn(source)],
                    conditions: [SourceDataAccess.listCondition(patterns)])
            }
        }
        return [
            PolicyStatement(
                sid: "AllowSourceGlueCatalogReadAccess",
                actions: GlueCatalogResourcePolicy.readActions,
                resources: sourceGlue),
            PolicyStatement(
                sid: "AllowSourceS3BucketReadAccess",
                actions: ["s3:GetObject"],
                resources: objects),
        ] + listings
    }

    /// What replace mode runs on the target, and only for the replaced tables: CTAS creates the
    /// staging table (`glue:CreateTable`, and `GetTable`), DROP deletes it (`glue:DeleteTable`),
    /// ALTER … SET LOCATION reads and updates the table (`glue:GetTable`, `glue:UpdateTable`, also
    /// the state machine's GetTable); the previous copy's objects are listed and deleted only below
    /// `<table>/runs/`.
    static func replaceStatements(
        plan: CopyPlan, stack: Stack, targetCatalog: GlueCatalogArns, granularity: Granularity,
        targetBucket: String
    ) -> [PolicyStatement] {
        let jobs = plan.replaceJobs
        guard !jobs.isEmpty else { return [] }
        let tables = jobs.map(\.target)
        let staging = tables.map { QueryTables.TableName($0.database, $0.table + CopyPlan.stagingInfix + "*") }
        let bucket = stack.formatGlobalArn(service: "s3", resource: targetBucket)
        let folders = jobs.map { "\($0.target.table)/\(CopyPlan.runsFolder)/*" }
        return [
            PolicyStatement(
                sid: "AllowReplaceStagingTables",
                actions: ["glue:CreateTable", "glue:DeleteTable", "glue:GetTable"],
                resources: hierarchy(of: staging, in: targetCatalog, granularity: granularity)),
            PolicyStatement(
                sid: "AllowReplaceTargetTables",
                actions: ["glue:GetTable", "glue:UpdateTable"],
                resources: hierarchy(of: tables, in: targetCatalog, granularity: granularity)),
            PolicyStatement(
                sid: "AllowReplaceRunFolderDeletes",
                actions: ["s3:DeleteObject"],
                resources: folders.map { Value.interpolate([bucket, .string("/" + $0)]) }),
            PolicyStatement(
                sid: "AllowReplaceRunFolderListing",
                actions: ["s3:ListBucket"],
                resources: [bucket],
                conditions: [SourceDataAccess.listCondition(folders)]),
        ]
    }

    /// What partitioned tables staged in a run folder need (`PartitionStates`), for those tables
    /// only: the page's CTAS creates its staging table and registers its partitions, the state
    /// machine reads them and DROP deletes the table; replace moves and deletes the target's
    /// partitions; a failed page's folder is deleted only below `<table>/runs/` of a
    /// partitions-mode table (a replaced table has that grant already). Glue partition actions are
    /// authorized on the table (https://docs.aws.amazon.com/glue/latest/dg/glue-specifying-resource-arns.html).
    static func partitionStatements(
        plan: CopyPlan, stack: Stack, targetCatalog: GlueCatalogArns, granularity: Granularity,
        targetBucket: String
    ) -> [PolicyStatement] {
        let staged = plan.stagedPartitionJobs
        guard !staged.isEmpty else { return [] }
        let staging = staged.map { QueryTables.TableName($0.target.database, $0.target.table + CopyPlan.stagingInfix + "*") }
        var statements = [
            PolicyStatement(
                sid: "AllowPartitionStagingTables",
                actions: ["glue:BatchCreatePartition", "glue:CreateTable", "glue:DeleteTable", "glue:GetPartitions", "glue:GetTable"],
                resources: hierarchy(of: staging, in: targetCatalog, granularity: granularity))
        ]
        let replaced = staged.filter { $0.mode == .replace }.map(\.target)
        if !replaced.isEmpty {
            statements.append(
                PolicyStatement(
                    sid: "AllowReplacePartitionSwitch",
                    actions: ["glue:BatchDeletePartition", "glue:BatchUpdatePartition"],
                    resources: hierarchy(of: replaced, in: targetCatalog, granularity: granularity)))
        }
        let copied = staged.filter { $0.mode == .partitions }
        if !copied.isEmpty {
            let bucket = stack.formatGlobalArn(service: "s3", resource: targetBucket)
            let folders = copied.map { "\($0.target.table)/\(CopyPlan.runsFolder)/*" }
            statements += [
                PolicyStatement(
                    sid: "AllowPartitionRunFolderDeletes",
                    actions: ["s3:DeleteObject"],
                    resources: folders.map { Value.interpolate([bucket, .string("/" + $0)]) }),
                PolicyStatement(
                    sid: "AllowPartitionRunFolderListing",
                    actions: ["s3:ListBucket"],
                    resources: [bucket],
                    conditions: [SourceDataAccess.listCondition(folders)]),
            ]
        }
        return statements
    }

    /// A lower bound on `size` of the `.table` statements, from the names alone: each distinct
    /// target table and each distinct table of each source is one resource whose ARN ends in
    /// `:table/<database>/<table>`, at least that many characters however the ARN renders (ASCII
    /// names counted, any other as none, so the bound holds whatever their characters).
    /// When it is over `roleCapacity` the `.table` statements cannot fit, and are not built.
    /// Counting stops once the total is over `limit`: the count so far is a lower bound too,
    /// and over the limit the rest does not change the answer (at 1,000 tables, half the names).
    static func tableGranularityLowerBound(plan: CopyPlan, stoppingOver limit: Int = .max) -> Int {
        var total = 0
        func addArns(_ tables: [QueryTables.TableName]) {
            var seen: Set<QueryTables.TableName> = []
            seen.reserveCapacity(tables.count)
            for table in tables where seen.insert(table).inserted {
                total += ":table//".utf8.count + asciiCount(table.database) + asciiCount(table.table)
                if total > limit { return }
            }
        }
        addArns(plan.targetTables)
        for source in plan.sources where total <= limit { addArns(source.tables) }
        return total
    }

    /// The length of `text` when all of it is ASCII (one character a byte), else 0.
    static func asciiCount(_ text: String) -> Int {
        // The bytes are read in place when the string keeps them together, as every parsed one does.
        text.utf8.withContiguousStorageIfAvailable(asciiCount) ?? asciiCount(text.utf8)
    }

    private static func asciiCount(_ bytes: some Collection<UInt8>) -> Int {
        bytes.allSatisfy { $0 < 0x80 } ? bytes.count : 0
    }

    static func size(_ statements: [PolicyStatement]) -> Int {
        PolicyDocument(statements).sizeWithoutWhitespace
    }

    /// The catalog, then each table's database and the table (or all the database's tables),
    /// as Glue's hierarchical permissions need.
    static func hierarchy(of tables: [QueryTables.TableName], in catalog: GlueCatalogArns, granularity: Granularity = .table) -> [Value] {
        let arns = CatalogArnBuilder(catalog)
        var databases: [String] = []
        for table in tables where !databases.contains(table.database) { databases.append(table.database) }
        // Appended in place, into room for all: adding mapped lists made and grew two more.
        var resources: [Value] = []
        resources.reserveCapacity(1 + databases.count + (granularity == .table ? tables.count : databases.count))
        resources.append(arns.catalog)
        for database in databases { resources.append(arns.database(database)) }
        switch granularity {
        case .table: for table in tables { resources.append(arns.table(table.database, table.table)) }
        case .database, .account: for database in databases { resources.append(arns.table(database, "*")) }
        }
        return resources
    }
}

/// `GlueCatalogArns`' ARNs for many databases and tables of one catalog: the ARN's fixed part
/// is interpolated once, and each resource's name appended to its trailing literal, which is
/// what interpolating the whole ARN gives (adjacent literals merged into one string).
struct CatalogArnBuilder {
    private let catalogArns: GlueCatalogArns
    /// The interpolated pieces before the trailing literal, and that literal (`…:<account>:`).
    private let head: [Value]
    private let tail: String?

    init(_ catalog: GlueCatalogArns) {
        self.catalogArns = catalog
        let prefix = Value.interpolate([
            .string("arn:"), catalog.partition, .string(":glue:"), catalog.region, .string(":"), catalog.account, .string(":"),
        ])
        switch prefix {
        case .string(let text):
            head = []
            tail = text
        case .concat(let parts):
            if case .string(let last)? = parts.last {
                head = Array(parts.dropLast())
                tail = last
            } else {
                head = []
                tail = nil
            }
        default:
            head = []
            tail = nil
        }
    }

    /// `GlueCatalogArns.catalog`.
    var catalog: Value { tail.map { arn(.concatenating($0, "catalog")) } ?? catalogArns.catalog }

    /// `GlueCatalogArns.database(name)`.
    func database(_ name: String) -> Value { tail.map { arn(.concatenating($0, "database/", name)) } ?? catalogArns.database(name) }

    /// `GlueCatalogArns.table(database, table)`.
    func table(_ database: String, _ table: String) -> Value {
        tail.map { arn(.concatenating($0, "table/", database, "/", table)) } ?? catalogArns.table(database, table)
    }

    /// The ARN whose trailing literal, the fixed part's and the resource's, is `text`.
    private func arn(_ text: String) -> Value {
        guard !head.isEmpty else { return .string(text) }
        var parts = head
        parts.append(.string(text))
        return .concat(parts)
    }
}
