import AWSConstructs
import CloudFormation
import Constructs
import Foundation
import XCTest

@testable import CrossAccountGlue

/// Issue 11 point 7: a pipeline too large for one inline Map renders a Distributed Map that
/// reads its job list from S3, copies each table in a child execution and writes the outcomes
/// to S3; the same plans that fit inline render exactly as before.
final class DistributedMapTests: XCTestCase {
    // MARK: Helpers

    func config(_ text: String) -> Result<AppConfig, SynthesisError> {
        ConfigurationLoader.context(fromFile: Array(text.utf8), path: "synth.json")
            .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "synth.json") }
    }

    /// `tables` tables spread over `accounts` accounts (one database `d` each), and extra context.
    func pipelineText(tables: Int, accounts: Int, extra: String = "", mode: String? = nil) -> String {
        let perAccount = (tables + accounts - 1) / accounts
        let sources = (0..<accounts).map { account -> String in
            let range = (account * perAccount)..<min(tables, (account + 1) * perAccount)
            let list = range.map { #"{"name": "t\#($0)", "targetTable": "c\#($0)"\#(mode.map { #", "copyMode": "\#($0)""# } ?? "")}"# }
            return #"{"accountId": "\#(300_000_000_000 + account)", "databases": [{"name": "d", "tables": [\#(list.joined(separator: ","))]}]}"#
        }
        return
            #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1"\#(extra), "sources": [\#(sources.joined(separator: ","))]}}"#
    }

    func rendering(_ text: String) throws -> CrossAccountSynthesizer.Rendering {
        try CrossAccountSynthesizer.renderWithWarnings(config: config(text).get(), sources: TestSupport.projectSources()).get()
    }

    func files(_ text: String) throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try rendering(text).files.map { ($0.name, $0.contents) })
    }

    func template(_ files: [String: String]) throws -> JSON {
        try JSONParser.parse(XCTUnwrap(files["target-stack.json"]))
    }

    func definition(_ template: JSON) throws -> JSON {
        let resources = template["Resources"]?.objectMembers ?? []
        let machine = try XCTUnwrap(resources.first { $0.value["Type"]?.stringValue == "AWS::StepFunctions::StateMachine" })
        return try XCTUnwrap(machine.value["Properties"]?["Definition"])
    }

    func statements(_ template: JSON) -> [JSON] {
        let resources: [JSON.Member] = template["Resources"]?.objectMembers ?? []
        let policies = resources.filter { ["AWS::IAM::Policy", "AWS::IAM::ManagedPolicy"].contains($0.value["Type"]?.stringValue ?? "") }
        return policies.flatMap { (member: JSON.Member) -> [JSON] in member.value["Properties"]?["PolicyDocument"]?["Statement"]?.arrayValue ?? [] }
    }

    func statement(_ sid: String, in template: JSON) throws -> JSON {
        try XCTUnwrap(statements(template).first { $0["Sid"]?.stringValue == sid }, "no statement \(sid)")
    }

    func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }

    // MARK: The threshold

    func testTheLargestInlinePlanStaysInlineAndOneMoreTableGoesDistributed() throws {
        // 25 fixed events and 22 per table (4 retries): 1,135 tables fit 25,000 events, 1,136 do not.
        let inline = try files(pipelineText(tables: 1_135, accounts: 10))
        XCTAssertNil(inline["job-list.json"])
        let inlineStates = try definition(template(inline))["States"]
        XCTAssertEqual(inlineStates?["ListCopyJobs"]?["Result"]?.arrayValue?.count, 1_135)
        XCTAssertEqual(inlineStates?["CopyTables"]?["ItemProcessor"]?["ProcessorConfig"]?["Mode"]?.stringValue, "INLINE")

        let distributed = try files(pipelineText(tables: 1_136, accounts: 10))
        let jobs = try JSONParser.parse(XCTUnwrap(distributed["job-list.json"])).arrayValue
        XCTAssertEqual(jobs?.count, 1_136)
        let states = try definition(template(distributed))["States"]
        XCTAssertNil(states?["ListCopyJobs"])
        XCTAssertEqual(states?["CopyTables"]?["ItemProcessor"]?["ProcessorConfig"]?["Mode"]?.stringValue, "DISTRIBUTED")
    }

    func testTheInlineQuotaDecidesTheForm() throws {
        func plan(_ tables: Int) throws -> CopyPlan {
            CopyPlan(pipeline: try XCTUnwrap(config(pipelineText(tables: tables, accounts: 10)).get().pipeline))
        }
        XCTAssertEqual(CopyForm.of(try plan(1_135)), .inline)
        XCTAssertEqual(CopyForm.of(try plan(1_136)), .distributed)
        XCTAssertTrue(StateMachineQuotas.problems(plan: try plan(1_136), at: "context.sources").isEmpty)
        XCTAssertFalse(StateMachineQuotas.inlineProblems(plan: try plan(1_136), at: "context.sources").isEmpty)
    }

    // MARK: The rendered Distributed Map

    func testTheDistributedMapReadsTheJobListByItsMD5AndWritesOutcomesBelowThePipelinePrefix() throws {
        let rendered = try files(pipelineText(tables: 1_200, accounts: 12, extra: #", "maxConcurrency": 20"#))
        let jobList = try XCTUnwrap(rendered["job-list.json"])
        let map = try XCTUnwrap(definition(template(rendered))["States"]?["CopyTables"])
        XCTAssertEqual(map["Type"]?.stringValue, "Map")
        XCTAssertEqual(map["ItemProcessor"]?["ProcessorConfig"], .object([.init("Mode", "DISTRIBUTED"), .init("ExecutionType", "STANDARD")]))
        XCTAssertEqual(map["MaxConcurrency"], .int(20))
        XCTAssertEqual(map["ToleratedFailureCount"], .int(0))
        XCTAssertNil(map["ItemsPath"])
        XCTAssertEqual(map["ItemReader"]?["Resource"]?.stringValue, "arn:aws:states:::s3:getObject")
        XCTAssertEqual(map["ItemReader"]?["ReaderConfig"]?["InputType"]?.stringValue, "JSON")
        XCTAssertEqual(map["ItemReader"]?["Parameters"]?["Bucket"]?.stringValue, "cm-kasama-cross-account-dev-target-data")
        XCTAssertEqual(map["ItemReader"]?["Parameters"]?["Key"]?.stringValue, "_pipeline/job-lists/\(MD5.hex(jobList)).json")
        XCTAssertEqual(map["ResultWriter"]?["Resource"]?.stringValue, "arn:aws:states:::s3:putObject")
        XCTAssertEqual(map["ResultWriter"]?["Parameters"]?["Prefix"]?.stringValue, "_pipeline/results")
        XCTAssertEqual(map["Catch"]?[0]?["Next"]?.stringValue, "CopyFailed")
        let states = try definition(template(rendered))["States"]
        XCTAssertEqual(states?["CopyFailed"]?["Error"]?.stringValue, "TablesFailed")
        XCTAssertTrue(
            states?["CopyFailed"]?["CausePath"]?.stringValue?.contains("s3://cm-kasama-cross-account-dev-target-data/_pipeline/results/") == true)
        // The overlap check still comes first.
        XCTAssertEqual(try definition(template(rendered))["StartAt"]?.stringValue, "ListRunningExecutions")
    }

    func testAChildExecutionCopiesOneTableWithTheInlineStatesAndFailsWhenItsTableFailed() throws {
        let text = pipelineText(tables: 1_200, accounts: 12)
        let processor = try XCTUnwrap(definition(template(files(text)))["States"]?["CopyTables"]?["ItemProcessor"])
        let states = try XCTUnwrap(processor["States"])
        XCTAssertEqual(states["CopyTable"]?["Retry"]?[0]?["MaxAttempts"], .int(4))
        XCTAssertEqual(states["CopyTable"]?["Catch"]?[0]?["Next"]?.stringValue, "TableFailed")
        XCTAssertEqual(states["TableCopied"]?["End"], .bool(true))
        XCTAssertEqual(states["TableFailed"]?["Next"]?.stringValue, "FailTable")
        XCTAssertEqual(states["FailTable"]?["Type"]?.stringValue, "Fail")
        XCTAssertEqual(states["FailTable"]?["Error"]?.stringValue, "TableCopyFailed")
        XCTAssertEqual(states["FailTable"]?["CausePath"]?.stringValue, "States.Format('{} failed: {}', $.table, $.error)")
    }

    func testReplaceModeRunsItsCleanupInTheChildBeforeItFails() throws {
        // 63 events and 3 retried starts per replaced table: 25,000 events hold fewer replaced tables.
        let rendered = try files(pipelineText(tables: 400, accounts: 4, mode: "replace"))
        let states = try XCTUnwrap(definition(template(rendered))["States"]?["CopyTables"]?["ItemProcessor"]?["States"])
        XCTAssertEqual(states["ChooseMode"]?["Type"]?.stringValue, "Choice")
        XCTAssertEqual(states["DropFailedStaging"]?["Next"]?.stringValue, "FailedCopyPrefix")
        XCTAssertEqual(states["HasFailedCopyObjects"]?["Default"]?.stringValue, "TableFailed")
        XCTAssertEqual(states["TableFailed"]?["Next"]?.stringValue, "FailTable")
        let jobs = try JSONParser.parse(XCTUnwrap(rendered["job-list.json"])).arrayValue
        XCTAssertEqual(jobs?.first?["mode"]?.stringValue, "replace")
    }

    func testAChangedJobListChangesTheKeyInTheDefinition() throws {
        let one = try files(pipelineText(tables: 1_200, accounts: 12))
        let other = try files(pipelineText(tables: 1_201, accounts: 12))
        XCTAssertNotEqual(one["job-list.json"], other["job-list.json"])
        let key = { (files: [String: String]) in
            try self.definition(self.template(files))["States"]?["CopyTables"]?["ItemReader"]?["Parameters"]?["Key"]
        }
        XCTAssertNotEqual(try key(one), try key(other))
        XCTAssertEqual(try files(pipelineText(tables: 1_200, accounts: 12)), one, "the same config renders the same bytes")
    }

    // MARK: toleratedFailureCount

    func testToleratedFailureCountIsTheMapsAndTheInlineSummarysThreshold() throws {
        let distributed = try files(pipelineText(tables: 1_200, accounts: 12, extra: #", "toleratedFailureCount": 3"#))
        XCTAssertEqual(try definition(template(distributed))["States"]?["CopyTables"]?["ToleratedFailureCount"], .int(3))
        let inline = try files(pipelineText(tables: 20, accounts: 2, extra: #", "toleratedFailureCount": 3"#))
        let choice = try definition(template(inline))["States"]?["AnyTableFailed"]?["Choices"]?[0]
        XCTAssertEqual(choice?["NumericGreaterThan"], .int(3))
    }

    func testAnInvalidToleratedFailureCountIsAnErrorNamingTheKey() throws {
        for value in ["-1", "21", "\"two\"", "1.5"] {
            guard case .failure(let error) = config(pipelineText(tables: 20, accounts: 2, extra: #", "toleratedFailureCount": \#(value)"#)) else {
                XCTFail("\(value) was accepted")
                continue
            }
            XCTAssertTrue(
                error.description.contains("synth.json: context.toleratedFailureCount: must be a whole number from 0 to the number of tables (20)"),
                error.description)
        }
        XCTAssertNoThrow(try config(pipelineText(tables: 20, accounts: 2, extra: #", "toleratedFailureCount": 20"#)).get())
        XCTAssertNoThrow(try config(pipelineText(tables: 20, accounts: 2, extra: #", "toleratedFailureCount": 0"#)).get())
    }

    // MARK: IAM

    func testTheRoleMayStartAndControlOnlyThisStateMachinesChildrenAndReadOnlyTheJobList() throws {
        let rendered = try files(pipelineText(tables: 1_200, accounts: 12))
        let target = try template(rendered)
        let key = "_pipeline/job-lists/\(MD5.hex(try XCTUnwrap(rendered["job-list.json"]))).json"
        let start = try statement("AllowDistributedMapChildStart", in: target)
        XCTAssertEqual(start["Action"]?.stringValue, "states:StartExecution")
        XCTAssertEqual(
            start["Resource"]?.stringValue, "arn:aws:states:ap-northeast-1:222222222222:stateMachine:cm-kasama-cross-account-dev-athena-insert")
        let control = try statement("AllowDistributedMapChildControl", in: target)
        XCTAssertEqual(control["Action"], strings(["states:DescribeExecution", "states:StopExecution"]))
        XCTAssertEqual(
            control["Resource"]?.stringValue, "arn:aws:states:ap-northeast-1:222222222222:execution:cm-kasama-cross-account-dev-athena-insert/*:*")
        let read = try statement("AllowJobListRead", in: target)
        XCTAssertEqual(read["Action"]?.stringValue, "s3:GetObject")
        XCTAssertEqual(read["Resource"]?.stringValue, "arn:aws:s3:::cm-kasama-cross-account-dev-target-data/\(key)")
        let write = try statement("AllowResultsWrite", in: target)
        XCTAssertEqual(write["Resource"]?.stringValue, "arn:aws:s3:::cm-kasama-cross-account-dev-target-data/_pipeline/results/*")
        XCTAssertEqual(write["Action"], strings(["s3:PutObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:AbortMultipartUpload"]))
    }

    func testAnInlinePipelineGetsNoDistributedMapPermissions() throws {
        let target = try template(files(pipelineText(tables: 20, accounts: 2)))
        XCTAssertNil(statements(target).first { $0["Sid"]?.stringValue?.hasPrefix("AllowDistributedMap") == true })
        XCTAssertNil(statements(target).first { $0["Sid"]?.stringValue == "AllowJobListRead" })
    }

    // MARK: Catalogs by ARN

    func testCatalogsAreRegisteredWhileTheyFitAndAddressedByArnBeyond() throws {
        let most = CatalogAddressing.maximumRegisteredCatalogs(declaredTables: 0)
        XCTAssertEqual(most, 440)
        XCTAssertEqual(CatalogAddressing.choose(sourceCount: most, declaredTables: 0), .registered)
        XCTAssertEqual(CatalogAddressing.choose(sourceCount: most + 1, declaredTables: 0), .arn)
        // Catalog-as-code tables share the template: 100 tables leave room for 339 catalogs.
        XCTAssertEqual(CatalogAddressing.choose(sourceCount: 339, declaredTables: 100), .registered)
        XCTAssertEqual(CatalogAddressing.choose(sourceCount: 340, declaredTables: 100), .arn)
    }

    func testBeyondTheRegisteredCatalogsTheQueriesNameEachAccountsCatalogArn() throws {
        let rendered = try rendering(pipelineText(tables: 2_000, accounts: 1_000))
        let files = Dictionary(uniqueKeysWithValues: rendered.files.map { ($0.name, $0.contents) })
        let target = try template(files)
        XCTAssertFalse(files["target-stack.json"]?.contains("AWS::Athena::DataCatalog") ?? true)
        let jobs = try XCTUnwrap(JSONParser.parse(XCTUnwrap(files["job-list.json"])).arrayValue)
        XCTAssertEqual(jobs[0]["source"]?.stringValue, #""glue:arn:aws:glue:ap-northeast-1:300000000000:catalog".d.t0"#)
        XCTAssertEqual(
            try statement("AllowAthenaDataCatalogAccess", in: target)["Resource"]?.stringValue,
            "arn:aws:athena:ap-northeast-1:222222222222:datacatalog/AwsDataCatalog")
        for stack in rendered.stacks {
            XCTAssertLessThanOrEqual(stack.resources, Limits.resourcesPerTemplate)
            XCTAssertLessThanOrEqual(stack.bytes, Limits.s3TemplateBytes)
        }
    }

    func testAnInlineJobListNamesCatalogArnsThroughDefinitionSubstitutionsWhenTheRegionIsUnknown() throws {
        var plan = CopyPlan(pipeline: try XCTUnwrap(config(pipelineText(tables: 2, accounts: 2)).get().pipeline))
        plan.catalogAddressing = .arn
        guard case .array(let jobs) = CopyDefinition.jobList(plan), case .object(let fields) = jobs[0],
            let source = fields.first(where: { $0.key == "source" })?.value
        else { return XCTFail("no job") }
        let expected = Value.interpolate([
            .string("\"glue:arn:"), .pseudo(.partition), .string(":glue:"), .pseudo(.region),
            .string(":300000000000:catalog\".d.t0"),
        ])
        XCTAssertEqual(source.json(), expected.json())
    }

    // MARK: IAM at 1,000 accounts

    func testAThousandAccountsFitTheRoleByScopingSourceReadsToTheirAccounts() throws {
        let rendered = try rendering(pipelineText(tables: 2_000, accounts: 1_000))
        XCTAssertTrue(rendered.warnings.contains { $0.message.contains("aws:ResourceAccount") })
        let files = Dictionary(uniqueKeysWithValues: rendered.files.map { ($0.name, $0.contents) })
        let target = try template(files)
        let glue = statements(target).filter { $0["Sid"]?.stringValue?.hasPrefix("AllowSourceGlueCatalogReadAccess") == true }
        let accounts = glue.flatMap { $0["Condition"]?["StringEquals"]?["aws:ResourceAccount"]?.arrayValue ?? [] }.compactMap(\.stringValue)
        XCTAssertEqual(accounts, (0..<1_000).map { String(300_000_000_000 + $0) })
        XCTAssertEqual(
            glue.first?["Resource"],
            strings([
                "arn:aws:glue:ap-northeast-1:*:catalog", "arn:aws:glue:ap-northeast-1:*:database/*",
                "arn:aws:glue:ap-northeast-1:*:table/*/*",
            ]))
        let listing = statements(target).filter { $0["Sid"]?.stringValue?.hasPrefix("AllowSourceS3BucketList") == true }
        XCTAssertEqual(listing.first?["Condition"]?["StringLike"]?["s3:prefix"]?.stringValue, "d/*")
        XCTAssertEqual(listing.count, 3)
        // Every managed policy fits, and at most ten are attached.
        let managed = (target["Resources"]?.objectMembers ?? []).filter { $0.value["Type"]?.stringValue == "AWS::IAM::ManagedPolicy" }
        XCTAssertLessThanOrEqual(managed.count, Limits.managedPoliciesPerRole)
        // Five source templates of 200 accounts each (a mapping takes 200 keys), each small enough
        // to deploy inline.
        XCTAssertNil(files["source-stack.json"])
        XCTAssertNil(files["source-stack-6.json"])
        for group in 1...5 {
            XCTAssertLessThanOrEqual(try XCTUnwrap(files["source-stack-\(group).json"]).utf8.count, Limits.inlineTemplateBytes)
        }
        XCTAssertFalse(try XCTUnwrap(files["deploy-plan.sh"]).contains("SOURCE_ARTIFACT_BUCKET"))
        // Each source's Glue resource policy still names exactly its own tables.
        let policy = try JSONParser.parse(XCTUnwrap(files["glue-resource-policy-300000000007.json"]))
        let resources = policy["Statement"]?[0]?["Resource"]?.arrayValue?.compactMap(\.stringValue) ?? []
        XCTAssertEqual(
            resources.filter { $0.contains(":table/") },
            [
                "arn:aws:glue:ap-northeast-1:300000000007:table/d/t14",
                "arn:aws:glue:ap-northeast-1:300000000007:table/d/t15",
            ])
    }

    // MARK: The deploy plan

    func testTheDeployPlanUploadsTheJobListAfterTheTargetStackAndBeforeAnythingRuns() throws {
        let rendered = try files(pipelineText(tables: 1_200, accounts: 12))
        let script = try XCTUnwrap(rendered["deploy-plan.sh"])
        let key = "_pipeline/job-lists/\(MD5.hex(try XCTUnwrap(rendered["job-list.json"]))).json"
        let upload = try XCTUnwrap(
            script.range(
                of: #"target_aws s3 cp "$here/job-list.json" s3://cm-kasama-cross-account-dev-target-data/\#(key) --content-type application/json"#))
        let targetStack = try XCTUnwrap(script.range(of: "step 1 'Deploy the target stack'"))
        let firstSource = try XCTUnwrap(script.range(of: "'Deploy the source stack'"))
        let start = try XCTUnwrap(script.range(of: "stepfunctions start-execution"))
        XCTAssertLessThan(targetStack.upperBound, upload.lowerBound)
        XCTAssertLessThan(upload.upperBound, firstSource.lowerBound)
        XCTAssertLessThan(upload.upperBound, start.lowerBound)
        XCTAssertTrue(script.contains("step 2 'Upload the job list' target 222222222222"), script)
        XCTAssertNil(try files(pipelineText(tables: 20, accounts: 2))["deploy-plan.sh"]?.range(of: "job list"))
    }

    func testTheJobListIsAnArtifactOfTheManifest() throws {
        let names = try rendering(pipelineText(tables: 1_200, accounts: 12)).files.map(\.name)
        XCTAssertTrue(names.contains("job-list.json"))
    }

    // MARK: Distributed quotas, both sides of each limit

    func testAChildsHistoryAtTheLimitPassesAndOneEventMoreIsRefused() throws {
        let plan = CopyPlan(pipeline: try XCTUnwrap(config(pipelineText(tables: 4, accounts: 2)).get().pipeline))
        // One appended table: 1 + 10 + 3 per retry. 8,329 retries take 24,998 events; 8,330 take 25,001.
        XCTAssertEqual(StateMachineQuotas.worstCaseChildHistoryEvents(plan: plan, retries: 8_329), 24_998)
        XCTAssertTrue(StateMachineQuotas.distributedProblems(plan: plan, at: "context.sources", retries: 8_329).isEmpty)
        let over = StateMachineQuotas.distributedProblems(plan: plan, at: "context.sources", retries: 8_330).map(\.description)
        XCTAssertEqual(
            over,
            [
                "context.sources: copying one table can take 25001 events in its child execution's history when every start is retried 8330 times; Step Functions keeps 25000 (retry fewer times)"
            ])
        // The real retrier is far inside: 1 + 10 + 12 events.
        XCTAssertEqual(StateMachineQuotas.worstCaseChildHistoryEvents(plan: plan, retries: StateMachineQuotas.retriesPerStart), 23)
    }

    func testAJobOfExactly256KiBPassesAndOneByteMoreIsRefused() throws {
        var plan = CopyPlan(pipeline: try XCTUnwrap(config(pipelineText(tables: 2, accounts: 2)).get().pipeline))
        func itemBytes() -> Int { StateMachineQuotas.worstCaseItemBytes(plan: plan) }
        plan.jobs[0].selectList = "\"a\""
        let base = itemBytes()
        plan.jobs[0].selectList = "\"" + String(repeating: "a", count: 1 + StateMachineQuotas.maximumPayloadBytes - base) + "\""
        XCTAssertEqual(itemBytes(), StateMachineQuotas.maximumPayloadBytes)
        XCTAssertTrue(StateMachineQuotas.distributedProblems(plan: plan, at: "x", retries: 4).isEmpty)
        plan.jobs[0].selectList += "a"
        XCTAssertEqual(
            StateMachineQuotas.distributedProblems(plan: plan, at: "x", retries: 4).map(\.message),
            ["one table's job or copy state can reach 262145 bytes; Step Functions allows 262144 (256 KiB) per child execution's input and state"])
    }

    func testTheItemReadersItemCountAtTheLimitPassesAndOneMoreIsRefused() {
        XCTAssertNil(StateMachineQuotas.itemReaderProblem(items: StateMachineQuotas.maximumItemReaderItems, at: "x"))
        XCTAssertEqual(
            StateMachineQuotas.itemReaderProblem(items: StateMachineQuotas.maximumItemReaderItems + 1, at: "x")?.message,
            "the job list has 100000001 tables; a Distributed Map's ItemReader reads at most 100000000 items")
    }

    func testTheDistributedDefinitionStaysFarBelowOneMegabyteAtTenThousandTables() throws {
        // The definition does not grow with the tables (the job list is in S3): its size at 1,200
        // tables is its size at 10,000 but for the digits of the counts.
        let rendered = try files(pipelineText(tables: 1_200, accounts: 12))
        let length = JSONWriter.render(try definition(template(rendered))).count
        XCTAssertLessThan(length, StateMachine.maximumDefinitionLength / 50)
    }
}
