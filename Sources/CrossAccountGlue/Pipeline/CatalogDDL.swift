import Constructs
import Synthesis

/// The Athena DDL for a pipeline whose tables list their columns, in the seed's style: a
/// source file per account and one target file.
enum CatalogDDL {
    /// Every statement of the DDL files: each source account's, in pipeline order, and the
    /// target's. Made once per synth run, for the SQL files and the deploy plan.
    struct Statements {
        var sources: [[String]]
        var target: [String]

        /// `nil` when a table lists no columns: then there is no DDL.
        init?(pipeline: Pipeline, names: ResourceNames) {
            guard pipeline.everyTableListsColumns else { return nil }
            sources = pipeline.sources.map(CatalogDDL.sourceStatements)
            target = CatalogDDL.targetStatements(pipeline: pipeline, names: names)
        }
    }

    /// `statements`, when given, are the pipeline's (`Statements`), made already.
    static func files(pipeline: Pipeline, names: ResourceNames, statements: Statements? = nil) -> ([RenderedFile], [Diagnostic]) {
        if !pipeline.everyTableListsColumns {
            let missing = pipeline.tables.filter { $0.table.columns.isEmpty }
            let list = missing.prefix(3).map { "\($0.database.name).\($0.table.name)" }.joined(separator: ", ")
            return (
                [],
                [
                    Diagnostic(
                        .warning, at: "context.sources",
                        "\(missing.count) table(s) list no columns (\(list)\(missing.count > 3 ? ", …" : "")), so no DDL files are rendered",
                        hint: "list every table's columns to have synth render the DDL, or create the tables yourself")
                ]
            )
        }
        var files: [RenderedFile] = []
        for (index, source) in pipeline.sources.enumerated() {
            let name =
                pipeline.sources.count == 1
                ? CrossAccountSynthesizer.sourceDDLFile : "source-create-database-and-table-\(source.accountId).sql"
            files.append(RenderedFile(name: name, contents: statements.map { fileText($0.sources[index]) } ?? sourceDDL(source)))
        }
        files.append(
            RenderedFile(
                name: CrossAccountSynthesizer.targetDDLFile,
                contents: statements.map { fileText($0.target) } ?? targetDDL(pipeline: pipeline, names: names)))
        return (files, [])
    }

    static func sourceDDL(_ source: Pipeline.Source) -> String {
        fileText(sourceStatements(source))
    }

    static func targetDDL(pipeline: Pipeline, names: ResourceNames) -> String {
        fileText(targetStatements(pipeline: pipeline, names: names))
    }

    /// Statements as a file: each ends with `;`, a blank line between them.
    static func fileText(_ statements: [String]) -> String {
        var text = TextBuffer(capacity: statements.reduce(1) { $0 + $1.utf8.count + 3 })
        for (index, statement) in statements.enumerated() {
            if index > 0 { text.append("\n\n") }
            text.append(statement)
            text.append(byte: UInt8(ascii: ";"))
        }
        text.append(byte: UInt8(ascii: "\n"))
        return text.text
    }

    /// The DROP statements that undo the CREATE statements of a source account, tables first.
    static func sourceDrops(_ source: Pipeline.Source) -> [String] {
        source.databases.reversed().flatMap { database in
            database.tables.reversed().map { "DROP TABLE IF EXISTS \(database.name).\($0.name)" } + ["DROP DATABASE IF EXISTS \(database.name)"]
        }
    }

    static func targetDrops(pipeline: Pipeline) -> [String] {
        var drops: [String] = []
        drops.reserveCapacity(pipeline.tableCount + 1)
        for source in pipeline.sources.reversed() {
            for database in source.databases.reversed() {
                for table in database.tables.reversed() { drops.append("DROP TABLE IF EXISTS \(pipeline.targetDatabase).\(table.targetTable)") }
            }
        }
        drops.append("DROP DATABASE IF EXISTS \(pipeline.targetDatabase)")
        return drops
    }

    /// Each database, then each table; a partitioned table is followed by `MSCK REPAIR TABLE`,
    /// because a new partitioned table lists no partitions and reads as empty until they are
    /// registered: MSCK REPAIR TABLE adds the Hive-style folders (`dt=2024-01-01/`) below the
    /// table's location (https://docs.aws.amazon.com/athena/latest/ug/msck-repair-table.html,
    /// https://docs.aws.amazon.com/athena/latest/ug/partitions.html). Partitions added later need
    /// it again, or `ALTER TABLE … ADD PARTITION`.
    static func sourceStatements(_ source: Pipeline.Source) -> [String] {
        var statements: [String] = []
        for database in source.databases {
            statements.append(
                """
                CREATE DATABASE IF NOT EXISTS \(database.name)
                COMMENT 'Source database for cross-account data copy'
                LOCATION '\(CatalogLayout.sourceDatabaseLocation(bucket: source.bucket, database: database.name))'
                """)
            for table in database.tables {
                let prefix = table.dataPrefix.map { [$0] } ?? CatalogLayout.defaultSourceTablePrefixPieces(database: database.name, table: table.name)
                statements.append(
                    createTable(
                        (database.name, table.name), columns: table.columns, partitionKeys: table.partitionKeys, format: .textfile,
                        location: CatalogLayout.sourceTableLocationPieces(bucket: source.bucket, prefix: prefix),
                        properties: sourceTableProperties))
                if table.isPartitioned { statements.append("MSCK REPAIR TABLE \(database.name).\(table.name)") }
            }
        }
        return statements
    }

