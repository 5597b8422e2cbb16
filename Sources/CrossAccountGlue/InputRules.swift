import AWSConstructs
import Constructs

/// Checks on user input, made before any construct exists, so errors name the input
/// (`context.projectName`) rather than a derived resource.
public enum InputRules {
    /// Exactly 12 ASCII digits.
    public static func isAccountId(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// A source that is also the target account, or nil. The pipeline is cross-account by design
    /// (a resource policy and a catalog registration that grant an account access to itself are
    /// a mistake), so the same account on both sides is reported, naming both inputs.
    public static func sameAccountProblem(
        source: String, at location: String, target: (value: String, origin: String)?,
        hint: String
    ) -> Diagnostic? {
        guard let target, isAccountId(source), source == target.value else { return nil }
        return Diagnostic(
            at: location, "\"\(source)\" is also the target account (\(target.origin)); this pipeline copies between two accounts",
            hint: hint)
    }

    /// A region code AWS publishes: `ap-northeast-1`, `us-gov-west-1`, `cn-north-1`, …
    public static func isRegion(_ text: String) -> Bool {
        Partition.knownRegions.contains(text)
    }

    /// Problems with a project name, judged by every name derived from it.
    public static func projectNameProblems(_ project: String, envName: String, at location: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func add(_ message: String, _ hint: String) { problems.append(Diagnostic(at: location, message, hint: hint)) }
        if project.isEmpty {
            add("the project name is empty", "give a name such as my-data-copy")
            return problems
        }
        let allowed = project.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        if !allowed {
            add(
                "project name \"\(project)\" may contain only lower-case letters, digits and hyphens",
                "it is part of S3 bucket names, which allow no upper-case letters, and of the stack name")
            return problems
        }
        let names = ResourceNames(projectName: project, envName: envName)
        for stackName in [names.targetStackName, names.sourceStackName] {
            if let problem = Stack.nameProblem(stackName) {
                add("makes the stack name \"\(stackName)\", which \(problem)", "start the project name with a letter and keep it short")
            }
        }
        for bucket in [names.targetBucketName, names.sourceBucketName] {
            if let problem = BucketNaming.problem(bucket) {
                add("makes the bucket name \"\(bucket)\", which \(problem)", "shorten or change the project name")
            }
        }
        let limits: [(String, String, Int)] = [
            ("IAM role name", names.executionRoleName, Role.maximumNameLength),
            ("state machine name", names.stateMachineName, StateMachine.maximumNameLength),
            ("workgroup name", names.workGroupName, WorkGroup.maximumNameLength),
        ]
        for (kind, name, limit) in limits where name.count > limit {
            add(
                "makes the \(kind) \"\(name)\" \(name.count) characters long, over the limit of \(limit)",
                "use a project name of at most \(project.count - (name.count - limit)) characters")
        }
        return problems
    }
}
