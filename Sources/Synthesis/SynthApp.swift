import CloudFormation
import Constructs

/// An app `synth` can host: it reads its own settings, builds a construct tree and renders the
/// files that go beside the templates. Everything else is the host's and the same for every
/// app: the flags, `--check`, atomic output with its manifest, the summary and exit codes.
///
/// The host runs an app through the stages of ``SynthesisPipeline``; an app supplies the three
/// that are its own (load, build, render artifacts) and names each stack's template file.
public protocol SynthApp {
    /// What ``load(_:into:)`` validated: everything ``build(_:in:into:)`` needs.
    associatedtype Input
    /// What the app built besides the tree (its stacks, the facts its artifacts are made of).
    associatedtype Model

    /// `synth --app NAME`, or `"app": "NAME"` in the config file.
    static var name: String { get }
    /// One line for `synth --help`.
    static var summary: String { get }
    /// The context keys the app reads, each with one line of help.
    static var settingsHelp: [(key: String, help: String)] { get }

    /// Stage 1: the settings, validated; nil when they have errors (reported into `diagnostics`).
    static func load(_ request: LoadRequest, into diagnostics: inout Diagnostics) -> Input?
    /// Stage 2: the construct tree, built in `app`.
    static func build(_ input: Input, in app: App, into diagnostics: inout Diagnostics) -> Model
    /// The template file each stack renders to, in the order the files are listed.
    static func templateFiles(of model: Model) -> [(stack: Stack, file: String)]
    /// Stage 6: the files other than templates (policies, SQL, scripts, diagrams), from the tree
    /// and the rendered templates; `extras` are outputs printed on request (`synth plan`).
    static func artifacts(of model: Model, templates: RenderedTemplates, into diagnostics: inout Diagnostics)
        -> (files: [RenderedFile], extras: [String: String])
}

extension SynthApp {
    /// An app whose only files are its templates.
    public static func artifacts(of model: Model, templates: RenderedTemplates, into diagnostics: inout Diagnostics)
        -> (files: [RenderedFile], extras: [String: String])
    {
        ([], [:])
    }
}

/// What the host hands an app to load from.
public struct LoadRequest {
    /// `--config`, as given: where problems with settings are reported.
    public var configPath: String
    /// The config file's `context` object (after `--context` overrides are the app's to apply).
    public var context: [JSON.Member]
    /// `--context KEY=VALUE`, in the order given.
    public var overrides: [(key: String, value: String)]
    /// `--env`.
    public var environment: String
    /// Reads a file relative to the config file's folder; the app reports a failure itself.
    public var readFile: (String) -> Result<[UInt8], Diagnostic>
    /// The config file's folder as seen from the output folder (for paths a script follows).
    public var projectRootFromOutput: String
    /// Whether the caller prints an extra (`synth plan`); when not, an app may skip rendering
    /// outputs that are printed only on request.
    public var rendersExtras: Bool

    public init(
        configPath: String, context: [JSON.Member], overrides: [(key: String, value: String)] = [], environment: String = "dev",
        readFile: @escaping (String) -> Result<[UInt8], Diagnostic> = { .failure(Diagnostic(at: $0, "cannot be read")) },
        projectRootFromOutput: String = "..", rendersExtras: Bool = true
    ) {
        self.configPath = configPath
        self.context = context
        self.overrides = overrides
        self.environment = environment
        self.readFile = readFile
        self.projectRootFromOutput = projectRootFromOutput
        self.rendersExtras = rendersExtras
    }
}

/// An app with its types erased, as the host keeps a list of them.
public struct HostedApp {
    public let name: String
    public let summary: String
    public let settingsHelp: [(key: String, help: String)]
    /// Every stage from loading to rendered files.
    public let render: (LoadRequest) -> Result<Rendering, SynthesisError>

    public init<A: SynthApp>(_ app: A.Type) {
        name = A.name
        summary = A.summary
        settingsHelp = A.settingsHelp
        render = { SynthesisPipeline<A>.render($0) }
    }
}
