import Constructs
import Synthesis

/// The Athena DDL for a pipeline whose tables list their columns, in the seed's style: a
/// source file per account and one target file.
enum CatalogDDL {
    /// Every statement of the DDL files: each source account's, in pipeline order, and the
    /// target's, each laid out as its file. Made once per synth run, for the SQL files and the
    /// deploy plan.
    struct Statements {
        var sources: [SQLStatements]
        var target: SQLStatements

        /// `nil` when a table lists no columns: then there is no DDL.
        init?(pipeline: Pipeline, names: ResourceNames) {
            guard pipeline.everyTableListsColumns else { return nil }
            sources = pipeline.sources.map(CatalogDDL.sourceStatements)
            target = CatalogDDL.targetStatements(pipeline: pipeline, names: names)
        }
    }

    /// The DDL files of `statements`, the pipeline's (`Statements`), or the warning that there are none.
    static func files(pipeline: Pipeline, statements: Statements?) -> ([RenderedFile], [Diagnostic]) {
        guard let statements else {
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
            files.append(statements.sources[index].fileText.file(named: name))
        }
        files.append(statements.target.fileText.file(named: CrossAccountSynthesizer.targetDDLFile))
        return (files, [])
    }

    /// The DROP statements that undo the CREATE statements of a source account, tables first.
    static func sourceDrops(_ source: Pipeline.Source) -> SQLStatements {
        var drops = SQLStatements(capacity: 64 * source.databases.reduce(0) { $0 + $1.tables.count + 1 })
        // Indices, not elements: a table is copied whole for its name otherwise.
        for database in source.databases.reversed() {
            for index in database.tables.indices.reversed() {
                drops.append { text in appendDrop("TABLE", database.name, database.tables[index].name, to: &text) }
            }
            drops.append { text in appendDrop("DATABASE", database.name, to: &text) }
        }
        return drops
    }

    static func targetDrops(pipeline: Pipeline) -> SQLStatements {
        var drops = SQLStatements(capacity: 80 * (pipeline.tableCount + 1))
        for source in pipeline.sources.reversed() {
            for database in source.databases.reversed() {
                for index in database.tables.indices.reversed() {
                    drops.append { text in appendDrop("TABLE", pipeline.targetDatabase, database.tables[index].targetTable, to: &text) }
                }
            }
        }
        drops.append { text in appendDrop("DATABASE", pipeline.targetDatabase, to: &text) }
        return drops
    }

    /// `DROP <kind> IF EXISTS <database>[.<table>]`.
    private static func appendDrop(_ kind: String, _ database: String, _ table: String? = nil, to text: inout TextBuffer) {
        text.append("DROP ")
        text.append(kind)
        text.append(" IF EXISTS ")
        text.append(database)
        if let table {
            text.append(byte: UInt8(ascii: "."))
            text.append(table)
        }
    }

    /// `CREATE DATABASE IF NOT EXISTS` with its comment and location.
    private static func appendCreateDatabase(_ name: String, comment: String, location: String, to text: inout TextBuffer) {
        text.append("CREATE DATABASE IF NOT EXISTS ")
        text.append(name)
        text.append("\nCOMMENT '")
        text.append(comment)
        text.append("'\nLOCATION '")
        text.append(location)
        text.append(byte: UInt8(ascii: "'"))
    }

