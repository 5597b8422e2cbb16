/// One file synth writes into the output folder.
public struct RenderedFile: Equatable, Sendable {
    public var name: String
    public var contents: String
    /// Written with the executable bit (a deploy script).
    public var executable: Bool
    public init(name: String, contents: String, executable: Bool = false) {
        self.name = name
        self.contents = contents
        self.executable = executable
    }
}

/// One stack's figures, for the summary synth prints.
public struct StackSummary: Equatable, Sendable {
    public var stackName: String
    public var file: String
    public var resources: Int
    public var bytes: Int
    public init(stackName: String, file: String, resources: Int, bytes: Int) {
        self.stackName = stackName
        self.file = file
        self.resources = resources
        self.bytes = bytes
    }
}
