import CloudFormation
import CloudFormationScheduler
import Constructs

/// An EventBridge Scheduler schedule that starts a Step Functions state machine, with a role of
/// its own that may only start that state machine.
///
/// Expressions are checked as EventBridge Scheduler reads them
/// (https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html):
/// `rate(value unit)` with a positive whole value and unit minute(s), hour(s) or day(s), singular
/// only for 1; `cron(minutes hours day-of-month month day-of-week year)`, six fields, with `?` in
/// exactly one of the two day fields.
public final class Schedule: Construct {
    public static let maximumNameLength = 64
    /// Scheduler's own group; every schedule without a `GroupName` is in it.
    public static let defaultGroup = "default"

    public private(set) var resource: CfnResource<SchedulerScheduleProperties>!
    public private(set) var role: Role!
    public let name: String
    public let expression: String
    public let timezone: String?

    public init(
        _ scope: Construct, _ id: String, name: String, expression: String, timezone: String? = nil,
        description: String? = nil, stateMachineArn: Value, stateMachineName: String
    ) {
        self.name = name
        self.expression = expression
        self.timezone = timezone
        super.init(scope, id)
        // Scheduler assumes the role on behalf of the schedule's group: its docs say aws:SourceArn
        // must be the schedule group's ARN, not the schedule's
        // (https://docs.aws.amazon.com/scheduler/latest/UserGuide/cross-service-confused-deputy-prevention.html).
        let groupArn = stack?.formatArn(service: "scheduler", resource: "schedule-group/\(Schedule.defaultGroup)")
        role = Role(
            self, "Role", assumedBy: .service("scheduler.amazonaws.com"), assumedFor: groupArn,
            description: "Lets EventBridge Scheduler start \(stateMachineName), and nothing else")
        StateMachine.grantStartExecution(
            role, stateMachineArn: stack?.formatArn(service: "states", resource: "stateMachine:\(stateMachineName)") ?? stateMachineArn,
            options: GrantOptions(sid: "StartTheStateMachine"))
        resource = CfnResource(
            self, "Resource",
            SchedulerScheduleProperties(
                description: description.map(Value.string), flexibleTimeWindow: .init(mode: .off), name: .string(name),
                scheduleExpression: .string(expression), scheduleExpressionTimezone: timezone.map(Value.string), state: .enabled,
                target: .init(arn: stateMachineArn, input: "{}", roleArn: role.roleArn)))
        resource.addDependencies { [role] in role.policyDependencies }
    }

    /// `arn:<partition>:scheduler:<region>:<account>:schedule/default/<name>`.
    public var arn: Value { resource.attribute(.arn) }

