import CloudFormation
import Constructs
import XCTest

/// Issue 12 point 5: a reference into another stack becomes an export of the producer and an
/// `Fn::ImportValue` in the consumer, with names that are the same on every run.
final class CrossStackReferenceTests: XCTestCase {
    func testARefAndAGetAttAcrossStacksBecomeExportsAndImports() throws {
        let app = App()
        let producerStack = Stack(app, "Producer", stackName: "data-stack")
        let bucket = CfnResource(producerStack, "Bucket", TestProperties())
        let consumerStack = Stack(app, "Consumer")
        _ = CfnResource(consumerStack, "Reader", TestProperties(["Bucket": bucket.ref, "Arn": .interpolate(bucket.attribute("Arn"), "/*")]))
        CfnOutput(consumerStack, "Arn", Output(value: bucket.attribute("Arn")))

        let assembly = try app.synthesize()
        let producer = try JSONParser.parse(try XCTUnwrap(assembly.stack(named: "data-stack")).body)
        assertJSON(
            producer["Outputs"],
            equals: """
                {"ExportsOutputRefBucket": {"Value": {"Ref": "Bucket"}, "Export": {"Name": "data-stack:Bucket"}},
                 "ExportsOutputFnGetAttBucketArn": {"Value": {"Fn::GetAtt": ["Bucket", "Arn"]}, "Export": {"Name": "data-stack:Bucket-Arn"}}}
                """)
        let consumer = try JSONParser.parse(try XCTUnwrap(assembly.stack(named: "Consumer")).body)
        assertJSON(
            consumer["Resources"]?["Reader"]?["Properties"],
            equals: """
                {"Bucket": {"Fn::ImportValue": "data-stack:Bucket"},
                 "Arn": {"Fn::Join": ["", [{"Fn::ImportValue": "data-stack:Bucket-Arn"}, "/*"]]}}
                """)
        assertJSON(consumer["Outputs"], equals: #"{"Arn": {"Value": {"Fn::ImportValue": "data-stack:Bucket-Arn"}}}"#)
        XCTAssertEqual(assembly.stack(named: "Consumer")?.imports, ["data-stack"])
        XCTAssertEqual(assembly.stack(named: "data-stack")?.imports, [])
    }

    func testAStackWithoutReferencesGetsNoExports() throws {
        let app = App()
        let stack = Stack(app, "Only")
        let bucket = CfnResource(stack, "Bucket", TestProperties())
        _ = CfnResource(stack, "Reader", TestProperties(["Bucket": bucket.ref]))
        let template = try synthesizedTemplate(app, stack: "Only")
        XCTAssertNil(template["Outputs"])
        assertJSON(template["Resources"]?["Reader"]?["Properties"], equals: #"{"Bucket": {"Ref": "Bucket"}}"#)
    }

    func testStacksThatImportFromEachOtherAreRefused() {
        let app = App()
        let first = Stack(app, "First")
        let second = Stack(app, "Second")
        let a = CfnResource(first, "A", TestProperties())
        let b = CfnResource(second, "B", TestProperties(["A": a.ref]))
        a.properties = TestProperties(["B": b.ref])
        let errors = synthesisErrors(app)
        XCTAssertEqual(errors.map(\.message), ["imports from a stack that imports from it, so neither can be deployed first"])
    }

    func testExportNamesAreCheckedAgainstCloudFormationsLimit() throws {
        func app(resourceIdLength: Int) -> App {
            let app = App()
            let bucket = CfnResource(
                Stack(app, "P", stackName: "s" + String(repeating: "a", count: 99)), String(repeating: "B", count: resourceIdLength),
                TestProperties())
            _ = CfnResource(Stack(app, "C"), "R", TestProperties(["B": bucket.ref]))
            return app
        }
        // "<100-character stack name>:<logical ID>"
        XCTAssertNoThrow(try app(resourceIdLength: 154).synthesize())
        let errors = synthesisErrors(app(resourceIdLength: 155))
        XCTAssertEqual(
            errors.map(\.message),
            [
                "export name \"s\(String(repeating: "a", count: 99)):\(String(repeating: "B", count: 155))\" is 256 characters; CloudFormation allows 255"
            ])
    }

    func testConditionsAndMappingsCannotCrossStacks() {
        let app = App()
        let condition = CfnCondition(Stack(app, "P"), "IsProd", .equals(.string("a"), .string("b")))
        let consumer = Stack(app, "C")
        _ = CfnResource(consumer, "R", TestProperties(["X": condition.choose("1", else: "2")]))
        let errors = synthesisErrors(app)
        XCTAssertEqual(errors.map(\.location), ["C/R"])
        XCTAssertEqual(errors.first?.message, "refers to P/IsProd, which is in another stack")
    }
}
