import Foundation
import XCTest

/// `synth diff`, run as the built binary against the committed templates (copied into a scratch
/// folder with the project's inputs).
final class SynthDiffCommandTests: XCTestCase {
    var workspace: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(
            FileManager.default.isExecutableFile(atPath: SynthCommandTests.synthBinary.path),
            "synth is not built at \(SynthCommandTests.synthBinary.path); run swift build first")
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("synth-diff-tests-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: workspace, withIntermediateDirectories: true)
        for item in ["synth.json", "source", "target", "templates"] {
            try manager.copyItem(at: TestSupport.packageRoot.appendingPathComponent(item), to: workspace.appendingPathComponent(item))
        }
    }

    override func tearDownWithError() throws {
        if let workspace { try? FileManager.default.removeItem(at: workspace) }
    }

    func synth(_ arguments: String...) throws -> SynthCommandTests.Run {
        try SynthCommandTests.runSynth(arguments, in: workspace)
    }

    func testNoChangesAgainstTheCommittedTemplatesExitsZero() throws {
        for arguments in [["diff"], ["diff", "--fail-on-replace"]] {
            let run = try synth(arguments[0], arguments.count > 1 ? arguments[1] : "--against=templates")
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("(target-stack.json): no differences"), run.stdout)
            XCTAssertTrue(run.stdout.contains("(source-stack.json): no differences"), run.stdout)
            XCTAssertTrue(run.stdout.hasSuffix("0 added, 0 removed, 0 updated, 0 replaced, 0 with DATA LOSS\n"), run.stdout)
        }
    }

    func testRenamingTheProjectReplacesTheBucketAndFailsOnReplace() throws {
        let run = try synth("diff", "--context", "projectName=other", "--fail-on-replace")
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("--fail-on-replace"), run.stderr)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let bucket = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("  ~ TargetDataBucket") }, run.stdout)
        XCTAssertTrue(lines[bucket].hasSuffix("(AWS::S3::Bucket) REPLACE DATA LOSS"), lines[bucket])
        XCTAssertEqual(lines[bucket + 1], "      BucketName (create-only)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("  ~ TargetAthenaWorkgroup") && $0.hasSuffix("REPLACE") }, run.stdout)
        // The state machine's log group is named after the project too: its events are lost.
        XCTAssertTrue(
            lines.contains { $0.hasPrefix("  ~ AthenaInsertStateMachineLogs") && $0.hasSuffix("(AWS::Logs::LogGroup) REPLACE DATA LOSS") }, run.stdout
        )
        // The same run without --fail-on-replace reports and succeeds; twice, identically.
        let report = try synth("diff", "--context", "projectName=other")
        XCTAssertEqual(report.status, 0, report.stderr)
        XCTAssertEqual(report.stdout, run.stdout)
        XCTAssertEqual(try synth("diff", "--context", "projectName=other").stdout, report.stdout)
    }

    func testAStackTheAppNoLongerRendersIsReportedRemovedWithItsDataLoss() throws {
        // A folder written by a config with more than 200 source accounts held source-stack-2.json;
        // the manifest names it, so synth owned it, and no stack renders to it now.
        let templates = workspace.appendingPathComponent("templates")
        try FileManager.default.copyItem(
            at: templates.appendingPathComponent("source-stack.json"), to: templates.appendingPathComponent("source-stack-2.json"))
        let manifest = templates.appendingPathComponent(".synth-manifest")
        let listed = try String(contentsOf: manifest, encoding: .utf8) + "source-stack-2.json\n"
        try Data(listed.split(separator: "\n").sorted().map { $0 + "\n" }.joined().utf8).write(to: manifest)
        try Data("{\"Resources\": {\"X\": {\"Type\": \"AWS::S3::Bucket\"}}}".utf8).write(to: templates.appendingPathComponent("unlisted.json"))

        let run = try synth("diff", "--fail-on-replace")
        XCTAssertEqual(run.status, 1, run.stdout)
        XCTAssertTrue(run.stdout.contains("stack source-stack-2.json: no longer rendered, every resource removed"), run.stdout)
        XCTAssertTrue(run.stdout.contains("  - DataBucket (AWS::S3::Bucket)"), run.stdout)
        XCTAssertFalse(run.stdout.contains("unlisted.json"), "a file the manifest does not name is not synth's")
    }

    func testASingleDeployedTemplateIsComparedWithTheStackOfItsFileName() throws {
        let deployed = workspace.appendingPathComponent("deployed")
        try FileManager.default.createDirectory(at: deployed, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: workspace.appendingPathComponent("templates/target-stack.json"), to: deployed.appendingPathComponent("target-stack.json"))
        let run = try synth("diff", "--against", "deployed/target-stack.json", "--context", "projectName=other")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("(target-stack.json): 0 added"), run.stdout)
        XCTAssertFalse(run.stdout.contains("source-stack.json"), run.stdout)
        // Another name, with two stacks: which stack is meant is unknown.
        try FileManager.default.moveItem(at: deployed.appendingPathComponent("target-stack.json"), to: deployed.appendingPathComponent("body.json"))
        let unnamed = try synth("diff", "--against", "deployed/body.json")
        XCTAssertEqual(unnamed.status, 1)
        XCTAssertTrue(unnamed.stderr.contains("no stack renders to body.json"), unnamed.stderr)
    }

    func testAMissingOrUnreadableAgainstIsAnErrorNamingIt() throws {
        let missing = try synth("diff", "--against", "nowhere")
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("--against nowhere: no such file or folder"), missing.stderr)
        // A folder whose template is not JSON names the file.
        try FileManager.default.createDirectory(at: workspace.appendingPathComponent("broken"), withIntermediateDirectories: true)
        try Data("{not json".utf8).write(to: workspace.appendingPathComponent("broken/target-stack.json"))
        let broken = try synth("diff", "--against", "broken")
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("--against broken/target-stack.json: not JSON"), broken.stderr)
    }

    func testDiffOptionsAreUsageErrorsElsewhere() throws {
        XCTAssertEqual(try synth("--fail-on-replace").status, 2)
        XCTAssertEqual(try synth("diff", "--check").status, 2)
        XCTAssertEqual(try synth("diff", "--against").status, 2)
    }
}
