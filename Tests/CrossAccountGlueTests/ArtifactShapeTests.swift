import CloudFormation
import Constructs
import CrossAccountGlue
import Foundation
import XCTest

/// The deploy plan, the teardown and the warnings for every configuration shape: the seed's
/// single source, several sources with DDL, catalog-as-code, and a target template too large
/// to deploy inline.
final class ArtifactShapeTests: XCTestCase {
    func config(_ text: String) throws -> AppConfig {
        try ConfigurationLoader.context(fromFile: Array(text.utf8), path: "synth.json")
            .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "synth.json") }.get()
    }

    func rendering(_ config: AppConfig) throws -> CrossAccountSynthesizer.Rendering {
        try CrossAccountSynthesizer.renderWithWarnings(config: config, sources: TestSupport.projectSources()).get()
    }

    /// The multi-source fixture, with catalogAsCode as given.
    func multiSource(catalogAsCode: Bool) throws -> AppConfig {
        let text = try TestSupport.text(PipelineTests.multiSourceConfig)
        return try config(catalogAsCode ? text : text.replacingOccurrences(of: "\"catalogAsCode\": true,", with: ""))
    }

    /// One source with `tables` tables of two columns each; `comment` pads the first column's
    /// comment of each table (catalog as code puts it in the target template once).
    func manyTables(_ tables: Int, catalogAsCode: Bool = false, comments: [Int] = []) throws -> AppConfig {
        let list = (0..<tables).map { index -> String in
            let comment = String(repeating: "c", count: index < comments.count ? comments[index] : 1)
            return
                #"{"name": "table_\#(index)", "columns": [{"name": "id", "type": "int", "comment": "\#(comment)"}, {"name": "value", "type": "string"}]}"#
        }
        return try config(
            #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "catalogAsCode": \#(catalogAsCode), "sources": [{"accountId": "111111111111", "databases": [{"name": "sales_db", "tables": [\#(list.joined(separator: ","))]}]}]}}"#
        )
    }

    /// The script from its first step on, without blank lines: what it does, in order.
    func body(_ script: String) -> [String] {
        let lines = script.split(separator: "\n").map(String.init)
        guard let first = lines.firstIndex(where: { $0.hasPrefix("step 1 ") }) else { return [] }
        return Array(lines[first...])
    }

    func commands(
        _ script: String,
        _ prefixes: [String] = [
            "step ", "remove_glue_policy_statements", "delete_stack", "empty_bucket", "DROP ", "put_glue_policy", "source_aws", "target_aws",
            "run_query",
        ]
    ) -> [String] {
        body(script).filter { line in prefixes.contains { line.hasPrefix($0) } }
    }

    func deployLines(_ plan: String) -> [String] {
        plan.split(separator: "\n").map(String.init).filter { $0.contains("cloudformation deploy") || $0.hasPrefix("  --") }
    }

    // MARK: The seed's single source

    func testWithoutExtrasTheSameFilesAreRenderedAndNoPlanOrTeardownText() throws {
        let full = try rendering(TestSupport.defaultConfig)
        let lean = try CrossAccountSynthesizer.renderWithWarnings(
            config: TestSupport.defaultConfig, sources: TestSupport.projectSources(), options: RenderOptions(rendersExtras: false)
        ).get()
        XCTAssertEqual(lean.files, full.files)
        XCTAssertTrue(lean.extras.isEmpty)
        XCTAssertFalse(full.teardownScript.isEmpty)
    }

    func testSeedTeardownRemovesThePolicyStatementDropsBothCatalogsAndDeletesTheSourceThenTheTargetStack() throws {
        let teardown = try rendering(TestSupport.defaultConfig).teardownScript
        XCTAssertEqual(
            commands(teardown),
            [
                "step 1 'Remove our statements from the Glue resource policy' source 111111111111",
                "remove_glue_policy_statements 111111111111 CmKasamaCrossAccountDevCatalogRead",
                "step 2 'Drop the target Glue tables and database' target 222222222222",
                "run_query target 222222222222 cm-kasama-cross-account-dev-target-workgroup '' <<'SQL'",
                "DROP TABLE IF EXISTS cm_kasama_cross_account_target_db.sales_copy",
                "run_query target 222222222222 cm-kasama-cross-account-dev-target-workgroup '' <<'SQL'",
                "DROP DATABASE IF EXISTS cm_kasama_cross_account_target_db",
                "step 3 'Drop the source Glue tables and database' source 111111111111",
                "run_query source 111111111111 primary s3://cm-kasama-cross-account-dev-data/athena-ddl-results/ <<'SQL'",
                "DROP TABLE IF EXISTS cm_kasama_cross_account_db.sales",
                "run_query source 111111111111 primary s3://cm-kasama-cross-account-dev-data/athena-ddl-results/ <<'SQL'",
                "DROP DATABASE IF EXISTS cm_kasama_cross_account_db",
                "step 4 'Empty and delete the source stack' source 111111111111",
                "empty_bucket 111111111111 cm-kasama-cross-account-dev-data",
                "delete_stack source 111111111111 cm-kasama-cross-account-s3",
                "step 5 'Delete the target stack (its bucket empties itself)' target 222222222222",
                "delete_stack target 222222222222 cm-kasama-cross-account-stack",
            ])
        XCTAssertTrue(teardown.hasSuffix("echo \"deploy-plan: teardown done (5 steps)\"\n"))
    }

    func testSeedPlanDeploysTheTargetInlineThenTheSourceWithItsParameters() throws {
        let plan = try XCTUnwrap(try TestSupport.render()["deploy-plan.sh"])
        XCTAssertEqual(
            deployLines(plan),
            [
                "target_aws cloudformation deploy --template-file \"$here/target-stack.json\" --stack-name cm-kasama-cross-account-stack \\",
                "  --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset --tags Project=cm-kasama-cross-account Environment=dev Repository=blog-code-58",
                "source_aws 111111111111 cloudformation deploy --template-file \"$here/source-stack.json\" --stack-name cm-kasama-cross-account-s3 \\",
                "  --parameter-overrides TargetAccountId=222222222222 ProjectName=cm-kasama-cross-account EnvName=dev \\",
                "  --no-fail-on-empty-changeset --tags Project=cm-kasama-cross-account Environment=dev Repository=blog-code-58",
            ])
        XCTAssertTrue(plan.contains("put_glue_policy 111111111111 \"$here/glue-resource-policy.json\" CmKasamaCrossAccountDevCatalogRead\n"))
    }

    // MARK: Several sources with DDL

    func testMultiSourceDDLPlanCreatesEachAccountsCatalogAndPutsEachPolicyInItsAccount() throws {
        let plan = try XCTUnwrap(try TestSupport.render(try multiSource(catalogAsCode: false))["deploy-plan.sh"])
        XCTAssertEqual(
            commands(plan, ["step ", "put_glue_policy"]),
            [
                "step 1 'Deploy the target stack' target 222222222222",
                "step 2 'Deploy the source stack' source 111111111111",
                "step 3 'Deploy the source stack' source 333333333333",
                "step 4 'Create the source Glue database and tables' source 111111111111",
                "step 5 'Create the source Glue database and tables' source 333333333333",
                "step 6 'Create the target Glue database and tables' target 222222222222",
                "step 7 'Put the Glue resource policy' source 111111111111",
                "put_glue_policy 111111111111 \"$here/glue-resource-policy-111111111111.json\" CmKasamaCrossAccountDevCatalogRead",
                "step 8 'Put the Glue resource policy' source 333333333333",
                "put_glue_policy 333333333333 \"$here/glue-resource-policy-333333333333.json\" CmKasamaCrossAccountDevCatalogRead",
                "step 9 'Start the state machine' target 222222222222",
            ])
        XCTAssertFalse(plan.contains("--s3-bucket"), "the multi-source target template fits inline")
        XCTAssertTrue(
            plan.contains(
                "source_aws 333333333333 cloudformation deploy --template-file \"$here/source-stack.json\" --stack-name cm-kasama-cross-account-s3 \\"
            ))
    }

    func testMultiSourceDDLTeardownRemovesEachAccountsStatementDropsItsTablesAndDeletesTheTargetLast() throws {
        let teardown = try rendering(try multiSource(catalogAsCode: false)).teardownScript
        XCTAssertEqual(
            commands(teardown, ["step ", "remove_glue_policy_statements", "delete_stack", "empty_bucket", "DROP "]),
            [
                "step 1 'Remove our statements from the Glue resource policy' source 333333333333",
                "remove_glue_policy_statements 333333333333 CmKasamaCrossAccountDevCatalogRead",
                "step 2 'Remove our statements from the Glue resource policy' source 111111111111",
                "remove_glue_policy_statements 111111111111 CmKasamaCrossAccountDevCatalogRead",
                "step 3 'Drop the target Glue tables and database' target 222222222222",
                "DROP TABLE IF EXISTS cm_kasama_cross_account_target_db.eu_orders",
                "DROP TABLE IF EXISTS cm_kasama_cross_account_target_db.returns_copy",
                "DROP TABLE IF EXISTS cm_kasama_cross_account_target_db.sales_copy",
                "DROP DATABASE IF EXISTS cm_kasama_cross_account_target_db",
                "step 4 'Drop the source Glue tables and database' source 333333333333",
                "DROP TABLE IF EXISTS eu_sales.orders",
                "DROP DATABASE IF EXISTS eu_sales",
                "step 5 'Empty and delete the source stack' source 333333333333",
                "empty_bucket 333333333333 acme-eu-sales-archive",
                "delete_stack source 333333333333 cm-kasama-cross-account-s3",
                "step 6 'Drop the source Glue tables and database' source 111111111111",
                "DROP TABLE IF EXISTS cm_kasama_cross_account_db.returns",
                "DROP TABLE IF EXISTS cm_kasama_cross_account_db.sales",
                "DROP DATABASE IF EXISTS cm_kasama_cross_account_db",
                "step 7 'Empty and delete the source stack' source 111111111111",
                "empty_bucket 111111111111 cm-kasama-cross-account-dev-data-111111111111",
                "delete_stack source 111111111111 cm-kasama-cross-account-s3",
                "step 8 'Delete the target stack (its bucket empties itself)' target 222222222222",
                "delete_stack target 222222222222 cm-kasama-cross-account-stack",
            ])
        // Each source's drops run in that account, with results in that account's bucket.
        XCTAssertTrue(
            teardown.contains(
                "run_query source 333333333333 primary s3://acme-eu-sales-archive/athena-ddl-results/ <<'SQL'\nDROP TABLE IF EXISTS eu_sales.orders\n"
            ))
        XCTAssertFalse(teardown.contains("run_query source 111111111111 primary s3://acme-eu-sales-archive"))
    }

    // MARK: Catalog as code

    func testCatalogAsCodeTeardownDeletesEachCatalogStackBeforeItsSourceStackAndDropsNothing() throws {
        let teardown = try rendering(try multiSource(catalogAsCode: true)).teardownScript
        XCTAssertEqual(
            commands(teardown),
            [
                "step 1 'Remove our statements from the Glue resource policy' source 333333333333",
                "remove_glue_policy_statements 333333333333 CmKasamaCrossAccountDevCatalogRead",
                "step 2 'Remove our statements from the Glue resource policy' source 111111111111",
                "remove_glue_policy_statements 111111111111 CmKasamaCrossAccountDevCatalogRead",
                "step 3 'Delete the Glue catalog stack' source 333333333333",
                "delete_stack source 333333333333 cm-kasama-cross-account-dev-catalog",
                "step 4 'Empty and delete the source stack' source 333333333333",
                "empty_bucket 333333333333 acme-eu-sales-archive",
                "delete_stack source 333333333333 cm-kasama-cross-account-s3",
                "step 5 'Delete the Glue catalog stack' source 111111111111",
                "delete_stack source 111111111111 cm-kasama-cross-account-dev-catalog",
                "step 6 'Empty and delete the source stack' source 111111111111",
                "empty_bucket 111111111111 cm-kasama-cross-account-dev-data-111111111111",
                "delete_stack source 111111111111 cm-kasama-cross-account-s3",
                "step 7 'Delete the target stack (its bucket empties itself)' target 222222222222",
                "delete_stack target 222222222222 cm-kasama-cross-account-stack",
            ])
        XCTAssertFalse(teardown.contains("DROP "), "the stacks own the tables")
    }

    func testCatalogAsCodePlanDeploysEachCatalogStackInItsAccountAfterItsSourceStack() throws {
        let plan = try XCTUnwrap(try TestSupport.render(try multiSource(catalogAsCode: true))["deploy-plan.sh"])
        XCTAssertEqual(
            commands(plan, ["step ", "source_aws 111111111111 cloudformation", "source_aws 333333333333 cloudformation"]),
            [
                "step 1 'Deploy the target stack' target 222222222222",
                "step 2 'Deploy the source stack' source 111111111111",
                "source_aws 111111111111 cloudformation deploy --template-file \"$here/source-stack.json\" --stack-name cm-kasama-cross-account-s3 \\",
                "step 3 'Deploy the Glue catalog stack' source 111111111111",
                "source_aws 111111111111 cloudformation deploy --template-file \"$here/source-catalog-stack-111111111111.json\" --stack-name cm-kasama-cross-account-dev-catalog \\",
                "step 4 'Deploy the source stack' source 333333333333",
                "source_aws 333333333333 cloudformation deploy --template-file \"$here/source-stack.json\" --stack-name cm-kasama-cross-account-s3 \\",
                "step 5 'Deploy the Glue catalog stack' source 333333333333",
                "source_aws 333333333333 cloudformation deploy --template-file \"$here/source-catalog-stack-333333333333.json\" --stack-name cm-kasama-cross-account-dev-catalog \\",
                "step 6 'Put the Glue resource policy' source 111111111111",
                "step 7 'Put the Glue resource policy' source 333333333333",
                "step 8 'Start the state machine' target 222222222222",
            ])
        XCTAssertFalse(plan.contains("--s3-bucket"))
    }

    // MARK: A target template too large to deploy inline

    func testALargeTargetTemplateIsDeployedThroughS3OnTheTargetDeployOnlyAndWarned() throws {
        let large = try manyTables(60)
        let result = try rendering(large)
        let size = try XCTUnwrap(result.stacks.first { $0.file == CrossAccountSynthesizer.targetTemplateFile }).bytes
        XCTAssertGreaterThan(size, Limits.inlineTemplateBytes, "the test needs a template over the inline limit")
        let plan = try XCTUnwrap(result.files.first { $0.name == DeployPlan.fileName }).contents
        let flag =
            " --s3-bucket \"${ARTIFACT_BUCKET:?the target template is over 51,200 bytes: set ARTIFACT_BUCKET to an S3 bucket in the target account}\""
        let withFlag = plan.split(separator: "\n").filter { $0.contains("--s3-bucket") }
        XCTAssertEqual(
            withFlag,
            [
                "  --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset --tags Project=cm-kasama-cross-account Environment=dev Repository=blog-code-58"
                    + flag
            ])
        let lines = plan.split(separator: "\n").map(String.init)
        let index = try XCTUnwrap(lines.firstIndex(of: String(withFlag[0])))
        XCTAssertTrue(lines[index - 1].hasPrefix("target_aws cloudformation deploy --template-file \"$here/target-stack.json\""), lines[index - 1])
        XCTAssertEqual(
            result.warnings.filter { $0.severity == .warning }.map(\.description),
            [
                "cm-kasama-cross-account-stack: template is \(size) bytes, over the 51200 bytes CloudFormation accepts inline (deploy it through S3: aws cloudformation deploy --s3-bucket BUCKET ...)"
            ])
        // The teardown deletes stacks, which needs no template.
        XCTAssertFalse(result.teardownScript.contains("--s3-bucket"))
    }

    func testATargetTemplateOfExactly51200BytesIsDeployedInlineAndOneByteMoreThroughS3() throws {
        // With catalog as code, a column comment appears once in the target template: pad it.
        let tables = 11
        func targetSize(_ comments: [Int]) throws -> (bytes: Int, result: CrossAccountSynthesizer.Rendering) {
            let result = try rendering(try manyTables(tables, catalogAsCode: true, comments: comments))
            return (try XCTUnwrap(result.stacks.first { $0.file == CrossAccountSynthesizer.targetTemplateFile }).bytes, result)
        }
        let base = try targetSize([]).bytes
        let room = Limits.inlineTemplateBytes - base
        XCTAssertGreaterThan(room, 0, "the test needs a template under the inline limit")
        XCTAssertLessThan(room, tables * 200, "the padding must fit in the comments")
        var comments = Array(repeating: 1, count: tables)
        var left = room
        for index in comments.indices where left > 0 {
            let add = min(200, left)
            comments[index] += add
            left -= add
        }
        let atLimit = try targetSize(comments)
        XCTAssertEqual(atLimit.bytes, 51_200)
        XCTAssertFalse(try XCTUnwrap(atLimit.result.files.first { $0.name == DeployPlan.fileName }).contents.contains("--s3-bucket"))
        XCTAssertFalse(atLimit.result.warnings.contains { $0.message.contains("CloudFormation accepts inline") })

        comments[comments.count - 1] += 1
        let over = try targetSize(comments)
        XCTAssertEqual(over.bytes, 51_201)
        XCTAssertTrue(
            try XCTUnwrap(over.result.files.first { $0.name == DeployPlan.fileName }).contents.contains("--s3-bucket \"${ARTIFACT_BUCKET:?"))
        XCTAssertTrue(over.result.warnings.contains { $0.message == "template is 51201 bytes, over the 51200 bytes CloudFormation accepts inline" })
    }
}
