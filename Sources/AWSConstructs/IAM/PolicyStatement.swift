import CloudFormation

/// One statement of an IAM policy document.
///
/// Rendered canonically, as the AWS CDK does: keys in the order Action, NotAction, Condition,
/// Effect, Principal, Resource, Sid; duplicate actions and resources removed; one-element
/// lists written as a single value.
public struct PolicyStatement {
    public enum Effect: String, Sendable {
        case allow = "Allow"
        case deny = "Deny"
    }

    /// One condition: `{"<operator>": {"<key>": value(s)}}`.
    public struct Condition {
        public var `operator`: String
        public var key: String
        public var values: [Value]
        public init(_ conditionOperator: String, _ key: String, _ values: [Value]) {
            self.operator = conditionOperator
            self.key = key
            self.values = values
        }
        public init(_ conditionOperator: String, _ key: String, _ value: String) {
            self.init(conditionOperator, key, [.string(value)])
        }
    }

    public var sid: String? { didSet { rendering = Rendering() } }
    public var effect: Effect { didSet { rendering = Rendering() } }
    public var actions: [String] { didSet { rendering = Rendering() } }
    public var notActions: [String] { didSet { rendering = Rendering() } }
    public var principals: [Principal] { didSet { rendering = Rendering() } }
    public var resources: [Value] { didSet { rendering = Rendering() } }
    public var conditions: [Condition] { didSet { rendering = Rendering() } }
    /// The statement as rendered, shared by its copies and replaced when it changes.
    private var rendering = Rendering()

    public init(
        sid: String? = nil,
        effect: Effect = .allow,
        actions: [String] = [],
        notActions: [String] = [],
        principals: [Principal] = [],
        resources: [Value] = [],
        conditions: [Condition] = []
    ) {
        self.sid = sid
        self.effect = effect
        self.actions = actions
        self.notActions = notActions
        self.principals = principals
        self.resources = resources
        self.conditions = conditions
    }

    /// The statement as a template value.
    public var value: Value { rendering.value(of: self) }

    /// The length of the statement's JSON without whitespace, as IAM counts it.
    var compactLength: Int { rendering.compactLength(of: self) }

    /// The statement's JSON, for telling apart statements whose `value`s hash alike.
    var json: JSON { rendering.json(of: self) }

    /// The resources without those whose JSON equals an earlier one's, as `value` lists them.
    var uniqueResources: [Value] { rendering.uniqueResources(of: self) }

    /// The hash of `value`'s rendered summary (`hashRenderedSummary`), for deduplicating statements.
    var summaryHash: Int { rendering.summaryHash(of: self) }

    /// `cut()`, the parts of this statement that fit `limit`, made once: a role splits its
    /// policies when it is prepared, after its stack checked that they fit.
    func parts(fitting limit: Int, cut: () -> [PolicyStatement]) -> [PolicyStatement] {
        rendering.parts(of: self, fitting: limit, cut: cut)
    }

    /// What `value`, `json`, `compactLength`, `summaryHash` and `parts` give, each made once and kept while the
    /// logical IDs they read are unchanged (`overrideLogicalId` may still change one).
    private final class Rendering {
        private struct Kept {
            var value: Value
            /// The resources without duplicates, as `value` lists them.
            var resources: [Value]
            /// Each element the statement names, with the logical ID it had when rendered.
            var logicalIds: [(element: any LogicalElement, id: String)]
            var json: JSON?
            var length: Int?
            var summaryHash: Int?
            var cut: (limit: Int, parts: [PolicyStatement])?
        }
        private var kept: Kept?

        /// The kept rendering, made anew when there is none or a logical ID it read has changed.
        private func current(_ statement: PolicyStatement) -> Kept {
            if let kept, kept.logicalIds.allSatisfy({ $0.element.logicalId == $0.id }) { return kept }
            let resources = PolicyStatement.unique(statement.resources)
            let fresh = Kept(
                value: statement.renderedValue(resources: resources), resources: resources,
                logicalIds: statement.namedElements.map { ($0, $0.logicalId) })
            kept = fresh
            return fresh
        }

        func value(of statement: PolicyStatement) -> Value { current(statement).value }

        func uniqueResources(of statement: PolicyStatement) -> [Value] { current(statement).resources }

        func json(of statement: PolicyStatement) -> JSON {
            let rendering = current(statement)
            if let json = rendering.json { return json }
            let json = rendering.value.json()
            kept?.json = json
            return json
        }

        func compactLength(of statement: PolicyStatement) -> Int {
            if let length = current(statement).length { return length }
            let length = JSONWriter.compactLength(json(of: statement))
            kept?.length = length
            return length
        }

        func summaryHash(of statement: PolicyStatement) -> Int {
            let rendering = current(statement)
            if let hash = rendering.summaryHash { return hash }
            var hasher = Hasher()
            rendering.value.hashRenderedSummary(into: &hasher)
            let hash = hasher.finalize()
            kept?.summaryHash = hash
            return hash
        }

        func parts(of statement: PolicyStatement, fitting limit: Int, cut make: () -> [PolicyStatement]) -> [PolicyStatement] {
            if let cut = current(statement).cut, cut.limit == limit { return cut.parts }
            let parts = make()
            kept?.cut = (limit, parts)
            return parts
        }
    }

    /// The elements whose logical IDs rendering reads: named in what the statement is rendered
    /// from, not only in what it renders to, as one a duplicate hides still tells duplicates apart.
    private var namedElements: [any LogicalElement] {
        var found: [any LogicalElement] = []
        for resource in resources { resource.appendReferencedElements(to: &found) }
        for principal in principals { principal.value.appendReferencedElements(to: &found) }
        for condition in conditions {
            for value in condition.values { value.appendReferencedElements(to: &found) }
        }
        return found
    }

