import AWSConstructs
import CloudFormation
import Constructs
import XCTest

/// A document's size is summed from its statements' sizes, each measured once and kept while
/// the statement and the logical IDs it names are unchanged: it equals the rendered document's
/// length, whatever the text, and a statement changed, or naming an element whose logical ID
/// changes, is rendered and measured anew.
final class PolicyDocumentSizeTests: XCTestCase {
    private func renderedSize(_ document: PolicyDocument) -> Int {
        JSONWriter.compactLength(document.value.json())
    }

    private func statement(_ resource: String, sid: String? = nil) -> PolicyStatement {
        PolicyStatement(sid: sid, actions: ["s3:GetObject"], resources: [.string(resource)])
    }

    func test_givenAwkwardText_whenMeasured_thenSizeEqualsRenderedLength() {
        let texts = [
            "", "plain", "é", "e\u{301}", "\u{301}starts-with-a-combining-mark", "ends-with-a-combining-mark\u{301}",
            "👩‍💻", "🇯🇵", "quote\"backslash\\", "tab\tnewline\ncontrol\u{1}", "日本語", "\u{200D}",
        ]
        for text in texts {
            let document = PolicyDocument([
                statement(text), PolicyStatement(actions: ["s3:\(text)"], resources: ["*"]), statement(text + "x"),
            ])
            XCTAssertEqual(document.sizeWithoutWhitespace, renderedSize(document), text)
        }
    }

    func test_givenEmptyDocument_whenMeasured_thenEnvelopeOnly() {
        XCTAssertEqual(PolicyDocument([]).sizeWithoutWhitespace, #"{"Statement":[],"Version":"2012-10-17"}"#.count)
    }

    func test_givenDuplicateStatements_whenMeasured_thenCountedOnce() {
        let document = PolicyDocument([statement("a"), statement("b"), statement("a"), statement("a")])

        XCTAssertEqual(document.sizeWithoutWhitespace, renderedSize(PolicyDocument([statement("a"), statement("b")])))
        XCTAssertEqual(document.sizeWithoutWhitespace, renderedSize(document))
    }

    func test_givenStatementMeasuredThenChanged_whenMeasuredAgain_thenNewSize() {
        var changed = statement("short")
        let before = PolicyDocument([changed]).sizeWithoutWhitespace
        let copy = changed

        changed.resources = ["a-much-longer-resource"]
        changed.sid = "Named"

        XCTAssertEqual(PolicyDocument([changed]).sizeWithoutWhitespace, renderedSize(PolicyDocument([changed])))
        XCTAssertGreaterThan(PolicyDocument([changed]).sizeWithoutWhitespace, before)
        XCTAssertEqual(PolicyDocument([copy]).sizeWithoutWhitespace, before)
        XCTAssertEqual(copy.value.json(), statement("short").value.json())
    }

    func test_givenStatementNamingAnElement_whenItsLogicalIdChangesAfterMeasuring_thenMeasuredAnew() {
        let app = App()
        let stack = Stack(app, "stack")
        let element = CfnParameter(stack, "Parameter", Parameter(type: "String"))
        let named = PolicyStatement(actions: ["s3:GetObject"], resources: [.interpolate("arn:aws:s3:::", .ref(element))])
        let document = PolicyDocument([named])
        _ = document.sizeWithoutWhitespace

        element.overrideLogicalId("AMuchLongerLogicalIdThanBefore")

        XCTAssertEqual(document.sizeWithoutWhitespace, renderedSize(document))
        XCTAssertEqual(
            named.value.json()["Resource"], .object(["Fn::Sub": "arn:aws:s3:::${AMuchLongerLogicalIdThanBefore}"]))
    }

    func test_givenDuplicateThatStopsBeingOneWhenALogicalIdChanges_whenRenderedAgain_thenBothKept() {
        let app = App()
        let first = CfnParameter(Stack(app, "one"), "Parameter", Parameter(type: "String"))
        let second = CfnParameter(Stack(app, "two"), "Parameter", Parameter(type: "String"))
        let statement = PolicyStatement(actions: ["s3:GetObject"], resources: [.ref(first), .ref(second)])
        XCTAssertEqual(statement.value.json()["Resource"], .object(["Ref": "Parameter"]))

        second.overrideLogicalId("Other")

        XCTAssertEqual(statement.value.json()["Resource"], .array([.object(["Ref": "Parameter"]), .object(["Ref": "Other"])]))
        XCTAssertEqual(PolicyDocument([statement]).sizeWithoutWhitespace, renderedSize(PolicyDocument([statement])))
    }

    func test_givenStatementsWhoseValuesDifferOnlyInType_whenDeduplicated_thenBothKeptInOrder() {
        let text = PolicyStatement(actions: ["s3:GetObject"], resources: ["1"], conditions: [.init("StringEquals", "k", ["1"])])
        let number = PolicyStatement(actions: ["s3:GetObject"], resources: ["1"], conditions: [.init("StringEquals", "k", [.int(1)])])
        let document = PolicyDocument([text, number, text, number])

        XCTAssertEqual(document.value.json()["Statement"], .array([text.value.json(), number.value.json()]))
        XCTAssertEqual(document.sizeWithoutWhitespace, renderedSize(document))
    }
}
