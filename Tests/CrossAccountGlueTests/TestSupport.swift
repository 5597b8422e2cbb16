import CloudFormation
import CrossAccountGlue
import Foundation
import XCTest

/// Paths and helpers shared by the app's tests.
enum TestSupport {
    /// The package root, found from this file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let templates = packageRoot.appendingPathComponent("templates")

    static func text(_ url: URL) throws -> String {
        try String(decoding: Data(contentsOf: url), as: UTF8.self)
    }

    static func json(_ url: URL) throws -> JSON {
        try JSONParser.parse(text(url))
    }

    /// The project's own SQL files.
    static func projectSources() throws -> ProjectSources {
        ProjectSources(
            insertQuery: try text(packageRoot.appendingPathComponent(ProjectSources.insertQueryPath)),
            sourceDDL: try text(packageRoot.appendingPathComponent(ProjectSources.sourceDDLPath)),
            targetDDL: try text(packageRoot.appendingPathComponent(ProjectSources.targetDDLPath)))
    }

    /// The committed default configuration: dev, source 111111111111, target 222222222222, ap-northeast-1.
    static let defaultConfig = AppConfig(
        environment: .dev, sourceAccountId: "111111111111",
        targetAccountId: "222222222222", region: "ap-northeast-1")

    static func render(_ config: AppConfig = defaultConfig, file: StaticString = #filePath, line: UInt = #line) throws -> [String: String] {
        switch CrossAccountSynthesizer.render(config: config, sources: try projectSources()) {
        case .success(let files):
            return Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) })
        case .failure(let error):
            XCTFail("synthesis failed:\n\(error.description)", file: file, line: line)
            throw error
        }
    }

    static func renderedJSON(_ name: String, _ config: AppConfig = defaultConfig) throws -> JSON {
        let files = try render(config)
        return try JSONParser.parse(XCTUnwrap(files[name], "\(name) was not rendered"))
    }
}

/// A unified diff of two texts, line by line, so a failing snapshot shows what changed.
enum UnifiedDiff {
    static func make(expected: String, actual: String, expectedName: String, actualName: String, context: Int = 3) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Longest common subsequence table, from the end.
        var table = Array(repeating: Array(repeating: 0, count: new.count + 1), count: old.count + 1)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                table[i][j] = old[i] == new[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        enum Line {
            case same(String)
            case removed(String)
            case added(String)
        }
        var lines: [Line] = []
        var i = 0
        var j = 0
        while i < old.count || j < new.count {
            if i < old.count, j < new.count, old[i] == new[j] {
                lines.append(.same(old[i]))
                i += 1
                j += 1
            } else if j < new.count, i == old.count || table[i][j + 1] >= table[i + 1][j] {
                lines.append(.added(new[j]))
                j += 1
            } else {
                lines.append(.removed(old[i]))
                i += 1
            }
        }
        var output = ["--- \(expectedName)", "+++ \(actualName)"]
        var index = 0
        while index < lines.count {
            guard case .same = lines[index] else {
                let start = max(0, index - context)
                var end = index
                var quiet = 0
                while end < lines.count, quiet <= context * 2 {
                    if case .same = lines[end] { quiet += 1 } else { quiet = 0 }
                    end += 1
                }
                end = min(lines.count, end - max(0, quiet - context))
                output.append("@@ lines \(start + 1)-\(end) @@")
                for line in lines[start..<end] {
                    switch line {
                    case .same(let text): output.append(" " + text)
                    case .removed(let text): output.append("-" + text)
                    case .added(let text): output.append("+" + text)
                    }
                }
                index = end
                continue
            }
            index += 1
        }
        return output.joined(separator: "\n")
    }
}
