/// What to copy, from the config's `context.sources`: many source accounts, each with a Glue
/// catalog, a bucket and tables, into one target database.
public struct Pipeline: Sendable, Equatable {
    /// How a run writes a table (issue 11): `append` adds the source's rows with INSERT INTO
    /// (Athena's INSERT appends, so every run adds another copy); `replace` writes a complete
    /// copy to a fresh folder with CTAS and switches the table to it, so the table holds the
    /// source's rows exactly once, however often the pipeline runs; `partitions` copies only the
    /// partitions of a partitioned table that the target does not have yet.
    public enum CopyMode: String, Sendable, Equatable, CaseIterable {
        case append, replace, partitions
    }

    /// How the target table stores its files: the seed's comma-separated text, or Parquet.
    public enum StorageFormat: Sendable, Equatable {
        case textfile
        case parquet(ParquetCompression)

        /// The name the config uses (`format`), and Athena's `format` table property in lower case.
        public var name: String {
            switch self {
            case .textfile: return "textfile"
            case .parquet: return "parquet"
            }
        }
        public static let names = ["textfile", "parquet"]
    }

    /// The codecs Athena engine version 3 writes Parquet with; it reads LZ4 and LZO but does not
    /// write them (https://docs.aws.amazon.com/athena/latest/ug/compression-support-hive.html).
    /// Snappy is the default: Parquet's usual codec, fast to read, written explicitly rather than
    /// left to Athena's own default (GZIP).
    public enum ParquetCompression: String, Sendable, Equatable, CaseIterable {
        case snappy, gzip, zstd, none
        /// The value of a CTAS's `write_compression`, which names no compression `NONE`
        /// (https://docs.aws.amazon.com/athena/latest/ug/create-table-as.html#ctas-table-properties).
        public var athenaName: String { rawValue.uppercased() }
        /// The value of a table's `parquet.compression` property: Parquet's own codec names, in
        /// which no compression is `UNCOMPRESSED`
        /// (https://parquet.apache.org/docs/file-format/data-pages/compression/).
        public var parquetCodecName: String { self == .none ? "UNCOMPRESSED" : athenaName }
    }

    public struct Column: Sendable, Equatable {
        public var name: String
        public var type: String
        public var comment: String?
        public init(name: String, type: String, comment: String? = nil) {
            self.name = name
            self.type = type
            self.comment = comment
        }
    }

    public struct Table: Sendable, Equatable {
        public var name: String
        /// The table's name in the target database (default `<name>_copy`).
        public var targetTable: String
        /// When given, the DDL (and, with catalog-as-code, the Glue tables) are rendered from them.
        public var columns: [Column]
        /// The folder of the table's files in the source bucket (`raw/sales/`), when it is not
        /// the default `<database>/<table>/`; the target role may read only there.
        public var dataPrefix: String?
        /// The table's own `copyMode`, when it sets one; else the pipeline's.
        public var copyMode: CopyMode?
        /// The partition keys, in order, the same in source and target (`partitionKeys`).
        public var partitionKeys: [Column]
        /// How the target stores the copy (`format`, `compression`).
        public var format: StorageFormat
        /// The target's columns when they differ from the source's (`targetColumns`, e.g. a
        /// widened type); the same names in the same order, checked at synth time.
        public var targetColumns: [Column]?
        public init(
            name: String, targetTable: String? = nil, columns: [Column] = [], dataPrefix: String? = nil,
            copyMode: CopyMode? = nil, partitionKeys: [Column] = [], format: StorageFormat = .textfile,
            targetColumns: [Column]? = nil
        ) {
            self.copyMode = copyMode
            self.partitionKeys = partitionKeys
            self.format = format
            self.targetColumns = targetColumns
            self.name = name
            self.targetTable = targetTable ?? "\(name)_copy"
            self.columns = columns
            self.dataPrefix = dataPrefix
        }

        /// The target table's columns: its own when given, else the source's.
        public var targetColumnList: [Column] { targetColumns ?? columns }

