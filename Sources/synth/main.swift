#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Constructs
import CrossAccountGlue

/// `synth`: renders the pipeline's files into `--out`, or checks them with `--check`.
enum SynthCommand {
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
            print(Arguments.usage)
            return 0
        }

        let configBytes: [UInt8]
        switch FileSystem.read(arguments.configPath) {
        case .success(let bytes): configBytes = bytes
        case .failure(let failure):
            printError("\(failure.location): \(failure.message) (\(failure.hint))")
            return 1
        }
        let config: AppConfig
        let resolved = ConfigurationLoader.context(fromFile: configBytes, path: arguments.configPath)
            .flatMap { ConfigurationLoader.applying(overrides: arguments.contextOverrides.map { ($0.key, $0.value) }, to: $0) }
            .flatMap { ConfigurationLoader.resolve($0, envName: arguments.envName, configPath: arguments.configPath) }
        switch resolved {
        case .success(let value): config = value
        case .failure(let error): return fail(error.diagnostics)
        }

        // SQL files live beside the config file, as in the seed's repository layout; only the
        // seed's single-source form reads them (with `sources`, synth writes the SQL itself).
        let projectRoot = FileSystem.parent(of: arguments.configPath)
        var texts: [String] = []
        var problems: [Diagnostic] = []
        let sqlPaths = config.pipeline == nil ? [ProjectSources.insertQueryPath, ProjectSources.sourceDDLPath, ProjectSources.targetDDLPath] : []
        for path in sqlPaths {
            let fullPath = FileSystemPath.join(projectRoot, path)
            switch FileSystem.read(fullPath) {
            case .success(let bytes): texts.append(String(decoding: bytes, as: UTF8.self))
            case .failure(let failure):
                problems.append(Diagnostic(at: failure.location, failure.message, hint: "synth reads the SQL from \(path) beside the config file"))
                texts.append("")
            }
        }
        if !problems.isEmpty { return fail(problems) }
        let sources = texts.count == 3 ? ProjectSources(insertQuery: texts[0], sourceDDL: texts[1], targetDDL: texts[2])
            : ProjectSources(insertQuery: "", sourceDDL: "", targetDDL: "")

        let options = RenderOptions(projectRootFromOutput: FileSystem.relative(from: arguments.outputDirectory, to: projectRoot))
        let rendering: CrossAccountSynthesizer.Rendering
        switch CrossAccountSynthesizer.renderWithWarnings(config: config, sources: sources, options: options) {
        case .success(let value): rendering = value
        case .failure(let error): return fail(error.diagnostics)
        }
        let files = rendering.files
        for warning in rendering.warnings { printLine("synth: warning: \(warning.description)") }

        if arguments.plan {
            if arguments.teardown {
                print(rendering.teardownScript, terminator: "")
            } else if let plan = files.first(where: { $0.name == DeployPlan.fileName }) {
                print(plan.contents, terminator: "")
            }
            return 0
        }

        // The manifest is written last, after the removals, so a run killed half-way (when no
        // rollback runs) leaves the previous manifest naming whatever is still to be removed.
        let owned = files + [OutputManifest.file(listing: files)]
        let noLongerRendered = OutputManifest.noLongerRendered(in: arguments.outputDirectory, rendering: owned)

        if arguments.check {
            var stale: [(path: String, problem: String, hint: String)] = []
            for file in owned {
                let path = FileSystemPath.join(arguments.outputDirectory, file.name)
                guard let existing = FileSystem.existingContents(path) else {
                    stale.append((path, "missing", "run swift run synth to update it"))
                    continue
                }
                if existing != Array(file.contents.utf8) { stale.append((path, "out of date", "run swift run synth to update it")) }
            }
            for name in noLongerRendered {
                stale.append((FileSystemPath.join(arguments.outputDirectory, name), "no longer rendered", "run swift run synth to remove it"))
            }
            if stale.isEmpty {
                print("synth: \(files.count) files in \(arguments.outputDirectory) are current")
                return 0
            }
            for file in stale { printError("\(file.path): \(file.problem) (\(file.hint))") }
            return 1
        }

        switch FileSystem.writeAtomically(owned, removing: noLongerRendered, into: arguments.outputDirectory) {
        case .success:
            if !arguments.quiet {
                print(Summary.render(rendering, removed: noLongerRendered, outputDirectory: arguments.outputDirectory), terminator: "")
            }
            return 0
        case .failure(let failure):
            printError("\(failure.location): \(failure.message) (\(failure.hint))")
            return 1
        }
    }
}

exit(SynthCommand.run(Array(CommandLine.arguments.dropFirst())))
