import CloudFormation

/// A construct that becomes one entry of a template (a resource, parameter or output) and so
/// has a logical ID.
open class CfnElement: Construct, LogicalElement {
    private var pinnedLogicalId: String?
    /// A construct's path never changes, so its computed ID is kept once made.
    private var computedLogicalId: String?

    /// The CDK-compatible logical ID from the path below the stack, unless pinned.
    public var logicalId: String {
        if let pinnedLogicalId { return pinnedLogicalId }
        if let computedLogicalId { return computedLogicalId }
        // The CDK hashes only the components strictly below the stack (or the root), collected
        // walking up to it rather than making both paths.
        var below: [String] = []
        var node: Construct = self
        while !(node is Stack), let scope = node.scope {
            below.append(node.id)
            node = scope
        }
        let id = LogicalID.make(below.reversed())
        computedLogicalId = id
        return id
    }

    /// Pins the logical ID, e.g. to keep the ID a resource had in a hand-written template, so
    /// CloudFormation updates it in place instead of replacing it.
    public func overrideLogicalId(_ id: String) {
        pinnedLogicalId = id
        // What its construct derived from the ID (a policy's name) is derived again.
        scope?.setNeedsPrepare()
    }

    open override func diagnostics() -> [Diagnostic] {
        var problems = super.diagnostics()
        let id = logicalId
        if !LogicalID.isValid(id) {
            problems.append(
                Diagnostic(
                    .construct(path), "logical ID \"\(id)\" is not 1 to \(LogicalID.maximumLength) letters and digits",
                    hint: "rename the construct or pin a valid ID with overrideLogicalId"))
        }
        return problems
    }
}
