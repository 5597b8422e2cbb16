import CloudFormation
import Constructs
import CrossAccountGlue
import XCTest

/// Issue 11's table shapes as synth renders them: `PARTITIONED BY` and `MSCK REPAIR TABLE` in
/// the DDL, the target's own columns and format (Parquet with its codec) in the DDL and the
/// Glue tables, and the replace mode's CTAS in each table's format.
final class TableShapeRenderingTests: XCTestCase {
    static let columns = #", "columns": [{"name": "id", "type": "int"}, {"name": "amount", "type": "decimal(10,2)"}]"#
    static let partitioned = #", "partitionKeys": [{"name": "dt", "type": "string"}, {"name": "region", "type": "varchar(8)"}]"#
    static let parquet = #", "format": "parquet""#
    static let widened = #", "targetColumns": [{"name": "id", "type": "bigint"}, {"name": "amount", "type": "decimal(12,2)"}]"#

    /// Tables `db.t`, `db.t1`, … (copied to `t_copy`, `t1_copy`, …), each with its `fields`.
    func config(tables: [String], context: String = "") throws -> AppConfig {
        let list = tables.enumerated().map { #"{"name": "t\#($0.offset == 0 ? "" : String($0.offset))""# + $0.element + "}" }
        let text =
            #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "# + context
            + #""sources": [{"accountId": "111111111111", "databases": [{"name": "db", "tables": ["# + list.joined(separator: ", ") + "]}]}]}}"
        return try ConfigurationLoader.context(fromFile: Array(text.utf8), path: "synth.json")
            .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "synth.json") }.get()
    }

    func files(_ fields: String, context: String = "") throws -> [String: String] {
        try TestSupport.render(config(tables: [fields], context: context))
    }

    func sourceDDL(_ fields: String) throws -> String {
        try XCTUnwrap(files(fields)[CrossAccountSynthesizer.sourceDDLFile])
    }

    func targetDDL(_ fields: String) throws -> String {
        try XCTUnwrap(files(fields)[CrossAccountSynthesizer.targetDDLFile])
    }

    /// The `TableInput` of the one Glue table in `file` (catalog as code).
    func tableInput(_ fields: String, in file: String) throws -> JSON {
        let template = try JSONParser.parse(XCTUnwrap(files(fields, context: #""catalogAsCode": true, "#)[file]))
        guard case .object(let resources)? = template["Resources"] else { throw TemplateShapeError.noResources(file) }
        let tables = resources.filter { $0.value["Type"] == "AWS::Glue::Table" }
        XCTAssertEqual(tables.count, 1)
        return try XCTUnwrap(tables.first?.value["Properties"]?["TableInput"])
    }

    enum TemplateShapeError: Error {
        case noResources(String)
    }

    // MARK: DDL

    func testAnUnpartitionedTextTableKeepsTheSeedsDDL() throws {
        let target = try targetDDL(Self.columns)
        XCTAssertTrue(
            target.contains(
                """
                CREATE EXTERNAL TABLE IF NOT EXISTS cm_kasama_cross_account_target_db.t_copy (
                `id` int,
                `amount` decimal(10,2)
                )
                ROW FORMAT DELIMITED
                FIELDS TERMINATED BY ','
                STORED AS TEXTFILE
                LOCATION 's3://cm-kasama-cross-account-dev-target-data/t_copy/'
                TBLPROPERTIES (
                'classification' = 'csv'
                );
                """), target)
        let source = try sourceDDL(Self.columns)
        XCTAssertFalse(source.contains("PARTITIONED BY"))
        XCTAssertFalse(source.contains("MSCK"))
    }

    func testAPartitionedTableIsPartitionedOnBothSidesAndOnlyTheSourceRegistersItsPartitions() throws {
        let source = try sourceDDL(Self.columns + Self.partitioned)
        XCTAssertTrue(
            source.contains(
                """
                `amount` decimal(10,2)
                )
                PARTITIONED BY (
                `dt` string,
                `region` varchar(8)
                )
                ROW FORMAT DELIMITED
                """), source)
        XCTAssertTrue(
            source.hasSuffix(
                """
                'classification' = 'csv'
                );

                MSCK REPAIR TABLE db.t;

                """), source)
        let target = try targetDDL(Self.columns + Self.partitioned)
        XCTAssertTrue(target.contains("PARTITIONED BY (\n`dt` string,\n`region` varchar(8)\n)\nROW FORMAT DELIMITED"), target)
        XCTAssertFalse(target.contains("MSCK"), "the target starts empty; INSERT INTO and CTAS register what they write")
    }

    func testAParquetTargetIsStoredAsParquetWithItsCodecAndTheSourceStaysCSV() throws {
        let target = try targetDDL(Self.columns + Self.parquet)
        XCTAssertTrue(
            target.contains(
                """
                `amount` decimal(10,2)
                )
                STORED AS PARQUET
                LOCATION 's3://cm-kasama-cross-account-dev-target-data/t_copy/'
                TBLPROPERTIES (
                'parquet.compression' = 'SNAPPY',
                'classification' = 'parquet'
                );
                """), target)
        XCTAssertFalse(target.contains("ROW FORMAT"))
        XCTAssertTrue(try targetDDL(Self.columns + Self.parquet + #", "compression": "gzip""#).contains("'parquet.compression' = 'GZIP'"))
        XCTAssertTrue(
            try targetDDL(Self.columns + Self.parquet + #", "compression": "none""#).contains("'parquet.compression' = 'UNCOMPRESSED'"),
            "Parquet's codec name for none")
        let source = try sourceDDL(Self.columns + Self.parquet)
        XCTAssertTrue(source.contains("STORED AS TEXTFILE"))
        XCTAssertFalse(source.contains("PARQUET"))
    }

    func testAPartitionedParquetTargetHasBoth() throws {
        let target = try targetDDL(Self.columns + Self.partitioned + Self.parquet + #", "compression": "zstd""#)
        XCTAssertTrue(
            target.contains(
                """
                PARTITIONED BY (
                `dt` string,
                `region` varchar(8)
                )
                STORED AS PARQUET
                LOCATION 's3://cm-kasama-cross-account-dev-target-data/t_copy/'
                TBLPROPERTIES (
                'parquet.compression' = 'ZSTD',
                """), target)
    }

    func testTheTargetDDLUsesTheTargetColumnsAndTheSourceDDLTheSourceColumns() throws {
        let target = try targetDDL(Self.columns + Self.widened)
        XCTAssertTrue(target.contains("`id` bigint,\n`amount` decimal(12,2)\n)"), target)
        XCTAssertFalse(target.contains("`id` int"))
        let source = try sourceDDL(Self.columns + Self.widened)
        XCTAssertTrue(source.contains("`id` int,\n`amount` decimal(10,2)\n)"), source)
        XCTAssertFalse(source.contains("bigint"))
    }

    // MARK: Glue tables (catalog as code)

    func testAParquetTargetGlueTableHasTheParquetSerDeFormatsAndCodec() throws {
        let input = try tableInput(Self.columns + Self.parquet + #", "compression": "gzip""#, in: CrossAccountSynthesizer.targetTemplateFile)
        let storage = try XCTUnwrap(input["StorageDescriptor"])
        XCTAssertEqual(storage["InputFormat"], "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
        XCTAssertEqual(storage["OutputFormat"], "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
        XCTAssertEqual(storage["SerdeInfo"]?["SerializationLibrary"], "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
        XCTAssertEqual(storage["SerdeInfo"]?["Parameters"], .object(["serialization.format": "1"]))
        XCTAssertEqual(input["Parameters"], .object(["classification": "parquet", "parquet.compression": "GZIP"]))
        XCTAssertNil(input["PartitionKeys"])
    }

    func testATextTargetGlueTableKeepsLazySimpleSerDe() throws {
        let input = try tableInput(Self.columns, in: CrossAccountSynthesizer.targetTemplateFile)
        let storage = try XCTUnwrap(input["StorageDescriptor"])
        XCTAssertEqual(storage["InputFormat"], "org.apache.hadoop.mapred.TextInputFormat")
        XCTAssertEqual(storage["SerdeInfo"]?["SerializationLibrary"], "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe")
        XCTAssertEqual(storage["SerdeInfo"]?["Parameters"], .object(["field.delim": ",", "serialization.format": ","]))
        XCTAssertEqual(input["Parameters"], .object(["classification": "csv"]))
    }

    func testGlueTablesGetThePartitionKeysOnBothSides() throws {
        let expected: JSON = .array([.object(["Name": "dt", "Type": "string"]), .object(["Name": "region", "Type": "varchar(8)"])])
        XCTAssertEqual(try tableInput(Self.columns + Self.partitioned, in: CrossAccountSynthesizer.targetTemplateFile)["PartitionKeys"], expected)
        XCTAssertEqual(try tableInput(Self.columns + Self.partitioned, in: "source-catalog-stack-111111111111.json")["PartitionKeys"], expected)
    }

    func testTheTargetGlueTableHasTheTargetColumnsAndTheSourceTableTheSourceColumns() throws {
        func types(_ input: JSON) -> [String] {
            input["StorageDescriptor"]?["Columns"]?.arrayValue?.compactMap { $0["Type"]?.stringValue } ?? []
        }
        XCTAssertEqual(
            types(try tableInput(Self.columns + Self.widened, in: CrossAccountSynthesizer.targetTemplateFile)), ["bigint", "decimal(12,2)"])
        let source = try tableInput(Self.columns + Self.widened + Self.parquet, in: "source-catalog-stack-111111111111.json")
        XCTAssertEqual(types(source), ["int", "decimal(10,2)"])
        XCTAssertEqual(source["Parameters"], .object(["classification": "csv", "skip.header.line.count": "1"]), "the source stays CSV")
    }

    // MARK: CTAS (replace mode)

    func testEachFormatHasItsCtasProperties() throws {
        let plan = CopyPlan(pipeline: try XCTUnwrap(try config(tables: ["", Self.parquet, Self.parquet + #", "compression": "gzip""#]).pipeline))
        XCTAssertEqual(
            plan.jobs.map(\.ctasProperties),
            [
                "format = 'TEXTFILE', field_delimiter = ','",
                "format = 'PARQUET', write_compression = 'SNAPPY'",
                "format = 'PARQUET', write_compression = 'GZIP'",
            ])
    }

    func stageCopy(_ config: AppConfig) throws -> (query: String, jobs: [JSON]) {
        let template = try JSONParser.parse(XCTUnwrap(try TestSupport.render(config)[CrossAccountSynthesizer.targetTemplateFile]))
        let definition = try XCTUnwrap(template["Resources"]?["AthenaInsertStateMachine56546CD3"]?["Properties"]?["Definition"])
        let query = try XCTUnwrap(
            definition["States"]?["CopyTables"]?["ItemProcessor"]?["States"]?["StageCopy"]?["Parameters"]?["QueryString.$"]?.stringValue)
        return (query, try XCTUnwrap(definition["States"]?["ListCopyJobs"]?["Result"]?.arrayValue))
    }

    func testReplacedTablesOfOneFormatHaveItWrittenIntoTheCtas() throws {
        let (query, jobs) = try stageCopy(
            config(tables: [Self.parquet, Self.parquet + #", "copyMode": "append""#], context: #""copyMode": "replace", "#))
        XCTAssertEqual(
            query,
            #"States.Format('CREATE TABLE {} WITH (external_location = \'{}\', format = \'PARQUET\', write_compression = \'SNAPPY\') AS SELECT {} FROM {}', $.run.staging, $.run.location, $.columns, $.source)"#
        )
        XCTAssertTrue(jobs.allSatisfy { $0["ctasProperties"] == nil })
    }

    func testReplacedTablesOfDifferentFormatsCarryTheirOwnInTheJobList() throws {
        let plan = try config(
            tables: ["", Self.parquet + #", "compression": "zstd""#, #", "copyMode": "append""# + Self.parquet],
            context: #""copyMode": "replace", "#)
        let (query, jobs) = try stageCopy(plan)
        XCTAssertEqual(
            query,
            #"States.Format('CREATE TABLE {} WITH (external_location = \'{}\', {}) AS SELECT {} FROM {}', $.run.staging, $.run.location, $.ctasProperties, $.columns, $.source)"#
        )
        XCTAssertEqual(
            jobs.map { $0["ctasProperties"]?.stringValue },
            [
                "format = 'TEXTFILE', field_delimiter = ','", "format = 'PARQUET', write_compression = 'ZSTD'", nil,
            ], "only replaced tables run a CTAS")
        XCTAssertNil(CopyPlan(pipeline: try XCTUnwrap(plan.pipeline)).sharedCtasProperties)
    }

    func testAnAppendedParquetTableKeepsThePlainInsert() throws {
        let template = try XCTUnwrap(try files(Self.columns + Self.parquet)[CrossAccountSynthesizer.targetTemplateFile])
        XCTAssertTrue(
            template.contains(#"INSERT INTO cm_kasama_cross_account_target_db.t_copy\nSELECT \"id\", \"amount\" FROM source_catalog.db.t;"#))
        XCTAssertFalse(template.contains("PARQUET"), "Athena's INSERT INTO writes the table's own format")
    }
}
