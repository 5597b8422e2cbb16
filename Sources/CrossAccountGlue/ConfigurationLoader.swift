import AWSConstructs
import CloudFormation
import Constructs
import Synthesis

/// Turns the config file (shaped like `cdk.json`'s context), `--context` overrides and `--env`
/// into a validated `AppConfig`, reporting every problem at once with the input it came from.
public enum ConfigurationLoader {
    /// The context keys synth understands: what validation accepts and what `--help` lists.
    public enum Key: String, CaseIterable, Sendable {
        case sourceAccountId, targetAccountId, region, projectName
        case targetDatabase, maxConcurrency, catalogAsCode, sources
        case copyMode
        case toleratedFailureCount
        case schedule, scheduleTimezone
        case alarmEmail, alarmTopicArn

        /// One line for `--help`.
        public var summary: String {
            switch self {
            case .sourceAccountId: return "Account with the source tables; required without sources."
            case .targetAccountId: return "Account the tables are copied into (else AWS::AccountId)."
            case .region: return "Region of both accounts, e.g. ap-northeast-1 (else AWS::Region)."
            case .projectName: return "Prefix of every resource name (default: the environment's)."
            case .targetDatabase: return "With sources: the Glue database the copies go into."
            case .maxConcurrency:
                return
                    "With sources: tables copied at a time, 1 to \(PipelineParser.maximumConcurrency) (default: \(Pipeline.defaultMaxConcurrency))."
            case .catalogAsCode: return "With sources: true declares the Glue tables in the stacks."
            case .sources: return "Accounts, databases and tables to copy (config file only)."
            case .copyMode: return "With sources: append (default), replace or partitions, for tables without their own copyMode."
            case .toleratedFailureCount: return "With sources: tables that may fail before the run fails (default: 0)."
            case .schedule: return "With sources: start the copy on a schedule, rate(1 day) or cron(0 3 * * ? *)."
            case .scheduleTimezone: return "With schedule: the time zone of a cron schedule, e.g. Asia/Tokyo (default: UTC)."
            case .alarmEmail: return "With sources: mail failed, timed-out or aborted runs to this address (a topic of the stack's own)."
            case .alarmTopicArn: return "With sources: publish failed, timed-out or aborted runs to this SNS topic of the target account."
            }
        }
    }

    /// A context value and where it came from, for error messages.
    public struct Setting: Sendable, Equatable {
        public var json: JSON
        public var origin: String
        /// The value when it is a string.
        public var value: String { json.stringValue ?? "" }
    }

    /// Keys whose value is a string; the others are checked where they are read.
    static let stringKeys: Set<Key> = [
        .sourceAccountId, .targetAccountId, .region, .projectName, .targetDatabase, .copyMode,
        .schedule, .scheduleTimezone, .alarmEmail, .alarmTopicArn,
    ]

    /// Reads the context object of a config file. `path` is only used in messages.
    public static func context(fromFile bytes: [UInt8], path: String) -> Result<[Key: Setting], SynthesisError> {
        ConfigFile.parse(bytes, path: path).flatMap { context(from: $0.context, path: path) }
    }

    /// The settings of a config file's context object, each checked to be a known key of the right type.
    public static func context(from entries: [JSON.Member], path: String) -> Result<[Key: Setting], SynthesisError> {
        var problems: [Diagnostic] = []
        var settings: [Key: Setting] = [:]
        for entry in entries {
            let location = "\(path): context.\(entry.key)"
            guard let key = Key(rawValue: entry.key) else {
                problems.append(unknownKey(entry.key, at: location))
                continue
            }
            if stringKeys.contains(key), entry.value.stringValue == nil {
                problems.append(
                    Diagnostic(
                        at: location, "must be a string, not \(typeName(entry.value))",
                        hint: "quote the value, e.g. \"\(entry.key)\": \"\(example(key))\""))
                continue
            }
            settings[key] = Setting(json: entry.value, origin: location)
        }
        return problems.isEmpty ? .success(settings) : .failure(SynthesisError(problems))
    }

    /// Applies `--context KEY=VALUE` overrides (already split) on top of the file's settings.
    public static func applying(overrides: [(key: String, value: String)], to settings: [Key: Setting]) -> Result<[Key: Setting], SynthesisError> {
        var result = settings
        var problems: [Diagnostic] = []
        for (name, value) in overrides {
            let location = "--context \(name)"
            guard let key = Key(rawValue: name) else {
                problems.append(unknownKey(name, at: location))
                continue
            }
            switch key {
            case .sources:
                problems.append(Diagnostic(at: location, "cannot be given on the command line", hint: "list the sources in the config file"))
            case .maxConcurrency, .toleratedFailureCount:
                result[key] = Setting(json: Int(value).map(JSON.int) ?? .string(value), origin: location)
            case .catalogAsCode:
                result[key] = Setting(json: value == "true" ? .bool(true) : value == "false" ? .bool(false) : .string(value), origin: location)
            default:
                result[key] = Setting(json: .string(value), origin: location)
            }
        }
        return problems.isEmpty ? .success(result) : .failure(SynthesisError(problems))
    }

