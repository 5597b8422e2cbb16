import CloudFormation

/// The root of a construct tree; it holds the stacks and synthesizes them together.
public final class App: Construct {
    public init() {
        super.init(rootId: "")
    }

    public var stacks: [Stack] { subtree.compactMap { $0 as? Stack } }

    /// Constructs already prepared: `prepare()` runs once per construct, however often it is called.
    private var prepared = Set<ObjectIdentifier>()

    /// Prepares, validates and renders every stack. Throws every problem found, in tree order,
    /// when there is any error; warnings are returned with the templates.
    public func synthesize() throws(SynthesisError) -> Assembly {
        prepareTree()
        var problems = validateTree()
        let (assembly, renderProblems) = renderTemplates()
        problems += renderProblems
        let errors = problems.filter { $0.severity == .error }
        if !errors.isEmpty { throw SynthesisError(problems) }
        return Assembly(stacks: assembly.stacks, warnings: problems.filter { $0.severity == .warning })
    }

    /// Has `construct` prepared again (`Construct.setNeedsPrepare()`).
    func invalidatePreparation(of construct: Construct) {
        prepared.remove(ObjectIdentifier(construct))
    }

    /// Calls `prepare()` on every construct, again on those that preparing adds or asks to be
    /// prepared again, until none is left; calling it again changes nothing.
    public func prepareTree() {
        while true {
            let pending = subtree.filter { !prepared.contains(ObjectIdentifier($0)) }
            if pending.isEmpty { break }
            for construct in pending {
                prepared.insert(ObjectIdentifier(construct))
                construct.prepare()
            }
        }
    }

    /// Every construct's problems, in tree order, and constructs added while the tree was locked.
    public func validateTree() -> [Diagnostic] {
        isLocked = true
        defer { isLocked = false }
        var problems: [Diagnostic] = []
        for construct in subtree {
            problems.append(contentsOf: construct.constructionProblems)
            problems.append(contentsOf: construct.diagnostics())
        }
        return problems
    }

    /// Every stack's template, with the problems only rendering shows (references across stacks,
    /// `DependsOn` cycles, quotas). The tree is locked meanwhile: a construct added by rendering
    /// is reported.
    public func renderTemplates() -> (Assembly, [Diagnostic]) {
        isLocked = true
        defer { isLocked = false }
        var problems: [Diagnostic] = []
        // Every stack renders its elements first, so a reference into another stack can be
        // turned into that stack's export before either template is assembled.
        let stacks = self.stacks
        let rendered = stacks.map { $0.renderElements() }
        let references = CrossStackReferences(rendered: stacks.count > 1 ? zip(stacks, rendered).map { ($0, $1.values) } : [])
        problems.append(contentsOf: references.problems())
        var artifacts: [StackArtifact] = []
        for (stack, elements) in zip(stacks, rendered) {
            let (template, body, stackProblems) = stack.assembleTemplate(elements, references: references)
            problems.append(contentsOf: stackProblems)
            artifacts.append(
                StackArtifact(
                    stack: stack, template: template, bytes: body,
                    imports: (references.producers[ObjectIdentifier(stack)] ?? []).map(\.stackName)))
        }
        problems.append(contentsOf: lateAdditions)
        lateAdditions = []
        return (Assembly(stacks: artifacts, warnings: problems.filter { $0.severity == .warning }), problems)
    }
}

/// What synthesis produced: one template per stack, and any warnings.
public struct Assembly {
    public var stacks: [StackArtifact]
    public var warnings: [Diagnostic]

    public func stack(named name: String) -> StackArtifact? {
        stacks.first { $0.stack.stackName == name }
    }
}

public struct StackArtifact {
    public let stack: Stack
    public let template: CloudFormation.Template
    /// The template's canonical text, rendered once, as bytes.
    public let bytes: [UInt8]
    /// The template's canonical text.
    public var body: String { String(decoding: bytes, as: UTF8.self) }
    /// The stacks this one imports values from, which must be deployed before it.
    public var imports: [String] = []
}
