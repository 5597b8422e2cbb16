import CloudFormation
import Constructs
import Foundation
import XCTest

@testable import CrossAccountGlue

/// The fast paths of loading a pipeline config against the plain results they stand for: every
/// problem of a config that breaks almost every rule, as synth reported them before the fast
/// paths (text, location and order); Hive types read as bytes; repeats found by comparison in
/// short lists and by hashing in long ones.
final class ConfigLoadFastPathTests: XCTestCase {
    static let messyConfig = TestSupport.fixtures.appendingPathComponent("messy-pipeline.json")
    /// What synth printed for `messyConfig` before its config loading had fast paths (one line
    /// a problem, without the `synth: error: ` prefix).
    static let messyDiagnostics = TestSupport.fixtures.appendingPathComponent("messy-pipeline.diagnostics.txt")

    func test_givenAConfigBreakingAlmostEveryRule_whenLoaded_thenTheSameProblemsInTheSameOrder() throws {
        let text = try TestSupport.text(Self.messyConfig)
        let expected = try TestSupport.text(Self.messyDiagnostics).split(separator: "\n").map(String.init)

        let result = ConfigurationLoader.context(fromFile: Array(text.utf8), path: "messy-pipeline.json")
            .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "messy-pipeline.json") }

        guard case .failure(let error) = result else { return XCTFail("the messy config was accepted") }
        let reported = error.diagnostics.map(\.description)
        XCTAssertEqual(reported.count, expected.count)
        for (index, (line, expectedLine)) in zip(reported, expected).enumerated() where line != expectedLine {
            XCTFail("problem \(index + 1):\n  reported \(line)\n  expected \(expectedLine)")
        }
    }

    // MARK: - Hive types read as bytes

    func test_givenAwkwardTypes_whenChecked_thenAsTheCharacterParserJudgesThem() {
        let types = [
            "", " ", "int", "INT", "Int", " int", "int ", "integer", "integer(5)", "bigint", "BigInt", "binary", "timestamp",
            "decimal", "DECIMAL", "decimal(10,2)", "decimal( 10 , 2 )", "decimal(38,38)", "decimal(39,0)", "decimal(0,0)",
            "decimal(10,11)", "decimal(10,)", "decimal(,1)", "decimal(1_0,2)", "decimal(99999999999999999999,1)",
            "decimal(010,2)", "decimal(10", "varchar", "varchar(1)", "varchar(0)", "varchar(65535)", "varchar(65536)",
            "char(255)", "char(256)", "CHAR(1)", "array<int>", "array< int >", "array<>", "array<array<string>>",
            "map<string,int>", "map<string, int >", "map<string>", "struct<a:int>", "struct<a:int,b:map<string,array<int>>>",
            "struct<a>", "struct<:int>", "struct<a:int,>", "struct<\u{212A}:int>", "\u{212A}", "İNT", "ınt", "décimal(1)",
            "int\u{301}", "日本", "in t", "int int", "text", "string\u{0}", "date", "DATE", "float", "double(2)",
        ]
        for type in types {
            XCTAssertEqual(HiveType.isValid(type), CharacterHiveType.isValid(type), type.debugDescription)
        }
    }

    // MARK: - Repeats

    func test_givenListsShorterAndLongerThanTheLinearLimit_whenSearchedForRepeats_thenEachLaterOccurrenceWithItsFirst() {
        for count in 0...(Repeats.linearLimit * 3) {
            let items = (0..<count).map { "item\(($0 * 7) % max(1, count / 2 + 1))" }
            var firstSeen: [String: Int] = [:]
            var expected: [[Int]] = []
            for (index, item) in items.enumerated() {
                if let first = firstSeen[item] { expected.append([index, first]) } else { firstSeen[item] = index }
            }

            let found = Repeats.of(items, by: { $0 }).map { [$0.index, $0.first] }

            XCTAssertEqual(found, expected, "\(count) items")
        }
    }

    func test_givenNamesThatAreEqualAsStringsButNotAsBytes_whenSearchedForRepeats_thenARepeat() {
        // String's equality is canonical: é precomposed and e with a combining accent are one name.
        XCTAssertEqual(Repeats.of(["\u{E9}", "e\u{301}"], by: { $0 }).map(\.first), [0])
        let long = (0..<Repeats.linearLimit).map { "n\($0)" } + ["\u{E9}", "e\u{301}"]
        XCTAssertEqual(Repeats.of(long, by: { $0 }).map(\.index), [Repeats.linearLimit + 1])
    }

    // MARK: - Glue names read in place

    func test_givenNamesAtTheEdgesOfGluesRules_whenChecked_thenJudgedByTheirBytes() {
        XCTAssertTrue(PipelineParser.isGlueName("a"))
        XCTAssertTrue(PipelineParser.isGlueName("a" + String(repeating: "b_9", count: 84) + "cd"), "255 characters")
        XCTAssertFalse(PipelineParser.isGlueName("a" + String(repeating: "b", count: 255)), "256 characters")
        XCTAssertFalse(PipelineParser.isGlueName(""))
        XCTAssertFalse(PipelineParser.isGlueName("1a"))
        XCTAssertFalse(PipelineParser.isGlueName("_a"))
        XCTAssertFalse(PipelineParser.isGlueName("aB"))
        XCTAssertFalse(PipelineParser.isGlueName("a-b"))
        XCTAssertFalse(PipelineParser.isGlueName("é"))
        XCTAssertFalse(PipelineParser.isGlueName("ae\u{301}"))
    }
}

