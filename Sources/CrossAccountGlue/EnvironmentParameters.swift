/// The per-environment parameters of the seed's `parameter.ts`.
public struct EnvironmentParameters: Sendable, Equatable {
    public var envName: String
    public var projectName: String

    public init(envName: String, projectName: String) {
        self.envName = envName
        self.projectName = projectName
    }

    public static let dev = EnvironmentParameters(envName: "dev", projectName: "cm-kasama-cross-account")
    public static let prod = EnvironmentParameters(envName: "prod", projectName: "cm-kasama-cross-account")

    /// Every environment, in the order they are listed to users.
    public static let all: [EnvironmentParameters] = [.dev, .prod]

    public static func named(_ name: String) -> EnvironmentParameters? {
        all.first { $0.envName == name }
    }
}