    /// Validates the settings for environment `envName`.
    public static func resolve(_ settings: [Key: Setting], envName: String, configPath: String) -> Result<AppConfig, SynthesisError> {
        var problems: [Diagnostic] = []
        var environment = EnvironmentParameters.named(envName)
        if environment == nil {
            let known = EnvironmentParameters.all.map(\.envName)
            problems.append(
                Diagnostic(
                    .argument("--env \(envName)"), "unknown environment\(suggestion(envName, among: known))",
                    hint: "known environments: \(known.joined(separator: ", "))"))
        }
        func accountId(_ key: Key) -> String? {
            guard let setting = settings[key] else { return nil }
            if !InputRules.isAccountId(setting.value) {
                problems.append(
                    Diagnostic(
                        at: setting.origin, "\"\(setting.value)\" is not an AWS account id",
                        hint: "use the account's 12 digits, e.g. 111111111111"))
            }
            return setting.value
        }
        var source = accountId(.sourceAccountId)
        let usesSources = settings[.sources] != nil
        if settings[.sourceAccountId] == nil && !usesSources {
            problems.append(
                Diagnostic(
                    at: "\(configPath): context.sourceAccountId", "is required",
                    hint: "add \"sourceAccountId\": \"111111111111\" to the context or pass --context sourceAccountId=111111111111"))
        }
        if let single = settings[.sourceAccountId], usesSources {
            problems.append(
                Diagnostic(
                    at: single.origin, "cannot be combined with \"sources\"",
                    hint: "list the account under \"sources\" instead"))
        }
        if !usesSources {
            for key in [
                Key.targetDatabase, .maxConcurrency, .catalogAsCode, .copyMode, .toleratedFailureCount, .schedule, .alarmEmail, .alarmTopicArn,
            ] {
                if let setting = settings[key] {
                    problems.append(
                        Diagnostic(
                            at: setting.origin, "only applies together with \"sources\"",
                            hint: "describe the tables under \"sources\", or remove \"\(key.rawValue)\""))
                }
            }
        }
        if let schedule = settings[.schedule] {
            for problem in Schedule.expressionProblems(schedule.value) {
                problems.append(
                    Diagnostic(
                        at: schedule.origin, "\"\(schedule.value)\" \(problem)",
                        hint: "see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html"))
            }
        }
        if let zone = settings[.scheduleTimezone] {
            if settings[.schedule] == nil {
                problems.append(
                    Diagnostic(at: zone.origin, "only applies together with \"schedule\"", hint: "add a schedule, or remove \"scheduleTimezone\""))
            } else if let problem = Schedule.timezoneProblem(zone.value) {
                problems.append(Diagnostic(at: zone.origin, "\"\(zone.value)\" \(problem)", hint: "use a name from the IANA time zone database"))
            }
        }
        if let email = settings[.alarmEmail], let problem = Subscription.emailProblem(email.value) {
            problems.append(
                Diagnostic(at: email.origin, "\"\(email.value)\" \(problem)", hint: "give one address, e.g. \"alarmEmail\": \"data-ops@example.com\"")
            )
        }
        if let topic = settings[.alarmTopicArn] {
            problems += alarmTopicProblems(topic, targetAccount: settings[.targetAccountId]?.value, region: settings[.region]?.value)
        }
        let target = accountId(.targetAccountId)
        let targetSetting = settings[.targetAccountId].map { (value: $0.value, origin: $0.origin) }
        if let single = settings[.sourceAccountId],
            let problem = InputRules.sameAccountProblem(
                source: single.value, at: single.origin, target: targetSetting,
                hint: "set sourceAccountId and targetAccountId to two different accounts")
        {
            problems.append(problem)
        }
        if let region = settings[.region], !InputRules.isRegion(region.value) {
            problems.append(
                Diagnostic(
                    at: region.origin, "\"\(region.value)\" is not an AWS region code\(suggestion(region.value, among: Partition.knownRegions))",
                    hint: "use a code such as ap-northeast-1, eu-west-1, us-gov-west-1 or cn-north-1"))
        }
        if let project = settings[.projectName] {
            if environment != nil { environment?.projectName = project.value }
            problems += InputRules.projectNameProblems(project.value, envName: envName, at: project.origin)
        } else if let environment {
            problems += InputRules.projectNameProblems(environment.projectName, envName: envName, at: "--env \(envName)")
        }
        var pipeline: Pipeline?
        if let sources = settings[.sources], let environment {
            let names = ResourceNames(projectName: environment.projectName, envName: environment.envName)
            let (parsed, pipelineProblems) = PipelineParser.parse(
                .init(
                    sources: sources.json, sourcesOrigin: sources.origin, targetAccount: targetSetting,
                    targetDatabase: settings[.targetDatabase].map { ($0.json, $0.origin) },
                    maxConcurrency: settings[.maxConcurrency].map { ($0.json, $0.origin) },
                    catalogAsCode: settings[.catalogAsCode].map { ($0.json, $0.origin) },
                    copyMode: settings[.copyMode].map { ($0.json, $0.origin) },
                    toleratedFailureCount: settings[.toleratedFailureCount].map { ($0.json, $0.origin) }), names: names)
            problems += pipelineProblems
            pipeline = parsed
            source = parsed?.sources.first?.accountId
        }
        guard problems.isEmpty, let environment, let source else { return .failure(SynthesisError(problems)) }
        return .success(
            AppConfig(
                environment: environment, sourceAccountId: source, targetAccountId: target,
                region: settings[.region]?.value, pipeline: pipeline,
                schedule: settings[.schedule].map { .init(expression: $0.value, timezone: settings[.scheduleTimezone]?.value) },
                alerts: settings[.alarmEmail] == nil && settings[.alarmTopicArn] == nil
                    ? nil
                    : .init(email: settings[.alarmEmail]?.value, topicArn: settings[.alarmTopicArn]?.value)))
    }

