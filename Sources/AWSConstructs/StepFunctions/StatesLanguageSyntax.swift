/// Checks of the small value formats the Amazon States Language defines, shared by the states
/// that use them (Wait, Choice).
enum StatesLanguageSyntax {
    /// A reference path starts with `$`: the state's input (`$.a.b`), the context object
    /// (`$$.Execution.Id`) or a variable (`$name`)
    /// (https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html).
    static func isReferencePath(_ text: String) -> Bool {
        text.hasPrefix("$")
    }

    /// Whether `text` is a timestamp as Step Functions reads it: RFC 3339 (ISO 8601), with an
    /// uppercase `T` between date and time and an uppercase `Z` when there is no numeric offset,
    /// e.g. `2024-08-18T17:33:00Z` or `2024-08-18T17:33:00.5+09:00`
    /// (https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html;
    /// https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html).
    static func isTimestamp(_ text: String) -> Bool {
        let characters = Array(text.unicodeScalars)
        var index = 0
        func number(_ digits: Int, in range: ClosedRange<Int>) -> Bool {
            guard index + digits <= characters.count else { return false }
            var value = 0
            for scalar in characters[index..<(index + digits)] {
                guard ("0"..."9").contains(scalar) else { return false }
                value = value * 10 + Int(scalar.value - 48)
            }
            index += digits
            return range.contains(value)
        }
        func literal(_ scalar: Unicode.Scalar) -> Bool {
            guard index < characters.count, characters[index] == scalar else { return false }
            index += 1
            return true
        }
        guard number(4, in: 0...9999), literal("-"), number(2, in: 1...12), literal("-"), number(2, in: 1...31),
            literal("T"), number(2, in: 0...23), literal(":"), number(2, in: 0...59), literal(":"), number(2, in: 0...60)
        else { return false }
        if literal(".") {
            let start = index
            while index < characters.count, ("0"..."9").contains(characters[index]) { index += 1 }
            if index == start { return false }
        }
        if literal("Z") { return index == characters.count }
        guard literal("+") || literal("-") else { return false }
        return number(2, in: 0...23) && literal(":") && number(2, in: 0...59) && index == characters.count
    }

    /// What is wrong with a `StringMatches` pattern. `*` matches any run of characters and is the
    /// only special character; a backslash escapes it (`\*` is a literal asterisk): "The wildcard
    /// character is escaped by using the standard \\" (Amazon States Language specification,
    /// https://states-language.net/spec.html, quoted on AWS's Choice page). A literal backslash
    /// is then written `\\`, and a backslash before anything else, or at the end, escapes
    /// nothing [inference: AWS documents no other escape], so it is reported.
    static func stringMatchesProblems(_ pattern: String) -> [String] {
        var problems: [String] = []
        var scalars = pattern.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\\" else { continue }
            guard let escaped = scalars.next() else {
                problems.append(
                    "the StringMatches pattern \"\(pattern)\" ends with a backslash that escapes nothing (write \\\\ for a literal backslash)")
                break
            }
            if escaped != "*" && escaped != "\\" {
                problems.append(
                    "the StringMatches pattern \"\(pattern)\" escapes \"\(escaped)\"; only * and \\ can be escaped (write \\\\ for a literal backslash)"
                )
            }
        }
        return problems
    }
}
