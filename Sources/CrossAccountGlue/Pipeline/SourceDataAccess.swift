import AWSConstructs
import CloudFormation

/// Which keys of a source bucket the target role may read: only the folders of the copied
/// tables, never the whole bucket (it also holds, e.g., the source account's DDL results).
/// The same patterns scope `s3:GetObject` (as object ARNs) and `s3:ListBucket` (as `s3:prefix`).
enum SourceDataAccess {
    /// `<prefix>*` for each table folder; per top-level folder (`<database>/*` in the default
    /// layout) when permissions are scoped per database to fit IAM's quotas.
    static func keyPatterns(_ prefixes: [String], granularity: ExecutionRolePermissions.Granularity) -> [String] {
        var patterns: [String] = []
        patterns.reserveCapacity(prefixes.count)
        // A few patterns are compared with those kept; only many are worth hashing.
        let hashing = prefixes.count > 16
        var seen: Set<String> = []
        for prefix in prefixes {
            let folder: String
            switch granularity {
            case .table: folder = prefix
            case .database, .account:
                // Up to its first `/`, found in the bytes when the prefix is ASCII and does not start with one.
                if let slash = firstSlash(prefix) {
                    folder = String(prefix.utf8[...slash])!
                } else {
                    folder = prefix.split(separator: "/", maxSplits: 1).first.map { $0 + "/" } ?? prefix
                }
            }
            let pattern = folder + "*"
            if hashing ? seen.insert(pattern).inserted : !patterns.contains(pattern) { patterns.append(pattern) }
        }
        return patterns
    }

    /// The index of the first `/` of an ASCII prefix that does not start with one, where a
    /// byte is a character; `nil` for any other prefix.
    static func firstSlash(_ prefix: String) -> String.Index? {
        // The bytes are read in place when the string keeps them together, as every parsed one does.
        let offset = prefix.utf8.withContiguousStorageIfAvailable(firstSlashOffset) ?? firstSlashOffset(prefix.utf8)
        return offset.map { prefix.utf8.index(prefix.utf8.startIndex, offsetBy: $0) }
    }

    /// `firstSlash` as an offset in the bytes.
    private static func firstSlashOffset(_ bytes: some Collection<UInt8>) -> Int? {
        guard bytes.allSatisfy({ $0 < 0x80 }), bytes.first != UInt8(ascii: "/"), let slash = bytes.firstIndex(of: UInt8(ascii: "/")) else {
            return nil
        }
        return bytes.distance(from: bytes.startIndex, to: slash)
    }

    /// Listing only below the patterns: `StringLike s3:prefix`. `data/*` also matches the
    /// listing of `data/` itself, which is what Athena asks for.
    static func listCondition(_ patterns: [String]) -> PolicyStatement.Condition {
        .init("StringLike", "s3:prefix", patterns.map(Value.string))
    }
}
