import CloudFormation
import Constructs
import CrossAccountGlue
import XCTest

/// Issue 11's table shapes in the config: `partitionKeys`, `format` and `compression`, and
/// `targetColumns` checked against the source's columns at synth time.
final class TableShapeConfigTests: XCTestCase {
    func config(_ text: String) -> Result<AppConfig, SynthesisError> {
        ConfigurationLoader.context(fromFile: Array(text.utf8), path: "synth.json")
            .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "synth.json") }
    }

    func table(_ fields: String, context: String = "") -> String {
        #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "# + context
            + #""sources": [{"accountId": "111111111111", "databases": [{"name": "db", "tables": [{"name": "t""# + fields + "}]}]}]}}"
    }

    func parsedTable(_ fields: String, context: String = "") throws -> Pipeline.Table {
        try XCTUnwrap(try config(table(fields, context: context)).get().pipeline?.tables.first?.table)
    }

    func problems(_ fields: String, context: String = "") -> String {
        guard case .failure(let error) = config(table(fields, context: context)) else { return "" }
        return error.description
    }

    static let columns = #", "columns": [{"name": "id", "type": "int"}, {"name": "amount", "type": "decimal(10,2)"}]"#

    // MARK: Partition keys

    func testPartitionKeysAreReadInOrderAndGoLastInTheSelectList() throws {
        let parsed = try parsedTable(
            Self.columns + #", "partitionKeys": [{"name": "dt", "type": "string"}, {"name": "region", "type": "varchar(8)"}]"#)
        XCTAssertEqual(parsed.partitionKeys.map(\.name), ["dt", "region"])
        XCTAssertTrue(parsed.isPartitioned)
        let plan = CopyPlan(
            pipeline: try XCTUnwrap(try config(table(Self.columns + #", "partitionKeys": [{"name": "dt", "type": "string"}]"#)).get().pipeline))
        XCTAssertEqual(plan.jobs[0].selectList, #""id", "amount", "dt""#)
        XCTAssertEqual(plan.jobs[0].partitionKeys, ["dt"])
        XCTAssertEqual(plan.partitionedJobs.count, 1)
        XCTAssertFalse(try parsedTable("").isPartitioned)
        XCTAssertEqual(CopyPlan(pipeline: try XCTUnwrap(try config(table("")).get().pipeline)).partitionedJobs.count, 0)
    }

    func testPartitionKeysMustBePrimitiveUniqueAndApartFromTheColumns() {
        XCTAssertTrue(
            problems(#", "partitionKeys": [{"name": "tags", "type": "array<string>"}]"#)
                .contains(#"tables[0].partitionKeys[0].type: "array<string>" cannot type a partition key"#))
        XCTAssertTrue(problems(#", "partitionKeys": [{"name": "blob", "type": "binary"}]"#).contains("cannot type a partition key"))
        XCTAssertTrue(problems(#", "partitionKeys": [{"name": "dt", "type": "strin"}]"#).contains(#""strin" is not a Hive column type"#))
        XCTAssertTrue(
            problems(#", "partitionKeys": [{"name": "dt", "type": "date"}, {"name": "dt", "type": "int"}]"#)
                .contains(#"partitionKeys: partition key "dt" is listed twice"#))
        XCTAssertTrue(
            problems(Self.columns + #", "partitionKeys": [{"name": "id", "type": "int"}]"#)
                .contains(#""id" is both a column and a partition key"#))
        XCTAssertTrue(problems(#", "partitionKeys": []"#).contains("partitionKeys: is empty"))
        for type in ["string", "int", "bigint", "date", "decimal(10,2)", "varchar(10)", "char(2)", "boolean", "timestamp"] {
            XCTAssertEqual(problems(#", "partitionKeys": [{"name": "k", "type": "\#(type)"}]"#), "", type)
        }
    }

    func testThePartitionsModeNeedsPartitionKeys() throws {
        XCTAssertTrue(
            problems(#", "copyMode": "partitions""#)
                .contains(#"tables[0].copyMode: copies partitions, but the table lists no partitionKeys"#))
        XCTAssertTrue(
            problems("", context: #""copyMode": "partitions", "#)
                .contains(#"tables[0]: copies partitions, but the table lists no partitionKeys"#))
        XCTAssertEqual(try parsedTable(#", "copyMode": "partitions", "partitionKeys": [{"name": "dt", "type": "string"}]"#).copyMode, .partitions)
    }

    // MARK: Format

    func testTheFormatIsTextUnlessParquetIsAskedForWithSnappyByDefault() throws {
        XCTAssertEqual(try parsedTable("").format, .textfile)
        XCTAssertEqual(try parsedTable(#", "format": "textfile""#).format, .textfile)
        XCTAssertEqual(try parsedTable(#", "format": "parquet""#).format, .parquet(.snappy))
        for compression in Pipeline.ParquetCompression.allCases {
            XCTAssertEqual(try parsedTable(#", "format": "parquet", "compression": "\#(compression.rawValue)""#).format, .parquet(compression))
        }
    }

    func testUnknownFormatsAndCompressionsAreRefusedWithTheChoices() {
        XCTAssertTrue(
            problems(#", "format": "parquett""#)
                .contains(#"tables[0].format: "parquett" is not a storage format; did you mean "parquet"? (use "textfile" or "parquet")"#))
        XCTAssertTrue(problems(#", "format": "orc""#).contains(#""orc" is not a storage format"#))
        XCTAssertTrue(
            problems(#", "format": "parquet", "compression": "lzo""#)
                .contains(#"tables[0].compression: "lzo" is not a Parquet compression Athena writes (use "snappy", "gzip", "zstd" or "none")"#))
        XCTAssertTrue(problems(#", "compression": "gzip""#).contains(#"tables[0].compression: applies only to "format": "parquet""#))
        XCTAssertTrue(problems(#", "format": 1"#).contains("a number is not a storage format"))
    }

    // MARK: Target columns

    func testTargetColumnsThatWidenTheSourcesTypesAreAccepted() throws {
        let parsed = try parsedTable(
            Self.columns + #", "targetColumns": [{"name": "id", "type": "bigint"}, {"name": "amount", "type": "decimal(12,2)", "comment": "yen"}]"#)
        XCTAssertEqual(parsed.targetColumnList.map(\.type), ["bigint", "decimal(12,2)"])
        XCTAssertEqual(parsed.columns.map(\.type), ["int", "decimal(10,2)"], "the source keeps its own")
        XCTAssertEqual(try parsedTable(Self.columns).targetColumnList, try parsedTable(Self.columns).columns)
    }

    func testTargetColumnsThatCannotTakeTheRowsNameBothTablesAndTheFirstMismatch() {
        let narrower = problems(Self.columns + #", "targetColumns": [{"name": "id", "type": "int"}, {"name": "amount", "type": "decimal(8,2)"}]"#)
        XCTAssertTrue(
            narrower.contains(
                "tables[0].targetColumns[1]: cm_kasama_cross_account_target_db.t_copy cannot take the rows of source_catalog.db.t: column `amount` is decimal(10,2) in the source, which decimal(8,2) in the target cannot hold"
            ),
            narrower)
        let swapped = problems(Self.columns + #", "targetColumns": [{"name": "amount", "type": "decimal(10,2)"}, {"name": "id", "type": "int"}]"#)
        XCTAssertTrue(
            swapped.contains(
                "tables[0].targetColumns[0]: cm_kasama_cross_account_target_db.t_copy cannot take the rows of source_catalog.db.t: column 1 is `id` in the source but `amount` in the target (the target lists `id` in another place: same order needed)"
            ),
            swapped)
        let fewer = problems(Self.columns + #", "targetColumns": [{"name": "id", "type": "int"}]"#)
        XCTAssertTrue(
            fewer.contains(
                "tables[0].targetColumns: cm_kasama_cross_account_target_db.t_copy cannot take the rows of source_catalog.db.t: the source has 2 columns and the target 1: after column 1, the source has `amount`"
            ), fewer)
        let more = problems(
            Self.columns
                + #", "targetTable": "copy", "targetColumns": [{"name": "id", "type": "int"}, {"name": "amount", "type": "decimal(10,2)"}, {"name": "x", "type": "int"}]"#
        )
        XCTAssertTrue(
            more.contains(
                "tables[0].targetColumns[2]: cm_kasama_cross_account_target_db.copy cannot take the rows of source_catalog.db.t: the source has 2 columns and the target 3: after column 2, the target has `x`"
            ), more)
        XCTAssertTrue(problems(#", "targetColumns": [{"name": "id", "type": "int"}]"#).contains("targetColumns: needs the source's columns"))
    }

    func testTypeCompatibilityWidensButNeverNarrows() {
        let holds: [(String, String)] = [
            ("int", "int"), ("int", "INTEGER"), ("tinyint", "smallint"), ("smallint", "bigint"), ("int", "bigint"), ("float", "double"),
            ("decimal(10,2)", "decimal(11,2)"), ("decimal(10,2)", "decimal(11,3)"), ("decimal", "decimal(10,0)"), ("decimal(5)", "decimal(6,1)"),
            ("varchar(10)", "varchar(10)"), ("varchar(10)", "varchar(20)"), ("varchar(10)", "string"), ("char(3)", "string"),
            ("array<int>", "array< int >"),
        ]
        for (source, target) in holds {
            XCTAssertTrue(ColumnCompatibility.canHold(target: target, source: source), "\(source) → \(target)")
        }
        let refuses: [(String, String)] = [
            ("bigint", "int"), ("int", "smallint"), ("double", "float"), ("int", "string"), ("string", "varchar(10)"),
            ("varchar(20)", "varchar(10)"), ("decimal(10,2)", "decimal(10,3)"), ("decimal(10,2)", "decimal(9,2)"),
            ("decimal(10,2)", "decimal(10,1)"), ("date", "timestamp"), ("array<int>", "array<bigint>"), ("char(3)", "char(4)"),
        ]
        for (source, target) in refuses {
            XCTAssertFalse(ColumnCompatibility.canHold(target: target, source: source), "\(source) → \(target)")
        }
    }
}
