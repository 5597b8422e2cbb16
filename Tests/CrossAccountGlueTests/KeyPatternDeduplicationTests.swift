import XCTest

@testable import CrossAccountGlue

/// Key patterns are deduplicated by comparing them with those kept when there are few prefixes
/// and by hashing when there are many: both give each pattern once, in first-seen order.
final class KeyPatternDeduplicationTests: XCTestCase {
    /// The patterns as first written: every pattern, then each kept once in order.
    private func plainPatterns(_ prefixes: [String], granularity: ExecutionRolePermissions.Granularity) -> [String] {
        var kept: [String] = []
        for prefix in prefixes {
            let folder: String
            switch granularity {
            case .table: folder = prefix
            case .database, .account: folder = prefix.split(separator: "/", maxSplits: 1).first.map { $0 + "/" } ?? prefix
            }
            if !kept.contains(folder + "*") { kept.append(folder + "*") }
        }
        return kept
    }

    func test_givenFewAndManyPrefixesWithRepeats_whenPatterned_thenEachOnceInFirstSeenOrder() {
        // Non-ASCII prefixes take the Character path to their first "/".
        let few = ["sales/orders/", "sales/items/", "hr/people/", "sales/orders/", "caf\u{E9}/menu/", "caf\u{E9}/prices/"]
        let many = (0..<40).map { "db\($0 % 3)/table\($0 % 7)/" } + few
        for prefixes in [[], few, many] {
            for granularity in [ExecutionRolePermissions.Granularity.table, .database] {
                XCTAssertEqual(
                    SourceDataAccess.keyPatterns(prefixes, granularity: granularity), plainPatterns(prefixes, granularity: granularity),
                    "\(prefixes.count) prefixes, \(granularity)")
            }
        }
        XCTAssertEqual(SourceDataAccess.keyPatterns(many, granularity: .database), ["db0/*", "db1/*", "db2/*", "sales/*", "hr/*", "caf\u{E9}/*"])
    }

    /// The first `/` is found in the bytes: where the scan of the whole string found it.
    func testTheFirstSlashIsWhereTheStringsScanFindsIt() {
        func scanned(_ prefix: String) -> String.Index? {
            var high: UInt8 = 0
            for byte in prefix.utf8 { high |= byte }
            guard high < 0x80, prefix.utf8.first != UInt8(ascii: "/") else { return nil }
            return prefix.utf8.firstIndex(of: UInt8(ascii: "/"))
        }
        let prefixes = [
            "", "/", "a/", "/a/", "abc", "a//b/", "sales/orders/", "caf\u{E9}/menu/", "menu/caf\u{E9}/", "e\u{301}/",
            "a_database_name_longer_than_a_small_string/table/",
        ]
        for prefix in prefixes {
            XCTAssertEqual(SourceDataAccess.firstSlash(prefix), scanned(prefix), prefix)
        }
    }
}
