import CloudFormation
import Constructs
import CrossAccountGlue
import XCTest

/// `schedule` and `scheduleTimezone`: validated at synth time, reported with where they came from.
final class ScheduleConfigTests: XCTestCase {
    let sources = #""sources": [{"accountId": "111111111111", "databases": [{"name": "db", "tables": [{"name": "a"}, {"name": "b"}]}]}]"#

    func resolve(_ context: String) -> Result<AppConfig, SynthesisError> {
        ConfigurationLoader.context(
            fromFile: Array(#"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", \#(context)}}"#.utf8), path: "synth.json"
        )
        .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "synth.json") }
    }

    func messages(_ result: Result<AppConfig, SynthesisError>) -> [String] {
        guard case .failure(let error) = result else { return [] }
        return error.diagnostics.map { "\($0.location): \($0.message)" }
    }

    func testAValidScheduleAndTimeZoneAreKept() throws {
        let config = try resolve(#""schedule": "cron(0 3 * * ? *)", "scheduleTimezone": "Asia/Tokyo", \#(sources)"#).get()
        XCTAssertEqual(config.schedule, AppConfig.CopySchedule(expression: "cron(0 3 * * ? *)", timezone: "Asia/Tokyo"))
        let target = try XCTUnwrap(try TestSupport.render(config)[CrossAccountSynthesizer.targetTemplateFile])
        XCTAssertTrue(target.contains("\"AWS::Scheduler::Schedule\""))
    }

    func testEveryScheduleProblemIsReportedAtOnceWithItsKey() {
        let problems = messages(resolve(#""schedule": "rate(1 days)", "scheduleTimezone": "Tokyo Time", \#(sources)"#))
        XCTAssertEqual(
            problems,
            [
                #"synth.json: context.schedule: "rate(1 days)" must use the singular for 1: rate(1 day)"#,
                #"synth.json: context.scheduleTimezone: "Tokyo Time" is not an IANA time zone name such as Asia/Tokyo, Europe/Berlin or UTC"#,
            ])
    }

    func testAScheduleNeedsSourcesAndATimeZoneNeedsASchedule() {
        XCTAssertEqual(
            messages(resolve(#""sourceAccountId": "111111111111", "schedule": "rate(1 day)""#)),
            [#"synth.json: context.schedule: only applies together with "sources""#])
        XCTAssertEqual(
            messages(resolve(#""scheduleTimezone": "UTC", \#(sources)"#)),
            [#"synth.json: context.scheduleTimezone: only applies together with "schedule""#])
    }

    func testWithoutAScheduleNoScheduleIsRendered() throws {
        let target = try XCTUnwrap(try TestSupport.render(try resolve(sources).get())[CrossAccountSynthesizer.targetTemplateFile])
        XCTAssertFalse(target.contains("AWS::Scheduler::Schedule"))
    }

    func testAScheduleIsNotACommandLineTypo() throws {
        let settings = try ConfigurationLoader.applying(overrides: [("schedule", "rate(6 hours)")], to: [:]).get()
        XCTAssertEqual(settings[.schedule]?.value, "rate(6 hours)")
    }
}
