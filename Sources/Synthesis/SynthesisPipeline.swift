import Constructs

/// The stages in order, for one app: load → build → prepare → validate → render templates →
/// render artifacts. Serializing and writing or checking the output are the host's last two
/// (``SerializeStage``, ``OutputStage``). A stage after one that reported errors does not run.
public enum SynthesisPipeline<A: SynthApp> {
    /// From the app's settings to every rendered file.
    public static func render(_ request: LoadRequest) -> Result<Rendering, SynthesisError> {
        var diagnostics = Diagnostics()
        guard let input = LoadStage<A>.run(request, into: &diagnostics), !diagnostics.hasErrors else {
            return .failure(SynthesisError(diagnostics.all))
        }
        return render(input, diagnostics: diagnostics)
    }

    /// From validated input (as a test or another program holds it) to every rendered file.
    public static func render(_ input: A.Input, diagnostics: Diagnostics = Diagnostics()) -> Result<Rendering, SynthesisError> {
        var diagnostics = diagnostics
        let built = BuildStage<A>.run(input, into: &diagnostics)
        let validated = ValidateStage<A>.run(PrepareStage<A>.run(built), into: &diagnostics)
        let templates = RenderTemplatesStage<A>.run(validated, into: &diagnostics)
        // The artifacts are rendered from the tree even when the templates have problems, so one
        // run reports both; nothing is returned while there is an error.
        let (artifacts, extras) = RenderArtifactsStage<A>.run(built, templates: templates, into: &diagnostics)
        if diagnostics.hasErrors { return .failure(SynthesisError(diagnostics.all)) }
        return .success(
            Rendering(
                files: templates.files + artifacts, warnings: diagnostics.warnings,
                stacks: templates.summaries, extras: extras))
    }
}
