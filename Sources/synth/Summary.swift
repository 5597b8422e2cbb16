import CloudFormation
import Synthesis

/// What synth tells the user after writing: each stack's size against its limits, then the files.
enum Summary {
    static func render(_ rendering: Rendering, removed: [String], outputDirectory: String) -> String {
        var lines = ["synth: wrote \(rendering.files.count) files to \(outputDirectory)/"]
        let nameWidth = rendering.stacks.map(\.stackName.count).max() ?? 0
        for stack in rendering.stacks {
            let percent = stack.bytes * 100 / Limits.inlineTemplateBytes
            let delivery = stack.bytes > Limits.inlineTemplateBytes ? "deploy through S3 (--s3-bucket)" : "\(percent)% of the inline limit"
            lines.append(
                "  \(stack.stackName.padding(nameWidth))  \(String(stack.resources).leftPadding(3)) resources  "
                    + "\(String(stack.bytes).leftPadding(7)) bytes  \(delivery)")
        }
        let stackFiles = Set(rendering.stacks.map(\.file))
        let others = rendering.files.map(\.name).filter { !stackFiles.contains($0) }
        if !others.isEmpty { lines.append("  also: " + .concatenating(others, separator: ", ")) }
        if !removed.isEmpty { lines.append("  removed, no longer rendered: " + .concatenating(removed, separator: ", ")) }
        return .concatenating(lines, separator: "\n") + "\n"
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
    func leftPadding(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
