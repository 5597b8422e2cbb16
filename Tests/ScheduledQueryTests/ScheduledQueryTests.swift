import CloudFormation
import Constructs
import Foundation
import ScheduledQuery
import Synthesis
import XCTest

/// The second app: a scheduled Athena query, results in its bucket, failed runs mailed.
final class ScheduledQueryTests: XCTestCase {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func render(_ text: String, environment: String = "dev") -> Result<Rendering, SynthesisError> {
        ConfigFile.parse(Array(text.utf8), path: "synth.json").flatMap {
            SynthesisPipeline<ScheduledQueryApp>.render(LoadRequest(configPath: "synth.json", context: $0.context, environment: environment))
        }
    }

    func fixture() throws -> String {
        try String(contentsOf: Self.fixtures.appendingPathComponent("sales-report.json"), encoding: .utf8)
    }

    func testTheSampleMatchesItsSnapshotRecordedFromSynth() throws {
        let rendering = try render(try fixture()).get()
        XCTAssertEqual(rendering.files.map(\.name), ["scheduled-query-stack.json"])
        let snapshot = Self.fixtures.appendingPathComponent("snapshots/scheduled-query-stack.json")
        if ProcessInfo.processInfo.environment["SNAPSHOT_RECORD"] == "1" {
            try Data(rendering.files[0].contents.utf8).write(to: snapshot)
        }
        XCTAssertEqual(
            rendering.files[0].contents, try String(contentsOf: snapshot, encoding: .utf8),
            "snapshots/scheduled-query-stack.json is out of date; run with SNAPSHOT_RECORD=1 if intended")
    }

    func testTheStackHoldsTheQueryTheScheduleTheResultsAndTheAlerts() throws {
        let template = try JSONParser.parse(try render(try fixture()).get().files[0].contents)
        let types = (template["Resources"]?.objectMembers ?? []).compactMap { $0.value["Type"]?.stringValue }
        for type in [
            "AWS::S3::Bucket", "AWS::Athena::WorkGroup", "AWS::StepFunctions::StateMachine", "AWS::Scheduler::Schedule",
            "AWS::Events::Rule", "AWS::SNS::Topic", "AWS::SNS::Subscription", "AWS::KMS::Key",
        ] {
            XCTAssertTrue(types.contains(type), type)
        }
        let workGroup = try XCTUnwrap(template["Resources"]?["QueryWorkGroup"]?["Properties"]?["WorkGroupConfiguration"])
        XCTAssertNil(workGroup["ManagedQueryResultsConfiguration"], "results go to the stack's bucket, set by the escape hatch")
        assertEqual(workGroup["ResultConfiguration"]?["OutputLocation"], #"{"Fn::Sub": "s3://${Results25575328}/results/"}"#)
        let text = try render(try fixture()).get().files[0].contents
        XCTAssertTrue(text.contains("arn:aws:glue:eu-west-1:222222222222:table/sales/orders"))
        XCTAssertTrue(text.contains("arn:aws:s3:::sales-data-222222222222/orders/*"))
        XCTAssertFalse(text.contains("table/*"), "only the tables it reads")
    }

    func testWithoutAnAlarmEmailThereAreNoAlerts() throws {
        let text = try fixture().replacingOccurrences(of: #""alarmEmail": "reports@example.com""#, with: #""scheduleTimezone2": 1"#)
        guard case .failure(let error) = render(text) else { return XCTFail("an unknown key was accepted") }
        XCTAssertTrue(error.description.contains(#"context.scheduleTimezone2: unknown key; did you mean "scheduleTimezone"?"#), error.description)
        let without = try fixture().replacingOccurrences(of: #", "alarmEmail": "reports@example.com""#, with: "")
            .replacingOccurrences(of: ",\n    \"alarmEmail\": \"reports@example.com\"", with: "")
        let template = try render(without).get().files[0].contents
        XCTAssertFalse(template.contains("AWS::SNS::Topic"))
    }

    func testEveryProblemWithTheSettingsIsReportedAtItsKey() {
        let text =
            #"{"context": {"accountId": "12", "region": "eu-west-1", "query": "", "schedule": "every day", "tables": ["orders"], "dataLocations": ["sales-data/orders/"], "alarmEmail": "nobody"}}"#
        guard case .failure(let error) = render(text) else { return XCTFail("accepted") }
        let locations = error.diagnostics.map(\.location)
        for key in ["query", "accountId", "schedule", "alarmEmail", "tables", "dataLocations"] {
            XCTAssertTrue(locations.contains("synth.json: context.\(key)"), "\(key): \(error)")
        }
    }

    private func assertEqual(_ actual: JSON?, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual, try? JSONParser.parse(expected), file: file, line: line)
    }
}
