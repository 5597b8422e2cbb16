import Synthesis

/// The command line, parsed by hand (no dependencies):
/// `synth [--config FILE] [--env NAME] [--context KEY=VALUE]... [--out DIR] [--check] [--help]`.
struct Arguments: Equatable {
    var configPath = "synth.json"
    /// `--app NAME`: which hosted app runs (else the config's `"app"`, else the default).
    var appName: String?
    var envName = "dev"
    var contextOverrides: [Override] = []
    var outputDirectory = "templates"
    var check = false
    var help = false
    var quiet = false
    /// `synth plan`: print the deploy plan instead of writing files.
    var plan = false
    /// `synth plan --teardown`: print the teardown instead.
    var teardown = false
    /// `synth diff`: compare the rendering with a previous one instead of writing files.
    var diff = false
    /// `synth diff --against DIR|FILE` (default: the output folder).
    var against: String?
    /// `synth diff --fail-on-replace`: exit 1 on any replacement or data-losing removal.
    var failOnReplace = false

    struct Override: Equatable {
        var key: String
        var value: String
    }

    /// A mistake in how synth was called (exit code 2).
    struct UsageError: Error, Equatable {
        var message: String
    }

    /// Every option `parse` accepts, for suggesting one when an unknown option is given.
    static let options = ["--config", "--app", "--env", "--context", "--out", "--check", "--quiet", "--help"]
    /// Accepted only after `plan`.
    static let planOptions = ["--teardown"]
    /// Accepted only after `diff`.
    static let diffOptions = ["--against", "--fail-on-replace"]

    static func usage(apps: [HostedApp]) -> String {
        ([commandAndOptions] + apps.enumerated().map { appHelp($1, isDefault: $0 == 0) } + [planAndExitCodes]).joined(separator: "\n\n")
    }

    private static let commandAndOptions = """
        Usage: synth [--config FILE] [--app NAME] [--env NAME] [--context KEY=VALUE]... [--out DIR] [--check] [--quiet] [--help]
               synth plan [--teardown] [--config FILE] [--app NAME] [--env NAME] [--context KEY=VALUE]...
               synth diff [--against DIR|FILE] [--fail-on-replace] [--config FILE] [--app NAME] [--env NAME] [--context KEY=VALUE]...

        Renders an app's CloudFormation templates and the files beside them (for the default
        app, the cross-account Glue/Athena copy pipeline: its Glue resource policy, SQL and
        deploy plan).

        Options:
          --config FILE          Settings shaped like cdk.json's context (default: synth.json).
          --app NAME             The app to render (default: the config's "app", else the
                                 first app below).
          --env NAME             Environment: dev or prod (default: dev).
          --context KEY=VALUE    Override a context key (listed below). May be repeated.
          --out DIR              Where to write the files (default: templates), all or
                                 nothing; files synth wrote there before (listed in
                                 DIR/.synth-manifest) and no longer renders are removed.
          --check                Render in memory and compare with the files in DIR; write
                                 nothing; exit 1 naming every stale or missing file and
                                 every file DIR/.synth-manifest lists that is no longer
                                 rendered.
          --quiet                Do not print the summary.
          --help                 Show this help.
        """

    private static let planAndExitCodes = """
        synth plan prints the deploy plan (the deploy-plan.sh that synth writes); with
        --teardown, the steps that remove everything again, in reverse order.

        synth diff renders in memory and compares each stack with the previous rendering:
        the templates in --against DIR (default: the --out folder), or one template saved with
        `aws cloudformation get-template --query TemplateBody` (--against FILE: compared with
        the stack whose template file has the same name, else the only stack). It prints the
        resources added, removed and modified, each modified one marked update or REPLACE,
        and DATA LOSS for a stateful resource removed or replaced without a Retain policy.
        With --fail-on-replace it exits 1 on any REPLACE or DATA LOSS removal.

        Exit codes: 0 success, 1 invalid input, stale files or (synth diff --fail-on-replace)
        a replacement, 2 bad usage.
        """