    /// Each database, then each table; a partitioned table is followed by `MSCK REPAIR TABLE`,
    /// because a new partitioned table lists no partitions and reads as empty until they are
    /// registered: MSCK REPAIR TABLE adds the Hive-style folders (`dt=2024-01-01/`) below the
    /// table's location (https://docs.aws.amazon.com/athena/latest/ug/msck-repair-table.html,
    /// https://docs.aws.amazon.com/athena/latest/ug/partitions.html). Partitions added later need
    /// it again, or `ALTER TABLE … ADD PARTITION`.
    static func sourceStatements(_ source: Pipeline.Source) -> SQLStatements {
        var statements = SQLStatements(capacity: 512 * source.databases.reduce(0) { $0 + $1.tables.count + 1 })
        for database in source.databases {
            statements.append { text in
                appendCreateDatabase(
                    database.name, comment: "Source database for cross-account data copy",
                    location: CatalogLayout.sourceDatabaseLocation(bucket: source.bucket, database: database.name), to: &text)
            }
            // Indices, not elements, here and below: each table would be copied whole.
            for index in database.tables.indices {
                let name = database.tables[index].name
                let location = CatalogLayout.sourceTableLocationPieces(
                    bucket: source.bucket, database: database.name, table: name, prefix: database.tables[index].dataPrefix)
                statements.append { text in
                    appendCreateTable(
                        (database.name, name), columns: database.tables[index].columns, partitionKeys: database.tables[index].partitionKeys,
                        format: .textfile, location: location, properties: sourceTableProperties, to: &text)
                }
                if database.tables[index].isPartitioned {
                    statements.append { text in
                        text.append("MSCK REPAIR TABLE ")
                        text.append(database.name)
                        text.append(byte: UInt8(ascii: "."))
                        text.append(name)
                    }
                }
            }
        }
        return statements
    }

    /// The target tables in their own columns (`targetColumns`) and format. No partitions to
    /// register: the tables start empty, and INSERT INTO and CTAS add the partitions they write.
    static func targetStatements(pipeline: Pipeline, names: ResourceNames) -> SQLStatements {
        var statements = SQLStatements(capacity: 512 * (pipeline.tableCount + 1))
        let bucket = names.targetBucketName
        statements.append { text in
            appendCreateDatabase(
                pipeline.targetDatabase, comment: "Target database for cross-account data copy",
                location: CatalogLayout.targetDatabaseLocation(bucket: bucket), to: &text)
        }
        for source in pipeline.sources {
            for database in source.databases {
                for index in database.tables.indices {
                    let name = database.tables[index].targetTable
                    let format = database.tables[index].format
                    statements.append { text in
                        appendCreateTable(
                            (pipeline.targetDatabase, name), columns: database.tables[index].targetColumnList,
                            partitionKeys: database.tables[index].partitionKeys, format: format,
                            location: CatalogLayout.targetTableLocationPieces(bucket: bucket, table: name),
                            properties: targetTableProperties(format), to: &text)
                    }
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
        case .textfile: return textTargetTableProperties
        case .parquet(let compression): return ["'parquet.compression' = '\(compression.parquetCodecName)'", "'classification' = 'parquet'"]
        }
    }

    static let textTargetTableProperties = ["'classification' = 'csv'"]

    /// How the files are stored: the seed's comma-separated text, or Parquet
    /// (https://docs.aws.amazon.com/athena/latest/ug/create-table.html).
    static func storageClause(_ format: Pipeline.StorageFormat) -> String {
        switch format {
        case .textfile: return "ROW FORMAT DELIMITED\nFIELDS TERMINATED BY ','\nSTORED AS TEXTFILE"
        case .parquet: return "STORED AS PARQUET"
        }
    }

    /// `CREATE EXTERNAL TABLE` of `<database>.<table>`, its location given in pieces.
    static func appendCreateTable(
        _ name: (database: String, table: String), columns: [Pipeline.Column], partitionKeys: [Pipeline.Column] = [],
        format: Pipeline.StorageFormat, location: [String], properties: [String], to text: inout TextBuffer
    ) {
        // One byte buffer, appended to in order: no string per column, no lists joined. The
        // columns are read in place, by index: enumerating them copies each.
        func appendDefinitions(_ columns: [Pipeline.Column], to text: inout TextBuffer) {
            for index in columns.indices {
                if index > 0 { text.append(",\n") }
                text.append(byte: UInt8(ascii: "`"))
                text.append(columns[index].name)
                text.append("` ")
                text.append(columns[index].type)
                if let comment = columns[index].comment {
                    text.append(" COMMENT '")
                    text.appendSQLQuoted(comment)
                    text.append(byte: UInt8(ascii: "'"))
                }
            }
        }
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
    }
}
