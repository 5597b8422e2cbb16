import CloudFormation
import CrossAccountGlue
import XCTest

/// The generated runbook: the seed's order, each step in its account, and a teardown that is its reverse.
final class DeployPlanTests: XCTestCase {
    func steps(_ script: String) -> [String] {
        script.split(separator: "\n").filter { $0.hasPrefix("step ") }.map(String.init)
    }

    func testDefaultPlanFollowsTheSeedsOrder() throws {
        let plan = try XCTUnwrap(try TestSupport.render()["deploy-plan.sh"])
        XCTAssertTrue(plan.hasPrefix("#!/usr/bin/env bash\n"))
        XCTAssertTrue(plan.contains("set -euo pipefail"))
        XCTAssertEqual(steps(plan), [
            "step 1 'Deploy the target stack' target 222222222222",
            "step 2 'Deploy the source stack' source 111111111111",
            "step 3 'Upload the sample data' source 111111111111",
            "step 4 'Create the source Glue database and tables' source 111111111111",
            "step 5 'Create the target Glue database and tables' target 222222222222",
            "step 6 'Put the Glue resource policy' source 111111111111",
            "step 7 'Start the state machine' target 222222222222",
        ])
        XCTAssertTrue(plan.contains("--policy-exists-condition NOT_EXIST"))
        XCTAssertTrue(plan.contains("--policy-hash-condition \"$hash\""))
        XCTAssertTrue(plan.contains("--enable-hybrid TRUE"))
        XCTAssertTrue(plan.contains("\"$here/../source/sample-data/sales.csv\""), "paths are relative to the script")
        XCTAssertFalse(plan.contains("--s3-bucket"), "the default template fits inline")
    }

    func testMultiSourcePlanDeploysEveryAccountAndUsesS3ForLargeTemplates() throws {
        let config = try ConfigurationLoader.context(fromFile: Array(try TestSupport.text(PipelineTests.multiSourceConfig).utf8), path: "c")
            .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "c") }.get()
        let plan = try XCTUnwrap(try TestSupport.render(config)["deploy-plan.sh"])
        let lines = steps(plan)
        XCTAssertEqual(lines.first, "step 1 'Deploy the target stack' target 222222222222")
        XCTAssertTrue(lines.contains("step 3 'Deploy the Glue catalog stack' source 111111111111"), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.contains("'Put the Glue resource policy' source 333333333333") })
        XCTAssertFalse(lines.contains { $0.contains("Create the") }, "catalog as code needs no DDL")
        XCTAssertFalse(lines.contains { $0.contains("sample data") })
        XCTAssertTrue(plan.contains("put_glue_policy 333333333333 \"$here/glue-resource-policy-333333333333.json\""))
    }

    func testTeardownIsTheReverse() throws {
        guard case .success(let rendering) = CrossAccountSynthesizer.renderWithWarnings(
            config: TestSupport.defaultConfig, sources: try TestSupport.projectSources()) else { return XCTFail("render failed") }
        XCTAssertEqual(steps(rendering.teardownScript), [
            "step 1 'Remove the Glue resource policy' source 111111111111",
            "step 2 'Drop the target Glue tables and database' target 222222222222",
            "step 3 'Drop the source Glue tables and database' source 111111111111",
            "step 4 'Empty and delete the source stack' source 111111111111",
            "step 5 'Delete the target stack (its bucket empties itself)' target 222222222222",
        ])
        XCTAssertTrue(rendering.teardownScript.contains("DROP TABLE IF EXISTS cm_kasama_cross_account_target_db.sales_copy"))
        XCTAssertTrue(rendering.teardownScript.contains("DROP DATABASE IF EXISTS cm_kasama_cross_account_db"))
    }

    func testDDLIsSplitIntoStatements() {
        XCTAssertEqual(DeployPlan.statements("CREATE DATABASE a;\n\nCREATE TABLE a.b (\nx INT\n);\n"),
                       ["CREATE DATABASE a", "CREATE TABLE a.b (\nx INT\n)"])
    }

    func testDiagramsShowEachAccountAndEveryCrossAccountGrant() throws {
        let files = try TestSupport.render()
        let mermaid = try XCTUnwrap(files["architecture.mmd"])
        XCTAssertTrue(mermaid.hasPrefix("flowchart LR\n"))
        XCTAssertTrue(mermaid.contains("subgraph target[\"Target account 222222222222\"]"))
        XCTAssertTrue(mermaid.contains("subgraph source_111111111111[\"Source account 111111111111\"]"))
        XCTAssertTrue(mermaid.contains("glue_111111111111 -.->|\"resource policy: glue:GetDatabase, glue:GetTable, glue:GetPartitions\"| role"))
        XCTAssertTrue(mermaid.contains("bucket_111111111111 -.->|\"bucket policy: s3:GetObject, s3:ListBucket\"| role"))
        let dot = try XCTUnwrap(files["architecture.dot"])
        XCTAssertTrue(dot.contains("subgraph cluster_source_111111111111"))
        XCTAssertTrue(dot.contains("bucket_111111111111 -> targetBucket [label=\"rows copied by Athena\", style=bold];"))
        let readme = try TestSupport.text(TestSupport.packageRoot.appendingPathComponent("README.md"))
        XCTAssertTrue(readme.contains("```mermaid\n" + mermaid + "```"), "README.md must embed templates/architecture.mmd as it is")
    }
}
