import Foundation
import XCTest

/// Issue 12: `synth` hosts every app with the same flags: `--app` or the config's `"app"` picks it,
/// `--check` and the manifest work the same, and an unknown app is named with the choices.
extension SynthCommandTests {
    func writeScheduledQueryConfig(app: String? = "scheduled-query") throws {
        let sample = TestSupport.packageRoot.appendingPathComponent("Tests/ScheduledQueryTests/Fixtures/sales-report.json")
        var text = try String(contentsOf: sample, encoding: .utf8)
        if app == nil { text = text.replacingOccurrences(of: "\"app\": \"scheduled-query\",\n", with: "") }
        try Data(text.utf8).write(to: workspace.appendingPathComponent("report.json"))
    }

    func testTheConfigsAppIsRenderedAndCheckedWithTheSameFlags() throws {
        try writeScheduledQueryConfig()
        let written = try synth("--config", "report.json", "--out", "report")
        XCTAssertEqual(written.status, 0, written.stderr)
        XCTAssertEqual(try contents("report").keys.sorted(), [".synth-manifest", "scheduled-query-stack.json"])
        let check = try synth("--config", "report.json", "--out", "report", "--check")
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertEqual(check.stdout, "synth: 1 files in report are current\n")
        let plan = try synth("plan", "--config", "report.json")
        XCTAssertEqual(plan.status, 1)
        XCTAssertEqual(plan.stderr, "synth: error: app scheduled-query has no plan to print (synth plan)\n")
    }

    func testTheAppFlagPicksAnAppAndAnUnknownOneIsNamedWithTheChoices() throws {
        try writeScheduledQueryConfig(app: nil)
        let defaultApp = try synth("--config", "report.json", "--out", "report")
        XCTAssertEqual(defaultApp.status, 1, "the default app does not know the scheduled query's keys")
        XCTAssertTrue(defaultApp.stderr.contains("report.json: context.query: unknown context key"), defaultApp.stderr)
        let flagged = try synth("--config", "report.json", "--app", "scheduled-query", "--out", "report")
        XCTAssertEqual(flagged.status, 0, flagged.stderr)
        let unknown = try synth("--config", "report.json", "--app", "scheduled-qery")
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(
            unknown.stderr,
            "synth: error: --app scheduled-qery: unknown app; did you mean scheduled-query? (apps: cross-account-glue, scheduled-query)\n")
        XCTAssertTrue(try synth("--help").stdout.contains("App scheduled-query: Runs an Athena query on a schedule"))
    }
}