    public override func validate() -> [String] {
        var problems = Schedule.expressionProblems(expression).map { "schedule \"\(expression)\" \($0)" }
        if let timezone, let problem = Schedule.timezoneProblem(timezone) { problems.append("time zone \"\(timezone)\" \(problem)") }
        if name.isEmpty || name.count > Schedule.maximumNameLength
            || !name.unicodeScalars.allSatisfy({
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)
            })
        {
            problems.append("schedule name \"\(name)\" must be 1 to \(Schedule.maximumNameLength) letters, digits, '-', '_' or '.'")
        }
        return problems
    }

    // MARK: Expressions

    static let rateUnits = ["minute", "hour", "day"]

    /// What is wrong with a `rate(…)` or `cron(…)` expression; empty when Scheduler accepts it.
    public static func expressionProblems(_ expression: String) -> [String] {
        if expression.hasPrefix("rate("), expression.hasSuffix(")") {
            return rateProblems(String(expression.dropFirst(5).dropLast()))
        }
        if expression.hasPrefix("cron("), expression.hasSuffix(")") {
            return cronProblems(String(expression.dropFirst(5).dropLast()))
        }
        return ["is neither rate(value unit) nor cron(minutes hours day-of-month month day-of-week year)"]
    }

    static func rateProblems(_ body: String) -> [String] {
        let parts = body.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, let value = Int(parts[0]), parts[0].allSatisfy(\.isNumber) else {
            return ["must be rate(value unit) with a whole number and one space, e.g. rate(1 day) or rate(6 hours)"]
        }
        let unit = String(parts[1])
        guard value > 0 else { return ["has a rate of \(value); it must be positive"] }
        let singular = unit.hasSuffix("s") ? String(unit.dropLast()) : unit
        guard rateUnits.contains(singular) else { return ["has the unit \"\(unit)\"; use minute(s), hour(s) or day(s)"] }
        if value == 1, unit != singular { return ["must use the singular for 1: rate(1 \(singular))"] }
        if value > 1, unit == singular { return ["must use the plural for \(value): rate(\(value) \(singular)s)"] }
        return []
    }

    private struct CronField {
        var name: String
        var range: ClosedRange<Int>
        var names: [String]
        var specials: String
    }

    private static let cronFields = [
        CronField(name: "minutes", range: 0...59, names: [], specials: ",-*/"),
        CronField(name: "hours", range: 0...23, names: [], specials: ",-*/"),
        CronField(name: "day-of-month", range: 1...31, names: [], specials: ",-*?/LW"),
        CronField(
            name: "month", range: 1...12, names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
            specials: ",-*/"),
        CronField(name: "day-of-week", range: 1...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], specials: ",-*?L#"),
        CronField(name: "year", range: 1970...2199, names: [], specials: ",-*/"),
    ]

    static func cronProblems(_ body: String) -> [String] {
        let fields = body.split(separator: " ").map(String.init)
        guard fields.count == 6 else {
            return ["has \(fields.count) fields; cron takes six: minutes hours day-of-month month day-of-week year, e.g. cron(0 3 * * ? *)"]
        }
        var problems: [String] = []
        for (field, spec) in zip(fields, cronFields) {
            let allowed = Set(spec.specials)
            var token = ""
            var bad = false
            var afterSlash = false
            func flush() {
                defer { token = "" }
                if token.isEmpty { return }
                if let number = Int(token) {
                    // After `/` a number is an increment: 1 up to the size of the range.
                    let valid = afterSlash ? (1...spec.range.count).contains(number) : spec.range.contains(number)
                    if !valid { bad = true }
                } else if !spec.names.contains(token.uppercased()) {
                    bad = true
                }
            }
            var previous: Character?
            for character in field {
                if allowed.contains(character) {
                    flush()
                    afterSlash = character == "/"
                    // W names the weekday nearest a day of the month: it follows a day or L.
                    if character == "W", !(previous?.isNumber == true || previous == "L") { bad = true }
                } else {
                    token.append(character)
                }
                previous = character
            }
            flush()
            if bad {
                problems.append(
                    "has \"\(field)\" as \(spec.name); use \(spec.range.lowerBound)-\(spec.range.upperBound)"
                        + (spec.names.isEmpty ? "" : " or \(spec.names.first!)-\(spec.names.last!)")
                        + " with \(spec.specials.map(String.init).joined(separator: " "))")
            }
        }
        let dayOfMonth = fields[2]
        let dayOfWeek = fields[4]
        if (dayOfMonth == "?") == (dayOfWeek == "?") {
            problems.append("must have ? in exactly one of day-of-month (\(dayOfMonth)) and day-of-week (\(dayOfWeek)), e.g. cron(0 3 * * ? *)")
        }
        return problems
    }

    /// An IANA time zone name such as `Asia/Tokyo`, or `UTC`.
    public static func timezoneProblem(_ zone: String) -> String? {
        let parts = zone.split(separator: "/", omittingEmptySubsequences: false)
        let valid =
            !zone.isEmpty && zone.count <= 50
            && parts.allSatisfy { part in
                !part.isEmpty
                    && part.unicodeScalars.allSatisfy {
                        ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_+-".unicodeScalars.contains($0)
                    }
            } && parts[0].first?.isLetter == true
        return valid ? nil : "is not an IANA time zone name such as Asia/Tokyo, Europe/Berlin or UTC"
    }
}