/// The Hive type check as it read the type before: one Unicode scalar at a time, the words
/// collected into Strings. The reference for `HiveType`'s reading of the bytes.
private enum CharacterHiveType {
    static let primitives: Set<String> = [
        "boolean", "tinyint", "smallint", "int", "integer", "bigint", "float", "double", "string", "binary", "date", "timestamp",
    ]

    static func isValid(_ type: String) -> Bool {
        if primitives.contains(type) { return true }
        var parser = Parser(text: Array(type.lowercased().unicodeScalars))
        return parser.parseType() && parser.index == parser.text.count
    }

    struct Parser {
        let text: [Unicode.Scalar]
        var index = 0

        mutating func skipSpaces() { while index < text.count, text[index] == " " { index += 1 } }

        mutating func word() -> String {
            skipSpaces()
            var result = ""
            while index < text.count, ("a"..."z").contains(text[index]) || ("0"..."9").contains(text[index]) || text[index] == "_" {
                result.unicodeScalars.append(text[index])
                index += 1
            }
            return result
        }

        mutating func expect(_ scalar: Unicode.Scalar) -> Bool {
            skipSpaces()
            guard index < text.count, text[index] == scalar else { return false }
            index += 1
            return true
        }

        mutating func number() -> Int? {
            let digits = word()
            return digits.isEmpty ? nil : Int(digits)
        }

        mutating func parseType() -> Bool {
            let name = word()
            switch name {
            case _ where primitives.contains(name):
                return true
            case "decimal":
                skipSpaces()
                guard index < text.count, text[index] == "(" else { return true }
                index += 1
                guard let precision = number(), (1...38).contains(precision) else { return false }
                if expect(",") {
                    guard let scale = number(), scale <= precision else { return false }
                }
                return expect(")")
            case "char", "varchar":
                guard expect("("), let length = number(), length >= 1, length <= (name == "char" ? 255 : 65535) else { return false }
                return expect(")")
            case "array":
                return expect("<") && parseType() && expect(">")
            case "map":
                return expect("<") && parseType() && expect(",") && parseType() && expect(">")
            case "struct":
                guard expect("<") else { return false }
                repeat {
                    guard !word().isEmpty, expect(":"), parseType() else { return false }
                } while expect(",")
                return expect(">")
            default:
                return false
            }
        }
    }
}