    /// The statement rendered, with `resources`, its resources without duplicates.
    private func renderedValue(resources: [Value]) -> Value {
        var fields: [Value.Field] = []
        if !actions.isEmpty { fields.append(.init("Action", PolicyStatement.collapse(PolicyStatement.unique(actions).map(Value.string)))) }
        if !notActions.isEmpty {
            fields.append(.init("NotAction", PolicyStatement.collapse(PolicyStatement.unique(notActions).map(Value.string))))
        }
        if !conditions.isEmpty { fields.append(.init("Condition", renderedConditions)) }
        fields.append(.init("Effect", .string(effect.rawValue)))
        if let principal = Principal.render(principals) { fields.append(.init("Principal", principal)) }
        if !resources.isEmpty { fields.append(.init("Resource", PolicyStatement.collapse(resources))) }
        if let sid { fields.append(.init("Sid", .string(sid))) }
        return .object(fields)
    }

    private var renderedConditions: Value {
        var operators: [(name: String, fields: [Value.Field])] = []
        for condition in conditions {
            let field = Value.Field(condition.key, PolicyStatement.collapse(condition.values))
            if let index = operators.firstIndex(where: { $0.name == condition.operator }) {
                operators[index].fields.append(field)
            } else {
                operators.append((condition.operator, [field]))
            }
        }
        return .object(operators.map { Value.Field($0.name, .object($0.fields)) })
    }

    /// Problems that would make IAM reject the statement.
    public func problems() -> [String] {
        var problems: [String] = []
        if actions.isEmpty && notActions.isEmpty { problems.append("a policy statement has no actions") }
        if let sid, !sid.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) {
            problems.append("statement id \"\(sid)\" may contain only letters and digits")
        }
        for action in actions + notActions where action != "*" && !PolicyStatement.hasColon(action) {
            problems.append("action \"\(action)\" is not of the form service:Action")
        }
        return problems
    }

    /// Whether `action` holds ":" as a Character. In ASCII text a ":" byte is one (no combining
    /// mark can follow it), so only other text is read Character by Character, which costs more.
    static func hasColon(_ action: String) -> Bool {
        var high: UInt8 = 0
        var colon = false
        for byte in action.utf8 {
            high |= byte
            if byte == UInt8(ascii: ":") { colon = true }
        }
        return high < 0x80 ? colon : action.contains(":" as Character)
    }

    /// The values without those whose JSON equals an earlier one's, in order.
    static func unique(_ values: [Value]) -> [Value] {
        guard values.count > 1 else { return values }
        // Plain strings (most resources) are compared as text: a value renders as a JSON string
        // only when it is one, so none of them equals a value of another kind.
        let texts = values.compactMap(\.literalString)
        if texts.count == values.count { return unique(texts).map(Value.string) }
        return uniqueIndices(values.count, summary: { values[$0].hashRenderedSummary(into: &$1) }, json: { values[$0].json() })
            .map { values[$0] }
    }

    /// The strings without those equal to an earlier one, in order: as `unique` of their values
    /// (a JSON string equals another exactly when their texts are equal), without hashing a few.
    static func unique(_ strings: [String]) -> [String] {
        guard strings.count > 1 else { return strings }
        if strings.count > 16 {
            var seen: Set<String> = []
            return strings.filter { seen.insert($0).inserted }
        }
        var kept: [String] = []
        kept.reserveCapacity(strings.count)
        for text in strings where !kept.contains(text) { kept.append(text) }
        return kept
    }

    /// The statements without those whose JSON equals an earlier one's, in order.
    static func unique(_ statements: [PolicyStatement]) -> [PolicyStatement] {
        guard statements.count > 1 else { return statements }
        return uniqueIndices(statements.count, summary: { $1.combine(statements[$0].summaryHash) }, json: { statements[$0].json })
            .map { statements[$0] }
    }

    /// The indices of `count` items, without those whose JSON equals an earlier one's, in order.
    ///
    /// Items are told apart by a hash of what their JSON would be (`summary`, as
    /// `hashRenderedSummary` gives it), which costs no rendering; only items whose hashes agree
    /// are rendered (`json`) and compared, each at most once.
    private static func uniqueIndices(_ count: Int, summary: (Int, inout Hasher) -> Void, json: (Int) -> JSON) -> [Int] {
        var kept: [Int] = []
        kept.reserveCapacity(count)
        // Each kept item's JSON once rendered, and the previous kept item of the same hash.
        var rendered: [JSON?] = []
        var previous: [Int] = []
        // The latest kept item of each hash: looked up for many items, and for a few found among
        // the kept items' hashes, which costs less than making a dictionary.
        let many = count > 8
        var latest: [Int: Int] = [:]
        if many { latest.reserveCapacity(count) }
        var hashes: [Int] = []
        for index in 0..<count {
            var hasher = Hasher()
            summary(index, &hasher)
            let hash = hasher.finalize()
            let last = many ? latest[hash] ?? -1 : hashes.lastIndex(of: hash) ?? -1
            var candidate = last
            var own: JSON?
            if candidate >= 0 {
                let rendering = json(index)
                own = rendering
                while candidate >= 0 {
                    if rendered[candidate] == nil { rendered[candidate] = json(kept[candidate]) }
                    if rendered[candidate] == rendering { break }
                    candidate = previous[candidate]
                }
                if candidate >= 0 { continue }
            }
            previous.append(last)
            if many { latest[hash] = kept.count }
            hashes.append(hash)
            rendered.append(own)
            kept.append(index)
        }
        return kept
    }

    static func collapse(_ values: [Value]) -> Value {
        values.count == 1 ? values[0] : .array(values)
    }
}
