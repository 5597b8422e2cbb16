import CloudFormation
import Constructs
import CrossAccountGlue
import Foundation
import XCTest

/// Issue 11 for partitioned tables: a page of at most 100 partitions per statement in every mode,
/// `partitions` stages and registers only what the target lacks, `replace` switches partitions.
final class PartitionCopyTests: XCTestCase {
    static let config = TestSupport.fixtures.appendingPathComponent("partitions.json")
    static let snapshots = TestSupport.fixtures.appendingPathComponent("snapshots/partitions")

    func config(_ text: String) throws -> AppConfig {
        try ConfigurationLoader.context(fromFile: Array(text.utf8), path: "synth.json")
            .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "synth.json") }.get()
    }

    func tables(_ count: Int, mode: String, keyType: String = "string") -> String {
        let list = (0..<count).map {
            #"{"name": "t\#($0)", "columns": [{"name": "id", "type": "int"}], "partitionKeys": [{"name": "dt", "type": "\#(keyType)"}]}"#
        }.joined(separator: ", ")
        return
            #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "copyMode": "\#(mode)", "sources": [{"accountId": "111111111111", "databases": [{"name": "db", "tables": [\#(list)]}]}]}}"#
    }

    func template(_ config: AppConfig) throws -> JSON {
        try JSONParser.parse(XCTUnwrap(try TestSupport.render(config)[CrossAccountSynthesizer.targetTemplateFile]))
    }

    func definition(_ config: AppConfig) throws -> JSON {
        try XCTUnwrap(try template(config)["Resources"]?["AthenaInsertStateMachine56546CD3"]?["Properties"]?["Definition"])
    }

    func fixture() throws -> AppConfig { try config(TestSupport.text(Self.config)) }

    // MARK: States and SQL

    func testEachPartitionedJobListsItsKeysAsSqlLiteralsAndItsCtasProperties() throws {
        let jobs = try XCTUnwrap(try definition(fixture())["States"]?["ListCopyJobs"]?["Result"]?.arrayValue)
        XCTAssertEqual(
            jobs[0]["keys"],
            .array([
                .object(["before": #""dt" = '"#, "after": "'"]),
                .object(["before": #""shard" = CAST('"#, "after": "' AS integer)"]),
            ]))
        XCTAssertEqual(jobs[1]["keys"], .array([.object(["before": #""dt" = CAST('"#, "after": "' AS date)"])]))
        XCTAssertEqual(jobs[0]["ctas"], "format = 'TEXTFILE', field_delimiter = ',', partitioned_by = ARRAY['dt', 'shard']")
        XCTAssertEqual(jobs[0]["columns"], #""id", "product", "dt", "shard""#, "partition keys come last, as CTAS and INSERT need")
        XCTAssertEqual(jobs[0]["catalogId"], "111111111111")
        XCTAssertEqual(jobs[0]["sourceTable"], "events")
    }

    func testPagesOfAHundredSourcePartitionsFromTheSourceCatalog() throws {
        let states = try XCTUnwrap(try definition(fixture())["States"]?["CopyTables"]?["ItemProcessor"]?["States"])
        XCTAssertEqual(states["ChooseMode"]?["Choices"]?[0]?["IsPresent"], .bool(true))
        XCTAssertEqual(states["ChooseMode"]?["Choices"]?[0]?["Next"], "NamePartitionRun")
        let read = try XCTUnwrap(states["ReadSourcePartitions"])
        XCTAssertEqual(read["Resource"], "arn:aws:states:::aws-sdk:glue:getPartitions")
        XCTAssertEqual(read["Arguments"]?["CatalogId"], "{% $states.input.catalogId %}")
        XCTAssertEqual(read["Arguments"]?["MaxResults"], 100)
        XCTAssertEqual(read["Arguments"]?["ExcludeColumnSchema"], .bool(true))
        XCTAssertEqual(states["ReadMoreSourcePartitions"]?["Arguments"]?["NextToken"], "{% $states.input.parts.token %}")
        XCTAssertNil(states["ReadTargetPartitions"]?["Arguments"]?["CatalogId"], "the target's own catalog")
        XCTAssertEqual(states["ReadStagedPartitions"]?["Arguments"]?["MaxResults"], 25)
        XCTAssertEqual(states["HasMoreSourcePartitions"]?["Choices"]?[0]?["Next"], "ReadMoreSourcePartitions")
        XCTAssertEqual(states["IsSourceWithinLimit"]?["Choices"]?[0]?["NumericGreaterThan"], 1_000)
    }

    func testStatementsNameTheirPartitionsAndStageIntoAFolderOfTheirOwn() throws {
        let states = try XCTUnwrap(try definition(fixture())["States"]?["CopyTables"]?["ItemProcessor"]?["States"])
        let insert = try XCTUnwrap(states["InsertPage"]?["Arguments"]?["QueryString"]?.stringValue)
        XCTAssertTrue(
            insert.hasPrefix(
                "{% 'INSERT INTO ' & $states.input.target & ' SELECT ' & $states.input.columns & ' FROM ' & $states.input.source & ' WHERE ' & $join("
            ), insert)
        XCTAssertTrue(insert.contains(#"$replace($p.values[$i], "'", "''")"#), "values are SQL literals with quotes doubled")
        let stage = try XCTUnwrap(states["StagePage"]?["Arguments"]?["QueryString"]?.stringValue)
        XCTAssertTrue(
            stage.contains(#"' WITH (external_location = ' & "'" & $states.input.run.location & 'p' & $states.input.parts.pages & '/'"#), stage)
        XCTAssertEqual(states["StagePage"]?["Catch"]?[0]?["Next"], "DropFailedPage")
        XCTAssertEqual(states["FailedPagePrefix"]?["Parameters"]?["prefix.$"], "States.Format('{}/runs/{}/p{}/', $.table, $.run.id, $.parts.pages)")
        XCTAssertEqual(states["CreatePartitions"]?["Resource"], "arn:aws:states:::aws-sdk:glue:batchCreatePartition")
        XCTAssertEqual(states["UpdatePartitions"]?["Resource"], "arn:aws:states:::aws-sdk:glue:batchUpdatePartition")
        XCTAssertEqual(states["DeleteRemovedPartitions"]?["Resource"], "arn:aws:states:::aws-sdk:glue:batchDeletePartition")
        XCTAssertEqual(states["RecordRunFolder"]?["Next"], "SplitPreviousLocation", "replace then deletes the previous run's folder")
        XCTAssertNil(states["StageCopy"], "no unpartitioned replaced table, so no CTAS of a whole table")
    }

    func testWithoutPartitionedReplaceThereIsNoPartitionSwitch() throws {
        let states = try XCTUnwrap(try definition(config(tables(1, mode: "partitions")))["States"]?["CopyTables"]?["ItemProcessor"]?["States"])
        XCTAssertNil(states["ListRemovedPartitions"])
        XCTAssertNil(states["SplitPreviousLocation"])
        XCTAssertEqual(states["HasMoreSourcePartitions"]?["Choices"]?.arrayValue?.count, 1)
    }

    func testTargetDdlDeclaresThePartitionKeys() throws {
        let ddl = try XCTUnwrap(try TestSupport.render(fixture())["target-create-database-and-table.sql"])
        XCTAssertTrue(ddl.contains("PARTITIONED BY (\n`dt` string,\n`shard` int\n)\nROW FORMAT DELIMITED"), ddl)
    }

    // MARK: IAM

    func testOnlyTheStagedTablesGetStagingAndOnlyReplacedOnesTheSwitch() throws {
        let role = try XCTUnwrap(try TestSupport.render(fixture())[CrossAccountSynthesizer.targetTemplateFile])
        let template = try JSONParser.parse(role)
        guard case .object(let resources)? = template["Resources"] else { return XCTFail("no resources") }
        let statements = resources.filter { $0.value["Type"] == "AWS::IAM::Policy" }
            .flatMap { $0.value["Properties"]?["PolicyDocument"]?["Statement"]?.arrayValue ?? [] }
        func statement(_ sid: String) -> JSON? { statements.first { $0["Sid"]?.stringValue == sid } }
        let staging = JSONWriter.render(try XCTUnwrap(statement("AllowPartitionStagingTables")))
        XCTAssertTrue(staging.contains("events_copy__staging_*") && staging.contains("sales_copy__staging_*"), staging)
        XCTAssertFalse(staging.contains("returns_copy"), "append inserts straight into its table")
        let switchPolicy = JSONWriter.render(try XCTUnwrap(statement("AllowReplacePartitionSwitch")))
        XCTAssertTrue(
            switchPolicy.contains("glue:BatchUpdatePartition") && switchPolicy.contains("table/cm_kasama_cross_account_target_db/sales_copy"))
        XCTAssertFalse(switchPolicy.contains("events_copy"))
        let deletes = JSONWriter.render(try XCTUnwrap(statement("AllowPartitionRunFolderDeletes")))
        XCTAssertTrue(deletes.contains("events_copy/runs/*") && !deletes.contains("returns_copy"), deletes)
        XCTAssertTrue(JSONWriter.render(try XCTUnwrap(statement("AllowSourceGlueCatalogReadAccess"))).contains("glue:GetPartitions"))
        XCTAssertTrue(JSONWriter.render(try XCTUnwrap(statement("AllowTargetGlueCatalogAccess"))).contains("glue:GetPartitions"))
        let appendOnly = try XCTUnwrap(try TestSupport.render(config(tables(1, mode: "append")))[CrossAccountSynthesizer.targetTemplateFile])
        XCTAssertFalse(appendOnly.contains("AllowPartition"))
        XCTAssertFalse(appendOnly.contains("glue:BatchUpdatePartition"))
        XCTAssertFalse(appendOnly.contains("RunFolderDeletes"), "append deletes nothing")
    }

    // MARK: History

    /// 25 fixed events + per table, at 1,000 partitions and every Athena start retried 4 times:
    /// append 302, partitions 1,211, replace 1,952. What fits one execution's 25,000 events stays
    /// an inline Map; one table more goes to the Distributed Map, whose child execution copies one
    /// table (1 event more than the iteration).
    func testPartitionedTablesCountTheirPagesInTheHistoryCheck() throws {
        func isDistributed(_ text: String) throws -> Bool {
            let states = try XCTUnwrap(try definition(config(text))["States"]?.objectMembers)
            return states.contains { $0.value["ItemProcessor"]?["ProcessorConfig"]?["Mode"] == "DISTRIBUTED" }
        }
        for (mode, fits) in [("append", 82), ("partitions", 20), ("replace", 12)] {
            XCTAssertFalse(try isDistributed(tables(fits, mode: mode)), mode)
            XCTAssertTrue(try isDistributed(tables(fits + 1, mode: mode)), mode)
        }
    }

    // MARK: Snapshot

    func testPartitionsFilesMatchTheirSnapshots() throws {
        let files = try TestSupport.render(fixture())
        if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
            try? FileManager.default.removeItem(at: Self.snapshots)
            try FileManager.default.createDirectory(at: Self.snapshots, withIntermediateDirectories: true)
            for (name, contents) in files { try Data(contents.utf8).write(to: Self.snapshots.appendingPathComponent(name)) }
            return
        }
        let recorded = (try? FileManager.default.contentsOfDirectory(atPath: Self.snapshots.path)) ?? []
        XCTAssertEqual(Set(recorded), Set(files.keys), "snapshot files differ; run the tests with SNAPSHOT_RECORD=1 if the change is intended")
        for (name, contents) in files {
            guard let expected = try? TestSupport.text(Self.snapshots.appendingPathComponent(name)) else { continue }
            if expected != contents {
                XCTFail(
                    "snapshots/partitions/\(name) is out of date; run with SNAPSHOT_RECORD=1 if intended.\n"
                        + UnifiedDiff.make(expected: expected, actual: contents, expectedName: name + " (recorded)", actualName: name + " (now)"))
            }
        }
    }
}
