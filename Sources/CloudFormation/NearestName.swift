/// The known name a mistyped one most likely meant, for "did you mean …?" hints: a property or
/// resource type here, a setting or option in the modules above.
public enum NearestName {
    /// The candidate closest to `word` (case-insensitively), when it is close enough to be a typo.
    public static func among(_ candidates: [String], to word: String) -> String? {
        let scored = candidates.map { ($0, editDistance($0.lowercased(), word.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, best.0.count / 3) else { return nil }
        return best.0
    }

    /// Levenshtein distance: insertions, deletions and substitutions of one character.
    public static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs)
        let b = Array(rhs)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
