import CloudFormation
import Synthesis

/// `synth diff`: reads the previous templates (a folder, or one deployed template), compares each
/// stack with ``TemplateDiff`` and prints the report. The comparison is the library's; this only
/// reads files and prints.
enum DiffCommand {
    /// Why the previous templates cannot be read; printed as an error (exit 1).
    struct Problem: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    static func run(_ rendering: Rendering, against: String, failOnReplace: Bool) -> Int32 {
        let pairs: [(stack: StackSummary, old: JSON?)]
        switch previousTemplates(of: rendering.stacks, against: against) {
        case .success(let value): pairs = value
        case .failure(let problem):
            SynthCommand.printError(problem.message)
            return 1
        }
        var lines = ["synth diff: against \(against)"]
        var total = TemplateDiff()
        for (stack, old) in pairs.sorted(by: { $0.stack.stackName < $1.stack.stackName }) {
            guard let contents = rendering.files.first(where: { $0.name == stack.file })?.contents,
                let new = try? JSONParser.parse(contents)
            else {
                SynthCommand.printError("\(stack.file): the rendered template cannot be read back")
                return 1
            }
            let diff = TemplateDiff.compare(old: old ?? [:], new: new)
            let name = "\(stack.stackName) (\(stack.file))"
            lines +=
                old == nil
                ? ["stack \(name): not in \(against), every resource added"] + diff.lines(stack: name).dropFirst() : diff.lines(stack: name)
            total.added += diff.added
            total.removed += diff.removed
            total.modified += diff.modified
        }
        for (file, old) in removedStacks(against: against, rendered: rendering.stacks) {
            let diff = TemplateDiff.compare(old: old, new: ["Resources": .object([JSON.Member]())])
            lines += ["stack \(file): no longer rendered, every resource removed"] + diff.lines(stack: file).dropFirst()
            total.removed += diff.removed
        }
        let updates = total.modified.count - total.replacements
        lines.append(
            "synth diff: \(total.added.count) added, \(total.removed.count) removed, \(updates) updated, "
                + "\(total.replacements) replaced, \(total.dataLosses) with DATA LOSS")
        print(lines.joined(separator: "\n"))
        if failOnReplace && total.replacesOrLosesData {
            SynthCommand.printError(
                "--fail-on-replace: \(total.replacements) REPLACE, \(total.removed.filter { $0.data == .lost }.count) DATA LOSS removal(s)")
            return 1
        }
        return 0
    }

    /// Each stack with its previous template: from `DIR/<template file>` (nil when the folder
    /// lacks it: a new stack), or, for a file, the stack whose template file has the file's name,
    /// else the only stack.
    static func previousTemplates(of stacks: [StackSummary], against: String) -> Result<[(stack: StackSummary, old: JSON?)], Problem> {
        switch FileSystem.kind(of: against) {
        case nil:
            return .failure(Problem("--against \(against): no such file or folder"))
        case .directory:
            var pairs: [(stack: StackSummary, old: JSON?)] = []
            for stack in stacks {
                let path = FileSystemPath.join(against, stack.file)
                guard FileSystem.kind(of: path) != nil else {
                    pairs.append((stack, nil))
                    continue
                }
                switch template(at: path) {
                case .success(let old): pairs.append((stack, old))
                case .failure(let problem): return .failure(problem)
                }
            }
            return .success(pairs)
        case .file:
            let fileName = against.split(separator: "/").last.map(String.init) ?? against
            guard let stack = stacks.first(where: { $0.file == fileName }) ?? (stacks.count == 1 ? stacks.first : nil) else {
                return .failure(
                    Problem(
                        "--against \(against): a single template, but no stack renders to \(fileName) and there are \(stacks.count) stacks; "
                            + "name the file after one of \(stacks.map(\.file).joined(separator: ", "))"))
            }
            return template(at: against).map { [(stack, $0)] }
        }
    }

    /// Templates synth wrote into the `against` folder before (its manifest names them) that no
    /// stack renders now: a stack the app no longer has, whose resources CloudFormation deletes
    /// when that stack is deleted. Only JSON files with `Resources` count as templates.
    static func removedStacks(against: String, rendered: [StackSummary]) -> [(file: String, template: JSON)] {
        guard FileSystem.kind(of: against) == .directory,
            let manifest = FileSystem.existingContents(FileSystemPath.join(against, OutputManifest.fileName))
        else { return [] }
        let renderedFiles = Set(rendered.map(\.file))
        return OutputManifest.names(in: manifest).sorted().filter { !renderedFiles.contains($0) && $0.hasSuffix(".json") }.compactMap { name in
            guard case .success(let json) = template(at: FileSystemPath.join(against, name)), json["Resources"]?.objectMembers != nil else {
                return nil
            }
            return (name, json)
        }
    }

    private static func template(at path: String) -> Result<JSON, Problem> {
        guard let bytes = FileSystem.existingContents(path) else { return .failure(Problem("--against \(path): cannot be read")) }
        do {
            let json = try JSONParser.parse(bytes)
            if json.stringValue != nil {
                return .failure(Problem("--against \(path): a template body saved as a string (YAML?); save a JSON template"))
            }
            guard json.objectMembers != nil else { return .failure(Problem("--against \(path): not a JSON object (a template)")) }
            return .success(json)
        } catch {
            return .failure(Problem("--against \(path): not JSON: \(error.description)"))
        }
    }
}
