import CloudFormation

/// An IAM policy document: statements plus the policy language version.
public struct PolicyDocument {
    public static let version = "2012-10-17"

    public var statements: [PolicyStatement]

    public init(_ statements: [PolicyStatement] = []) {
        self.statements = statements
    }

    public var isEmpty: Bool { statements.isEmpty }

    public mutating func add(_ statement: PolicyStatement) {
        statements.append(statement)
    }

    /// `{"Statement": […], "Version": "2012-10-17"}`, identical statements written once.
    public var value: Value {
        PolicyDocument.value(PolicyStatement.unique(statements).map(\.value))
    }

    private static func value(_ statements: [Value]) -> Value {
        .object(["Statement": .array(statements), "Version": .string(PolicyDocument.version)])
    }

    /// The document's size as IAM counts it against its quotas: characters, whitespace excluded.
    ///
    /// The sum of the envelope's, each statement's (measured once per statement) and the commas
    /// between them, which is the rendered document's length: a statement's JSON starts with `{`
    /// and ends with `}`, so no character of it joins one outside it (`PolicyDocumentSizeTests`).
    public var sizeWithoutWhitespace: Int {
        let unique = PolicyStatement.unique(statements)
        return unique.reduce(PolicyDocument.envelopeLength + max(unique.count - 1, 0)) { $0 + $1.compactLength }
    }

    /// The length of `{"Statement":[],"Version":"2012-10-17"}`.
    static let envelopeLength = JSONWriter.compactLength(value([]).json())

    /// Problems that would make IAM reject the document, including duplicate statement ids.
    public func problems() -> [String] {
        var problems = statements.flatMap { $0.problems() }
        var sids: Set<String> = []
        for sid in statements.compactMap(\.sid) where !sids.insert(sid).inserted {
            problems.append("statement id \"\(sid)\" is used twice in one policy")
        }
        return problems
    }
}

extension PolicyDocument {
    /// `problems()`, plus a statement without a principal: a resource's policy (bucket, topic,
    /// key, Glue catalog) must say whom each statement applies to. `policyName` names the
    /// policy in the message, e.g. "bucket policy".
    public func resourcePolicyProblems(policyName: String) -> [String] {
        var problems = self.problems()
        for statement in statements where statement.principals.isEmpty {
            problems.append("a \(policyName) statement has no principal")
        }
        return problems
    }
}
