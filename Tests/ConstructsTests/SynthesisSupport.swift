import CloudFormation
import Constructs
import XCTest

/// Compares a rendered value with the JSON text a reader expects, and on a mismatch shows both
/// in canonical form so the difference can be read line by line.
func assertJSON(_ actual: JSON?, equals expectedText: String, file: StaticString = #filePath, line: UInt = #line) {
    let expected: JSON
    do {
        expected = try JSONParser.parse(expectedText)
    } catch {
        XCTFail("the expected text is not JSON: \(error)", file: file, line: line)
        return
    }
    guard let actual else {
        XCTFail("no value; expected\n\(JSONWriter.render(expected))", file: file, line: line)
        return
    }
    if actual != expected {
        XCTFail(
            "JSON differs.\n--- expected\n\(JSONWriter.render(expected))--- actual\n\(JSONWriter.render(actual))",
            file: file, line: line)
    }
}

/// Synthesizes `app` and returns the parsed template of `stackName`, failing the test with every
/// diagnostic when synthesis fails.
func synthesizedTemplate(_ app: App, stack stackName: String, file: StaticString = #filePath, line: UInt = #line) throws -> JSON {
    let assembly: Assembly
    do {
        assembly = try app.synthesize()
    } catch {
        XCTFail("synthesis failed:\n\(error.description)", file: file, line: line)
        throw error
    }
    let artifact = try XCTUnwrap(assembly.stack(named: stackName), "no stack named \(stackName)", file: file, line: line)
    return try JSONParser.parse(artifact.body)
}

/// The diagnostics of a synthesis that is expected to fail; a test failure when it succeeds.
func synthesisErrors(_ app: App, file: StaticString = #filePath, line: UInt = #line) -> [Diagnostic] {
    do {
        _ = try app.synthesize()
        XCTFail("synthesis succeeded, but errors were expected", file: file, line: line)
        return []
    } catch {
        return error.diagnostics
    }
}

/// A minimal L1 resource type whose properties are given directly, to build trees without
/// depending on any real resource type's rules.
struct TestProperties: ResourceProperties {
    static let resourceType = "Test::Thing"
    var values: [Value.Field]
    init(_ values: KeyValuePairs<String, Value> = [:]) {
        self.values = values.map { Value.Field($0.key, $0.value) }
    }
    func fields() -> [Value.Field] { values }
}
