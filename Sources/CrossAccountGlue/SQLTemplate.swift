import CloudFormation

/// Fills the placeholders of the seed's SQL files: `${NAME}` in the insert query and
/// `<NAME>` in the DDL, and rejects any placeholder it has no value for.
public enum SQLTemplate {
    public enum Style {
        /// `${NAME}`
        case dollarBraces
        /// `<NAME>` (upper-case letters, digits and underscores)
        case angleBrackets
    }

    /// The text with every placeholder replaced, or the names of placeholders left unknown.
    public static func fill(_ text: String, style: Style, values: [(name: String, value: String)]) -> Result<String, UnknownPlaceholders> {
        var result = text
        for (name, value) in values {
            result = result.replacingAll(token(name, style), with: value)
        }
        let unknown = placeholders(in: result, style: style)
        return unknown.isEmpty ? .success(result) : .failure(UnknownPlaceholders(names: unknown))
    }

    public struct UnknownPlaceholders: Error, Equatable {
        public var names: [String]
    }

    static func token(_ name: String, _ style: Style) -> String {
        switch style {
        case .dollarBraces: return "${\(name)}"
        case .angleBrackets: return "<\(name)>"
        }
    }

    /// Placeholder names still in `text`, in order of first appearance.
    public static func placeholders(in text: String, style: Style) -> [String] {
        let (open, close): (String, Character) = style == .dollarBraces ? ("${", "}") : ("<", ">")
        var names: [String] = []
        var rest = text[...]
        while let start = rest.firstRange(of: open) {
            let after = rest[start.upperBound...]
            guard let end = after.firstIndex(of: close) else { break }
            let name = String(after[..<end])
            let isName =
                !name.isEmpty
                && name.unicodeScalars.allSatisfy {
                    ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || (style == .dollarBraces && ("a"..."z").contains($0))
                }
            if isName, !names.contains(name) { names.append(name) }
            rest = isName ? after[after.index(after: end)...] : after
        }
        return names
    }
}
