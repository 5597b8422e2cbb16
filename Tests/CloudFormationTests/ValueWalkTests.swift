import CloudFormation
import XCTest

/// `forEachNode` offers the nodes `rewritten` offers, in its order, and `referencedElements`
/// lists every element in order of appearance, for every kind of value.
final class ValueWalkTests: XCTestCase {
    let bucket = LogicalName("Bucket")
    let role = LogicalName("Role")
    let map = LogicalName("Map")
    let condition = LogicalName("IsProd")

    /// One value of every kind, nested.
    var everyKind: Value {
        .object([
            Value.Field("A", .array([.null, .string("s"), .int(1), .double(1.5), .bool(true)])),
            Value.Field("B", .join(",", [.ref(bucket), .pseudo(.region)])),
            Value.Field("C", .sub("${X}", [Value.Field("X", .getAtt(role, "Arn"))])),
            Value.Field("D", .concat(["a", .ref(role)])),
            Value.Field("E", .findInMap(map, .pseudo(.accountId), "Key")),
            Value.Field("F", .select(0, .split(",", .importValue("Name")))),
            Value.Field("G", .if(condition, .getAZs(.pseudo(.region)), .base64("text"))),
            Value.Field("H", .and([.equals("a", .ref(bucket)), .or([.condition(condition), .not(.condition(condition))])])),
            Value.Field("I", .cidr("10.0.0.0/16", 4, 8)),
        ])
    }

    func test_givenEveryKindOfValue_whenWalked_thenTheNodesRewrittenOffersInItsOrder() {
        var rewrittenNodes: [JSON] = []
        _ = everyKind.rewritten { node in
            rewrittenNodes.append(node.json())
            return nil
        }
        var walkedNodes: [JSON] = []

        everyKind.forEachNode { walkedNodes.append($0.json()) }

        XCTAssertEqual(walkedNodes, rewrittenNodes)
        XCTAssertEqual(walkedNodes.count, 39)
    }

    func test_givenLeaves_whenWalked_thenOnlyTheValueItself() {
        for leaf: Value in [.null, "s", .ref(bucket), .getAtt(role, "Arn"), .pseudo(.region), .condition(condition)] {
            var count = 0

            leaf.forEachNode { _ in count += 1 }

            XCTAssertEqual(count, 1)
        }
    }

    func test_givenEveryKindOfValue_whenReferencesListed_thenEveryElementInOrderOfAppearance() {
        let names = everyKind.referencedElements.map(\.logicalId)

        XCTAssertEqual(names, ["Bucket", "Role", "Role", "Map", "IsProd", "Bucket", "IsProd", "IsProd"])
        XCTAssertEqual(Value.string("x").referencedElements.count, 0)
    }

    func test_givenAListAlreadyHoldingElements_whenReferencesAppended_thenAddedAfterThem() {
        var found: [any LogicalElement] = [map]

        Value.if(condition, .ref(bucket), .null).appendReferencedElements(to: &found)

        XCTAssertEqual(found.map(\.logicalId), ["Map", "IsProd", "Bucket"])
    }
}
