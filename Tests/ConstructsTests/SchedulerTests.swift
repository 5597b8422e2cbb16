import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// EventBridge Scheduler: the schedule, its role and the expression rules
/// (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html).
final class SchedulerTests: XCTestCase {
    func test_givenEveryFormSchedulerAccepts_whenChecked_thenNoProblem() {
        for expression in [
            "rate(1 minute)", "rate(5 minutes)", "rate(1 hour)", "rate(12 hours)", "rate(1 day)", "rate(7 days)",
            "cron(0 3 * * ? *)", "cron(0/15 * ? * MON-FRI *)", "cron(30 8 1 JAN ? 2030)", "cron(0 18 ? * 6L *)",
            "cron(0 10 ? * 2#1 *)", "cron(0 12 L * ? *)", "cron(0 0 15W * ? *)", "cron(5,35 1-3 * * ? *)",
        ] {
            XCTAssertEqual(Schedule.expressionProblems(expression), [], expression)
        }
    }

    func test_givenWhatSchedulerRefuses_whenChecked_thenEachIsAProblem() {
        let refused: [(String, String)] = [
            ("rate(1 days)", "singular for 1"), ("rate(2 day)", "plural for 2"), ("rate(0 minutes)", "positive"),
            ("rate(5 weeks)", "minute(s), hour(s) or day(s)"), ("rate(five minutes)", "whole number"), ("rate(5  minutes)", "one space"),
            ("cron(0 3 * * *)", "has 5 fields"), ("cron(0 3 * * * *)", "exactly one"), ("cron(0 3 ? * ? *)", "exactly one"),
            ("cron(60 3 * * ? *)", "as minutes"), ("cron(0 24 * * ? *)", "as hours"), ("cron(0 3 32 * ? *)", "as day-of-month"),
            ("cron(0 3 * FOO ? *)", "as month"), ("cron(0 3 ? * 8 *)", "as day-of-week"), ("cron(0 3 * * ? 1969)", "as year"),
            ("cron(0 3 W * ? *)", "as day-of-month"), ("every(1 day)", "neither rate"), ("rate(1 day", "neither rate"),
        ]
        for (expression, expected) in refused {
            let problems = Schedule.expressionProblems(expression)
            XCTAssertTrue(problems.contains { $0.contains(expected) }, "\(expression): \(problems)")
        }
    }

    func test_givenTimeZones_whenChecked_thenOnlyIANANamesPass() {
        for zone in ["UTC", "Asia/Tokyo", "America/Argentina/Buenos_Aires", "Etc/GMT+9"] {
            XCTAssertNil(Schedule.timezoneProblem(zone), zone)
        }
        for zone in ["", "Asia/", "/Tokyo", "Asia Tokyo", "9", "Asia/Tōkyō"] {
            XCTAssertNotNil(Schedule.timezoneProblem(zone), zone)
        }
    }

    func makeApp(expression: String = "rate(1 day)", name: String = "copy-schedule") -> App {
        let app = App()
        let stack = Stack(app, "S", account: "123456789012", region: "eu-west-1")
        _ = Schedule(
            stack, "Nightly", name: name, expression: expression, timezone: "Europe/Berlin",
            stateMachineArn: .string("arn:aws:states:eu-west-1:123456789012:stateMachine:copy"), stateMachineName: "copy")
        return app
    }

    func test_givenASchedule_whenSynthesized_thenItStartsTheStateMachineAsItsOwnScopedRole() throws {
        let template = try synthesizedTemplate(makeApp(), stack: "S")
        let resources = try XCTUnwrap(template["Resources"])
        guard case .object(let members) = resources else { return XCTFail("no resources") }
        let schedule = try XCTUnwrap(members.first { $0.value["Type"] == "AWS::Scheduler::Schedule" }).value
        assertJSON(
            schedule["Properties"],
            equals: """
                {"FlexibleTimeWindow": {"Mode": "OFF"}, "Name": "copy-schedule", "ScheduleExpression": "rate(1 day)",
                 "ScheduleExpressionTimezone": "Europe/Berlin", "State": "ENABLED",
                 "Target": {"Arn": "arn:aws:states:eu-west-1:123456789012:stateMachine:copy", "Input": "{}",
                            "RoleArn": {"Fn::GetAtt": ["NightlyRole954B33E9", "Arn"]}}}
                """)
        let role = try XCTUnwrap(members.first { $0.value["Type"] == "AWS::IAM::Role" }).value
        // Scheduler passes its schedule group's ARN as aws:SourceArn, not the schedule's
        // (https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html).
        assertJSON(
            role["Properties"]?["AssumeRolePolicyDocument"],
            equals: """
                {"Statement": [{"Action": "sts:AssumeRole",
                  "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"},
                                "ArnLike": {"aws:SourceArn": "arn:aws:scheduler:eu-west-1:123456789012:schedule-group/default"}},
                  "Effect": "Allow", "Principal": {"Service": "scheduler.amazonaws.com"}}], "Version": "2012-10-17"}
                """)
        let policy = try XCTUnwrap(members.first { $0.value["Type"] == "AWS::IAM::Policy" }).value
        assertJSON(
            policy["Properties"]?["PolicyDocument"],
            equals: """
                {"Statement": [{"Action": "states:StartExecution", "Effect": "Allow",
                  "Resource": "arn:aws:states:eu-west-1:123456789012:stateMachine:copy", "Sid": "StartTheStateMachine"}],
                 "Version": "2012-10-17"}
                """)
    }

    func test_givenAnInvalidExpressionOrName_whenSynthesized_thenBothAreReportedAtTheSchedule() {
        let errors = synthesisErrors(makeApp(expression: "rate(1 days)", name: "no spaces allowed"))
        XCTAssertEqual(errors.map(\.location), ["S/Nightly", "S/Nightly"])
        XCTAssertTrue(errors.contains { $0.message.contains("singular for 1") }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.message.contains("schedule name") }, "\(errors)")
    }
}
