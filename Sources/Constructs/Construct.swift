/// A node of the construct tree: an id, a parent scope and ordered children.
///
/// Modelled on aws/constructs: sibling ids are unique, children keep the order they were
/// added in, and the tree is locked while it is synthesized. Problems are collected with
/// their construct path instead of thrown one at a time, so a user sees all of them at once.
open class Construct {
    public let id: String
    public let scope: Construct?
    public private(set) var children: [Construct] = []
    private var childIds: Set<String> = []
    /// Problems found while the tree was built (duplicate ids, additions after locking).
    var constructionProblems: [Diagnostic] = []
    var isLocked = false
    /// Constructs added after the tree was locked, reported by synthesis (kept on the root).
    var lateAdditions: [Diagnostic] = []
    /// Constructs every resource below this one is created after (`addDependency(on:)`).
    public private(set) var constructDependencies: [Construct] = []

    /// Adds a child with `id` to `scope`.
    public init(_ scope: Construct, _ id: String) {
        self.id = id
        self.scope = scope
        scope.add(child: self)
    }

    /// A root construct (the `App`).
    init(rootId: String) {
        self.id = rootId
        self.scope = nil
    }

    private func add(child: Construct) {
        if root.isLocked {
            root.lateAdditions.append(
                Diagnostic(
                    .construct(path), "cannot add \"\(child.id)\" while the app is being synthesized",
                    hint: "create every construct before calling synthesize()"))
        }
        if child.id.isEmpty {
            child.constructionProblems.append(Diagnostic(.construct(path), "a construct id must not be empty", hint: "give the construct a name"))
        } else if child.id.utf8.contains(UInt8(ascii: "/")) && child.id.contains("/" as Character) {
            // Most ids hold no "/" byte, found at once; a "/" read as a Character (not joined
            // with a combining mark) is what the check is about.
            child.constructionProblems.append(
                Diagnostic(
                    .construct(path), "construct id \"\(child.id)\" contains \"/\"",
                    hint: "\"/\" separates path components; use another character"))
        }
        if !childIds.insert(child.id).inserted {
            child.constructionProblems.append(
                Diagnostic(
                    .construct(path), "there is already a construct with id \"\(child.id)\"",
                    hint: "give sibling constructs different ids"))
        }
        children.append(child)
    }

    /// Every resource at or below this construct is created after every resource at or below
    /// `other` (`DependsOn`, as the CDK's `node.addDependency`); both must be in one stack.
    public func addDependency(on other: Construct) {
        if !constructDependencies.contains(where: { $0 === other }) { constructDependencies.append(other) }
    }

    /// The root of the tree.
    public var root: Construct {
        var node = self
        while let parent = node.scope { node = parent }
        return node
    }

    /// The ids from the root down to this construct, the root's own (empty) id left out.
    public var pathComponents: [String] {
        var components: [String] = []
        var node: Construct? = self
        while let current = node, current.scope != nil {
            components.append(current.id)
            node = current.scope
        }
        return components.reversed()
    }

    /// `stack/Construct/Child`.
    public var path: String { pathComponents.joined(separator: "/") }

    /// The child with `id`, if there is one.
    public func child(_ id: String) -> Construct? {
        childIds.contains(id) ? children.first { $0.id == id } : nil
    }

    /// This construct and all below it, parents before children, in the order they were added.
    public var subtree: [Construct] {
        var result: [Construct] = []
        appendSubtree(to: &result)
        return result
    }

    /// Appends `subtree` to one list, rather than making a list per construct and joining them.
    private func appendSubtree(to result: inout [Construct]) {
        result.append(self)
        for child in children { child.appendSubtree(to: &result) }
    }

    /// The stack this construct belongs to.
    public var stack: Stack? {
        var node: Construct? = self
        while let current = node {
            if let stack = current as? Stack { return stack }
            node = current.scope
        }
        return nil
    }

    /// Called on every construct before validation and rendering; L2 constructs use it to
    /// write what they accumulated (policy statements, grants) into their L1 resources. It may
    /// run more than once (after `setNeedsPrepare()`), so it must give the same result each time.
    open func prepare() {}

    /// Has `prepare()` run again in the app's current or next preparation, because what it writes
    /// from has changed (e.g. a statement added to a role after it split its policies).
    public func setNeedsPrepare() {
        (root as? App)?.invalidatePreparation(of: self)
    }

    /// Problems with this construct; each becomes an error at its path.
    open func validate() -> [String] { [] }

    /// Problems with this construct, with their own location and hint. By default, `validate()`'s
    /// messages at this construct's path.
    open func diagnostics() -> [Diagnostic] {
        validate().map { Diagnostic(.construct(path), $0) }
    }
}
