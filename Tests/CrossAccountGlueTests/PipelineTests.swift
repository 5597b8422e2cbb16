import CloudFormation
import Constructs
import Foundation
import XCTest

@testable import CrossAccountGlue

/// `context.sources`: many accounts and tables in one pipeline.
/// Step Functions' quotas, as AWS documents them (https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html).
enum StateMachineQuotaLimits {
    static let payload = 262_144
}

final class PipelineTests: XCTestCase {
    static let multiSourceConfig = TestSupport.fixtures.appendingPathComponent("multi-source.json")
    static let snapshots = TestSupport.fixtures.appendingPathComponent("snapshots/multi-source")

    func config(_ text: String, env: String = "dev") -> Result<AppConfig, SynthesisError> {
        ConfigurationLoader.context(fromFile: Array(text.utf8), path: "synth.json")
            .flatMap { ConfigurationLoader.resolve($0, envName: env, configPath: "synth.json") }
    }

    func multiSource() throws -> AppConfig {
        try config(TestSupport.text(Self.multiSourceConfig)).get()
    }

    func render(_ config: AppConfig) throws -> [String: String] {
        try TestSupport.render(config)
    }

    // MARK: Config

    func testDefaultsFollowTheNumberOfSources() throws {
        let single = try config(
            #"{"context": {"sources": [{"accountId": "111111111111", "databases": [{"name": "db", "tables": [{"name": "t"}]}]}]}}"#
        ).get()
        let source = try XCTUnwrap(single.pipeline?.sources.first)
        XCTAssertEqual(source.catalogName, "source_catalog")
        XCTAssertEqual(source.bucket, "cm-kasama-cross-account-dev-data")
        XCTAssertEqual(source.databases[0].tables[0].targetTable, "t_copy")
        XCTAssertEqual(single.pipeline?.maxConcurrency, 5)
        XCTAssertEqual(single.pipeline?.targetDatabase, "cm_kasama_cross_account_target_db")

        let many = try multiSource()
        XCTAssertEqual(many.pipeline?.sources.map(\.catalogName), ["source_111111111111", "source_333333333333"])
        XCTAssertEqual(many.pipeline?.sources.map(\.bucket), ["cm-kasama-cross-account-dev-data-111111111111", "acme-eu-sales-archive"])
    }

    func testEveryPipelineRuleIsReportedAtOnce() {
        let text = """
            {"context": {"maxConcurrency": 0, "catalogAsCode": "yes", "targetDatabase": "Bad-Name",
              "sources": [
                {"accountId": "111111111111", "databases": []},
                {"accountId": "111111111111", "bucket": "Bad_Bucket", "databases": [{"name": "db", "tables": [
                  {"name": "a", "targetTable": "same", "columns": [{"name": "x", "type": "integer(5)"}, {"name": "x", "type": "int"}]},
                  {"name": "b", "targetTable": "same", "colums": []}]}]},
                {"acountId": "1"}]}}
            """
        guard case .failure(let error) = config(text) else { return XCTFail("invalid pipeline accepted") }
        let output = error.description
        for fragment in [
            "context.maxConcurrency: must be a whole number from 1 to 40",
            "context.catalogAsCode: must be true or false",
            "context.targetDatabase: \"Bad-Name\" is not a valid Glue name",
            "context.sources[0].databases: is empty",
            "context.sources[1].bucket: bucket name \"Bad_Bucket\" may contain only lower-case letters",
            "context.sources[1].databases[0].tables[0].columns[0].type: \"integer(5)\" is not a Hive column type",
            "column \"x\" is listed twice",
            "context.sources[1].databases[0].tables[1].colums: unknown key; did you mean \"columns\"?",
            ".same is written twice",
            "context.sources[1].accountId: account 111111111111 is listed twice",
            "context.sources[2].acountId: unknown key; did you mean \"accountId\"?",
            "context.sources[2].accountId: is required",
        ] {
            XCTAssertTrue(output.contains(fragment), "missing \"\(fragment)\" in:\n\(output)")
        }
    }

    func errors(_ result: Result<AppConfig, SynthesisError>) -> String {
        if case .failure(let error) = result { return error.description }
        return ""
    }

