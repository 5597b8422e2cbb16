import AWSConstructs
import CloudFormation
import CrossAccountGlue
import Foundation
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
        XCTAssertEqual(
            steps(plan),
            [
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

    func testMultiSourcePlanDeploysEveryAccountAndItsCatalogStackWithTheSmallTargetTemplateInline() throws {
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
        // Templates over 51,200 bytes go through S3: ArtifactShapeTests.testALargeTargetTemplateIsDeployedThroughS3OnTheTargetDeployOnlyAndWarned.
        XCTAssertFalse(plan.contains("--s3-bucket"), "this target template fits inline")
    }

    func testTeardownIsTheReverse() throws {
        guard
            case .success(let rendering) = CrossAccountSynthesizer.renderWithWarnings(
                config: TestSupport.defaultConfig, sources: try TestSupport.projectSources())
        else { return XCTFail("render failed") }
        XCTAssertEqual(
            steps(rendering.teardownScript),
            [
                "step 1 'Remove our statements from the Glue resource policy' source 111111111111",
                "step 2 'Drop the target Glue tables and database' target 222222222222",
                "step 3 'Drop the source Glue tables and database' source 111111111111",
                "step 4 'Empty and delete the source stack' source 111111111111",
                "step 5 'Delete the target stack (its bucket empties itself)' target 222222222222",
            ])
        XCTAssertTrue(rendering.teardownScript.contains("DROP TABLE IF EXISTS cm_kasama_cross_account_target_db.sales_copy"))
        XCTAssertTrue(rendering.teardownScript.contains("DROP DATABASE IF EXISTS cm_kasama_cross_account_db"))
    }

    func testDDLIsSplitIntoStatements() {
        XCTAssertEqual(
            DeployPlan.statements("CREATE DATABASE a;\n\nCREATE TABLE a.b (\nx INT\n);\n"),
            ["CREATE DATABASE a", "CREATE TABLE a.b (\nx INT\n)"])
    }

    /// Issue 12: the diagram's grant labels are the grants' own actions, not text of its own.
    func testTheDiagramLabelsTheRolesBucketGrantWithItsActions() throws {
        let seed = try XCTUnwrap(try TestSupport.render()["architecture.mmd"])
        XCTAssertTrue(seed.contains("role -.->|\"" + BucketActions.athenaQueryOutput.joined(separator: ", ") + "\"| targetBucket"), seed)
        XCTAssertFalse(seed.contains("s3:DeleteObject"), "appending deletes nothing")
        let replaced = try XCTUnwrap(try TestSupport.text(TestSupport.fixtures.appendingPathComponent("snapshots/copy-modes/architecture.mmd")))
        XCTAssertTrue(replaced.contains(", s3:DeleteObject\"| targetBucket"), "replace mode deletes previous copies")
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

    // MARK: The Region, and the catalog policy other teams share

    /// The deploy plan and teardown of the default and the multi-source configuration, with the
    /// files rendered beside them.
    func renderedScripts() throws -> [(config: String, files: [String: String], deploy: String, teardown: String)] {
        let multiSource = try ConfigurationLoader.context(fromFile: Array(try TestSupport.text(PipelineTests.multiSourceConfig).utf8), path: "c")
            .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "c") }.get()
        return try [("default", TestSupport.defaultConfig), ("multi-source", multiSource)].map { name, config in
            guard case .success(let rendering) = CrossAccountSynthesizer.renderWithWarnings(config: config, sources: try TestSupport.projectSources())
            else {
                throw XCTSkip("\(name) did not render")
            }
            let files = Dictionary(uniqueKeysWithValues: rendering.files.map { ($0.name, $0.contents) })
            return (name, files, try XCTUnwrap(files[DeployPlan.fileName]), rendering.teardownScript)
        }
    }

    /// A shell line's words, split at blanks and at the characters that end a command.
    func shellWords(_ line: Substring) -> [Substring] {
        line.split(whereSeparator: { " \t;|&(){}".contains($0) })
    }

    func testEveryAWSCallGoesThroughAWrapperThatNamesTheRegion() throws {
        for (config, _, deploy, teardown) in try renderedScripts() {
            for (name, script) in [("deploy", deploy), ("teardown", teardown)] {
                XCTAssertTrue(script.contains("\nregion=ap-northeast-1\n"), "\(config) \(name)")
                let calls = script.split(separator: "\n").filter { !$0.trimmingPrefix(" ").hasPrefix("#") && shellWords($0).contains("aws") }
                XCTAssertEqual(
                    calls.map { $0.hasPrefix("target_aws() {") || $0.hasPrefix("  if [ -n \"$profile\" ]") }, [true, true],
                    "\(config) \(name): only the two wrappers call aws:\n\(calls.joined(separator: "\n"))")
                for line in calls {
                    let words = shellWords(line)
                    for index in words.indices where words[index] == "aws" {
                        XCTAssertEqual(Array(words[index...].prefix(3)), ["aws", "--region", "\"$region\""], "\(config) \(name): \(line)")
                    }
                }
            }
        }
    }

    func testTheGluePolicyIsOnlyEverWrittenOrDeletedUnderACondition() throws {
        for (config, _, deploy, teardown) in try renderedScripts() {
            let deletes = teardown.split(separator: "\n").filter { $0.contains("delete-resource-policy") }
            XCTAssertFalse(deletes.isEmpty, config)
            for line in deletes {
                XCTAssertTrue(line.contains("glue delete-resource-policy --policy-hash-condition \"$hash\""), "\(config): \(line)")
            }
            for line in (deploy + teardown).split(separator: "\n") where line.contains("put-resource-policy") {
                XCTAssertTrue(line.contains("--enable-hybrid TRUE"), "\(config): \(line)")
                XCTAssertTrue(
                    line.hasSuffix("--policy-hash-condition \"$hash\"") || line.hasSuffix("--policy-exists-condition NOT_EXIST"),
                    "\(config): \(line)")
            }
        }
    }

    /// The Sids in a policy document, in order; "" for a statement without one.
    func sids(_ policy: String) throws -> [String] {
        try XCTUnwrap(try JSONParser.parse(policy)["Statement"]?.arrayValue).map { $0["Sid"]?.stringValue ?? "" }
    }

    func testThePlanReplacesAndRemovesTheSidsOfItsOwnPolicyFilesInEverySourceAccount() throws {
        for (config, files, deploy, teardown) in try renderedScripts() {
            let puts = deploy.split(separator: "\n").filter { $0.hasPrefix("put_glue_policy ") }.map { $0.split(separator: " ") }
            let removals = teardown.split(separator: "\n").filter { $0.hasPrefix("remove_glue_policy_statements ") }.map { $0.split(separator: " ") }
            let policyFiles = files.keys.filter { $0.hasPrefix("glue-resource-policy") }
            XCTAssertEqual(puts.count, policyFiles.count, config)
            XCTAssertEqual(Set(removals.map { $0[1] }), Set(puts.map { $0[1] }), "\(config): the teardown edits every account the plan edits")
            for put in puts {
                let file = String(put[2].dropFirst("\"$here/".count).dropLast())
                let ours = try sids(try XCTUnwrap(files[file], "\(config): \(file)"))
                XCTAssertFalse(ours.contains(""), "\(config): \(file) has a statement without a Sid")
                XCTAssertEqual(put.dropFirst(3).map(String.init), ours, "\(config): \(put.joined(separator: " "))")
                let removal = try XCTUnwrap(removals.first { $0[1] == put[1] })
                XCTAssertEqual(removal.dropFirst(2).map(String.init), ours, "\(config): \(removal.joined(separator: " "))")
            }
        }
    }

    func testStatementSidsDifferPerPipelineAndEnvironmentAndAreLettersAndDigits() throws {
        let dev = try sids(try XCTUnwrap(try TestSupport.render()[CrossAccountSynthesizer.gluePolicyFile]))
        var prodConfig = TestSupport.defaultConfig
        prodConfig.environment = .prod
        let prod = try sids(try XCTUnwrap(try TestSupport.render(prodConfig)[CrossAccountSynthesizer.gluePolicyFile]))
        XCTAssertEqual(dev, ["CmKasamaCrossAccountDevCatalogRead"])
        XCTAssertEqual(prod, ["CmKasamaCrossAccountProdCatalogRead"])
        // Names whose hyphens a plain capitalisation would lose.
        let projects = ["etl-2", "etl2", "a-b", "ab", "a--b", "a-q", "aq", "a-qb", "a-", "a", "my-data-copy", "q"]
        let names = projects.flatMap { project in
            [EnvironmentParameters.dev, .prod].map {
                AppConfig(
                    environment: EnvironmentParameters(envName: $0.envName, projectName: project),
                    sourceAccountId: "111111111111"
                ).names
            }
        }
        let all = names.map(\.catalogReadStatementSid)
        XCTAssertEqual(Set(all).count, names.count, "\(all)")
        for sid in all {
            XCTAssertTrue(sid.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }, sid)
        }
    }

    /// Runs the plan's own edit_glue_policy on CURRENT (and ADDITIONS), as the plan calls it.
    func editGluePolicy(plan: String, current: String, additions: String?, sids: [String]) throws -> (counts: String, output: String) {
        let lines = plan.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try XCTUnwrap(lines.firstIndex(of: "edit_glue_policy() {"), "the plan defines edit_glue_policy")
        let end = try XCTUnwrap(lines[start...].firstIndex(of: "}"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("glue-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = lines[start...end].joined(separator: "\n") + "\n" + #"edit_glue_policy "$@""# + "\n"
        try Data(script.utf8).write(to: folder.appendingPathComponent("edit.sh"))
        try Data(current.utf8).write(to: folder.appendingPathComponent("current.json"))
        try Data((additions ?? "").utf8).write(to: folder.appendingPathComponent("ours.json"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.currentDirectoryURL = folder
        process.arguments = ["edit.sh", "current.json", "output.json", additions == nil ? "" : "ours.json"] + sids
        let stdout = Pipe()
        process.standardOutput = stdout
        try process.run()
        let counts = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "edit_glue_policy failed")
        return (counts, try TestSupport.text(folder.appendingPathComponent("output.json")))
    }

    func testTheMergeReplacesOnlyOurStatementsAndKeepsEveryOtherInItsOrder() throws {
        let files = try TestSupport.render()
        let plan = try XCTUnwrap(files[DeployPlan.fileName])
        let ours = try XCTUnwrap(files[CrossAccountSynthesizer.gluePolicyFile])
        let put = try XCTUnwrap(plan.split(separator: "\n").first { $0.hasPrefix("put_glue_policy ") })
        let ourSids = put.split(separator: " ").dropFirst(3).map(String.init)
        // Another team's statement; one without a Sid whose text looks like ours; an older copy of
        // ours; the prod environment's; a shared policy Id.
        let other =
            #"{"Sid":"OtherTeamGetDatabase","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"glue:GetDatabase","Resource":"arn:aws:glue:ap-northeast-1:111111111111:catalog"}"#
        let noSid =
            #"{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":["glue:GetTable"],"Resource":"*","Condition":{"StringEquals":{"aws:PrincipalTag/note":"\"Sid\": \"CmKasamaCrossAccountDevCatalogRead\"}, ]{ \\"}}}"#
        let oldOurs =
            #"{ "Sid" : "CmKasamaCrossAccountDevCatalogRead", "Effect": "Allow", "Principal": {"AWS": "x"}, "Action": "glue:GetTable", "Resource": "old" }"#
        let prod = #"{"Sid":"CmKasamaCrossAccountProdCatalogRead","Effect":"Allow","Principal":{"AWS":"y"},"Action":"glue:GetTable","Resource":"*"}"#
        let current =
            #"{"Version": "2012-10-17", "Id": "shared \"Statement\": [1]", "Statement": [\#n  \#(other),\#n  \#(noSid), \#(oldOurs),\#(prod)]}"#
        let ourStatements = try XCTUnwrap(try JSONParser.parse(ours)["Statement"]?.arrayValue)
        let foreign = try [other, noSid, prod].map { try JSONParser.parse($0) }

        let merged = try editGluePolicy(plan: plan, current: current, additions: ours, sids: ourSids)
        XCTAssertEqual(merged.counts, "1 4\n")
        let document = try JSONParser.parse(merged.output)
        XCTAssertEqual(document["Statement"]?.arrayValue, foreign + ourStatements)
        XCTAssertEqual(document["Id"]?.stringValue, #"shared "Statement": [1]"#)
        XCTAssertEqual(document["Version"]?.stringValue, "2012-10-17")
        XCTAssertTrue(
            merged.output.contains(other + ",") && merged.output.contains(noSid) && merged.output.contains(prod), "other statements keep their bytes")

        let again = try editGluePolicy(plan: plan, current: merged.output, additions: ours, sids: ourSids)
        XCTAssertEqual(again.counts, "1 4\n", "a second deploy replaces our statement rather than adding one")
        XCTAssertEqual(try JSONParser.parse(again.output), document)

        let rest = try editGluePolicy(plan: plan, current: merged.output, additions: nil, sids: ourSids)
        XCTAssertEqual(rest.counts, "1 3\n")
        XCTAssertEqual(try JSONParser.parse(rest.output)["Statement"]?.arrayValue, foreign)

        let nothing = try editGluePolicy(plan: plan, current: ours, additions: nil, sids: ourSids)
        XCTAssertEqual(nothing.counts, "1 0\n", "with only our statements left the teardown deletes the policy")
        XCTAssertEqual(nothing.output, "")
    }
}
