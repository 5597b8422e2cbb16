import CloudFormation

/// A bound on how long `JSONWriter.render` writes a value, found without writing it.
enum RenderedLengthBound {
    /// At least the characters of `JSONWriter.render(json)`: the compact form's characters, and
    /// for each value the most whitespace the indented form puts around it (a newline, a space
    /// after its key, and two spaces per level both before it and before its closing bracket),
    /// plus the final newline. The whitespace is ASCII between ASCII tokens, so it adds exactly
    /// its own count of characters.
    static func characters(_ json: JSON) -> Int {
        JSONWriter.compactLength(json) + 1 + whitespace(json, depth: 0)
    }

    private static func whitespace(_ json: JSON, depth: Int) -> Int {
        let own = 4 * depth + 3
        switch json {
        case .array(let items): return items.reduce(own) { $0 + whitespace($1, depth: depth + 1) }
        case .object(let members): return members.reduce(own) { $0 + whitespace($1.value, depth: depth + 1) }
        case .null, .bool, .int, .double, .string: return own
        }
    }
}
