import Constructs

/// The Athena DDL for a pipeline whose tables list their columns, in the seed's style: a
/// source file per account and one target file.
enum CatalogDDL {
    static func files(pipeline: Pipeline, names: ResourceNames) -> ([RenderedFile], [Diagnostic]) {
        let missing = pipeline.tables.filter { $0.table.columns.isEmpty }
        if !missing.isEmpty {
            let list = missing.prefix(3).map { "\($0.database.name).\($0.table.name)" }.joined(separator: ", ")
            return ([], [Diagnostic(.warning, at: "context.sources",
                                    "\(missing.count) table(s) list no columns (\(list)\(missing.count > 3 ? ", …" : "")), so no DDL files are rendered",
                                    hint: "list every table's columns to have synth render the DDL, or create the tables yourself")])
        }
        var files: [RenderedFile] = []
        for source in pipeline.sources {
            let name = pipeline.sources.count == 1
                ? CrossAccountSynthesizer.sourceDDLFile : "source-create-database-and-table-\(source.accountId).sql"
            files.append(RenderedFile(name: name, contents: sourceDDL(source)))
        }
        files.append(RenderedFile(name: CrossAccountSynthesizer.targetDDLFile, contents: targetDDL(pipeline: pipeline, names: names)))
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
        statements.map { $0 + ";" }.joined(separator: "\n\n") + "\n"
    }

    /// The DROP statements that undo the CREATE statements of a source account, tables first.
    static func sourceDrops(_ source: Pipeline.Source) -> [String] {
        source.databases.reversed().flatMap { database in
            database.tables.reversed().map { "DROP TABLE IF EXISTS \(database.name).\($0.name)" } + ["DROP DATABASE IF EXISTS \(database.name)"]
        }
    }

    static func targetDrops(pipeline: Pipeline) -> [String] {
        pipeline.tables.reversed().map { "DROP TABLE IF EXISTS \(pipeline.targetDatabase).\($0.table.targetTable)" }
            + ["DROP DATABASE IF EXISTS \(pipeline.targetDatabase)"]
    }

    static func sourceStatements(_ source: Pipeline.Source) -> [String] {
        var statements: [String] = []
        for database in source.databases {
            statements.append("""
                CREATE DATABASE IF NOT EXISTS \(database.name)
                COMMENT 'Source database for cross-account data copy'
                LOCATION '\(CatalogLayout.sourceDatabaseLocation(bucket: source.bucket, database: database.name))'
                """)
            for table in database.tables {
                statements.append(createTable(
                    "\(database.name).\(table.name)", columns: table.columns,
                    location: CatalogLayout.sourceTableLocation(bucket: source.bucket, prefix: table.dataPrefix(in: database)),
                    properties: ["'skip.header.line.count' = '\(CatalogLayout.sourceHeaderRows)'", "'classification' = 'csv'"],
                    partitionKeys: table.partitionKeys))
            }
        }
        return statements
    }

    static func targetStatements(pipeline: Pipeline, names: ResourceNames) -> [String] {
        var statements = ["""
            CREATE DATABASE IF NOT EXISTS \(pipeline.targetDatabase)
            COMMENT 'Target database for cross-account data copy'
            LOCATION '\(CatalogLayout.targetDatabaseLocation(bucket: names.targetBucketName))'
            """]
        for entry in pipeline.tables {
            statements.append(createTable(
                "\(pipeline.targetDatabase).\(entry.table.targetTable)", columns: entry.table.columns,
                location: CatalogLayout.targetTableLocation(bucket: names.targetBucketName, table: entry.table.targetTable),
                properties: ["'classification' = 'csv'"], partitionKeys: entry.table.partitionKeys))
        }
        return statements
    }

    static func createTable(_ name: String, columns: [Pipeline.Column], location: String, properties: [String],
                            partitionKeys: [Pipeline.Column] = []) -> String {
        let partitioned = partitionKeys.isEmpty ? ""
            : "PARTITIONED BY (\(partitionKeys.map { "`\($0.name)` \($0.type)" }.joined(separator: ", ")))\n"
        let columnLines = columns.map { column -> String in
            var line = "`\(column.name)` \(column.type)"
            if let comment = column.comment { line += " COMMENT '\(comment.replacingAll("'", with: "''"))'" }
            return line
        }
        return """
            CREATE EXTERNAL TABLE IF NOT EXISTS \(name) (
            \(columnLines.joined(separator: ",\n"))
            )
            \(partitioned)ROW FORMAT DELIMITED
            FIELDS TERMINATED BY ','
            STORED AS TEXTFILE
            LOCATION '\(location)'
            TBLPROPERTIES (
            \(properties.joined(separator: ",\n"))
            )
            """
    }
}

import CloudFormation
