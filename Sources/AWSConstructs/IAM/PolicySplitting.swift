import CloudFormation

/// Splits a policy that is too large for a role's inline quota: statements with many resources
/// are cut into parts, then packed in order, first into the inline policy and then into
/// managed policies of at most 6,144 characters each. Deterministic: the same statements
/// always split the same way.
enum PolicySplitting {
    /// What a document's envelope (`{"Statement":[…],"Version":"2012-10-17"}`) costs.
    static let envelope = PolicyDocument.envelopeLength

    static func split(_ statements: [PolicyStatement], inlineLimit: Int, managedLimit: Int) -> (
        inline: [PolicyStatement], managed: [[PolicyStatement]]
    ) {
        // Each piece with its size, measured once: a statement that fits is its own piece.
        var pieces: [(statement: PolicyStatement, size: Int)] = []
        pieces.reserveCapacity(statements.count)
        for statement in statements {
            let size = PolicySplitting.size(statement)
            if size <= managedLimit - envelope {
                pieces.append((statement, size))
            } else {
                let limit = managedLimit - envelope
                for part in statement.parts(fitting: limit, cut: { cut(statement, limit: limit) }) {
                    pieces.append((part, PolicySplitting.size(part)))
                }
            }
        }
        var inline: [PolicyStatement] = []
        var inlineSize = envelope
        var managed: [[PolicyStatement]] = []
        var currentSize = envelope
        var inlineOpen = true
        for (piece, size) in pieces {
            if inlineOpen, inlineSize + size <= inlineLimit {
                inline.append(piece)
                inlineSize += size
                continue
            }
            inlineOpen = false
            if managed.isEmpty || currentSize + size > managedLimit {
                managed.append([])
                currentSize = envelope
            }
            managed[managed.count - 1].append(piece)
            currentSize += size
        }
        return (inline, managed)
    }

    /// A statement's size as IAM counts it, whitespace excluded, plus its separating comma.
    static func size(_ statement: PolicyStatement) -> Int {
        statement.compactLength + 1
    }

    /// Cuts a statement larger than `limit` into parts that fit, each with the same actions:
    /// by its resources when it has several, else by the values of its one multi-valued
    /// condition (a statement per group of values allows exactly what the whole did, since a
    /// condition's values are alternatives; not so for `ForAllValues:`, which is never cut).
    /// Parts after the first get a numbered Sid.
    static func cut(_ statement: PolicyStatement, limit: Int) -> [PolicyStatement] {
        guard size(statement) > limit else { return [statement] }
        if statement.resources.count > 1 {
            return numbered(
                pack(statement.uniqueResources, into: statement, limit: limit) { part, resources in
                    part.resources = resources
                }, sid: statement.sid)
        }
        let multiValued = statement.conditions.indices.filter { statement.conditions[$0].values.count > 1 }
        guard multiValued.count == 1, let index = multiValued.first,
            !statement.conditions[index].operator.hasPrefix("ForAllValues:")
        else { return [statement] }
        return numbered(
            pack(statement.conditions[index].values, into: statement, limit: limit) { part, values in
                part.conditions[index].values = values
            }, sid: statement.sid)
    }

    /// `statement` once per group of `items`, each group as large as fits in `limit`.
    private static func pack(
        _ items: [Value], into statement: PolicyStatement, limit: Int,
        setting apply: (inout PolicyStatement, [Value]) -> Void
    ) -> [PolicyStatement] {
        var bare = statement
        apply(&bare, [])
        // An empty list renders as nothing; the list's brackets come with its first item.
        let fixed = size(bare) + "\"Resource\":[],".count
        var parts: [PolicyStatement] = []
        var group: [Value] = []
        var groupSize = fixed
        for item in items {
            let itemSize = JSONWriter.compactLength(item.json()) + 1  // plus its comma
            if !group.isEmpty, groupSize + itemSize > limit {
                var part = statement
                apply(&part, group)
                parts.append(part)
                group = []
                groupSize = fixed
            }
            group.append(item)
            groupSize += itemSize
        }
        var part = statement
        apply(&part, group)
        parts.append(part)
        return parts
    }

    private static func numbered(_ parts: [PolicyStatement], sid: String?) -> [PolicyStatement] {
        parts.enumerated().map { index, part in
            var numbered = part
            if index > 0, let sid { numbered.sid = "\(sid)Part\(index + 1)" }
            return numbered
        }
    }
}
