import CloudFormation
import Constructs
import Foundation
import XCTest

@testable import CrossAccountGlue

/// Issue 11's copy modes: `append` (INSERT INTO) and `replace` (CTAS into a fresh folder, then
/// the table is switched to it and the previous copy deleted).
final class CopyModeTests: XCTestCase {
    static let config = TestSupport.fixtures.appendingPathComponent("copy-modes.json")
    static let snapshots = TestSupport.fixtures.appendingPathComponent("snapshots/copy-modes")

    func config(_ text: String) -> Result<AppConfig, SynthesisError> {
        ConfigurationLoader.context(fromFile: Array(text.utf8), path: "synth.json")
            .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "synth.json") }
    }

    func table(_ fields: String, context: String = "") -> String {
        #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "# + context
            + #""sources": [{"accountId": "111111111111", "databases": [{"name": "db", "tables": [{"name": "t""# + fields + "}]}]}]}}"
    }

    func definition(_ config: AppConfig) throws -> JSON {
        let template = try JSONParser.parse(XCTUnwrap(try TestSupport.render(config)[CrossAccountSynthesizer.targetTemplateFile]))
        return try XCTUnwrap(template["Resources"]?["AthenaInsertStateMachine56546CD3"]?["Properties"]?["Definition"])
    }

    func policy(_ config: AppConfig) throws -> String {
        try XCTUnwrap(try TestSupport.render(config)[CrossAccountSynthesizer.targetTemplateFile])
    }

    // MARK: Config

    func testTablesDefaultToAppendAndTakeThePipelinesOrTheirOwnMode() throws {
        XCTAssertEqual(try config(table("")).get().pipeline?.tables.map { $0.table.copyMode }, [nil])
        XCTAssertEqual(try config(table("")).get().pipeline?.copyMode, .append)
        let pipeline = try XCTUnwrap(try config(table("", context: #""copyMode": "replace", "#)).get().pipeline)
        XCTAssertEqual(pipeline.mode(of: pipeline.tables[0].table), .replace)
        let own = try XCTUnwrap(try config(table(#", "copyMode": "append""#, context: #""copyMode": "replace", "#)).get().pipeline)
        XCTAssertEqual(own.mode(of: own.tables[0].table), .append)
    }

    func testAnUnknownModeIsRefusedOnTheTableAndThePipeline() {
        guard case .failure(let error) = config(table(#", "copyMode": "replase""#)) else {
            return XCTFail("unknown modes accepted")
        }
        XCTAssertTrue(
            error.description.contains(
                #"context.sources[0].databases[0].tables[0].copyMode: "replase" is not a copy mode; did you mean "replace"? (use "append", "replace" or "partitions")"#
            ),
            error.description)
        guard case .failure(let number) = config(table("", context: #""copyMode": 3, "#)) else { return XCTFail("a number accepted") }
        XCTAssertTrue(number.description.contains(#"synth.json: context.copyMode: must be a string, not a number"#), number.description)
    }

    func testCopyModeWithoutSourcesIsRefused() {
        guard case .failure(let error) = config(#"{"context": {"sourceAccountId": "111111111111", "copyMode": "replace"}}"#) else {
            return XCTFail("copyMode without sources accepted")
        }
        XCTAssertTrue(error.description.contains(#"context.copyMode: only applies together with "sources""#), error.description)
    }

    func testAReplacedTableNameLeavesRoomForItsStagingTable() {
        let longest = String(repeating: "a", count: 213)
        XCTAssertNoThrow(try config(table(#", "targetTable": "\#(longest)", "copyMode": "replace""#)).get())
        XCTAssertNoThrow(try config(table(#", "targetTable": "\#(longest)a", "copyMode": "append""#)).get())
        guard case .failure(let error) = config(table(#", "targetTable": "\#(longest)a", "copyMode": "replace""#)) else {
            return XCTFail("a staging table name over 255 characters accepted")
        }
        XCTAssertTrue(error.description.contains("is 214 characters; in replace mode its staging table adds 42, over Glue's 255"), error.description)
    }

    // MARK: Rendering

    func testAnAppendedTableWithColumnsListsThemAndTheSeedKeepsSelectStar() throws {
        let single = try config(table(#", "columns": [{"name": "id", "type": "int"}, {"name": "date", "type": "string"}]"#)).get()
        let query = try XCTUnwrap(try definition(single)["States"]?["ExecuteInsertQuery"]?["Parameters"]?["QueryString"]?.stringValue)
        XCTAssertTrue(query.contains(#"SELECT "id", "date" FROM source_catalog.db.t;"#), query)
        XCTAssertTrue(try XCTUnwrap(TestSupport.render()[CrossAccountSynthesizer.targetTemplateFile]).contains("SELECT * FROM"))
    }

    func testAReplacedTableWithoutColumnsStillGivesItsCtasASelectList() throws {
        // The CTAS reads $.columns; a job list without it fails the run with States.Runtime.
        let replaced = try definition(config(table("", context: #""copyMode": "replace", "#)).get())
        let jobs = try XCTUnwrap(replaced["States"]?["ListCopyJobs"]?["Result"])
        XCTAssertEqual(jobs[0]?["columns"], "*")
        let appendOnly = try definition(config(table("")).get())
        XCTAssertNil(appendOnly["States"]?["ListCopyJobs"], "a single appended table keeps the seed's one task")
    }

    func testAReplacedTableRunsCtasAlterDropAndDeletesThePreviousCopyInPages() throws {
        let definition = try definition(config(TestSupport.text(Self.config)).get())
        let states = try XCTUnwrap(definition["States"]?["CopyTables"]?["ItemProcessor"]?["States"])
        XCTAssertEqual(definition["States"]?["CopyTables"]?["ItemProcessor"]?["StartAt"], "ChooseMode")
        XCTAssertEqual(states["ChooseMode"]?["Choices"]?[0]?["StringEquals"], "replace")
        XCTAssertEqual(states["ChooseMode"]?["Default"], "CopyTable")
        XCTAssertEqual(states["ReadPreviousCopy"]?["Resource"], "arn:aws:states:::aws-sdk:glue:getTable")
        let ctas = try XCTUnwrap(states["StageCopy"]?["Parameters"]?["QueryString.$"]?.stringValue)
        XCTAssertTrue(
            ctas.hasPrefix(
                #"States.Format('CREATE TABLE {} WITH (external_location = \'{}\', format = \'TEXTFILE\', field_delimiter = \',\') AS SELECT {} FROM {}'"#
            ), ctas)
        XCTAssertEqual(
            states["SwitchTable"]?["Parameters"]?["QueryString.$"], #"States.Format('ALTER TABLE {} SET LOCATION \'{}\'', $.target, $.run.location)"#)
        XCTAssertEqual(states["DropStaging"]?["Parameters"]?["QueryString.$"], "States.Format('DROP TABLE IF EXISTS {}', $.run.staging)")
        XCTAssertEqual(states["StageCopy"]?["Catch"]?[0]?["Next"], "DropFailedStaging")
        XCTAssertEqual(states["SwitchTable"]?["Catch"]?[0]?["Next"], "DropFailedStaging")
        XCTAssertEqual(states["ListPreviousCopy"]?["QueryLanguage"], "JSONata")
        XCTAssertEqual(states["ListPreviousCopy"]?["Resource"], "arn:aws:states:::aws-sdk:s3:listObjectsV2")
        XCTAssertEqual(states["ListPreviousCopy"]?["Arguments"]?["MaxKeys"], 250)
        XCTAssertEqual(states["ListMorePreviousCopy"]?["Arguments"]?["ContinuationToken"], "{% $states.input.listing.token %}")
        XCTAssertEqual(states["DeletePreviousCopy"]?["Resource"], "arn:aws:states:::aws-sdk:s3:deleteObjects")
        XCTAssertEqual(states["DeletedPreviousCopy"]?["Choices"]?[1]?["Next"], "ListMorePreviousCopy")
        // The guard: only s3://<target bucket>/<table>/runs/<run>/ is ever deleted.
        let guardRule = try XCTUnwrap(states["IsPreviousThisTables"]?["Choices"]?[0]?["And"]?.arrayValue)
        XCTAssertEqual(
            guardRule.map { $0["StringEquals"] ?? $0["StringEqualsPath"] },
            ["s3:", "cm-kasama-cross-account-dev-target-data", "$.table", "runs"])
        XCTAssertEqual(states["IsPreviousARunFolder"]?["Default"], "TableCopied")
        // The appended table keeps INSERT INTO with its columns.
        XCTAssertEqual(
            states["CopyTable"]?["Parameters"]?["QueryString.$"],
            "States.Format('INSERT INTO {} SELECT {} FROM {}', $.target, $.columns, $.source)")
    }

    func testReplaceIsGrantedExactlyTheStagingTablesTheTableAndItsRunFolders() throws {
        let text = try policy(config(TestSupport.text(Self.config)).get())
        for fragment in [
            "AllowReplaceStagingTables", "table/cm_kasama_cross_account_target_db/sales_copy__staging_*",
            "AllowReplaceTargetTables", "glue:UpdateTable", "cm-kasama-cross-account-dev-target-data/sales_copy/runs/*",
            "AllowReplaceRunFolderListing",
        ] {
            XCTAssertTrue(text.contains(fragment), fragment)
        }
        XCTAssertFalse(text.contains("returns_copy/runs/*"), "the appended table gets no delete")
        let appendOnly = try policy(config(table("")).get())
        XCTAssertFalse(appendOnly.contains("glue:UpdateTable"))
        XCTAssertFalse(appendOnly.contains("AllowReplace"))
    }

    func testReplacedTablesCountTheirEventsInTheHistoryCheck() throws {
        func tables(_ count: Int, mode: String) -> String {
            let list = (0..<count).map { #"{"name": "t\#($0)"}"# }.joined(separator: ", ")
            return
                #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "copyMode": "\#(mode)", "sources": [{"accountId": "111111111111", "databases": [{"name": "db", "tables": [\#(list)]}]}]}}"#
        }
        // 25 (16 + the overlap guard's 9) + n × (63 + 3 × 4 × 3) = 25 + 99n ≤ 25,000: 252 tables fit, 253 do not.
        // Over the inline Map's quota a plan renders as a Distributed Map instead (DistributedMapTests),
        // so the inline check is read where it decides.
        func historyProblem(_ text: String) -> String? {
            guard let pipeline = try? config(text).get().pipeline else { return nil }
            let error = StateMachineQuotas.inlineProblems(plan: CopyPlan(pipeline: pipeline), at: "context.sources")
                .map(\.description).joined(separator: "\n")
            return error.contains("events in one execution's history") ? error : nil
        }
        XCTAssertNil(historyProblem(tables(252, mode: "replace")))
        let problem = try XCTUnwrap(historyProblem(tables(253, mode: "replace")))
        XCTAssertTrue(problem.contains("99 per replaced table"), problem)
        XCTAssertTrue(problem.contains("at most 252 tables"), problem)
        XCTAssertNil(historyProblem(tables(253, mode: "append")))

        // Mixed, the history can be exactly full: 25 + 1,020 appended × (10 + 2 for the mode Choice
        // + 4 retries × 3) + 5 replaced × 99 = 25,000 events fit; one more appended table does not.
        func mixed(appended: Int) -> String {
            let list = (0..<(appended + 5)).map { #"{"name": "t\#($0)"\#($0 < 5 ? #", "copyMode": "replace""# : "")}"# }.joined(separator: ", ")
            return
                #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "sources": [{"accountId": "111111111111", "databases": [{"name": "db", "tables": [\#(list)]}]}]}}"#
        }
        XCTAssertNil(historyProblem(mixed(appended: 1_020)), "exactly 25,000 events fit")
        let over = try XCTUnwrap(historyProblem(mixed(appended: 1_021)))
        XCTAssertTrue(over.contains("25024 events"), over)
    }

    // MARK: Snapshot

    func testCopyModesFilesMatchTheirSnapshots() throws {
        let files = try TestSupport.render(config(TestSupport.text(Self.config)).get())
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
                    "snapshots/copy-modes/\(name) is out of date; run with SNAPSHOT_RECORD=1 if intended.\n"
                        + UnifiedDiff.make(expected: expected, actual: contents, expectedName: name + " (recorded)", actualName: name + " (now)"))
            }
        }
    }
}
