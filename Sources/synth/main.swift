import Constructs
import Synthesis

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `synth`: hosts the apps. For whichever app runs (`--app`, the config's `"app"`, or the
/// default), it reads the config, runs the synthesis stages, and writes the files into `--out`
/// atomically with their manifest, or checks them with `--check`.
enum SynthCommand {
    static var apps: [HostedApp] { HostedApps.all }

    /// Writes a line to standard error.
    static func printLine(_ text: String) {
        let line = Array("\(text)\n".utf8)
        _ = line.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
    }

    static func printError(_ text: String) {
        printLine("synth: error: \(text)")
    }

    static func fail(_ diagnostics: [Diagnostic]) -> Int32 {
        for diagnostic in diagnostics {
            printLine("synth: \(diagnostic.severity.rawValue): \(diagnostic.description)")
        }
        return 1
    }

    static func run(_ commandLine: [String]) -> Int32 {
        let arguments: Arguments
        switch Arguments.parse(commandLine) {
        case .success(let parsed): arguments = parsed
        case .failure(let usage):
            printError("\(usage.message) (run synth --help for usage)")
            return 2
        }
        if arguments.help {
            print(Arguments.usage(apps: apps))
            return 0
        }

        let configFile: ConfigFile
        switch FileSystem.read(arguments.configPath).mapError({ SynthesisError([$0]) })
            .flatMap({ ConfigFile.parse($0, path: arguments.configPath) })
        {
        case .success(let value): configFile = value
        case .failure(let error): return fail(error.diagnostics)
        }
        let app: HostedApp
        switch chooseApp(flag: arguments.appName, config: configFile.app, path: arguments.configPath) {
        case .success(let chosen): app = chosen
        case .failure(let problem): return fail([problem])
        }

        let projectRoot = FileSystem.parent(of: arguments.configPath)
        let request = LoadRequest(
            configPath: arguments.configPath, context: configFile.context,
            overrides: arguments.contextOverrides.map { ($0.key, $0.value) }, environment: arguments.envName,
            readFile: { path in
                FileSystem.read(FileSystemPath.join(projectRoot, path))
            },
            projectRootFromOutput: FileSystem.relative(from: arguments.outputDirectory, to: projectRoot), rendersExtras: arguments.plan)
        let rendering: Rendering
        switch app.render(request) {
        case .success(let value): rendering = value
        case .failure(let error): return fail(error.diagnostics)
        }
        for warning in rendering.warnings { printLine("synth: warning: \(warning.description)") }

        if arguments.plan {
            let (name, command) = arguments.teardown ? (Rendering.teardownExtra, "synth plan --teardown") : (Rendering.planExtra, "synth plan")
            guard let script = rendering.extras[name] else {
                printError("app \(app.name) has no \(name) to print (\(command))")
                return 1
            }
            print(script, terminator: "")
            return 0
        }

        if arguments.diff {
            return DiffCommand.run(rendering, against: arguments.against ?? arguments.outputDirectory, failOnReplace: arguments.failOnReplace)
        }

        let output = SerializeStage.run(rendering)
        let store = DiskStore()
        if arguments.check {
            let stale = OutputStage.check(output, in: arguments.outputDirectory, store: store)
            if stale.isEmpty {
                print("synth: \(rendering.files.count) files in \(arguments.outputDirectory) are current")
                return 0
            }
            for file in stale { printError(file.description) }
            return 1
        }
        switch OutputStage.write(output, into: arguments.outputDirectory, store: store) {
        case .success(let removed):
            if !arguments.quiet {
                print(Summary.render(rendering, removed: removed, outputDirectory: arguments.outputDirectory), terminator: "")
            }
            return 0
        case .failure(let failure):
            printError(failure.description)
            return 1
        }
    }

    /// `--app` wins over the config's `"app"`; without either, the first app.
    static func chooseApp(flag: String?, config: String?, path: String) -> Result<HostedApp, Diagnostic> {
        guard let name = flag ?? config else { return .success(apps[0]) }
        if let app = apps.first(where: { $0.name == name }) { return .success(app) }
        let known = apps.map(\.name)
        let suggestion = NearestWord.among(known, to: name).map { "; did you mean \($0)?" } ?? ""
        return .failure(
            Diagnostic(
                at: flag != nil ? "--app \(name)" : "\(path): app", "unknown app\(suggestion)",
                hint: "apps: \(known.joined(separator: ", "))"))
    }
}

exit(SynthCommand.run(Array(CommandLine.arguments.dropFirst())))
