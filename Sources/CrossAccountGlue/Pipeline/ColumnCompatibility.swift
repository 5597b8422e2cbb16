/// Whether a copy's target columns can take the source's rows: Athena's INSERT INTO and CTAS
/// match columns by position, so the same names must come in the same order, each target type
/// holding every value of the source type (the same type, or a widening Trino applies implicitly:
/// a larger integer, `float` to `double`, a decimal with room for the digits, a longer or unbounded
/// string; https://trino.io/docs/current/language/types.html).
public enum ColumnCompatibility {
    /// The first problem, described for a reader who sees both tables named beside it, or nil.
    public static func firstMismatch(source: [Pipeline.Column], target: [Pipeline.Column]) -> (index: Int, problem: String)? {
        for (index, pair) in zip(source, target).enumerated() {
            let (from, to) = pair
            if from.name != to.name {
                let elsewhere = target.contains { $0.name == from.name }
                return (
                    index,
                    "column \(index + 1) is `\(from.name)` in the source but `\(to.name)` in the target"
                        + (elsewhere ? " (the target lists `\(from.name)` in another place: same order needed)" : "")
                )
            }
            if !canHold(target: to.type, source: from.type) {
                return (index, "column `\(from.name)` is \(from.type) in the source, which \(to.type) in the target cannot hold")
            }
        }
        if source.count != target.count {
            let index = min(source.count, target.count)
            let extra = source.count > target.count ? "the source has `\(source[index].name)`" : "the target has `\(target[index].name)`"
            return (index, "the source has \(source.count) columns and the target \(target.count): after column \(index), \(extra)")
        }
        return nil
    }

    /// Whether a column of type `target` holds every value of `source`.
    public static func canHold(target: String, source: String) -> Bool {
        let to = normalized(target)
        let from = normalized(source)
        if to == from { return true }
        let integers = ["tinyint", "smallint", "int", "bigint"]
        if let low = integers.firstIndex(of: from), let high = integers.firstIndex(of: to) { return low <= high }
        if from == "float", to == "double" { return true }
        if let (fromPrecision, fromScale) = decimal(from), let (toPrecision, toScale) = decimal(to) {
            return toScale >= fromScale && toPrecision - toScale >= fromPrecision - fromScale
        }
        if let fromLength = boundedString(from) {
            if to == "string" { return true }
            if let toLength = boundedString(to), to.hasPrefix("varchar") { return toLength >= fromLength }
        }
        return false
    }

    /// Lower case without spaces, `integer` as `int` and a bare `decimal` as Hive's `decimal(10,0)`.
    static func normalized(_ type: String) -> String {
        let compact = String(type.lowercased().unicodeScalars.filter { $0 != " " }.map(Character.init))
        switch compact {
        case "integer": return "int"
        case "decimal": return "decimal(10,0)"
        default: return compact
        }
    }

    /// `decimal(p)` or `decimal(p,s)`, normalized.
    static func decimal(_ type: String) -> (precision: Int, scale: Int)? {
        guard let arguments = arguments(of: type, named: "decimal") else { return nil }
        let parts = arguments.split(separator: ",").compactMap { Int($0) }
        switch parts.count {
        case 1: return (parts[0], 0)
        case 2: return (parts[0], parts[1])
        default: return nil
        }
    }

    /// The length of `char(n)` or `varchar(n)`.
    static func boundedString(_ type: String) -> Int? {
        (arguments(of: type, named: "varchar") ?? arguments(of: type, named: "char")).flatMap { Int($0) }
    }

    static func arguments(of type: String, named name: String) -> Substring? {
        guard type.hasPrefix(name + "("), type.hasSuffix(")") else { return nil }
        return type.dropFirst(name.count + 1).dropLast()
    }
}
