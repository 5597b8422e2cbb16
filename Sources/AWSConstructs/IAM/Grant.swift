import CloudFormation
import Constructs

/// What a grant did, as the AWS CDK's `Grant`: the statements it added to the grantee's own
/// policy and to the resource's policy, and the constructs holding those policies, which a
/// resource that needs the permission can wait for (`addDependency(on: grant)`).
public struct Grant {
    /// Added to the grantee's own policy (a role's); empty when it has none this app renders.
    public private(set) var principalStatements: [PolicyStatement]
    /// Added to the resource's policy (a bucket, topic or key policy); empty when the grantee is
    /// provably in the resource's account and its own policy took the statements.
    public private(set) var resourceStatements: [PolicyStatement]
    /// The constructs whose template resources hold those statements: a role (its default and
    /// overflow policies are below it, whichever the statements end up in after it splits them)
    /// and the resource's policy (a `BucketPolicy`, a `TopicPolicy`, a `Key` for its key policy).
    public private(set) var dependables: [Construct]

    public init(
        principalStatements: [PolicyStatement] = [], resourceStatements: [PolicyStatement] = [],
        dependables: [Construct] = []
    ) {
        self.principalStatements = principalStatements
        self.resourceStatements = resourceStatements
        self.dependables = []
        for dependable in dependables { addDependable(dependable) }
    }

    public var addedToPrincipalPolicy: Bool { !principalStatements.isEmpty }
    public var addedToResourcePolicy: Bool { !resourceStatements.isEmpty }

    /// Both grants as one, e.g. a bucket grant and the grant on the bucket's key.
    public func combined(with other: Grant) -> Grant {
        var grant = self
        grant.principalStatements += other.principalStatements
        grant.resourceStatements += other.resourceStatements
        for dependable in other.dependables { grant.addDependable(dependable) }
        return grant
    }

    private mutating func addDependable(_ construct: Construct) {
        if !dependables.contains(where: { $0 === construct }) { dependables.append(construct) }
    }
}

extension Construct {
    /// Creates every resource at or below this construct after the policies `grant` added to,
    /// so the permission exists before it is used. The grant's policies must be in this stack.
    public func addDependency(on grant: Grant) {
        for dependable in grant.dependables { addDependency(on: dependable) }
    }
}
