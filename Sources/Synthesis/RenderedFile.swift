/// One file synth writes into the output folder.
public struct RenderedFile: Equatable, Sendable {
    public var name: String
    /// What is written, byte for byte.
    public var bytes: [UInt8]
    /// Written with the executable bit (a deploy script).
    public var executable: Bool
    public init(name: String, bytes: [UInt8], executable: Bool = false) {
        self.name = name
        self.bytes = bytes
        self.executable = executable
    }
    public init(name: String, contents: String, executable: Bool = false) {
        self.init(name: name, bytes: Array(contents.utf8), executable: executable)
    }
    /// The file as text.
    public var contents: String { String(decoding: bytes, as: UTF8.self) }
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
