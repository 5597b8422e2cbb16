import CloudFormation
import XCTest

/// Intrinsic functions are typed values, rendered into CloudFormation's own syntax only when the
/// template is written.
final class ValueTests: XCTestCase {
    let bucket = LogicalName("DataBucket")
    let role = LogicalName("ExecutionRole")

    // MARK: - Intrinsics

    func test_givenRef_whenRendered_thenRefOfTheLogicalId() {
        assertJSON(Value.ref(bucket).json(), equals: #"{"Ref": "DataBucket"}"#)
    }

    func test_givenGetAtt_whenRendered_thenLogicalIdAndAttributeList() {
        assertJSON(Value.getAtt(role, "Arn").json(), equals: #"{"Fn::GetAtt": ["ExecutionRole", "Arn"]}"#)
    }

    func test_givenPseudoParameters_whenRendered_thenRefOfTheirAWSNames() {
        assertJSON(Value.pseudo(.partition).json(), equals: #"{"Ref": "AWS::Partition"}"#)
        assertJSON(Value.pseudo(.accountId).json(), equals: #"{"Ref": "AWS::AccountId"}"#)
        assertJSON(Value.pseudo(.region).json(), equals: #"{"Ref": "AWS::Region"}"#)
        assertJSON(Value.pseudo(.urlSuffix).json(), equals: #"{"Ref": "AWS::URLSuffix"}"#)
    }

    func test_givenJoin_whenRendered_thenSeparatorAndRenderedItems() {
        let value = Value.join(",", ["a", .ref(bucket), .getAtt(role, "Arn")])

        assertJSON(
            value.json(),
            equals: #"""
                {"Fn::Join": [",", ["a", {"Ref": "DataBucket"}, {"Fn::GetAtt": ["ExecutionRole", "Arn"]}]]}
                """#)
    }

    func test_givenSubWithoutVariables_whenRendered_thenPlainTemplateString() {
        let value = Value.sub("arn:${AWS::Partition}:s3:::${DataBucket}", [])

        assertJSON(value.json(), equals: #"{"Fn::Sub": "arn:${AWS::Partition}:s3:::${DataBucket}"}"#)
    }

    func test_givenSubWithVariables_whenRendered_thenTemplateAndVariableMapInOrder() {
        let value = Value.sub("${Name}-${Arn}", [.init("Name", .ref(bucket)), .init("Arn", .getAtt(role, "Arn"))])

        assertJSON(
            value.json(),
            equals: #"""
                {"Fn::Sub": ["${Name}-${Arn}", {"Name": {"Ref": "DataBucket"}, "Arn": {"Fn::GetAtt": ["ExecutionRole", "Arn"]}}]}
                """#)
    }

    func test_givenLiteralCollections_whenRendered_thenPlainJSON() {
        let value = Value.object(["List": .strings(["a", "b"]), "Number": 3, "Flag": true, "Ratio": .double(0.5), "Nothing": .null])

        assertJSON(value.json(), equals: #"{"List": ["a", "b"], "Number": 3, "Flag": true, "Ratio": 0.5, "Nothing": null}"#)
    }

    func test_givenFindInMap_whenRendered_thenMapNameAndBothKeys() {
        let accounts = LogicalName("Accounts")
        let value = Value.findInMap(accounts, .pseudo(.accountId), "RoleArn")

        assertJSON(value.json(), equals: #"{"Fn::FindInMap": ["Accounts", {"Ref": "AWS::AccountId"}, "RoleArn"]}"#)
        XCTAssertFalse(value.isLiteral)
        XCTAssertTrue(value.referencedElements.first === accounts)
    }

    func test_givenFindInMapPiece_whenConcatRendered_thenFnJoin() {
        let value = Value.interpolate("role=", .findInMap(LogicalName("Accounts"), "dev", "Role"))

        assertJSON(value.json(), equals: #"{"Fn::Join": ["", ["role=", {"Fn::FindInMap": ["Accounts", "dev", "Role"]}]]}"#)
    }

    // MARK: - Interpolation

    func test_givenAdjacentLiterals_whenInterpolated_thenMergedAndEmptyPiecesDropped() {
        let value = Value.interpolate("arn:", "aws", "", .ref(bucket), "/", "*")

        guard case .concat(let parts) = value else { return XCTFail("expected a concat, got \(value.json())") }
        XCTAssertEqual(parts.count, 3)
        XCTAssertEqual(parts.first?.literalString, "arn:aws")
        XCTAssertEqual(parts.last?.literalString, "/*")
    }

    func test_givenOnlyLiterals_whenInterpolated_thenPlainString() {
        XCTAssertEqual(Value.interpolate("arn:", "aws", ":s3:::", "bucket").literalString, "arn:aws:s3:::bucket")
        XCTAssertEqual(Value.interpolate([]).literalString, "")
        XCTAssertEqual(Value.interpolate("", "").literalString, "")
    }

    func test_givenNestedInterpolation_whenInterpolated_thenFlattenedIntoOneConcat() {
        let inner = Value.interpolate("arn:", .pseudo(.partition), ":s3:::")
        let value = Value.interpolate(inner, "bucket/", .ref(bucket))

        guard case .concat(let parts) = value else { return XCTFail("expected a concat, got \(value.json())") }
        XCTAssertEqual(parts.count, 4)
        XCTAssertEqual(parts[2].literalString, ":s3:::bucket/")
    }

    func test_givenRefsGetAttsAndPseudos_whenConcatRendered_thenFnSub() {
        let value = Value.interpolate(
            "arn:", .pseudo(.partition), ":iam::", .pseudo(.accountId), ":role/", .ref(bucket),
            " uses ", .getAtt(role, "Arn"))

        assertJSON(
            value.json(),
            equals: #"""
                {"Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/${DataBucket} uses ${ExecutionRole.Arn}"}
                """#)
    }

    func test_givenLiteralDollarBrace_whenConcatRenderedAsSub_thenEscapedAsDollarBraceBang() {
        let value = Value.interpolate("echo ${HOME} and ${PATH} in ", .ref(bucket))

        assertJSON(value.json(), equals: #"{"Fn::Sub": "echo ${!HOME} and ${!PATH} in ${DataBucket}"}"#)
    }

    func test_givenPieceThatIsNotAPlainReference_whenConcatRendered_thenFnJoinWithEmptySeparator() {
        let value = Value.interpolate("names: ${x} ", .join(",", [.ref(bucket), "b"]), " by ", .getAtt(role, "Arn"))

        assertJSON(
            value.json(),
            equals: #"""
                {"Fn::Join": ["", [
                  "names: ${x} ",
                  {"Fn::Join": [",", [{"Ref": "DataBucket"}, "b"]]},
                  " by ",
                  {"Fn::GetAtt": ["ExecutionRole", "Arn"]}
                ]]}
                """#)
    }

    func test_givenHandWrittenSubPiece_whenConcatRendered_thenFnJoin() {
        let value = Value.interpolate("x-", .sub("${AWS::Region}", []))

        assertJSON(value.json(), equals: #"{"Fn::Join": ["", ["x-", {"Fn::Sub": "${AWS::Region}"}]]}"#)
    }

    func test_givenPieces_whenSubTemplateAsked_thenTemplateOrNilWhenNotExpressible() {
        XCTAssertEqual(Value.subTemplate(["a", .ref(bucket), .pseudo(.region)]), "a${DataBucket}${AWS::Region}")
        XCTAssertNil(Value.subTemplate(["a", .join("", [])]))
    }

    // MARK: - Inspection

    func test_givenNestedValue_whenReferencedElementsAsked_thenEveryElementInOrderOfAppearance() {
        let other = LogicalName("Other")
        let value = Value.object([
            "A": .ref(bucket),
            "B": .array([.getAtt(role, "Arn"), .pseudo(.region), "literal"]),
            "C": .sub("${X}", [.init("X", .ref(other))]),
            "D": .join(",", [.interpolate("p", .ref(bucket))]),
        ])

        let ids = value.referencedElements.map(\.logicalId)

        XCTAssertEqual(ids, ["DataBucket", "ExecutionRole", "Other", "DataBucket"])
        XCTAssertTrue(value.referencedElements[2] === other)
    }

    func test_givenLiteralsOnly_whenReferencedElementsAsked_thenEmpty() {
        XCTAssertTrue(Value.object(["A": .strings(["x"]), "B": .pseudo(.partition)]).referencedElements.isEmpty)
    }

    func test_givenValues_whenIsLiteralAsked_thenTrueOnlyWithoutIntrinsicsAnywhere() {
        XCTAssertTrue(Value.object(["A": .array(["x", 1, true, .null, .double(1.5)])]).isLiteral)
        XCTAssertTrue(Value.concat(["a", "b"]).isLiteral)
        XCTAssertFalse(Value.object(["A": .array(["x", .pseudo(.region)])]).isLiteral)
        XCTAssertFalse(Value.ref(bucket).isLiteral)
        XCTAssertFalse(Value.getAtt(role, "Arn").isLiteral)
        XCTAssertFalse(Value.join("", ["a"]).isLiteral)
        XCTAssertFalse(Value.sub("a", []).isLiteral)
        XCTAssertFalse(Value.interpolate("a", .ref(bucket)).isLiteral)
    }

    func test_givenElementWhoseIdChanges_whenRendered_thenCurrentIdUsed() {
        final class Renamable: LogicalElement {
            var logicalId = "Before"
        }
        let element = Renamable()
        let value = Value.ref(element)
        element.logicalId = "After"

        assertJSON(value.json(), equals: #"{"Ref": "After"}"#)
    }
}
