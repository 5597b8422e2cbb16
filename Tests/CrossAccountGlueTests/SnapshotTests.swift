import CrossAccountGlue
import Foundation
import XCTest

/// Every file synth renders for the default configuration must equal the committed copy in
/// `templates/`. Record new snapshots only on purpose: run `swift run synth`, or run the tests
/// with `SNAPSHOT_RECORD=1`.
final class SnapshotTests: XCTestCase {
    static let expectedFiles = [
        CrossAccountSynthesizer.targetTemplateFile, CrossAccountSynthesizer.sourceTemplateFile,
        CrossAccountSynthesizer.gluePolicyFile, CrossAccountSynthesizer.sourceDDLFile, CrossAccountSynthesizer.targetDDLFile,
        "deploy-plan.sh", "architecture.mmd", "architecture.dot",
    ]

    func testDeployPlanMatchesSnapshot() throws { try assertSnapshot("deploy-plan.sh") }
    func testMermaidDiagramMatchesSnapshot() throws { try assertSnapshot("architecture.mmd") }
    func testGraphvizDiagramMatchesSnapshot() throws { try assertSnapshot("architecture.dot") }

    func testDefaultConfigRendersExactlyTheFiveFilesPlusPlanAndDiagrams() throws {
        let files = try TestSupport.render()
        XCTAssertEqual(files.keys.sorted(), SnapshotTests.expectedFiles.sorted())
    }

    func testTargetStackMatchesSnapshot() throws { try assertSnapshot(CrossAccountSynthesizer.targetTemplateFile) }
    func testSourceStackMatchesSnapshot() throws { try assertSnapshot(CrossAccountSynthesizer.sourceTemplateFile) }
    func testGlueResourcePolicyMatchesSnapshot() throws { try assertSnapshot(CrossAccountSynthesizer.gluePolicyFile) }
    func testSourceDDLMatchesSnapshot() throws { try assertSnapshot(CrossAccountSynthesizer.sourceDDLFile) }
    func testTargetDDLMatchesSnapshot() throws { try assertSnapshot(CrossAccountSynthesizer.targetDDLFile) }

    func testNoPlaceholderSurvivesInAnyFile() throws {
        for (name, contents) in try TestSupport.render() {
            for marker in [
                "<SOURCE_BUCKET_NAME>", "<TARGET_BUCKET_NAME>", "<TARGET_ACCOUNT_ID>", "<SOURCE_ACCOUNT_ID>",
                "${TARGET_DATABASE}", "${SOURCE_CATALOG}",
            ] {
                XCTAssertFalse(contents.contains(marker), "\(name) still contains \(marker)")
            }
        }
    }

    func testRenderingTwiceGivesIdenticalBytes() throws {
        XCTAssertEqual(try TestSupport.render(), try TestSupport.render())
    }

    private func assertSnapshot(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let actual = try XCTUnwrap(try TestSupport.render()[name], "\(name) was not rendered", file: file, line: line)
        let url = TestSupport.templates.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: TestSupport.templates, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let expected = try? TestSupport.text(url) else {
            XCTFail("templates/\(name) is missing; run `swift run synth` to record it", file: file, line: line)
            return
        }
        if expected != actual {
            let diff = UnifiedDiff.make(
                expected: expected, actual: actual, expectedName: "templates/\(name) (committed)",
                actualName: "\(name) (rendered now)")
            XCTFail("templates/\(name) is out of date; run `swift run synth` if the change is intended.\n\(diff)", file: file, line: line)
        }
    }
}
