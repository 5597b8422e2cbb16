import CloudFormation
import XCTest

/// Values and templates written straight to bytes must be the bytes of their JSON written by
/// `JSONWriter`, for every case of `Value`, nested, empty and escaped.
final class ValueWriterTests: XCTestCase {
    private let bucket = LogicalName("Bucket")
    private let map = LogicalName("Regions")
    private let isProd = LogicalName("Is\"Prod")

    private func assertSameBytes(_ value: Value, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(
            String(decoding: JSONWriter.data(value: value), as: UTF8.self), String(decoding: JSONWriter.data(value.json()), as: UTF8.self),
            file: file, line: line)
    }

    /// One value of every case, each holding others, so every case is written at several depths.
    private var everyCase: [Value] {
        let leaves: [Value] = [
            .null, .string("plain"), .string("esc\"aped\\\n\t\u{01} 日本"), .int(-42), .int(0), .double(1.5), .double(2),
            .double(.infinity), .bool(true), .bool(false), .array([]), .object([]),
        ]
        let intrinsics: [Value] = [
            .ref(bucket), .pseudo(.region), .getAtt(bucket, "Arn"), .join(",", leaves), .join("", []),
            .sub("${AWS::Region}-x", []), .sub("${a}", [Value.Field("a", .ref(bucket)), Value.Field("b\"", .array([]))]),
            .concat([.string("arn:"), .pseudo(.partition), .string(":s3:::${x}"), .getAtt(bucket, "Name")]),
            .concat([.string("a"), .join("-", [.string("b")])]), .concat([.string("q\"${${$$"), .ref(bucket), .string("\\{${")]),
            .findInMap(map, .pseudo(.region), .string("Ami")),
            .select(0, .getAtt(bucket, "List")), .if(isProd, .string("yes"), .pseudo(.noValue)), .condition(isProd),
            .equals(.ref(bucket), .string("")), .and([.condition(isProd), .condition(isProd)]), .or([.condition(isProd)]),
            .not(.condition(isProd)), .split(",", .ref(bucket)), .importValue(.string("export")), .getAZs(.string("")),
            .base64(.sub("#!/bin/sh", [])), .cidr(.string("10.0.0.0/16"), .int(4), .int(8)),
        ]
        return leaves + intrinsics
    }

    func test_givenEveryCaseAlone_whenWritten_thenTheBytesOfItsJSON() {
        for value in everyCase { assertSameBytes(value) }
    }

    func test_givenEveryCaseNestedInListsAndObjects_whenWritten_thenTheBytesOfItsJSON() {
        let cases = everyCase
        let nested = Value.object(cases.indices.map { Value.Field("k\($0)", .array([cases[$0], .object([Value.Field("v", cases[$0])])])) })
        assertSameBytes(nested)
        assertSameBytes(.array([nested, .if(isProd, nested, .array(cases))]))
    }

    func test_givenEveryCaseAloneAndNested_whenMeasuredCompact_thenTheLengthOfItsJSON() {
        // ASCII only: a value with any other text is measured through its JSON.
        let cases = everyCase.filter { JSONWriter.data($0.json()).allSatisfy { $0 < 0x80 } }
        XCTAssertEqual(cases.count, everyCase.count - 2, "all but the non-ASCII string and the list that holds it")
        for value in cases + [.array(cases), .object(cases.indices.map { Value.Field("k\($0)", .array([cases[$0]])) })] {
            XCTAssertEqual(JSONWriter.compactLength(value: value), JSONWriter.compactLength(value.json()), "\(value.json())")
        }
        XCTAssertEqual(JSONWriter.compactLength(value: .string("é")), 3, "characters, not bytes, once any text is not ASCII")
    }

    func test_givenATemplateWithEverySection_whenWritten_thenTheBytesOfItsJSON() {
        var template = Template(
            description: "Every \"section\"", metadata: [Value.Field("Owner", .string("data"))],
            parameters: [("Env", Parameter(defaultValue: "dev", allowedValues: ["dev", "prod"], minLength: 1))],
            resources: [
                ("Bucket", Resource(type: "AWS::S3::Bucket")),
                (
                    "Queue",
                    Resource(
                        type: "AWS::SQS::Queue", properties: [Value.Field("QueueName", .sub("${AWS::StackName}-q", []))],
                        dependsOn: ["Bucket", "Topic"], updateReplacePolicy: .retain, deletionPolicy: .snapshot,
                        metadata: [Value.Field("cfn_nag", .object([]))], condition: "IsProd")
                ),
            ],
            outputs: [
                ("Name", Output(value: .ref(bucket))),
                (
                    "Arn",
                    Output(value: .getAtt(bucket, "Arn"), description: "its ARN", exportName: .sub("${AWS::StackName}-arn", []), condition: "IsProd")
                ),
            ])
        template.mappings = [("Regions", [("us-east-1", [Value.Field("Ami", .string("ami-1"))]), ("eu-west-1", [])])]
        template.conditions = [("IsProd", .equals(.string("prod"), .string("dev")))]
        template.rules = [("Prod", TemplateRule(condition: .condition(isProd), assertions: [.init(.equals(.int(1), .int(1)), description: "d")]))]
        var overridden = Resource(type: "AWS::SNS::Topic", properties: [Value.Field("TopicName", .string("t"))])
        overridden.overrides = [ResourceOverride(path: ["Properties", "TopicName"], value: .string("renamed"))]
        template.resources.append(("Topic", overridden))

        XCTAssertEqual(String(decoding: template.data(), as: UTF8.self), JSONWriter.render(template.json()))
        XCTAssertEqual(template.render(), JSONWriter.render(template.json()))
        XCTAssertTrue(template.render().contains("\"renamed\""), "the override is applied")
    }

    func test_givenAnEmptyTemplate_whenWritten_thenTheBytesOfItsJSON() {
        let template = Template()
        XCTAssertEqual(String(decoding: template.data(), as: UTF8.self), JSONWriter.render(template.json()))
        XCTAssertEqual(template.render(), "{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {}\n}\n")
    }
}