    /// The target tables in their own columns (`targetColumns`) and format. No partitions to
    /// register: the tables start empty, and INSERT INTO and CTAS add the partitions they write.
    static func targetStatements(pipeline: Pipeline, names: ResourceNames) -> [String] {
        var statements = [
            """
            CREATE DATABASE IF NOT EXISTS \(pipeline.targetDatabase)
            COMMENT 'Target database for cross-account data copy'
            LOCATION '\(CatalogLayout.targetDatabaseLocation(bucket: names.targetBucketName))'
            """
        ]
        for source in pipeline.sources {
            for database in source.databases {
                for table in database.tables {
                    statements.append(
                        createTable(
                            (pipeline.targetDatabase, table.targetTable), columns: table.targetColumnList,
                            partitionKeys: table.partitionKeys, format: table.format,
                            location: CatalogLayout.targetTableLocationPieces(bucket: names.targetBucketName, table: table.targetTable),
                            properties: targetTableProperties(table.format)))
                }
            }
        }
        return statements
    }

    /// A source table's: its CSV files' header row, and their type for Glue.
    static let sourceTableProperties = ["'skip.header.line.count' = '\(CatalogLayout.sourceHeaderRows)'", "'classification' = 'csv'"]

    /// `parquet.compression` is the codec Athena writes the table's Parquet files with;
    /// `classification` the data type Glue records
    /// (https://docs.aws.amazon.com/athena/latest/ug/alter-table-set-tblproperties.html,
    /// https://docs.aws.amazon.com/athena/latest/ug/compression-support-hive.html).
    static func targetTableProperties(_ format: Pipeline.StorageFormat) -> [String] {
        switch format {
        case .textfile: return ["'classification' = 'csv'"]
        case .parquet(let compression): return ["'parquet.compression' = '\(compression.parquetCodecName)'", "'classification' = 'parquet'"]
        }
    }

    /// How the files are stored: the seed's comma-separated text, or Parquet
    /// (https://docs.aws.amazon.com/athena/latest/ug/create-table.html).
    static func storageClause(_ format: Pipeline.StorageFormat) -> String {
        switch format {
        case .textfile: return "ROW FORMAT DELIMITED\nFIELDS TERMINATED BY ','\nSTORED AS TEXTFILE"
        case .parquet: return "STORED AS PARQUET"
        }
    }

    /// `CREATE EXTERNAL TABLE` of `<database>.<table>`, its location given in pieces.
    static func createTable(
        _ name: (database: String, table: String), columns: [Pipeline.Column], partitionKeys: [Pipeline.Column] = [],
        format: Pipeline.StorageFormat, location: [String], properties: [String]
    ) -> String {
        // One byte buffer, appended to in order: no string per column, no lists joined.
        func appendDefinitions(_ columns: [Pipeline.Column], to text: inout TextBuffer) {
            for (index, column) in columns.enumerated() {
                if index > 0 { text.append(",\n") }
                text.append(byte: UInt8(ascii: "`"))
                text.append(column.name)
                text.append("` ")
                text.append(column.type)
                if let comment = column.comment {
                    text.append(" COMMENT '")
                    text.appendSQLQuoted(comment)
                    text.append(byte: UInt8(ascii: "'"))
                }
            }
        }
        var text = TextBuffer(capacity: 256 + 64 * (columns.count + partitionKeys.count))
        text.append("CREATE EXTERNAL TABLE IF NOT EXISTS ")
        text.append(name.database)
        text.append(byte: UInt8(ascii: "."))
        text.append(name.table)
        text.append(" (\n")
        appendDefinitions(columns, to: &text)
        text.append("\n)\n")
        if !partitionKeys.isEmpty {
            text.append("PARTITIONED BY (\n")
            appendDefinitions(partitionKeys, to: &text)
            text.append("\n)\n")
        }
        text.append(storageClause(format))
        text.append("\nLOCATION '")
        for piece in location { text.append(piece) }
        text.append("'\nTBLPROPERTIES (\n")
        for (index, property) in properties.enumerated() {
            if index > 0 { text.append(",\n") }
            text.append(property)
        }
        text.append("\n)")
        return text.text
    }
}
