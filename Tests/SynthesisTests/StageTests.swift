import CloudFormation
import Constructs
import Synthesis
import XCTest

/// A small app for the stages: one stack with a resource per name in its context's `names`, and
/// a text file listing them.
enum ListApp: SynthApp {
    struct Model {
        let stack: Stack
        let names: [String]
    }

    static let name = "list"
    static let summary = "A resource per name."
    static let settingsHelp = [(key: "names", help: "The resources to declare.")]

    static func load(_ request: LoadRequest, into diagnostics: inout Diagnostics) -> [String]? {
        guard let value = request.context.first(where: { $0.key == "names" })?.value, case .array(let items) = value else {
            diagnostics.report(Diagnostic(at: "\(request.configPath): context.names", "is required", hint: "list some names"))
            return nil
        }
        return items.compactMap(\.stringValue)
    }

    static func build(_ names: [String], in app: App, into diagnostics: inout Diagnostics) -> Model {
        let stack = Stack(app, "list-stack")
        for name in names { _ = CfnRawResource(stack, name, type: "AWS::SQS::Queue") }
        return Model(stack: stack, names: names)
    }

    static func templateFiles(of model: Model) -> [(stack: Stack, file: String)] { [(model.stack, "list-stack.json")] }

    static func artifacts(of model: Model, templates: RenderedTemplates, into diagnostics: inout Diagnostics)
        -> (files: [RenderedFile], extras: [String: String])
    {
        let resources = templates.artifact(of: model.stack)?.template.resources.count ?? 0
        return ([RenderedFile(name: "names.txt", contents: model.names.joined(separator: "\n") + "\n")], ["count": "\(resources)"])
    }
}

/// An output folder in memory.
final class MemoryStore: FileStore {
    var files: [String: [UInt8]] = [:]
    var failWrites = false
    func contents(of path: String) -> [UInt8]? { files[path] }
    func isFileOrLink(_ path: String) -> Bool { files[path] != nil }
    func writeAtomically(_ written: [RenderedFile], removing: [String], into directory: String) -> Result<Void, Diagnostic> {
        if failWrites { return .failure(Diagnostic(at: directory, "cannot be written", hint: "check its permissions")) }
        for name in removing { files[FileSystemPath.join(directory, name)] = nil }
        for file in written { files[FileSystemPath.join(directory, file.name)] = Array(file.contents.utf8) }
        return .success(())
    }
}

