import CrossAccountGlue
import Foundation
import XCTest

/// The built `synth` binary, run as a user runs it: exit codes, files written, `--check`.
final class SynthCommandTests: XCTestCase {
    var workspace: URL!

    /// The `synth` executable beside the test bundle (swift build/test builds it there).
    static var synthBinary: URL {
        var directory = Bundle.main.bundleURL
        if directory.pathExtension == "xctest" { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("synth")
    }

    /// A copy of the project's inputs in a scratch folder, so tests never touch the repository.
    override func setUpWithError() throws {
        try XCTSkipUnless(
            FileManager.default.isExecutableFile(atPath: Self.synthBinary.path),
            "synth is not built at \(Self.synthBinary.path); run swift build first")
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("synth-tests-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: workspace, withIntermediateDirectories: true)
        for item in ["synth.json", "source", "target"] {
            try manager.copyItem(at: TestSupport.packageRoot.appendingPathComponent(item), to: workspace.appendingPathComponent(item))
        }
    }

    override func tearDownWithError() throws {
        if let workspace { try? FileManager.default.removeItem(at: workspace) }
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    @discardableResult
    func synth(_ arguments: String...) throws -> Run {
        try Self.runSynth(arguments, in: workspace)
    }

    /// Runs the built synth in `directory` and collects its exit status and output.
    static func runSynth(_ arguments: [String], in directory: URL) throws -> Run {
        let process = Process()
        process.executableURL = synthBinary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    func contents(_ directory: String) throws -> [String: Data] {
        let url = workspace.appendingPathComponent(directory)
        var result: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: url.path) {
            result[name] = try Data(contentsOf: url.appendingPathComponent(name))
        }
        return result
    }

    func testDefaultRunWritesEveryRenderedFileAndTheManifestEqualToTheCommittedTemplates() throws {
        let run = try synth()
        XCTAssertEqual(run.status, 0, run.stderr)
        let written = try contents("templates")
        XCTAssertEqual(written.keys.sorted(), (SnapshotTests.expectedFiles + [Self.manifest]).sorted())
        for (name, data) in written {
            XCTAssertEqual(data, try Data(contentsOf: TestSupport.templates.appendingPathComponent(name)), "\(name) differs from templates/")
        }
    }

    func testSeparateProcessesGiveIdenticalBytes() throws {
        for run in 0..<5 { XCTAssertEqual(try synth("--out", "run\(run)").status, 0) }
        let first = try contents("run0")
        XCTAssertEqual(first.count, SnapshotTests.expectedFiles.count + 1)
        for run in 1..<5 { XCTAssertEqual(try contents("run\(run)"), first, "run \(run) differs") }
    }

    func testMissingConfigFileIsNamed() throws {
        let run = try synth("--config", "nowhere.json")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("synth: error: nowhere.json: file not found"), run.stderr)
    }

    func testMissingSQLFileIsNamed() throws {
        try FileManager.default.removeItem(at: workspace.appendingPathComponent("target/insert-query.sql"))
        let run = try synth()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("target/insert-query.sql: file not found"), run.stderr)
    }

    func testAnOutputFolderThatCannotBeCreatedIsNamed() throws {
        try Data("not a folder".utf8).write(to: workspace.appendingPathComponent("blocker"))
        let run = try synth("--out", "blocker/templates")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("blocker/templates"), run.stderr)
        XCTAssertEqual(try Data(contentsOf: workspace.appendingPathComponent("blocker")), Data("not a folder".utf8))
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter { $0.contains(".synth-") }, [],
            "no staging folder may be left behind")
    }

    func testOutputIsUntouchedAfterAFailure() throws {
        XCTAssertEqual(try synth().status, 0)
        let before = try contents("templates")
        try Data(
            #"{"context": {"sourceAccountId": "111111111111", "targetAccountId": "222222222222", "region": "ap-northeast-1", "projectName": "Bad_Name"}}"#
                .utf8
        )
        .write(to: workspace.appendingPathComponent("synth.json"))
        let run = try synth()
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(try contents("templates"), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter { $0.hasPrefix(".templates") }
        XCTAssertEqual(leftovers, [], "no temporary folder may be left behind")
    }

    func testErrorsAreOneLineEachAndNeverAStackTrace() throws {
        try Data(#"{"context": {"sourceAccountId": "1", "targetAccountId": "2", "region": "nowhere"}}"#.utf8)
            .write(to: workspace.appendingPathComponent("synth.json"))
        let run = try synth("--env", "qa")
        XCTAssertEqual(run.status, 1)
        let lines = run.stderr.split(separator: "\n")
        XCTAssertEqual(lines.count, 4, run.stderr)
        for line in lines { XCTAssertTrue(line.hasPrefix("synth: error: "), String(line)) }
        XCTAssertFalse(run.stderr.contains("Fatal error"))
    }

    func testCheckPassesOnFreshOutputAndNamesEveryStaleOrMissingFileWithoutWriting() throws {
        XCTAssertEqual(try synth().status, 0)
        XCTAssertEqual(try synth("--check").status, 0)

        let stale = workspace.appendingPathComponent("templates/target-stack.json")
        try Data("{}\n".utf8).write(to: stale)
        try FileManager.default.removeItem(at: workspace.appendingPathComponent("templates/glue-resource-policy.json"))
        let run = try synth("--check")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("templates/target-stack.json: out of date"), run.stderr)
        XCTAssertTrue(run.stderr.contains("templates/glue-resource-policy.json: missing"), run.stderr)
        XCTAssertEqual(try Data(contentsOf: stale), Data("{}\n".utf8), "--check must not write")
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("templates/glue-resource-policy.json").path))
    }

    // MARK: The manifest of the files synth owns in --out

    static let manifest = ".synth-manifest"

    /// Renders the two-source fixture into templates/, as a project that later drops a source would have.
    func renderTwoSources() throws {
        try FileManager.default.copyItem(at: PipelineTests.multiSourceConfig, to: workspace.appendingPathComponent("multi-source.json"))
        let run = try synth("--config", "multi-source.json", "--quiet")
        XCTAssertEqual(run.status, 0, run.stderr)
    }

    static let onlyRenderedForTwoSources = [
        "glue-resource-policy-111111111111.json", "glue-resource-policy-333333333333.json",
        "source-catalog-stack-111111111111.json", "source-catalog-stack-333333333333.json",
        "source-create-database-and-table-111111111111.sql", "source-create-database-and-table-333333333333.sql",
    ]

    /// Inode and modification time of every file in `directory`: a file written again (a new
    /// file renamed into place) gets a new inode.
    func identities(_ directory: String) throws -> String {
        try bash("cd '\(directory)' && stat -c '%n %i %Y %a' .synth-manifest * | sort")
    }

    func testARerunThatRendersTheSameFilesWritesNothing() throws {
        XCTAssertEqual(try synth().status, 0)
        let before = try identities("templates")
        XCTAssertEqual(try synth().status, 0)
        XCTAssertEqual(try identities("templates"), before, "a file already as rendered is left alone")
        XCTAssertEqual(try stagingFolders(for: "templates"), [])
    }

    func testAFileWithTheRenderedBytesButAnotherModeIsWrittenAgain() throws {
        XCTAssertEqual(try synth().status, 0)
        let plan = "templates/\(DeployPlan.fileName)"
        _ = try bash("chmod 644 '\(plan)' && touch -d @0 templates/target-stack.json")
        let stackBefore = try bash("stat -c '%i' templates/target-stack.json")
        XCTAssertEqual(try synth().status, 0)
        XCTAssertEqual(try bash("stat -c '%a' '\(plan)'"), "755\n", "the deploy plan is executable again")
        XCTAssertEqual(try bash("stat -c '%i' templates/target-stack.json"), stackBefore, "an unchanged file keeps its inode")
    }

    func testASymbolicLinkToTheRenderedBytesIsReplacedByTheFileAndItsTargetKept() throws {
        XCTAssertEqual(try synth().status, 0)
        _ = try bash("cp templates/architecture.dot copy.dot && ln -sf ../copy.dot templates/architecture.dot")
        XCTAssertEqual(try synth().status, 0)
        XCTAssertEqual(try bash("stat -c '%F' templates/architecture.dot"), "regular file\n")
        XCTAssertEqual(try bash("cmp copy.dot templates/architecture.dot && echo same"), "same\n", "the link's target is kept")
    }

    func testANewOutputFolderIsWrittenWholeAndLeavesNoStagingFolder() throws {
        let run = try synth("--out", "fresh/out", "--quiet")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try contents("fresh/out").keys.sorted(), (SnapshotTests.expectedFiles + [Self.manifest]).sorted())
        XCTAssertEqual(try bash("ls -A fresh"), "out\n", "only the output folder is left beside it")
        XCTAssertEqual(try synth("--out", "fresh/out", "--check").status, 0)
    }

    func testTheManifestListsEveryFileWrittenSorted() throws {
        XCTAssertEqual(try synth().status, 0)
        let manifest = String(decoding: try XCTUnwrap(try contents("templates")[Self.manifest]), as: UTF8.self)
        XCTAssertEqual(manifest, SnapshotTests.expectedFiles.sorted().map { $0 + "\n" }.joined())
    }

    func testFilesNoLongerRenderedAreRemovedAndFilesSynthNeverWroteAreKept() throws {
        try renderTwoSources()
        try Data("mine\n".utf8).write(to: workspace.appendingPathComponent("templates/notes.txt"))
        let run = try synth()
        XCTAssertEqual(run.status, 0, run.stderr)
        let written = try contents("templates")
        XCTAssertEqual(written.keys.sorted(), (SnapshotTests.expectedFiles + [Self.manifest, "notes.txt"]).sorted())
        XCTAssertEqual(written["notes.txt"], Data("mine\n".utf8))
        XCTAssertTrue(run.stdout.contains("removed, no longer rendered: " + Self.onlyRenderedForTwoSources.joined(separator: ", ")), run.stdout)
        XCTAssertEqual(try synth("--check").status, 0)
    }

    func testCheckNamesEveryFileNoLongerRenderedAndWritesNothing() throws {
        try renderTwoSources()
        let before = try contents("templates")
        let run = try synth("--check")
        XCTAssertEqual(run.status, 1)
        for name in Self.onlyRenderedForTwoSources {
            XCTAssertTrue(run.stderr.contains("synth: error: templates/\(name): no longer rendered (run swift run synth to remove it)\n"), run.stderr)
        }
        XCTAssertEqual(try contents("templates"), before, "--check must not write or remove")
    }

    func testWithoutAManifestOnlyTheRenderedFilesAreOwnedAndNothingIsRemoved() throws {
        let templates = workspace.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("{}\n".utf8).write(to: templates.appendingPathComponent("glue-resource-policy-333333333333.json"))
        let check = try synth("--check")
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.contains("templates/.synth-manifest: missing"), check.stderr)
        XCTAssertFalse(check.stderr.contains("no longer rendered"), check.stderr)

        XCTAssertEqual(try synth().status, 0)
        let written = try contents("templates")
        XCTAssertEqual(written["glue-resource-policy-333333333333.json"], Data("{}\n".utf8), "a file synth did not list is never removed")
        XCTAssertEqual(
            String(decoding: try XCTUnwrap(written[Self.manifest]), as: UTF8.self),
            SnapshotTests.expectedFiles.sorted().map { $0 + "\n" }.joined())
    }

    func testManifestEntriesThatLeaveTheFolderAreIgnored() throws {
        let templates = workspace.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("nested"), withIntermediateDirectories: true)
        try Data("outside\n".utf8).write(to: workspace.appendingPathComponent("outside.txt"))
        try Data("nested\n".utf8).write(to: templates.appendingPathComponent("nested/file.txt"))
        let escaping = [
            "../outside.txt", workspace.appendingPathComponent("outside.txt").path, "nested/file.txt", "nested", "..", ".", "../synth.json",
        ]
        try Data(escaping.map { $0 + "\n" }.joined().utf8).write(to: templates.appendingPathComponent(Self.manifest))

        let check = try synth("--check")
        XCTAssertFalse(check.stderr.contains("no longer rendered"), check.stderr)
        let run = try synth()
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(try Data(contentsOf: workspace.appendingPathComponent("outside.txt")), Data("outside\n".utf8))
        XCTAssertEqual(try Data(contentsOf: templates.appendingPathComponent("nested/file.txt")), Data("nested\n".utf8))
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("synth.json").path))
        XCTAssertFalse(run.stdout.contains("removed"), run.stdout)
    }

    /// A failure after a stale file was moved aside puts it back. The failure is real: the second
    /// stale file's place in the temporary folder is one path component longer than Linux's
    /// PATH_MAX allows, while its place in --out is not.
    func testAFailureAfterRemovingAFileRestoresIt() throws {
        let longName = String(repeating: "z", count: 250)
        let shortName = "glue-resource-policy-333333333333.json"
        let outLength = 4095 - "/".count - longName.count
        var components: [String] = ["deep"]
        var length = "deep".count + "/templates".count
        while length < outLength {
            let piece = min(200, outLength - length - 1)
            components.append(String(repeating: "d", count: piece))
            length += piece + 1
        }
        let out = (components + ["templates"]).joined(separator: "/")
        XCTAssertEqual(out.count + 1 + longName.count, 4095)
        defer { _ = try? shell("rm -rf deep") }
        _ = try shell(
            """
            mkdir -p '\(out)' && cd '\(out)' && printf '%s\\n' '\(shortName)' '\(longName)' > .synth-manifest &&
            echo old > '\(shortName)' && echo old > '\(longName)'
            """)
        let listing = "cd '\(out)' && ls -A && cat .synth-manifest '\(shortName)'"
        let before = try shell(listing)

        let run = try synth("--out", out, "--quiet")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains(": cannot be removed (check its permissions)"), run.stderr)
        XCTAssertEqual(try shell(listing), before, "--out must be exactly as it was")
        XCTAssertTrue(before.contains(shortName) && before.contains("old"), before)
    }

    /// Runs a shell command in the workspace (relative paths, so a path near PATH_MAX still works).
    func shell(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = workspace
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, command)
        return String(decoding: data, as: UTF8.self)
    }

    func testBadUsageExitsWithTwo() throws {
        for arguments in [["--bogus"], ["--context", "sourceAccountId"], ["--env"], ["stray"]] {
            let process = try synthArguments(arguments)
            XCTAssertEqual(process.status, 2, "\(arguments): \(process.stderr)")
            XCTAssertTrue(process.stderr.hasPrefix("synth: error: "), process.stderr)
        }
    }

    func synthArguments(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = Self.synthBinary
        process.arguments = arguments
        process.currentDirectoryURL = workspace
        let err = Pipe()
        process.standardError = err
        process.standardOutput = Pipe()
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
    }

    func testMissingSourceAccountIsAnErrorNamingTheKeyAndWritesNothing() throws {
        try Data(#"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1"}}"#.utf8)
            .write(to: workspace.appendingPathComponent("synth.json"))
        let run = try synth()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("context.sourceAccountId: is required"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("templates").path))
    }

    func testGluePolicyWithoutTargetAccountOrRegionNamesTheMissingKeys() throws {
        try Data(#"{"context": {"sourceAccountId": "111111111111"}}"#.utf8).write(to: workspace.appendingPathComponent("synth.json"))
        let run = try synth()
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("glue-resource-policy.json: needs targetAccountId and region"), run.stderr)
    }

    func testContextOverridesAndEnvChangeTheNames() throws {
        let run = try synth("--env", "prod", "--context", "projectName=acme-copy", "--context", "region=eu-west-1", "--out", "prod")
        XCTAssertEqual(run.status, 0, run.stderr)
        let target = String(decoding: try XCTUnwrap(try contents("prod")["target-stack.json"]), as: UTF8.self)
        XCTAssertTrue(target.contains("\"acme-copy-prod-target-data\""))
        XCTAssertTrue(target.contains("arn:aws:glue:eu-west-1:111111111111:catalog"))
    }

    func testSummaryNamesEachStackWithItsSizeAndQuietSilencesIt() throws {
        let run = try synth()
        XCTAssertTrue(run.stdout.contains("synth: wrote 8 files to templates/"), run.stdout)
        let lines = run.stdout.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        for (stack, file, resources) in [
            ("cm-kasama-cross-account-stack", "target-stack.json", 12), ("cm-kasama-cross-account-s3", "source-stack.json", 2),
        ] {
            let bytes = try Data(contentsOf: workspace.appendingPathComponent("templates/\(file)")).count
            XCTAssertTrue(lines.contains("\(stack) \(resources) resources \(bytes) bytes \(bytes * 100 / 51_200)% of the inline limit"), run.stdout)
        }
        XCTAssertEqual(try synth("--quiet").stdout, "")
    }

    func testDeployPlanIsExecutableAndSynthPlanPrintsItAndItsTeardown() throws {
        XCTAssertEqual(try synth("--quiet").status, 0)
        let plan = workspace.appendingPathComponent("templates/deploy-plan.sh")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: plan.path))
        let printed = try synth("plan")
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertEqual(printed.stdout, try TestSupport.text(plan))
        let teardown = try synth("plan", "--teardown")
        XCTAssertEqual(teardown.status, 0)
        XCTAssertTrue(teardown.stdout.contains("delete_stack target 222222222222 cm-kasama-cross-account-stack"), teardown.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.appendingPathComponent("templates/teardown.sh").path))
    }

    func testDeployPlanScriptsAreValidBash() throws {
        XCTAssertEqual(try synth("--quiet").status, 0)
        try Data(try synth("plan", "--teardown").stdout.utf8).write(to: workspace.appendingPathComponent("teardown.sh"))
        for script in ["templates/deploy-plan.sh", "teardown.sh"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-n", workspace.appendingPathComponent(script).path]
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "\(script) has a bash syntax error")
        }
    }

    func testHelpExitsZero() throws {
        let run = try synth("--help")
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stdout.contains("Usage: synth"))
    }

    func testHelpListsEveryContextKeyTheLoaderAcceptsWithItsDescription() throws {
        let lines = try synth("--help").stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for key in ConfigurationLoader.Key.allCases {
            let line = lines.first { $0.hasPrefix("  \(key.rawValue) ") }
            XCTAssertEqual(
                line?.split(separator: " ", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces), key.summary,
                "--help must list \(key.rawValue) with its summary")
        }
        let section = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Context keys") })
        let listed = lines[(section + 1)...].prefix { !$0.isEmpty }
        XCTAssertEqual(
            listed.count, ConfigurationLoader.Key.allCases.count, "--help lists keys the loader does not know:\n\(listed.joined(separator: "\n"))")
    }

    func testAnUnknownOptionSuggestsTheNearestOneAndExitsWithTwo() throws {
        let typo = try synth("--cofig", "synth.json")
        XCTAssertEqual(typo.status, 2)
        XCTAssertEqual(typo.stderr, "synth: error: unknown option --cofig; did you mean --config? (run synth --help for usage)\n")
        for option in ["--config", "--env", "--context", "--out", "--check", "--quiet", "--help"] {
            let run = try synth(option + String(option.last!) + "=x")
            XCTAssertEqual(run.status, 2)
            XCTAssertTrue(run.stderr.contains("; did you mean \(option)? "), run.stderr)
        }
        XCTAssertTrue(try synth("plan", "--teardwn").stderr.contains("unknown option --teardwn; did you mean --teardown?"))
    }

    func testAnUnknownOptionFarFromEveryKnownOneGetsNoSuggestion() throws {
        let run = try synth("--verbose")
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "synth: error: unknown option --verbose (run synth --help for usage)\n")
    }
}
