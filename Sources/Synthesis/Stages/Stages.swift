import CloudFormation
import Constructs

// The stages of synthesis, in order. Each is a type whose `run` takes the previous stage's output
// and reports into one `Diagnostics`; each output is a value a test can hold.

/// Stage 1: the app's settings, validated (the app's own `load`).
public enum LoadStage<A: SynthApp> {
    public static func run(_ request: LoadRequest, into diagnostics: inout Diagnostics) -> A.Input? {
        A.load(request, into: &diagnostics)
    }
}

/// What stage 2 built: the construct tree and the app's model of it.
public struct BuiltApp<A: SynthApp> {
    public let app: App
    public let model: A.Model
}

/// Stage 2: the construct tree (the app's own `build`).
public enum BuildStage<A: SynthApp> {
    public static func run(_ input: A.Input, into diagnostics: inout Diagnostics) -> BuiltApp<A> {
        let app = App()
        let model = A.build(input, in: app, into: &diagnostics)
        return BuiltApp(app: app, model: model)
    }
}

/// Stage 3's output: every construct prepared (policies split, definitions written).
public struct PreparedApp<A: SynthApp> {
    public let built: BuiltApp<A>
}

/// Stage 3: `prepare()` on every construct until none is added; running it again changes nothing.
public enum PrepareStage<A: SynthApp> {
    public static func run(_ built: BuiltApp<A>) -> PreparedApp<A> {
        built.app.prepareTree()
        return PreparedApp(built: built)
    }
}

/// Stage 4's output: a tree whose problems have been reported.
public struct ValidatedApp<A: SynthApp> {
    public let prepared: PreparedApp<A>
}

/// Stage 4: every construct's problems, in tree order.
public enum ValidateStage<A: SynthApp> {
    public static func run(_ prepared: PreparedApp<A>, into diagnostics: inout Diagnostics) -> ValidatedApp<A> {
        diagnostics.report(prepared.built.app.validateTree())
        return ValidatedApp(prepared: prepared)
    }
}

/// Stage 5's output: each stack's template, rendered once, with its file name and figures.
public struct RenderedTemplates {
    public let assembly: Assembly
    public let files: [RenderedFile]
    public let summaries: [StackSummary]

    /// The rendered template of `stack`.
    public func artifact(of stack: Stack) -> StackArtifact? { assembly.stacks.first { $0.stack === stack } }
}

/// Stage 5: the templates, references across stacks resolved, CloudFormation's quotas checked.
public enum RenderTemplatesStage<A: SynthApp> {
    public static func run(_ validated: ValidatedApp<A>, into diagnostics: inout Diagnostics) -> RenderedTemplates {
        let built = validated.prepared.built
        let (assembly, problems) = built.app.renderTemplates()
        diagnostics.report(problems)
        var files: [RenderedFile] = []
        var summaries: [StackSummary] = []
        for (stack, file) in A.templateFiles(of: built.model) {
            guard let artifact = assembly.stacks.first(where: { $0.stack === stack }) else { continue }
            files.append(RenderedFile(name: file, bytes: artifact.bytes))
            summaries.append(
                StackSummary(
                    stackName: stack.stackName, file: file, resources: artifact.template.resources.count,
                    bytes: artifact.bytes.count))
        }
        return RenderedTemplates(assembly: assembly, files: files, summaries: summaries)
    }
}

/// Stage 6: the app's other files (its own `artifacts`).
public enum RenderArtifactsStage<A: SynthApp> {
    public static func run(_ built: BuiltApp<A>, templates: RenderedTemplates, into diagnostics: inout Diagnostics)
        -> (files: [RenderedFile], extras: [String: String])
    {
        A.artifacts(of: built.model, templates: templates, into: &diagnostics)
    }
}

/// What synthesis produced: every file in order (templates, then the app's artifacts), the
/// stacks' figures, warnings, and outputs printed on request.
public struct Rendering: Sendable {
    public var files: [RenderedFile]
    public var warnings: [Diagnostic]
    public var stacks: [StackSummary]
    /// Outputs that are not files, by name: `synth plan` prints `planExtra`, `synth plan
    /// --teardown` prints `teardownExtra`, for an app that has them.
    public var extras: [String: String]
    public static let planExtra = "plan"
    public static let teardownExtra = "teardown"

    public init(files: [RenderedFile], warnings: [Diagnostic], stacks: [StackSummary], extras: [String: String] = [:]) {
        self.files = files
        self.warnings = warnings
        self.stacks = stacks
        self.extras = extras
    }
}

/// Stage 7: the files as the output folder will hold them, with the manifest naming them.
public struct SerializedOutput: Sendable {
    public let files: [RenderedFile]
    public init(files: [RenderedFile]) { self.files = files }
    /// `files` and the manifest, written last.
    public var owned: [RenderedFile] { files + [OutputManifest.file(listing: files)] }
}

public enum SerializeStage {
    public static func run(_ rendering: Rendering) -> SerializedOutput {
        SerializedOutput(files: rendering.files)
    }
}
