import CloudFormation
import Constructs
import Synthesis

/// The seed system as an app `synth` hosts: copy Glue tables from source accounts into a target
/// account with Athena, run by Step Functions. Its stages are `CrossAccountSynthesizer`'s.
public enum CrossAccountApp: SynthApp {
    public struct Input {
        public var config: AppConfig
        public var sources: ProjectSources
        public var options: RenderOptions
        public init(config: AppConfig, sources: ProjectSources, options: RenderOptions = RenderOptions()) {
            self.config = config
            self.sources = sources
            self.options = options
        }
    }

    public struct Model {
        public let input: Input
        public let plan: CopyPlan
        public let target: TargetStack
        /// Each stack's template file: the target, the source groups, the source catalogs.
        public let templateFiles: [(stack: Stack, file: String)]
    }

    public static let name = "cross-account-glue"
    public static let summary = "Copies Glue tables from source accounts into a target account with Athena (the default app)."
    public static var settingsHelp: [(key: String, help: String)] {
        ConfigurationLoader.Key.allCases.map { ($0.rawValue, $0.summary) }
    }
    /// The `extras` key of the teardown script (`synth plan --teardown`).
    public static let teardownExtra = Rendering.teardownExtra

    /// The settings, and for the seed's single-source form its SQL files beside the config file
    /// (with `sources`, synth writes the SQL itself).
    public static func load(_ request: LoadRequest, into diagnostics: inout Diagnostics) -> Input? {
        let resolved = ConfigurationLoader.context(from: request.context, path: request.configPath)
            .flatMap { ConfigurationLoader.applying(overrides: request.overrides, to: $0) }
            .flatMap { ConfigurationLoader.resolve($0, envName: request.environment, configPath: request.configPath) }
        let config: AppConfig
        switch resolved {
        case .success(let value): config = value
        case .failure(let error):
            diagnostics.report(error.diagnostics)
            return nil
        }
        guard config.pipeline == nil else {
            return Input(
                config: config, sources: ProjectSources(insertQuery: "", sourceDDL: "", targetDDL: ""),
                options: RenderOptions(projectRootFromOutput: request.projectRootFromOutput, rendersExtras: request.rendersExtras))
        }
        var texts: [String] = []
        for path in [ProjectSources.insertQueryPath, ProjectSources.sourceDDLPath, ProjectSources.targetDDLPath] {
            switch request.readFile(path) {
            case .success(let bytes): texts.append(String(decoding: bytes, as: UTF8.self))
            case .failure(let failure):
                diagnostics.report(Diagnostic(at: failure.location, failure.message, hint: "synth reads the SQL from \(path) beside the config file"))
            }
        }
        guard texts.count == 3 else { return nil }
        return Input(
            config: config, sources: ProjectSources(insertQuery: texts[0], sourceDDL: texts[1], targetDDL: texts[2]),
            options: RenderOptions(projectRootFromOutput: request.projectRootFromOutput, rendersExtras: request.rendersExtras))
    }

    public static func build(_ input: Input, in app: App, into diagnostics: inout Diagnostics) -> Model {
        CrossAccountSynthesizer.build(input, in: app, into: &diagnostics)
    }

    public static func templateFiles(of model: Model) -> [(stack: Stack, file: String)] { model.templateFiles }

    public static func artifacts(of model: Model, templates: RenderedTemplates, into diagnostics: inout Diagnostics)
        -> (files: [RenderedFile], extras: [String: String])
    {
        CrossAccountSynthesizer.artifacts(of: model, templates: templates, into: &diagnostics)
    }
}

extension Rendering {
    /// The cross-account app's teardown script (`synth plan --teardown`), not written to disk.
    public var teardownScript: String { extras[CrossAccountApp.teardownExtra] ?? "" }
}
