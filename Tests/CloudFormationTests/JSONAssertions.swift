import CloudFormation
import XCTest

/// Compares a rendered value with the JSON text a reader expects, and on a mismatch shows both
/// in canonical form so the difference can be read line by line.
func assertJSON(_ actual: JSON, equals expectedText: String, file: StaticString = #filePath, line: UInt = #line) {
    let expected: JSON
    do {
        expected = try JSONParser.parse(expectedText)
    } catch {
        XCTFail("the expected text is not JSON: \(error)", file: file, line: line)
        return
    }
    if actual != expected {
        XCTFail(
            "JSON differs.\n--- expected\n\(JSONWriter.render(expected))--- actual\n\(JSONWriter.render(actual))",
            file: file, line: line)
    }
}