    func testASourceThatIsTheTargetAccountIsRejectedNamingBothKeys() {
        func sources(target: String) -> String {
            #"{"context": {"targetAccountId": "\#(target)", "region": "ap-northeast-1", "sources": ["#
                + #"{"accountId": "111111111111", "databases": [{"name": "d", "tables": [{"name": "t", "targetTable": "t1"}]}]},"#
                + #"{"accountId": "222222222222", "databases": [{"name": "d", "tables": [{"name": "t", "targetTable": "t2"}]}]}]}}"#
        }
        let output = errors(config(sources(target: "222222222222")))
        XCTAssertEqual(
            output,
            "synth.json: context.sources[1].accountId: \"222222222222\" is also the target account "
                + "(synth.json: context.targetAccountId); this pipeline copies between two accounts "
                + "(list only other accounts under \"sources\", or set targetAccountId to another account)")
        XCTAssertEqual(errors(config(sources(target: "333333333333"))), "")
    }

    func testAnEmptySourceListAndMixingBothFormsAreRejected() {
        XCTAssertTrue(errors(config(#"{"context": {"sources": []}}"#)).contains("context.sources: is empty"))
        let mixed = config(
            #"{"context": {"sourceAccountId": "111111111111", "sources": [{"accountId": "111111111111", "databases": [{"name": "d", "tables": [{"name": "t"}]}]}]}}"#
        )
        XCTAssertTrue(errors(mixed).contains("cannot be combined with \"sources\""), errors(mixed))
        let stray = config(#"{"context": {"sourceAccountId": "111111111111", "maxConcurrency": 3}}"#)
        XCTAssertTrue(errors(stray).contains("only applies together with \"sources\""), errors(stray))
    }

    func testHiveTypes() {
        for valid in [
            "int", "BIGINT", "string", "decimal", "decimal(10,2)", "varchar(200)", "char(1)", "array<string>",
            "map<string,int>", "struct<sku:string,qty:int>", "array<struct<a:map<string,array<int>>>>", "timestamp",
        ] {
            XCTAssertTrue(HiveType.isValid(valid), valid)
        }
        for invalid in ["", "integer(5)", "decimal(40,2)", "varchar", "array<>", "map<string>", "struct<a>", "text", "int int"] {
            XCTAssertFalse(HiveType.isValid(invalid), invalid)
        }
    }

    // MARK: Rendering

    func testASingleTableInTheSourcesFormKeepsTheSeedsTaskBehindTheOverlapCheck() throws {
        let single = try config(
            #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "sources": [{"accountId": "111111111111", "databases": [{"name": "cm_kasama_cross_account_db", "tables": [{"name": "sales", "targetTable": "sales_copy", "dataPrefix": "data/"}]}]}]}}"#
        ).get()
        let files = try render(single)
        let seed = try TestSupport.render()
        let template = try JSONParser.parse(XCTUnwrap(files[CrossAccountSynthesizer.targetTemplateFile]))
        let seedTemplate = try JSONParser.parse(XCTUnwrap(seed[CrossAccountSynthesizer.targetTemplateFile]))
        XCTAssertEqual(
            keys(template["Resources"]), keys(seedTemplate["Resources"]),
            "the seed's table described under sources keeps the seed's resources")
        let states = try XCTUnwrap(template["Resources"]?["AthenaInsertStateMachine56546CD3"]?["Properties"]?["Definition"]?["States"])
        let seedStates = try XCTUnwrap(seedTemplate["Resources"]?["AthenaInsertStateMachine56546CD3"]?["Properties"]?["Definition"]?["States"])
        XCTAssertEqual(
            keys(states),
            [
                "ListRunningExecutions", "CountOtherRuns", "IsAnotherRunInProgress", "AnotherRunInProgress",
                "ExecuteInsertQuery",
            ])
        XCTAssertEqual(states["ExecuteInsertQuery"], seedStates["ExecuteInsertQuery"], "behind the overlap check, the seed's task")
        XCTAssertEqual(files[CrossAccountSynthesizer.gluePolicyFile], seed[CrossAccountSynthesizer.gluePolicyFile])
    }

    func keys(_ json: JSON?) -> [String] {
        guard case .object(let members)? = json else { return [] }
        return members.map(\.key)
    }

    func testThePipelineFormChecksForAnotherRunAndMayListOnlyItsOwnExecutions() throws {
        let template = try JSONParser.parse(XCTUnwrap(try render(multiSource())[CrossAccountSynthesizer.targetTemplateFile]))
        let definition = try XCTUnwrap(template["Resources"]?["AthenaInsertStateMachine56546CD3"]?["Properties"]?["Definition"])
        let list = try XCTUnwrap(definition["States"]?["ListRunningExecutions"])
        XCTAssertEqual(list["Resource"], "arn:aws:states:::aws-sdk:sfn:listExecutions")
        XCTAssertEqual(list["Parameters"], ["StateMachineArn.$": "$$.StateMachine.Id", "StatusFilter": "RUNNING"])
        XCTAssertEqual(definition["States"]?["AnotherRunInProgress"]?["Error"], "AnotherRunInProgress")
        let statements = try XCTUnwrap(
            template["Resources"]?["StepFunctionsExecutionRoleDefaultPolicyD10BF6E3"]?["Properties"]?["PolicyDocument"]?["Statement"]?.arrayValue)
        let grants = statements.filter { ($0["Action"]?.arrayValue ?? [$0["Action"]].compactMap { $0 }).contains("states:ListExecutions") }
        XCTAssertEqual(
            grants,
            [
                [
                    "Action": "states:ListExecutions", "Effect": "Allow",
                    "Resource": [
                        "arn:aws:states:ap-northeast-1:222222222222:stateMachine:cm-kasama-cross-account-dev-athena-insert",
                        "arn:aws:states:ap-northeast-1:222222222222:mapRun:cm-kasama-cross-account-dev-athena-insert/*:*",
                    ],
                    "Sid": "AllowOverlapCheck",
                ]
            ])
    }

    func testTheSeedFormHasNoOverlapCheck() throws {
        let target = try XCTUnwrap(try TestSupport.render()[CrossAccountSynthesizer.targetTemplateFile])
        XCTAssertFalse(target.contains("listExecutions"))
        XCTAssertFalse(target.contains("states:ListExecutions"))
    }

    func testManyTablesRunInAMapWithRetryCatchAndAFailureAtTheEnd() throws {
        let template = try JSONParser.parse(XCTUnwrap(try render(multiSource())[CrossAccountSynthesizer.targetTemplateFile]))
        let definition = try XCTUnwrap(template["Resources"]?["AthenaInsertStateMachine56546CD3"]?["Properties"]?["Definition"])
        XCTAssertEqual(definition["StartAt"], "ListRunningExecutions", "the overlap check runs first")
        XCTAssertEqual(definition["States"]?["IsAnotherRunInProgress"]?["Default"], "ListCopyJobs")
        let jobs = try XCTUnwrap(definition["States"]?["ListCopyJobs"]?["Result"]?.arrayValue)
        XCTAssertEqual(
            jobs,
            [
                [
                    "target": "cm_kasama_cross_account_target_db.sales_copy", "source": "source_111111111111.cm_kasama_cross_account_db.sales",
                    "columns": #""id", "product", "amount", "date""#,
                ],
                [
                    "target": "cm_kasama_cross_account_target_db.returns_copy", "source": "source_111111111111.cm_kasama_cross_account_db.returns",
                    "columns": #""id", "reason""#,
                ],
                [
                    "target": "cm_kasama_cross_account_target_db.eu_orders", "source": "source_333333333333.eu_sales.orders",
                    "columns": #""order_id", "total", "items""#,
                ],
            ])
        let map = try XCTUnwrap(definition["States"]?["CopyTables"])
        XCTAssertEqual(map["Type"], "Map")
        XCTAssertEqual(map["MaxConcurrency"], 5)
        let copy = try XCTUnwrap(map["ItemProcessor"]?["States"]?["CopyTable"])
        XCTAssertEqual(copy["Resource"], "arn:aws:states:::athena:startQueryExecution.sync")
        XCTAssertEqual(copy["Retry"]?[0]?["ErrorEquals"], ["Athena.TooManyRequestsException", "Athena.InternalServerException"])
        XCTAssertEqual(copy["Retry"]?[0]?["JitterStrategy"], "FULL")
        XCTAssertEqual(copy["Catch"]?[0]?["ErrorEquals"], ["States.ALL"])
        XCTAssertEqual(copy["Catch"]?[0]?["Next"], "TableFailed")
        XCTAssertEqual(definition["States"]?["AnyTableFailed"]?["Default"], "AllTablesCopied")
        XCTAssertEqual(definition["States"]?["CopyFailed"]?["Type"], "Fail")
    }

    func testEachSourceGetsItsCatalogPolicyAndScopedPermissions() throws {
        let files = try render(multiSource())
        XCTAssertEqual(
            Set(files.keys),
            [
                "target-stack.json", "source-stack.json", "glue-resource-policy-111111111111.json", "glue-resource-policy-333333333333.json",
                "source-catalog-stack-111111111111.json", "source-catalog-stack-333333333333.json",
                "source-create-database-and-table-111111111111.sql", "source-create-database-and-table-333333333333.sql",
                "target-create-database-and-table.sql", "deploy-plan.sh", "architecture.mmd", "architecture.dot",
            ])
        let target = try XCTUnwrap(files["target-stack.json"])
        XCTAssertTrue(target.contains("\"SourceDataCatalog111111111111\""))
        XCTAssertTrue(target.contains("\"SourceDataCatalog333333333333\""))
        XCTAssertTrue(target.contains("arn:aws:glue:ap-northeast-1:333333333333:table/eu_sales/orders"))
        XCTAssertTrue(target.contains("arn:aws:s3:::acme-eu-sales-archive/eu_sales/orders/*"), "only the table's folder is readable")
        XCTAssertFalse(target.contains("arn:aws:s3:::acme-eu-sales-archive/*"), "not the whole source bucket")
        XCTAssertFalse(target.contains("table/eu_sales/*"), "small pipelines are scoped per table")
        let policy = try XCTUnwrap(files["glue-resource-policy-333333333333.json"])
        XCTAssertTrue(policy.contains("arn:aws:glue:ap-northeast-1:333333333333:table/eu_sales/orders"))
        XCTAssertFalse(policy.contains("111111111111"), "each account's policy names only its own catalog")
        let source = try XCTUnwrap(files["source-stack.json"])
        XCTAssertTrue(source.contains("\"Fn::FindInMap\""), "custom bucket names are looked up by account")
    }

    func testAHundredAccountsWithTenTablesEachStayWithinEveryQuota() throws {
        let sources = (0..<100).map { index -> String in
            let tables = (0..<10).map { #"{"name": "t\#($0)", "targetTable": "a\#(index)_t\#($0)"}"# }.joined(separator: ",")
            return #"{"accountId": "\#(100_000_000_000 + index)", "databases": [{"name": "sales_db", "tables": [\#(tables)]}]}"#
        }
        let text = #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "sources": [\#(sources.joined(separator: ","))]}}"#
        let scaled = try config(text).get()
        guard case .success(let rendering) = CrossAccountSynthesizer.renderWithWarnings(config: scaled, sources: try TestSupport.projectSources())
        else {
            return XCTFail("1,000 tables must render")
        }
        let warnings = rendering.warnings.map(\.description).joined(separator: "\n")
        XCTAssertTrue(warnings.contains("deploy it through S3"), warnings)
        let template = try JSONParser.parse(try XCTUnwrap(rendering.files.first { $0.name == "target-stack.json" }).contents)
        let resources = try XCTUnwrap(template["Resources"]?.objectMembers)
        XCTAssertLessThanOrEqual(resources.count, Limits.resourcesPerTemplate)
        let managed = resources.filter { $0.value["Type"] == "AWS::IAM::ManagedPolicy" }
        XCTAssertGreaterThan(managed.count, 0)
        XCTAssertLessThanOrEqual(managed.count, Limits.managedPoliciesPerRole)
        for policy in managed {
            XCTAssertLessThanOrEqual(
                JSONWriter.compactLength(try XCTUnwrap(policy.value["Properties"]?["PolicyDocument"])), Limits.managedPolicyCharacters)
        }
        let inline = try XCTUnwrap(template["Resources"]?["StepFunctionsExecutionRoleDefaultPolicyD10BF6E3"]?["Properties"]?["PolicyDocument"])
        XCTAssertLessThanOrEqual(JSONWriter.compactLength(inline), Limits.roleInlinePolicyCharacters)
        let jobs = template["Resources"]?["AthenaInsertStateMachine56546CD3"]?["Properties"]?["Definition"]?["States"]?["ListCopyJobs"]?["Result"]?
            .arrayValue
        XCTAssertEqual(jobs?.count, 1000)
    }

    func testTooManyAccountsForOneRoleIsAClearError() throws {
        // Scoped by aws:ResourceAccount, a role holds about 1,400 accounts (AccountScopedReads).
        let sources = (0..<1_600).map {
            #"{"accountId": "\#(100_000_000_000 + $0)", "databases": [{"name": "db", "tables": [{"name": "t", "targetTable": "t\#($0)"}]}]}"#
        }
        let text = #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "sources": [\#(sources.joined(separator: ","))]}}"#
        guard case .failure(let error) = CrossAccountSynthesizer.render(config: try config(text).get(), sources: try TestSupport.projectSources())
        else {
            return XCTFail("1,600 accounts cannot fit one role")
        }
        XCTAssertTrue(error.description.contains("split the sources into several pipelines"), error.description)
    }

    /// Problems synth reports for a pipeline of `accounts` accounts with the given target table
    /// names spread evenly over them (one database `d` each).
    func quotaErrors(accounts: Int, targetTables: [String]) throws -> String {
        let perAccount = (targetTables.count + accounts - 1) / accounts
        let sources = (0..<accounts).map { account -> String in
            let tables = targetTables.enumerated().filter { $0.offset / perAccount == account }
                .map { #"{"name": "t\#($0.offset)", "targetTable": "\#($0.element)"}"# }
            return #"{"accountId": "\#(300_000_000_000 + account)", "databases": [{"name": "d", "tables": [\#(tables.joined(separator: ","))]}]}"#
        }
        let text = #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "sources": [\#(sources.joined(separator: ","))]}}"#
        switch CrossAccountSynthesizer.render(config: try config(text).get(), sources: try TestSupport.projectSources()) {
        case .success:
            // Over the inline Map's quotas the plan renders distributed; report what refused the inline form.
            let plan = CopyPlan(pipeline: try XCTUnwrap(config(text).get().pipeline))
            return StateMachineQuotas.inlineProblems(plan: plan, at: "context.sources").map(\.description).joined(separator: "\n")
        case .failure(let error): return error.description
        }
    }

    func testTheLastTableCountWhoseWorstCaseHistoryFitsPassesAndTheNextIsRefused() throws {
        // 16 events around the Map and 9 of the overlap check, 10 per table and 3 per retried start,
        // 4 retries: 22 per table. 25 + 1,135 * 22 = 24,995 events fit in 25,000; 1,136 tables need 25,017.
        let names = (0..<1_136).map { "c\($0)" }
        let fits = try quotaErrors(accounts: 10, targetTables: Array(names.prefix(1_135)))
        XCTAssertFalse(fits.contains("history"), fits)
        let over = try quotaErrors(accounts: 10, targetTables: names)
        XCTAssertTrue(
            over.contains(
                "context.sources: copying 1136 tables can take 25017 events in one execution's history (22 per table when every start is retried 4 times); Step Functions keeps 25000 (split the sources into pipelines of at most 1135 tables"
            ), over)
    }

    func testThePayloadAtExactlyTheLimitPassesAndTwoBytesMoreIsRefused() throws {
        // The largest payload is CountFailures' output when every table fails with the longest error:
        // {"tables":[{"table":"<target db>.<name>","status":"FAILED","error":"Athena.TooManyRequestsException"},…],
        //  "failed":["<target db>.<name>",…],"failedCount":<count>}
        func payload(_ names: [String]) -> Int {
            let outcomes = names.map {
                #"{"table":"cm_kasama_cross_account_target_db.\#($0)","status":"FAILED","error":"Athena.TooManyRequestsException"}"#
            }
            let failed = names.map { #""cm_kasama_cross_account_target_db.\#($0)""# }
            return #"{"tables":[],"failed":[],"failedCount":\#(names.count)}"#.utf8.count + outcomes.joined(separator: ",").utf8.count
                + failed.joined(separator: ",").utf8.count
        }
        // Each character of a name counts twice (its outcome and the failed list), so the limit is
        // reached exactly only when the room left is even: 600 or 1,000 tables (one more digit in
        // the count) give rooms of opposite parity.
        let candidates = [(600, 100), (1_000, 40)].map { count, padding in (0..<count).map { "c\($0)_" + String(repeating: "x", count: padding) } }
        guard var names = candidates.first(where: { (StateMachineQuotaLimits.payload - payload($0)) % 2 == 0 }),
            StateMachineQuotaLimits.payload >= payload(names)
        else { return XCTFail("no candidate reaches the limit exactly") }
        for index in 0..<((StateMachineQuotaLimits.payload - payload(names)) / 2) { names[index % names.count] += "y" }
        XCTAssertEqual(payload(names), StateMachineQuotaLimits.payload)
        let fits = try quotaErrors(accounts: 20, targetTables: names)
        XCTAssertFalse(fits.contains("payload"), fits)

        names[0] += "y"
        let over = try quotaErrors(accounts: 20, targetTables: names)
        XCTAssertTrue(
            over.contains(
                "context.sources: the state machine's largest state payload can reach 262146 bytes (the tables' outcomes when every table fails); Step Functions allows 262144 (256 KiB) per state"
            ), over)
    }

    // MARK: Snapshots

    func testMultiSourceFilesMatchTheirSnapshots() throws {
        try assertSnapshots(try render(multiSource()), in: Self.snapshots, name: "multi-source")
    }

    /// Every option at once (several sources, catalogAsCode, a schedule), from the config
    /// scripts/verify deploys, so the snapshot is what cfn-lint, checkov, parliament and moto check.
    func testTheScheduledPipelineMatchesItsSnapshots() throws {
        let config = TestSupport.packageRoot.appendingPathComponent("scripts/verify_configs/scheduled.json")
        try assertSnapshots(
            try render(try self.config(TestSupport.text(config)).get()),
            in: TestSupport.fixtures.appendingPathComponent("snapshots/scheduled"), name: "scheduled")
    }

    /// Every table option at once (partitionKeys, Parquet with a codec, targetColumns, a
    /// dataPrefix, appended and replaced tables of different formats, catalogAsCode), from the
    /// config scripts/verify deploys.
    func testTheFormatsPipelineMatchesItsSnapshots() throws {
        let config = TestSupport.packageRoot.appendingPathComponent("scripts/verify_configs/formats.json")
        try assertSnapshots(
            try render(try self.config(TestSupport.text(config)).get()),
            in: TestSupport.fixtures.appendingPathComponent("snapshots/formats"), name: "formats")
    }

    /// Every option at once, pipeline-wide and per table, from the config scripts/verify lints,
    /// scans, IAM-lints and deploys: a schedule with its time zone, both kinds of alerts,
    /// maxConcurrency, toleratedFailureCount, catalogAsCode, a default copy mode and each table's
    /// own (append, replace, partitions), partitioned tables, Parquet with two codecs, targetColumns,
    /// a dataPrefix, a second source with its own catalog name and bucket.
    func testTheEveryOptionPipelineMatchesItsSnapshots() throws {
        let config = TestSupport.packageRoot.appendingPathComponent("scripts/verify_configs/everything.json")
        try assertSnapshots(
            try render(try self.config(TestSupport.text(config)).get()),
            in: TestSupport.fixtures.appendingPathComponent("snapshots/everything"), name: "everything")
    }

    func assertSnapshots(_ files: [String: String], in snapshots: URL, name snapshotName: String) throws {
        if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
            try? FileManager.default.removeItem(at: snapshots)
            try FileManager.default.createDirectory(at: snapshots, withIntermediateDirectories: true)
            for (name, contents) in files { try Data(contents.utf8).write(to: snapshots.appendingPathComponent(name)) }
            return
        }
        let recorded = (try? FileManager.default.contentsOfDirectory(atPath: snapshots.path)) ?? []
        XCTAssertEqual(Set(recorded), Set(files.keys), "snapshot files differ; run the tests with SNAPSHOT_RECORD=1 if the change is intended")
        for (name, contents) in files {
            guard let expected = try? TestSupport.text(snapshots.appendingPathComponent(name)) else { continue }
            if expected != contents {
                XCTFail(
                    "snapshots/\(snapshotName)/\(name) is out of date; run with SNAPSHOT_RECORD=1 if intended.\n"
                        + UnifiedDiff.make(expected: expected, actual: contents, expectedName: name + " (recorded)", actualName: name + " (now)"))
            }
        }
    }
}
