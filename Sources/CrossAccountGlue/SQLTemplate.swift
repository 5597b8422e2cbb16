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

    /// Placeholder names still in `text`, in order of first appearance: an opening mark, then
    /// name characters up to the first closing mark, compared as Characters.
    public static func placeholders(in text: String, style: Style) -> [String] {
        // Scanning bytes, where each is one Character, avoids decoding Characters (nearly every text).
        let fromBytes = text.utf8.withContiguousStorageIfAvailable { bytes -> [String]? in
            guard SQLTextUnits.bytesAreCharacters(bytes) else { return nil }
            return names(in: bytes, style: style) { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
        }
        if let fromBytes, let names = fromBytes { return names }
        let characters = Array(text)
        return names(in: characters, style: style) { String(characters[$0]) }
    }

    /// The names `name(range)` makes of the placeholders' unit ranges, each once.
    private static func names<Units: RandomAccessCollection>(in units: Units, style: Style, name: (Range<Int>) -> String) -> [String]
    where Units.Element: SQLTextUnit, Units.Index == Int {
        let open: [Units.Element] = style == .dollarBraces ? [.ascii("$"), .ascii("{")] : [.ascii("<")]
        let close: Units.Element = style == .dollarBraces ? .ascii("}") : .ascii(">")
        func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
            ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || (style == .dollarBraces && ("a"..."z").contains(scalar))
        }
        var names: [String] = []
        var index = units.startIndex
        while let start = firstIndex(of: open, in: units, from: index) {
            let after = start + open.count
            guard let end = units[after...].firstIndex(of: close) else { break }
            let isName = end > after && units[after..<end].allSatisfy { $0.allScalars(isNameScalar) }
            if isName {
                let found = name(after..<end)
                if !names.contains(found) { names.append(found) }
            }
            index = isName ? end + 1 : after
        }
        return names
    }

    /// Where `pattern` first occurs in `units` at or after `start`.
    private static func firstIndex<Units: RandomAccessCollection>(of pattern: [Units.Element], in units: Units, from start: Int) -> Int?
    where Units.Element: SQLTextUnit, Units.Index == Int {
        guard units.endIndex - start >= pattern.count else { return nil }
        for index in start...(units.endIndex - pattern.count) where units[index] == pattern[0] {
            if pattern.indices.allSatisfy({ units[index + $0] == pattern[$0] }) { return index }
        }
        return nil
    }
}
