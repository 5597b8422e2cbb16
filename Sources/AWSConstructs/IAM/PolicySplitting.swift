import CloudFormation

/// Splits a policy that is too large for a role's inline quota: statements with many resources
/// are cut into parts, then packed in order, first into the inline policy and then into
/// managed policies of at most 6,144 characters each. Deterministic: the same statements
/// always split the same way.
enum PolicySplitting {
    /// What a document's envelope (`{"Statement":[…],"Version":"2012-10-17"}`) costs.
    static let envelope = PolicyDocument([]).sizeWithoutWhitespace

    static func split(_ statements: [PolicyStatement], inlineLimit: Int, managedLimit: Int) -> (inline: [PolicyStatement], managed: [[PolicyStatement]]) {
        let pieces = statements.flatMap { cut($0, limit: managedLimit - envelope) }
        var inline: [PolicyStatement] = []
        var inlineSize = envelope
        var managed: [[PolicyStatement]] = []
        var currentSize = envelope
        var inlineOpen = true
        for piece in pieces {
            let size = PolicySplitting.size(piece)
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
        PolicyDocument([statement]).sizeWithoutWhitespace - envelope + 1
    }

    /// Cuts a statement whose resources make it larger than `limit` into parts that fit, each
    /// with the same actions; parts after the first get a numbered Sid.
    static func cut(_ statement: PolicyStatement, limit: Int) -> [PolicyStatement] {
        guard statement.resources.count > 1, size(statement) > limit else { return [statement] }
        var bare = statement
        bare.resources = []
        let fixed = size(bare) + "\"Resource\":[],".count
        var parts: [PolicyStatement] = []
        var current = bare
        var currentSize = fixed
        for resource in PolicyStatement.unique(statement.resources) {
            let resourceSize = JSONWriter.compactLength(resource.json()) + 1  // plus its comma
            if !current.resources.isEmpty, currentSize + resourceSize > limit {
                parts.append(current)
                current = bare
                currentSize = fixed
            }
            current.resources.append(resource)
            currentSize += resourceSize
        }
        parts.append(current)
        return parts.enumerated().map { index, part in
            var numbered = part
            if index > 0, let sid = statement.sid { numbered.sid = "\(sid)Part\(index + 1)" }
            return numbered
        }
    }
}
