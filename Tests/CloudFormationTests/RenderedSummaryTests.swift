import CloudFormation
import XCTest

/// `hashRenderedSummary` stands in for a value's JSON when values are told apart, and
/// `interpolate` merges literals into one string: both must agree with what `json()` renders.
final class RenderedSummaryTests: XCTestCase {
    let bucket = LogicalName("DataBucket")

    private func summary(_ value: Value) -> Int {
        var hasher = Hasher()
        value.hashRenderedSummary(into: &hasher)
        return hasher.finalize()
    }

    // MARK: - Values that render alike

    func test_givenConcatSubAndObjectThatRenderTheSameFnSub_whenSummarized_thenSameHash() {
        let concat = Value.concat([.string("arn:"), .pseudo(.partition), .string(":s3:::"), .ref(bucket)])
        let sub = Value.sub("arn:${AWS::Partition}:s3:::${DataBucket}", [])
        let object = Value.object(["Fn::Sub": .string("arn:${AWS::Partition}:s3:::${DataBucket}")])

        XCTAssertEqual(concat.json(), sub.json())
        XCTAssertEqual(summary(concat), summary(sub))
        XCTAssertEqual(summary(concat), summary(object))
    }

    func test_givenRefsOfDistinctElementsWithOneLogicalId_whenSummarized_thenSameHash() {
        XCTAssertEqual(summary(.ref(bucket)), summary(.ref(LogicalName("DataBucket"))))
        XCTAssertEqual(summary(.ref(bucket)), summary(.object(["Ref": .string("DataBucket")])))
        XCTAssertEqual(summary(.pseudo(.region)), summary(.object(["Ref": .string("AWS::Region")])))
    }

    func test_givenIntrinsicsOfALiteralAndTheirObjectSpelling_whenSummarized_thenSameHash() {
        XCTAssertEqual(summary(.importValue(.string("Export"))), summary(.object(["Fn::ImportValue": .string("Export")])))
        XCTAssertEqual(summary(.getAZs(.string(""))), summary(.object(["Fn::GetAZs": .string("")])))
        XCTAssertEqual(summary(.base64(.string("text"))), summary(.object(["Fn::Base64": .string("text")])))
    }

    // MARK: - Values that render differently

    func test_givenDifferentStrings_whenSummarized_thenDifferentHashes() {
        XCTAssertNotEqual(summary(.string("s3:GetObject")), summary(.string("s3:PutObject")))
    }

    func test_givenAStringAndAnFnSubOfTheSameText_whenSummarized_thenDifferentHashes() {
        XCTAssertNotEqual(summary(.string("text")), summary(.sub("text", [])))
    }

    func test_givenObjectsWithDifferentStringMembers_whenSummarized_thenDifferentHashes() {
        XCTAssertNotEqual(summary(.object(["Sid": .string("One")])), summary(.object(["Sid": .string("Two")])))
        XCTAssertNotEqual(summary(.object(["Sid": .string("One")])), summary(.object(["Id": .string("One")])))
    }

    // MARK: - interpolate

    func test_givenAdjacentAndEmptyLiterals_whenInterpolated_thenOneLiteralBetweenReferences() {
        let value = Value.interpolate("arn:", "", .pseudo(.partition), ":s3", ":::", .ref(bucket), "/", "*")

        guard case .concat(let parts) = value else { return XCTFail("not a concat: \(value)") }
        XCTAssertEqual(parts.count, 5)
        XCTAssertEqual(parts[0].literalString, "arn:")
        XCTAssertEqual(parts[2].literalString, ":s3:::")
        XCTAssertEqual(parts[4].literalString, "/*")
        assertJSON(value.json(), equals: #"{"Fn::Sub": "arn:${AWS::Partition}:s3:::${DataBucket}/*"}"#)
    }

    func test_givenOnlyLiterals_whenInterpolated_thenOnePlainString() {
        XCTAssertEqual(Value.interpolate("a", .concat(["b", "c"]), "").literalString, "abc")
        XCTAssertEqual(Value.interpolate([]).literalString, "")
    }

    func test_givenANestedConcat_whenInterpolated_thenItsLiteralsMergeWithTheNeighbours() {
        let inner = Value.interpolate("x-", .ref(bucket), "-y")
        let value = Value.interpolate("<", inner, ">")

        guard case .concat(let parts) = value else { return XCTFail("not a concat: \(value)") }
        XCTAssertEqual(parts.count, 3)
        XCTAssertEqual(parts[0].literalString, "<x-")
        XCTAssertEqual(parts[2].literalString, "-y>")
    }
}
