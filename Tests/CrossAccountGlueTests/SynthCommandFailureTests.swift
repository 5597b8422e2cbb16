import CloudFormation
import CrossAccountGlue
import Foundation
import XCTest

/// The built binary's warnings, and the atomic write failing after its staging folder exists.
extension SynthCommandTests {
    /// Writes a config file into the workspace.
    func writeConfig(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: workspace.appendingPathComponent(name))
    }

    /// Every entry of the workspace folder `directory` whose name starts like a staging folder of `--out base`.
    func stagingFolders(in directory: String = ".", for base: String) throws -> [String] {
        try bash("cd '\(directory)' && ls -A").split(separator: "\n").map(String.init).filter { $0.hasPrefix(".\(base).synth-") }
    }

    /// Runs a bash command in the workspace; unlike dash, bash can cd into a folder whose absolute
    /// path is longer than PATH_MAX.
    func bash(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = workspace
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, String(command.prefix(200)))
        return String(decoding: data, as: UTF8.self)
    }

    // MARK: Warnings

    func testALargeTemplateAndPermissionsScopedPerDatabaseArePrintedAsWarningsAndTheFilesStillWritten() throws {
        // 30 accounts of 10 tables without columns: permissions scoped per database, a target
        // template over 51,200 bytes, and no DDL.
        let sources = (0..<30).map { index -> String in
            let tables = (0..<10).map { #"{"name": "t\#($0)", "targetTable": "a\#(index)_t\#($0)"}"# }.joined(separator: ",")
            return #"{"accountId": "\#(100_000_000_000 + index)", "databases": [{"name": "sales_db", "tables": [\#(tables)]}]}"#
        }
        try writeConfig(
            "large.json",
            #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "sources": [\#(sources.joined(separator: ","))]}}"#)
        let run = try synth("--config", "large.json")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(
            run.stdout.split(separator: "\n").contains {
                $0.contains("cm-kasama-cross-account-stack ") && $0.hasSuffix(" bytes  deploy through S3 (--s3-bucket)")
            }, run.stdout)
        XCTAssertTrue(
            run.stdout.split(separator: "\n").contains { $0.contains("cm-kasama-cross-account-s3 ") && $0.hasSuffix("% of the inline limit") },
            run.stdout)
        let lines = run.stderr.split(separator: "\n").map(String.init)
        XCTAssertTrue(
            lines.contains(
                "synth: warning: cm-kasama-cross-account-stack/StepFunctionsExecutionRole: table permissions are scoped per database (table/<database>/*) to fit IAM's policy size quota (each source's Glue resource policy still names exactly the tables copied)"
            ), run.stderr)
        XCTAssertTrue(
            lines.contains {
                $0.hasPrefix("synth: warning: cm-kasama-cross-account-stack: template is ")
                    && $0.hasSuffix(
                        " bytes, over the 51200 bytes CloudFormation accepts inline (deploy it through S3: aws cloudformation deploy --s3-bucket BUCKET ...)"
                    )
            }, run.stderr)
        XCTAssertTrue(lines.contains { $0.hasPrefix("synth: warning: context.sources: 300 table(s) list no columns") }, run.stderr)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("synth: warning: ") }, run.stderr)
        let plan = String(decoding: try XCTUnwrap(try contents("templates")["deploy-plan.sh"]), as: UTF8.self)
        XCTAssertEqual(plan.components(separatedBy: "--s3-bucket").count - 1, 1, "the target deploy alone goes through S3")

        // synth plan prints the same warnings on stderr and only the script on stdout.
        let printed = try synth("plan", "--config", "large.json")
        XCTAssertEqual(printed.status, 0)
        XCTAssertEqual(printed.stderr, run.stderr)
        XCTAssertEqual(printed.stdout, plan)
    }

    func testTheDefaultRunPrintsNoWarning() throws {
        let run = try synth()
        XCTAssertEqual(run.status, 0)
        XCTAssertFalse(run.stderr.contains("warning"), run.stderr)
    }

    // MARK: The atomic write, failing after the staging folder exists

    /// A previous run's output, to compare with after a failed run. Every file is edited, so the
    /// next run must replace each one (a file already as rendered is not written again).
    func previousOutput(_ out: String) throws -> String {
        XCTAssertEqual(try synth("--out", out, "--quiet").status, 0)
        _ = try bash("cd '\(out)' && for file in *; do echo 'edited by hand' >> \"$file\"; done")
        try Data("edited by hand\n".utf8).write(to: workspace.appendingPathComponent("\(out)/target-stack.json"))
        return try bash("cd '\(out)' && ls -lA --time-style=+ | sed 's/^[^ ]* *[0-9]* //' && cat .synth-manifest target-stack.json && md5sum *")
    }

    /// A relative folder path of exactly `length` characters, in components of at most 200
    /// (a file name's limit is 255), created with its parents.
    func deepFolder(length: Int) throws -> String {
        var components: [String] = []
        var written = -1
        while written < length {
            let piece = min(200, length - written - 1)
            components.append(String(repeating: "d", count: piece))
            written += piece + 1
        }
        let path = components.joined(separator: "/")
        _ = try bash("mkdir -p '\(path)'")
        return path
    }

    /// A failure while writing into the staging folder: its path leaves room for the first file's
    /// name but not for the longest one (Linux's PATH_MAX is 4,096 bytes with the NUL), so synth
    /// fails half-way through writing the staging folder.
    func testAFailureWhileWritingTheStagingFolderLeavesOutAsItWasAndNoStagingFolder() throws {
        // The staging files are <parent>/.templates.synth-<pid>/new/<name>; with a pid of 1 to 7
        // digits the folder part is 4,066 to 4,072 characters: target-stack.json (17) fits, the
        // 36-character DDL file names do not.
        let folderPart = 4_065 - "/.templates.synth-/new/".count
        let parent = try deepFolder(length: folderPart)
        XCTAssertEqual(parent.count, folderPart)
        defer { _ = try? bash("rm -rf '\(parent.prefix { $0 != "/" })'") }
        let out = parent + "/templates"
        // The previous output is written elsewhere and moved in: its own staging paths would be too long.
        let before = try previousOutput("previous")
        _ = try bash("mv previous '\(out)'")
        let listing = "cd '\(out)' && ls -lA --time-style=+ | sed 's/^[^ ]* *[0-9]* //' && cat .synth-manifest target-stack.json && md5sum *"
        XCTAssertEqual(try bash(listing), before)

        let run = try synth("--out", out, "--quiet")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasSuffix(": cannot write files beside it (check free space and permissions)\n"), run.stderr)
        XCTAssertEqual(try bash(listing), before, "--out must be exactly as it was")
        XCTAssertEqual(try stagingFolders(in: parent, for: "templates"), [], "no staging folder may be left behind")
    }

    /// The same failure where the output folder is new: it is written whole in the staging
    /// folder (<parent>/.templates.synth-<pid>/<name>) and renamed, so nothing may be left.
    func testAFailureWhileWritingANewOutputFolderLeavesNeitherItNorAStagingFolder() throws {
        let parent = try deepFolder(length: 4_065 - "/.templates.synth-/".count)
        defer { _ = try? bash("rm -rf '\(parent.prefix { $0 != "/" })'") }

        let run = try synth("--out", parent + "/templates", "--quiet")
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.hasSuffix(": cannot write files beside it (check free space and permissions)\n"), run.stderr)
        XCTAssertEqual(try bash("ls -A '\(parent)'"), "", "neither the output folder nor a staging folder may be left")
    }

    /// A failure while moving the files into place: one file of the previous output cannot be
    /// moved aside (immutable, which stops root too), after the files before it were moved in.
    func testAFailureWhileMovingFilesIntoPlaceRestoresEveryFileAndLeavesNoStagingFolder() throws {
        let before = try previousOutput("templates")
        // The fourth file written; the three before it are moved in first, then rolled back.
        let locked = workspace.appendingPathComponent("templates/\(CrossAccountSynthesizer.sourceDDLFile)").path
        let chattr = try? shellStatus("chattr +i '\(locked)'")
        try XCTSkipUnless(chattr == 0, "chattr +i is not supported on this file system")
        defer { _ = try? shellStatus("chattr -i '\(locked)'") }

        let run = try synth("--quiet")
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "synth: error: templates/\(CrossAccountSynthesizer.sourceDDLFile): cannot be replaced (check its permissions)\n")
        _ = try shellStatus("chattr -i '\(locked)'")
        XCTAssertEqual(
            try bash("cd templates && ls -lA --time-style=+ | sed 's/^[^ ]* *[0-9]* //' && cat .synth-manifest target-stack.json && md5sum *"),
            before,
            "--out must be exactly as it was")
        XCTAssertEqual(try stagingFolders(for: "templates"), [], "no staging folder may be left behind")
    }

    func testAFolderWhereSynthWritesAFileIsRefusedAndKeptWithItsContents() throws {
        XCTAssertEqual(try synth("--quiet").status, 0)
        _ = try bash("rm templates/architecture.dot && mkdir templates/architecture.dot && echo mine > templates/architecture.dot/notes.txt")

        let run = try synth("--quiet")

        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(
            run.stderr,
            "synth: error: templates/architecture.dot: is a folder, where synth writes a file (move the folder elsewhere or choose another --out)\n")
        XCTAssertEqual(try bash("cat templates/architecture.dot/notes.txt"), "mine\n", "the folder and its files are kept")
        XCTAssertEqual(try stagingFolders(for: "templates"), [])
    }

    func testAContextOverrideWithoutAKeyAndAnEmptyEnvironmentAreBadUsage() throws {
        let noKey = try synth("--context", "=111111111111")
        XCTAssertEqual(noKey.status, 2)
        XCTAssertEqual(noKey.stderr, "synth: error: --context takes KEY=VALUE, got \"=111111111111\" (run synth --help for usage)\n")
        let noEnv = try synth("--env", "")
        XCTAssertEqual(noEnv.status, 2)
        XCTAssertEqual(noEnv.stderr, "synth: error: --env needs a non-empty value (run synth --help for usage)\n")
    }

    func testATargetTemplateOfExactly51200BytesIsSummarisedAsInlineAndOneByteMoreAsThroughS3() throws {
        // A column comment appears once in the target template (catalog as code): pad it to the limit.
        func config(_ comments: [Int]) -> String {
            let tables = comments.enumerated().map { index, length in
                #"{"name": "table_\#(index)", "columns": [{"name": "id", "type": "int", "comment": "\#(String(repeating: "c", count: length))"}, {"name": "value", "type": "string"}]}"#
            }
            return
                #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", "catalogAsCode": true, "sources": [{"accountId": "111111111111", "databases": [{"name": "sales_db", "tables": [\#(tables.joined(separator: ","))]}]}]}}"#
        }
        func targetBytes(_ comments: [Int]) throws -> Int {
            let text = config(comments)
            let resolved = ConfigurationLoader.context(fromFile: Array(text.utf8), path: "big.json")
                .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "big.json") }
            let rendering = try CrossAccountSynthesizer.renderWithWarnings(config: resolved.get(), sources: TestSupport.projectSources()).get()
            return try XCTUnwrap(rendering.stacks.first { $0.file == CrossAccountSynthesizer.targetTemplateFile }).bytes
        }
        var comments: [Int] = []
        for count in 6...16 where comments.isEmpty {
            let base = try targetBytes(Array(repeating: 1, count: count))
            if base < Limits.inlineTemplateBytes, Limits.inlineTemplateBytes - base < count * 200 { comments = Array(repeating: 1, count: count) }
        }
        XCTAssertFalse(comments.isEmpty, "no table count leaves room the comments can fill")
        var left = Limits.inlineTemplateBytes - (try targetBytes(comments))
        for index in comments.indices where left > 0 {
            let add = min(200, left)
            comments[index] += add
            left -= add
        }
        XCTAssertEqual(try targetBytes(comments), Limits.inlineTemplateBytes)

        try writeConfig("big.json", config(comments))
        let atLimit = try synth("--config", "big.json", "--out", "big")
        XCTAssertEqual(atLimit.status, 0, atLimit.stderr)
        XCTAssertTrue(atLimit.stdout.contains("  51200 bytes  100% of the inline limit\n"), atLimit.stdout)

        comments[0] += 1
        try writeConfig("big.json", config(comments))
        let over = try synth("--config", "big.json", "--out", "big")
        XCTAssertEqual(over.status, 0, over.stderr)
        XCTAssertTrue(over.stdout.contains("  51201 bytes  deploy through S3 (--s3-bucket)\n"), over.stdout)
    }

    /// A failure while moving files into place, where the previous output lacked the first file:
    /// the rollback must remove the new file, not leave it where there was none.
    func testAFailedMoveRemovesTheFilesItAddedWhereThereWereNone() throws {
        _ = try previousOutput("templates")
        _ = try bash("rm templates/\(CrossAccountSynthesizer.targetTemplateFile)")
        let locked = workspace.appendingPathComponent("templates/\(CrossAccountSynthesizer.sourceDDLFile)").path
        let chattr = try? shellStatus("chattr +i '\(locked)'")
        try XCTSkipUnless(chattr == 0, "chattr +i is not supported on this file system")
        defer { _ = try? shellStatus("chattr -i '\(locked)'") }

        let run = try synth("--quiet")

        XCTAssertEqual(run.status, 1)
        _ = try shellStatus("chattr -i '\(locked)'")
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: workspace.appendingPathComponent("templates/\(CrossAccountSynthesizer.targetTemplateFile)").path),
            "the file the failed run moved in must be gone again")
        XCTAssertEqual(try stagingFolders(for: "templates"), [])
    }

    /// Runs a shell command in the workspace and returns its exit status.
    func shellStatus(_ command: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>/dev/null"]
        process.currentDirectoryURL = workspace
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