    /// An app's name, summary and context keys, from the app itself, so the help never lists a
    /// key the app would reject or leaves one out.
    private static func appHelp(_ app: HostedApp, isDefault: Bool) -> String {
        let keys = app.settingsHelp
        let width = keys.map(\.key.count).max() ?? 0
        // Descriptions start in the same column as the options' above.
        let column = max(width + 4, 25)
        let lines = keys.map { "  " + $0.key + String(repeating: " ", count: column - 2 - $0.key.count) + $0.help }
        let title = "App \(app.name)\(isDefault ? " (default)" : ""): \(app.summary)"
        return ([title, "Context keys (in the config file's \"context\", or with --context KEY=VALUE):"] + lines).joined(separator: "\n")
    }

    /// `unknown option --cofig; did you mean --config?`
    static func unknownOption(_ option: String, plan: Bool, diff: Bool = false) -> UsageError {
        let known = options + (plan ? planOptions : []) + (diff ? diffOptions : [])
        let suggestion = NearestWord.among(known, to: option).map { "; did you mean \($0)?" } ?? ""
        return UsageError(message: "unknown option \(option)\(suggestion)")
    }

    static func parse(_ arguments: [String]) -> Result<Arguments, UsageError> {
        var result = Arguments()
        var index = 0
        if arguments.first == "plan" {
            result.plan = true
            index = 1
        } else if arguments.first == "diff" {
            result.diff = true
            index = 1
        }
        func value(for flag: String) -> Result<String, UsageError> {
            index += 1
            guard index < arguments.count, !arguments[index].hasPrefix("--") else {
                return .failure(UsageError(message: "\(flag) needs a value"))
            }
            return .success(arguments[index])
        }
        while index < arguments.count {
            var argument = arguments[index]
            var inlineValue: String?
            if argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") {
                inlineValue = String(argument[argument.index(after: equals)...])
                argument = String(argument[..<equals])
            }
            func take() -> Result<String, UsageError> {
                if let inlineValue { return .success(inlineValue) }
                return value(for: argument)
            }
            switch argument {
            case "--help", "-h":
                result.help = true
            case "--check":
                result.check = true
            case "--quiet", "-q":
                result.quiet = true
            case "--teardown" where result.plan:
                result.teardown = true
            case "--fail-on-replace" where result.diff:
                result.failOnReplace = true
            case "--against" where result.diff:
                switch take() {
                case .success(let path): result.against = path
                case .failure(let error): return .failure(error)
                }
            case "--config":
                switch take() {
                case .success(let path): result.configPath = path
                case .failure(let error): return .failure(error)
                }
            case "--app":
                switch take() {
                case .success(let name): result.appName = name
                case .failure(let error): return .failure(error)
                }
            case "--env":
                switch take() {
                case .success(let name): result.envName = name
                case .failure(let error): return .failure(error)
                }
            case "--out":
                switch take() {
                case .success(let path): result.outputDirectory = path
                case .failure(let error): return .failure(error)
                }
            case "--context":
                let pair: String
                switch take() {
                case .success(let text): pair = text
                case .failure(let error): return .failure(error)
                }
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    return .failure(UsageError(message: "--context takes KEY=VALUE, got \"\(pair)\""))
                }
                result.contextOverrides.append(Override(key: String(pair[..<equals]), value: String(pair[pair.index(after: equals)...])))
            default:
                return .failure(
                    argument.hasPrefix("-")
                        ? unknownOption(argument, plan: result.plan, diff: result.diff)
                        : UsageError(message: "unexpected argument \"\(argument)\""))
            }
            index += 1
        }
        if result.plan && result.check {
            return .failure(UsageError(message: "synth plan does not take --check"))
        }
        if result.diff && result.check {
            return .failure(UsageError(message: "synth diff does not take --check"))
        }
        if result.against == "" {
            return .failure(UsageError(message: "--against needs a non-empty value"))
        }
        for (flag, value) in [("--config", result.configPath), ("--out", result.outputDirectory), ("--env", result.envName)] where value.isEmpty {
            return .failure(UsageError(message: "\(flag) needs a non-empty value"))
        }
        return .success(result)
    }
}
