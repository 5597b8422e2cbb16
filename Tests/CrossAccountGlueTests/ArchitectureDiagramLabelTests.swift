import XCTest

@testable import CrossAccountGlue

/// A source's catalog node names its first tables, then how many more there are: the label as
/// appended a table at a time, however many tables the source has.
final class ArchitectureDiagramLabelTests: XCTestCase {
    func testACatalogNodeListsTheFirstTablesThenHowManyMore() throws {
        let names = ArchitectureDiagram.TargetNames(stateMachine: "sm", role: "role", workGroup: "wg", bucket: "bucket", logGroup: "logs")
        for count in [1, 2, 3, 4, 12] {
            let plan = try PayloadLengthTests.plan((0..<count).map { #"{"name": "table_\#($0)"}"# }.joined(separator: ", "))
            let diagram = ArchitectureDiagram(
                names: names, targetAccountId: "222222222222", plan: plan, targetBucketActions: [], catalogActions: [],
                bucketPolicyActions: [])
            var expected = "Glue Data Catalog\n"
            for (index, table) in plan.sources[0].tables.prefix(ArchitectureDiagram.listedTables).enumerated() {
                expected += (index == 0 ? "" : "\n") + table.database + "." + table.table
            }
            if count > ArchitectureDiagram.listedTables { expected += "\nand \(count - ArchitectureDiagram.listedTables) more" }
            XCTAssertEqual(diagram.groups[1].nodes[1].label, expected, "\(count) tables")
        }
    }
}
