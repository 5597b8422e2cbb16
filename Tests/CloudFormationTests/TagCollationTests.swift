import XCTest

@testable import CloudFormation

/// `Tag.sorted` compares keys scalar by scalar, looking up ASCII scalars' weights in a table,
/// without making their collation keys: it sorts exactly as comparing the keys, worked out
/// scalar by scalar as first written, does.
final class TagCollationTests: XCTestCase {
    /// The collation key as first written: every scalar's weights worked out on their own.
    private func plainCollationKey(_ key: String) -> [Int] {
        let punctuation = Array("_-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".unicodeScalars)
        var primary: [Int] = []
        var tertiary: [Int] = []
        for scalar in key.unicodeScalars {
            let lower = Character(scalar).lowercased().unicodeScalars.first ?? scalar
            if let index = punctuation.firstIndex(of: scalar) {
                primary.append(100 + index)
            } else if ("0"..."9").contains(scalar) {
                primary.append(200 + Int(scalar.value))
            } else if ("a"..."z").contains(lower) {
                primary.append(300 + Int(lower.value))
            } else {
                primary.append(1000 + Int(scalar.value))
            }
            tertiary.append(scalar == lower ? 0 : 1)
        }
        return primary + [0] + tertiary
    }

    private func assertSameOrder(_ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) {
        let plain = plainCollationKey(a).lexicographicallyPrecedes(plainCollationKey(b))
        XCTAssertEqual(Tag.collationPrecedes(a, b), plain, "\(a) before \(b)", file: file, line: line)
    }

    func test_givenEveryPairOfASCIIScalars_whenCompared_thenSameOrderAsPlainKeys() {
        let scalars = (UInt8(0)..<128).map { String(Character(Unicode.Scalar($0))) }
        for a in scalars {
            for b in scalars { assertSameOrder(a, b) }
        }
    }

    func test_givenPrefixesCaseTiesAndNonASCII_whenCompared_thenSameOrderAsPlainKeys() {
        let keys = [
            "", "a", "A", "ab", "aB", "Ab", "AB", "abc", "a-b", "a_b", "Ärger", "ärger", "arger", "e\u{301}tat", "\u{301}",
            "İstanbul", "istanbul", "ß", "ss", "日本", "Zoë-1", "zoe", "👩‍💻", "1a", "a1", "~", "$",
        ]
        for a in keys {
            for b in keys { assertSameOrder(a, b) }
        }
    }

    func test_givenManyKeysWithTiesAndDuplicates_whenSorted_thenSameOrderAsComparingPlainKeys() {
        let keys = [
            "Project", "project", "PROJECT", "cost-center", "cost_center", "Cost", "1a", "a1", "_x", "Ärger", "ärger", "arger",
            "Zoë", "zoe", "", "Project", "a", "A", "b-", "b_", "~", "$",
        ]
        let tags = keys.enumerated().map { Tag($0.element, .int($0.offset)) }

        let expected = tags.sorted { plainCollationKey($0.key).lexicographicallyPrecedes(plainCollationKey($1.key)) }

        XCTAssertEqual(Tag.sorted(tags).map(\.key), expected.map(\.key))
        XCTAssertEqual(Tag.sorted(tags).map { $0.value.json() }, expected.map { $0.value.json() })
    }

    func test_givenNoOrOneTag_whenSorted_thenUnchanged() {
        XCTAssertTrue(Tag.sorted([]).isEmpty)
        XCTAssertEqual(Tag.sorted([Tag("Only", "1")]).map(\.key), ["Only"])
    }
}