        public var isPartitioned: Bool { !partitionKeys.isEmpty }

        /// Where the table's files are in the source bucket.
        public func dataPrefix(in database: Database) -> String {
            dataPrefix ?? CatalogLayout.defaultSourceTablePrefix(database: database.name, table: name)
        }
    }

    public struct Database: Sendable, Equatable {
        public var name: String
        public var tables: [Table]
        public init(name: String, tables: [Table]) {
            self.name = name
            self.tables = tables
        }
    }

    public struct Source: Sendable, Equatable {
        public var accountId: String
        /// The Athena data catalog registering this account's Glue catalog in the target account.
        public var catalogName: String
        public var bucket: String
        public var databases: [Database]
        public init(accountId: String, catalogName: String, bucket: String, databases: [Database]) {
            self.accountId = accountId
            self.catalogName = catalogName
            self.bucket = bucket
            self.databases = databases
        }
    }

    /// Tables copied at a time. Each copy is one active DML query, and Athena's "Active DML
    /// queries" quota counts running and queued queries of the whole account (over it,
    /// StartQueryExecution throws TooManyRequestsException): its default varies by Region, 20
    /// in most Regions and 100 to 200 in the largest
    /// (https://docs.aws.amazon.com/athena/latest/ug/service-limits.html, per-Region values in
    /// https://docs.aws.amazon.com/general/latest/gr/athena.html). 5 leaves three quarters of the
    /// smallest default to the account's other queries.
    public static let defaultMaxConcurrency = 5

    public var targetDatabase: String
    public var maxConcurrency: Int
    /// Declare the Glue databases and tables in the stacks instead of running DDL.
    public var catalogAsCode: Bool
    /// The mode of every table that does not set its own (`context.copyMode`, default append).
    public var copyMode: CopyMode
    public var sources: [Source]
    /// Tables that may fail before the run fails (`context.toleratedFailureCount`, default 0).
    public var toleratedFailureCount: Int = 0

    public init(
        targetDatabase: String = ResourceNames.targetDatabaseName, maxConcurrency: Int = Pipeline.defaultMaxConcurrency,
        catalogAsCode: Bool = false, copyMode: CopyMode = .append, sources: [Source], toleratedFailureCount: Int = 0
    ) {
        self.toleratedFailureCount = toleratedFailureCount
        self.copyMode = copyMode
        self.targetDatabase = targetDatabase
        self.maxConcurrency = maxConcurrency
        self.catalogAsCode = catalogAsCode
        self.sources = sources
    }

    /// Every table with where it comes from, in config order.
    public var tables: [(source: Source, database: Database, table: Table)] {
        sources.flatMap { source in source.databases.flatMap { database in database.tables.map { (source, database, $0) } } }
    }

    /// How many tables `tables` lists, without listing them.
    public var tableCount: Int {
        sources.reduce(0) { total, source in source.databases.reduce(total) { $0 + $1.tables.count } }
    }

    /// Whether every table lists its columns (so synth can render the DDL), without listing the tables.
    public var everyTableListsColumns: Bool {
        sources.allSatisfy { $0.databases.allSatisfy { $0.tables.allSatisfy { !$0.columns.isEmpty } } }
    }

    /// The mode a table is copied in: its own, else the pipeline's.
    public func mode(of table: Table) -> CopyMode { table.copyMode ?? copyMode }

    /// The default catalog name: the seed's `source_catalog` for one source, else `source_<account>`.
    public static func defaultCatalogName(accountId: String, sourceCount: Int) -> String {
        sourceCount == 1 ? ResourceNames.sourceCatalogName : "source_\(accountId)"
    }

    /// The default bucket: the seed's `<project>-<env>-data` for one source, else with the account appended.
    public static func defaultBucket(names: ResourceNames, accountId: String, sourceCount: Int) -> String {
        sourceCount == 1 ? names.sourceBucketName : "\(names.sourceBucketName)-\(accountId)"
    }
}