    /// An alarm topic must be a standard SNS topic in the target's partition, region and account:
    /// an EventBridge rule's targets must be in the rule's Region
    /// (https://repost.aws/knowledge-center/sns-not-getting-eventbridge-notification), and the
    /// topic policy its owner adds lets `events.amazonaws.com` publish for this account's rule,
    /// which is same-account delivery; another account's topic would need a rule role this
    /// stack does not create. Parts that are not known at synth time (no region or target
    /// account set) are left to the deploy.
    static func alarmTopicProblems(_ topic: Setting, targetAccount: String?, region: String?) -> [Diagnostic] {
        let hint = "use the ARN of a topic in the target account and region, e.g. arn:aws:sns:ap-northeast-1:222222222222:data-ops-alerts"
        switch Topic.parseArn(topic.value) {
        case .failure(let problem):
            return [Diagnostic(at: topic.origin, "\"\(topic.value)\" \(problem.message)", hint: hint)]
        case .success(let parts):
            var problems: [Diagnostic] = []
            if let region, InputRules.isRegion(region) {
                let partition = Partition(region: region).rawValue
                if parts.partition != partition {
                    problems.append(
                        Diagnostic(
                            at: topic.origin,
                            "\"\(topic.value)\" is in the partition \(parts.partition), the target region \(region) in \(partition)",
                            hint: "use a topic of the \(partition) partition"))
                }
                if parts.region != region {
                    problems.append(
                        Diagnostic(
                            at: topic.origin,
                            "\"\(topic.value)\" is in \(parts.region), the target in \(region); an EventBridge rule can only target a topic in its own region",
                            hint: "create the topic in \(region)"))
                }
            }
            if let targetAccount, InputRules.isAccountId(targetAccount), parts.account != targetAccount {
                problems.append(
                    Diagnostic(
                        at: topic.origin, "\"\(topic.value)\" belongs to account \(parts.account), not the target account \(targetAccount)",
                        hint: "use a topic of the target account (subscribe the other account's endpoint to it), or use alarmEmail"))
            }
            return problems
        }
    }

    static func unknownKey(_ key: String, at location: String) -> Diagnostic {
        Diagnostic(
            at: location, "unknown context key\(suggestion(key, among: Key.allCases.map(\.rawValue)))",
            hint: "known keys: \(Key.allCases.map(\.rawValue).joined(separator: ", "))")
    }

    /// `; did you mean "x"?` when a known word is close to `word`.
    static func suggestion(_ word: String, among candidates: [String]) -> String {
        NearestWord.among(candidates, to: word).map { "; did you mean \"\($0)\"?" } ?? ""
    }

    static func typeName(_ value: JSON) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }

    static func example(_ key: Key) -> String {
        switch key {
        case .sourceAccountId, .targetAccountId: return "111111111111"
        case .region: return "ap-northeast-1"
        case .projectName: return "my-project"
        case .targetDatabase: return "sales_copy_db"
        case .schedule: return "rate(1 day)"
        case .scheduleTimezone: return "Asia/Tokyo"
        case .alarmEmail: return "data-ops@example.com"
        case .alarmTopicArn: return "arn:aws:sns:ap-northeast-1:222222222222:data-ops-alerts"
        case .maxConcurrency, .catalogAsCode, .sources, .toleratedFailureCount: return ""
        case .copyMode: return "replace"
        }
    }
}
