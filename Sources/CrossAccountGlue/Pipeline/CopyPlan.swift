/// The copy jobs and the permissions they need, in one shape for both config forms: the seed's
/// single insert query, or a pipeline of many sources and tables.
public struct CopyPlan: Sendable, Equatable {
    public typealias TableName = QueryTables.TableName

    /// What the target role reads in one source account.
    public struct SourceReads: Sendable, Equatable {
        public var accountId: String
        public var catalogName: String
        public var bucket: String
        public var tables: [TableName]
        /// The folders of those tables' files in `bucket`, each ending in `/`, without duplicates.
        public var dataPrefixes: [String]
    }

    /// One table's copy: an INSERT … SELECT (append) or a CTAS into a fresh folder that the
    /// table is switched to (replace).
    public struct Job: Sendable, Equatable {
        public var catalogName: String
        /// The source account, which names its catalog when catalogs are addressed by ARN.
        public var accountId: String = ""
        public var source: TableName
        public var target: TableName
        public var query: String
        public var mode: Pipeline.CopyMode = .append
        /// The SELECT list: the configured columns, then the partition keys, quoted; or `*` when
        /// no columns are listed (a partitioned table's `*` ends with its partition keys too, the
        /// order INSERT INTO and CTAS need).
        public var selectList: String = "*"
        /// The partition keys' names, in order; empty for an unpartitioned table.
        public var partitionKeys: [String] = []
        /// The partition keys' Hive types, in the order of `partitionKeys`.
        public var partitionKeyTypes: [String] = []
        /// How the target stores its files.
        public var format: Pipeline.StorageFormat = .textfile
        /// `<database>.<table>` of the target, as the state machine names it.
        public var targetName: String { .concatenating(target.database, ".", target.table) }
        /// `<catalog>.<database>.<table>` of the source.
        public var sourceName: String { .concatenating(catalogName, ".", source.database, ".", source.table) }
        public var isPartitioned: Bool { !partitionKeys.isEmpty }

        /// What a CTAS of this table writes, as its `WITH (…)` properties after
        /// `external_location` (the run's folder, known only at run time): the one place that
        /// says how a copy's files are written.
        public var ctasProperties: String {
            CopyPlan.ctasProperties(format: format, partitionKeys: partitionKeys)
        }
    }

    /// The table's format and how it is written, so the fresh copy reads like the table it
    /// replaces, then `partitioned_by = ARRAY['k1', 'k2']` for a partitioned table (its keys last
    /// in the SELECT list, as the select list has them)
    /// (https://docs.aws.amazon.com/athena/latest/ug/create-table-as.html#ctas-table-properties:
    /// `field_delimiter` applies to text, `write_compression` to Parquet's codec).
    static func ctasProperties(format: Pipeline.StorageFormat, partitionKeys: [String]) -> String {
        var properties: [String]
        switch format {
        case .textfile: properties = ["format = 'TEXTFILE'", "field_delimiter = ','"]
        case .parquet(let compression): properties = ["format = 'PARQUET'", "write_compression = '\(compression.athenaName)'"]
        }
        if !partitionKeys.isEmpty {
            properties.append("partitioned_by = ARRAY[\(partitionKeys.map { "'\($0)'" }.joined(separator: ", "))]")
        }
        return properties.joined(separator: ", ")
    }

    /// `<table>__staging_<run>`: the CTAS table of one replace run.
    static let stagingInfix = "__staging_"
    /// A run is named by the MD5 (32 lower-case hex digits) of the execution's ARN and start time:
    /// unique per run, and valid in a Glue name, an S3 key and an SQL string without quoting.
    static let runIdLength = 32
    /// Where replace runs write below a table's folder: `<table>/runs/<run>/`.
    static let runsFolder = "runs"

    // The jobs are tested in place, by index, here and below: `filter` and `contains` copy each
    // job whole to test it (its ten strings and arrays retained, then released).

    /// The tables copied in replace mode.
    public var replaceJobs: [Job] { jobs.indices.filter { jobs[$0].mode == .replace }.map { jobs[$0] } }
    /// Replaced tables without partitions: CTAS, then ALTER TABLE … SET LOCATION.
    public var unpartitionedReplaceJobs: [Job] { replaceJobs.filter { !$0.isPartitioned } }
    /// Partitioned tables whose copy is staged in a run folder and then registered (replace and
    /// partitions modes); a partitioned append inserts straight into the table.
    public var stagedPartitionJobs: [Job] { partitionedJobs.filter { $0.mode != .append } }

    /// The CTAS properties every replaced table shares, written once into the state machine's
    /// CTAS; nil when they differ, and each replaced job then carries its own in the job list.
    public var sharedCtasProperties: String? {
        let properties = unpartitionedReplaceJobs.map(\.ctasProperties)
        guard let first = properties.first, properties.allSatisfy({ $0 == first }) else { return nil }
        return first
    }

    public var targetDatabase: String
    public var maxConcurrency: Int
    /// Tables that may fail before the run fails.
    public var toleratedFailureCount = 0
    /// How the queries name the source catalogs: registered data catalogs, or catalog ARNs.
    public var catalogAddressing = CatalogAddressing.registered
    public var sources: [SourceReads]
    public var targetTables: [TableName]
    public var jobs: [Job]