final class StageTests: XCTestCase {
    func request(_ context: String) throws -> LoadRequest {
        let file = try ConfigFile.parse(Array(#"{"context": \#(context)}"#.utf8), path: "synth.json").get()
        return LoadRequest(configPath: "synth.json", context: file.context)
    }

    func testEachStageHandsTheNextAValueATestCanHold() throws {
        var diagnostics = Diagnostics()
        let input = try XCTUnwrap(LoadStage<ListApp>.run(try request(#"{"names": ["Jobs", "Dead"]}"#), into: &diagnostics))
        XCTAssertEqual(input, ["Jobs", "Dead"])
        let built = BuildStage<ListApp>.run(input, into: &diagnostics)
        XCTAssertEqual(built.app.stacks.map(\.stackName), ["list-stack"])
        let prepared = PrepareStage<ListApp>.run(built)
        let validated = ValidateStage<ListApp>.run(prepared, into: &diagnostics)
        let templates = RenderTemplatesStage<ListApp>.run(validated, into: &diagnostics)
        XCTAssertEqual(templates.files.map(\.name), ["list-stack.json"])
        XCTAssertEqual(templates.summaries.map(\.resources), [2])
        let (artifacts, extras) = RenderArtifactsStage<ListApp>.run(built, templates: templates, into: &diagnostics)
        XCTAssertEqual(artifacts.map(\.contents), ["Jobs\nDead\n"])
        XCTAssertEqual(extras, ["count": "2"])
        XCTAssertEqual(diagnostics.all, [])

        let rendering = try SynthesisPipeline<ListApp>.render(try request(#"{"names": ["Jobs", "Dead"]}"#)).get()
        XCTAssertEqual(rendering.files.map(\.name), ["list-stack.json", "names.txt"], "templates first, then the app's files")
        XCTAssertEqual(SerializeStage.run(rendering).owned.last?.contents, "list-stack.json\nnames.txt\n", "the manifest, sorted")
    }

    func testPreparingAgainChangesNothing() throws {
        var diagnostics = Diagnostics()
        let built = BuildStage<ListApp>.run(["Jobs"], into: &diagnostics)
        _ = PrepareStage<ListApp>.run(built)
        let once = built.app.renderTemplates().0.stacks.map(\.body)
        _ = PrepareStage<ListApp>.run(built)
        XCTAssertEqual(built.app.renderTemplates().0.stacks.map(\.body), once)
    }

    func testALoadErrorStopsBeforeAnythingIsBuiltAndEveryProblemIsReported() throws {
        guard case .failure(let error) = SynthesisPipeline<ListApp>.render(try request(#"{}"#)) else { return XCTFail("rendered") }
        XCTAssertEqual(error.diagnostics.map(\.description), ["synth.json: context.names: is required (list some names)"])
        guard case .failure(let invalid) = SynthesisPipeline<ListApp>.render(try request(#"{"names": ["Bad/Name", "Bad/Name"]}"#)) else {
            return XCTFail("rendered")
        }
        XCTAssertGreaterThan(invalid.diagnostics.count, 1, "\(invalid)")
    }

    func testTheOutputStageWritesChecksAndRemovesOnlyWhatTheManifestNames() throws {
        let store = MemoryStore()
        store.files["out/mine.txt"] = Array("someone else's".utf8)
        let first = SerializeStage.run(try SynthesisPipeline<ListApp>.render(try request(#"{"names": ["A", "B"]}"#)).get())
        XCTAssertEqual(
            OutputStage.check(first, in: "out", store: store).map(\.description),
            [
                "out/list-stack.json: missing (run swift run synth to update it)", "out/names.txt: missing (run swift run synth to update it)",
                "out/.synth-manifest: missing (run swift run synth to update it)",
            ])
        XCTAssertEqual(try OutputStage.write(first, into: "out", store: store).get(), [])
        XCTAssertEqual(OutputStage.check(first, in: "out", store: store), [])

        // A later render without names.txt: the check reports it, the write removes it, never mine.txt.
        let renamed = SerializedOutput(files: first.files.filter { $0.name != "names.txt" })
        XCTAssertEqual(
            OutputStage.check(renamed, in: "out", store: store).map(\.description),
            [
                "out/.synth-manifest: out of date (run swift run synth to update it)",
                "out/names.txt: no longer rendered (run swift run synth to remove it)",
            ])
        XCTAssertEqual(try OutputStage.write(renamed, into: "out", store: store).get(), ["names.txt"])
        XCTAssertNil(store.files["out/names.txt"])
        XCTAssertNotNil(store.files["out/mine.txt"])

        store.failWrites = true
        guard case .failure(let failure) = OutputStage.write(first, into: "out", store: store) else { return XCTFail("wrote") }
        XCTAssertEqual(failure.description, "out: cannot be written (check its permissions)")
    }

    func testAManifestEntryOutsideTheFolderIsIgnored() {
        XCTAssertEqual(OutputManifest.names(in: Array("a.json\n../escape\nsub/file\n.synth-manifest\n\nb.sql\n".utf8)), ["a.json", "b.sql"])
    }

    func testTheConfigFileNamesItsAppAndNothingElseAtItsTop() {
        XCTAssertEqual(try ConfigFile.parse(Array(#"{"app": "list", "context": {}}"#.utf8), path: "c.json").get().app, "list")
        XCTAssertNil(try ConfigFile.parse(Array(#"{"context": {}}"#.utf8), path: "c.json").get().app)
        guard case .failure(let error) = ConfigFile.parse(Array(#"{"ap": "list", "context": {}, "app": 3}"#.utf8), path: "c.json") else {
            return XCTFail("parsed")
        }
        XCTAssertEqual(
            error.diagnostics.map(\.description),
            [
                #"c.json: ap: unknown top-level key; did you mean "app"? (put settings under "context")"#,
                #"c.json: app: must be a string (name the app, e.g. "app": "cross-account-glue")"#,
            ])
    }

    func testAHostedAppKeepsItsNameHelpAndStages() throws {
        let hosted = HostedApp(ListApp.self)
        XCTAssertEqual(hosted.name, "list")
        XCTAssertEqual(hosted.settingsHelp.map(\.key), ["names"])
        XCTAssertEqual(try hosted.render(try request(#"{"names": ["A"]}"#)).get().files.count, 2)
    }
}

/// One Diagnostic shape, its location typed by kind and read as text.
final class DiagnosticLocationTests: XCTestCase {
    func testEachKindReadsAsItsTextAndATextLocationIsClassified() {
        XCTAssertEqual(Diagnostic(.construct("stack/Bucket"), "bad").description, "stack/Bucket: bad")
        XCTAssertEqual(Diagnostic(.warning, .file("templates/a.json"), "old", hint: "re-run").description, "templates/a.json: old (re-run)")
        XCTAssertEqual(Diagnostic(at: "--env staging", "unknown").place, .argument("--env staging"))
        XCTAssertEqual(Diagnostic(at: "synth.json: context.region", "bad").place, .setting("synth.json: context.region"))
        XCTAssertEqual(Diagnostic(at: "context.sources[0]", "bad").place, .setting("context.sources[0]"))
        XCTAssertEqual(Diagnostic(at: "target/insert-query.sql", "bad").place, .file("target/insert-query.sql"))
        XCTAssertEqual(Diagnostic(at: "stack/Role", "bad").place, .construct("stack/Role"))
    }

    func testTheStagesReportConstructsSettingsAndFilesByKind() throws {
        guard case .failure(let missing) = SynthesisPipeline<ListApp>.render(LoadRequest(configPath: "c.json", context: [])) else {
            return XCTFail("rendered")
        }
        XCTAssertEqual(missing.diagnostics.map(\.place), [.setting("c.json: context.names")])
        guard case .failure(let tree) = SynthesisPipeline<ListApp>.render(["Bad/Name"]) else { return XCTFail("rendered") }
        XCTAssertTrue(tree.diagnostics.allSatisfy { if case .construct = $0.place { return true } else { return false } }, "\(tree)")
        let stale = OutputStage.check(SerializedOutput(files: [RenderedFile(name: "a.json", contents: "")]), in: "out", store: MemoryStore())
        XCTAssertEqual(stale.first?.place, .file("out/a.json"))
    }
}
