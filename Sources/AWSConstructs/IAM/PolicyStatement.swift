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

    public var sid: String?
    public var effect: Effect
    public var actions: [String]
    public var notActions: [String]
    public var principals: [Principal]
    public var resources: [Value]
    public var conditions: [Condition]

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
    public var value: Value {
        var fields: [Value.Field] = []
        if !actions.isEmpty { fields.append(.init("Action", PolicyStatement.collapse(PolicyStatement.unique(actions.map(Value.string))))) }
        if !notActions.isEmpty { fields.append(.init("NotAction", PolicyStatement.collapse(PolicyStatement.unique(notActions.map(Value.string))))) }
        if !conditions.isEmpty { fields.append(.init("Condition", renderedConditions)) }
        fields.append(.init("Effect", .string(effect.rawValue)))
        if let principal = Principal.render(principals) { fields.append(.init("Principal", principal)) }
        if !resources.isEmpty { fields.append(.init("Resource", PolicyStatement.collapse(PolicyStatement.unique(resources)))) }
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
        for action in actions + notActions where action != "*" && !action.contains(":") {
            problems.append("action \"\(action)\" is not of the form service:Action")
        }
        return problems
    }

    /// The values without those whose JSON equals an earlier one's, in order.
    ///
    /// Values are told apart by a hash of what their JSON would be (`hashRenderedSummary`), which
    /// costs no rendering; only values whose hashes agree are rendered and compared.
    static func unique(_ values: [Value]) -> [Value] {
        guard values.count > 1 else { return values }
        var result: [Value] = []
        result.reserveCapacity(values.count)
        // Each kept value's JSON once rendered, and the previous kept value of the same hash.
        var rendered: [JSON?] = []
        var previous: [Int] = []
        var latest: [Int: Int] = [:]
        latest.reserveCapacity(values.count)
        for value in values {
            var hasher = Hasher()
            value.hashRenderedSummary(into: &hasher)
            let hash = hasher.finalize()
            var candidate = latest[hash] ?? -1
            var json: JSON?
            if candidate >= 0 {
                let own = value.json()
                json = own
                while candidate >= 0 {
                    if rendered[candidate] == nil { rendered[candidate] = result[candidate].json() }
                    if rendered[candidate] == own { break }
                    candidate = previous[candidate]
                }
                if candidate >= 0 { continue }
            }
            previous.append(latest[hash] ?? -1)
            latest[hash] = result.count
            rendered.append(json)
            result.append(value)
        }
        return result
    }

    static func collapse(_ values: [Value]) -> Value {
        values.count == 1 ? values[0] : .array(values)
    }
}