    /// The seed's form: one query from `target/insert-query.sql`, reading the tables it names.
    public init(seedQuery query: String, tables: QueryTables, sourceAccountId: String, names: ResourceNames) {
        targetDatabase = ResourceNames.targetDatabaseName
        maxConcurrency = Pipeline.defaultMaxConcurrency
        sources = [
            SourceReads(
                accountId: sourceAccountId, catalogName: ResourceNames.sourceCatalogName,
                bucket: names.sourceBucketName, tables: tables.read, dataPrefixes: [ResourceNames.sourceDataPrefix])
        ]
        targetTables = tables.written
        jobs = [
            Job(
                catalogName: ResourceNames.sourceCatalogName,
                source: tables.read.first ?? TableName("", ""), target: tables.written.first ?? TableName("", ""), query: query)
        ]
    }

    /// The pipeline form: one job per configured table.
    public init(pipeline: Pipeline) {
        targetDatabase = pipeline.targetDatabase
        maxConcurrency = pipeline.maxConcurrency
        toleratedFailureCount = pipeline.toleratedFailureCount
        catalogAddressing = CatalogAddressing.choose(
            sourceCount: pipeline.sources.count,
            declaredTables: pipeline.catalogAsCode ? pipeline.tableCount : 0)
        sources = pipeline.sources.map { source in
            var prefixes: [String] = []
            // A short list is searched; past `Repeats.linearLimit` the prefixes seen are hashed.
            var seen: Set<String> = []
            // Tables by index, here and below: a for-in loop copies each whole.
            for database in source.databases {
                for index in database.tables.indices {
                    let prefix = database.tables[index].dataPrefix(in: database)
                    if prefixes.count < Repeats.linearLimit {
                        if !prefixes.contains(prefix) { prefixes.append(prefix) }
                    } else {
                        if seen.isEmpty { seen = Set(prefixes) }
                        if seen.insert(prefix).inserted { prefixes.append(prefix) }
                    }
                }
            }
            return SourceReads(
                accountId: source.accountId, catalogName: source.catalogName, bucket: source.bucket,
                tables: source.databases.flatMap { database in database.tables.indices.map { TableName(database.name, database.tables[$0].name) } },
                dataPrefixes: prefixes)
        }
        // The tables in config order, read in place (`pipeline.tables` copies each with its source and database).
        var jobs: [Job] = []
        jobs.reserveCapacity(pipeline.tableCount)
        for source in pipeline.sources {
            for database in source.databases {
                for index in database.tables.indices {
                    let sourceTable = TableName(database.name, database.tables[index].name)
                    let target = TableName(pipeline.targetDatabase, database.tables[index].targetTable)
                    let partitionKeys = database.tables[index].partitionKeys
                    let selectList = CopyPlan.selectList(database.tables[index].columns, partitionKeys: partitionKeys)
                    jobs.append(
                        Job(
                            catalogName: source.catalogName, accountId: source.accountId, source: sourceTable, target: target,
                            query: CopyPlan.insertQuery(catalog: source.catalogName, source: sourceTable, target: target, selectList: selectList),
                            mode: pipeline.mode(of: database.tables[index]), selectList: selectList,
                            partitionKeys: partitionKeys.map(\.name), partitionKeyTypes: partitionKeys.map(\.type),
                            format: database.tables[index].format))
                }
            }
        }
        self.jobs = jobs
        targetTables = jobs.map(\.target)
    }

    /// The seed's insert query, for any table.
    static func insertQuery(catalog: String, source: TableName, target: TableName, selectList: String = "*") -> String {
        .concatenating(
            "-- Insert data from source account to target account\n-- Using registered Athena Data Catalog to access cross-account Glue Catalog\nINSERT INTO ",
            target.database, ".", target.table, "\nSELECT ", selectList, " FROM ", catalog, ".", source.database, ".", source.table, ";\n")
    }

    /// The configured columns as an SQL select list (`"id", "product"`; Glue names need no
    /// escaping, the quotes keep reserved words such as `date` valid), or `*` without columns.
    static func selectList(_ columns: [Pipeline.Column], partitionKeys: [Pipeline.Column] = []) -> String {
        guard !columns.isEmpty else { return "*" }
        var pieces: [String] = []
        pieces.reserveCapacity(3 * (columns.count + partitionKeys.count))
        func appendQuoted(_ columns: [Pipeline.Column]) {
            for index in columns.indices {
                pieces.append(pieces.isEmpty ? "\"" : ", \"")
                pieces.append(columns[index].name)
                pieces.append("\"")
            }
        }
        appendQuoted(columns)
        appendQuoted(partitionKeys)
        return .concatenating(pieces)
    }

    /// The tables copied partition by partition, or in batches of partitions.
    public var partitionedJobs: [Job] { jobs.indices.filter { jobs[$0].isPartitioned }.map { jobs[$0] } }

    /// Whether any table is replaced: `!replaceJobs.isEmpty`, without copying the jobs.
    var hasReplaceJobs: Bool { jobs.indices.contains { jobs[$0].mode == .replace } }
    /// Whether any table is partitioned: `!partitionedJobs.isEmpty`, without copying the jobs.
    var hasPartitionedJobs: Bool { jobs.indices.contains { jobs[$0].isPartitioned } }
}
