import AWSConstructs
import CloudFormation
import Constructs
import XCTest

@testable import CrossAccountGlue

/// `PayloadLength` counts the state payloads without rendering them: each count must be the
/// rendered payload's `JSONWriter.compactLength`, whatever the plan's shape.
final class PayloadLengthTests: XCTestCase {
    static func plan(_ tables: String, accounts: Int = 1, context: String = "") throws -> CopyPlan {
        let sources = (0..<accounts).map { account in
            // Each account's tables get targets of their own: `#` in `tables` is the account's index.
            let own = tables.replacingAll("#", with: String(account))
            return #"{"accountId": "\#(300_000_000_000 + account)", "databases": [{"name": "db", "tables": [\#(own)]}]}"#
        }
        let text =
            #"{"context": {"targetAccountId": "222222222222", "region": "ap-northeast-1", \#(context)"sources": [\#(sources.joined(separator: ", "))]}}"#
        let config = try ConfigurationLoader.context(fromFile: Array(text.utf8), path: "synth.json")
            .flatMap { ConfigurationLoader.resolve($0, envName: "dev", configPath: "synth.json") }.get()
        return CopyPlan(pipeline: try XCTUnwrap(config.pipeline))
    }

    /// What the counts must equal: the payloads rendered.
    func assertCountsMatchRendering(_ plan: CopyPlan, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(
            StateMachineQuotas.worstCasePayloadBytes(plan: plan), StateMachineQuotas.renderedPayloadBytes(plan: plan), file: file, line: line)
        XCTAssertEqual(StateMachineQuotas.worstCaseItemBytes(plan: plan), StateMachineQuotas.renderedItemBytes(plan: plan), file: file, line: line)
        // The job lengths counted once, for both checks, as `problemsAndForm` shares them.
        let shared = PayloadLength.JobLengths(plan)
        XCTAssertEqual(
            StateMachineQuotas.worstCasePayloadBytes(plan: plan, jobLengths: shared), StateMachineQuotas.renderedPayloadBytes(plan: plan),
            "shared lengths", file: file, line: line)
        XCTAssertEqual(
            StateMachineQuotas.worstCaseItemBytes(plan: plan, jobLengths: shared), StateMachineQuotas.renderedItemBytes(plan: plan),
            "shared lengths", file: file, line: line)
        let list = CopyDefinition.jobList(plan)
        XCTAssertEqual(PayloadLength.JobLengths(plan).list, JSONWriter.compactLength(list.json()), "job list", file: file, line: line)
        guard case .array(let items) = list else { return XCTFail("the job list is not an array", file: file, line: line) }
        XCTAssertEqual(PayloadLength.jobs(plan), items.map { JSONWriter.compactLength($0.json()) }, "jobs", file: file, line: line)
        let summary = Value.object([
            Value.Field(
                CopyDefinition.tablesKey,
                .array(plan.jobs.map { CopyDefinition.failedOutcome(table: $0.targetName, error: CopyDefinition.longestErrorName) })),
            Value.Field(CopyDefinition.failedKey, .array(plan.jobs.map { Value.string($0.targetName) })),
            Value.Field("failedCount", .int(plan.jobs.count)),
        ])
        XCTAssertEqual(PayloadLength.failureSummary(plan), JSONWriter.compactLength(summary.json()), "summary", file: file, line: line)
    }

    func testCountsMatchTheRenderedPayloadsForEveryShapeOfJob() throws {
        let plain = #"{"name": "orders", "targetTable": "orders_#"}, {"name": "customers", "targetTable": "all_customers_#"}"#
        let columns =
            #"{"name": "orders", "targetTable": "orders_#", "columns": [{"name": "id", "type": "bigint"}, {"name": "note", "type": "string"}]}, {"name": "items", "targetTable": "items_#"}"#
        let partitioned =
            #"{"name": "events", "columns": [{"name": "id", "type": "int"}], "partitionKeys": [{"name": "dt", "type": "string"}, {"name": "n", "type": "int"}]}"#
        let shapes = [
            try Self.plan(plain),
            try Self.plan(plain, accounts: 3),
            try Self.plan(columns, accounts: 2),
            try Self.plan(plain, context: #""copyMode": "replace", "#),
            try Self.plan(#"{"name": "a", "format": "parquet"}, {"name": "b", "copyMode": "replace"}"#, context: #""copyMode": "replace", "#),
            try Self.plan(partitioned + ", " + plain, context: #""copyMode": "replace", "#),
            try Self.plan(partitioned, context: #""copyMode": "partitions", "#),
            try Self.plan(partitioned),
        ]
        for shape in shapes { assertCountsMatchRendering(shape) }
    }

    func testCountsMatchForCatalogsAddressedByArn() throws {
        var shape = try Self.plan(#"{"name": "orders", "targetTable": "orders_#"}"#, accounts: 2)
        shape.catalogAddressing = .arn
        assertCountsMatchRendering(shape)
    }

    func testEscapedTextCountsItsEscapes() throws {
        var shape = try Self.plan(#"{"name": "orders"}, {"name": "items"}"#)
        // Names the input rules refuse, to cover every escape: quote, backslash, the short
        // control escapes, a \u00XX one and DEL.
        shape.jobs[0].target.table = "q\"b\\n\nr\rt\tb\u{8}f\u{C}x\u{1}d\u{7F}"
        shape.jobs[1].source.database = "s\"\u{1F}"
        shape.jobs[1].selectList = "\"a\", \"b\""
        assertCountsMatchRendering(shape)
    }

    func testNonAsciiTextIsLeftToTheRenderedCount() throws {
        var shape = try Self.plan(#"{"name": "orders"}, {"name": "items"}"#)
        shape.jobs[1].target.table = "caf\u{E9}_e\u{301}"
        XCTAssertNil(PayloadLength.JobLengths(shape).list)
        XCTAssertNil(PayloadLength.failureSummary(shape))
        XCTAssertNil(PayloadLength.jobs(shape))
        // The quota check falls back to the rendered payloads.
        XCTAssertEqual(StateMachineQuotas.worstCasePayloadBytes(plan: shape), StateMachineQuotas.renderedPayloadBytes(plan: shape))
        XCTAssertEqual(StateMachineQuotas.worstCaseItemBytes(plan: shape), StateMachineQuotas.renderedItemBytes(plan: shape))
    }

    func testAnEmptyPlanCountsEmptyLists() {
        XCTAssertEqual(PayloadLength.array(count: 0), 2)
        XCTAssertEqual(PayloadLength.object(count: 0), 2)
        XCTAssertEqual(PayloadLength.array(count: 3), 4)
        XCTAssertEqual([0, 9, 10, 99, 100, 12_345, -1, -10].map(PayloadLength.digits), [1, 1, 2, 2, 3, 5, 2, 3])
    }
}

/// The bound that lets the target stack skip the per-table statements never exceeds their size.
final class PermissionBoundTests: XCTestCase {
    func tableSize(_ plan: CopyPlan) -> Int {
        let app = App()
        let stack = Stack(app, "Target", account: "222222222222", region: "ap-northeast-1")
        let workGroup = WorkGroup(stack, "WorkGroup", name: "wg")
        return ExecutionRolePermissions.size(
            ExecutionRolePermissions.statements(plan: plan, stack: stack, workGroup: workGroup, granularity: .table, targetBucket: "bucket"))
    }

    func testTheBoundIsAtMostThePerTableSize() throws {
        let many = (0..<40).map { #"{"name": "table_\#($0)", "targetTable": "target_\#($0)_#"}"# }.joined(separator: ", ")
        var shapes = [
            try PayloadLengthTests.plan(#"{"name": "orders"}"#),
            try PayloadLengthTests.plan(#"{"name": "orders", "targetTable": "orders_#"}, {"name": "items", "targetTable": "items_#"}"#, accounts: 3),
            try PayloadLengthTests.plan(many, accounts: 5),
            try PayloadLengthTests.plan(#"{"name": "orders"}"#, context: #""copyMode": "replace", "#),
        ]
        var unicode = try PayloadLengthTests.plan(#"{"name": "orders"}, {"name": "items"}"#)
        unicode.targetTables[0].table = "caf\u{E9}"
        unicode.sources[0].tables[1].table = "e\u{301}\u{301}"
        shapes.append(unicode)
        for plan in shapes {
            let bound = ExecutionRolePermissions.tableGranularityLowerBound(plan: plan)
            XCTAssertGreaterThan(bound, 0)
            XCTAssertLessThanOrEqual(bound, tableSize(plan))
        }
    }

    func testDuplicateNamesAndNonAsciiCountOnce() {
        XCTAssertEqual(ExecutionRolePermissions.asciiCount("orders"), 6)
        XCTAssertEqual(ExecutionRolePermissions.asciiCount("caf\u{E9}"), 0)
        XCTAssertEqual(ExecutionRolePermissions.asciiCount("e\u{301}"), 0)
        XCTAssertEqual(ExecutionRolePermissions.asciiCount(""), 0)
        XCTAssertEqual(ExecutionRolePermissions.asciiCount("a_table_name_longer_than_a_small_string"), 39)
        XCTAssertEqual(ExecutionRolePermissions.asciiCount("a_table_name_longer_than_a_small_string\u{E9}"), 0)
    }

    /// Stopped over a limit, the bound still tells whether the full one is over it, at every
    /// limit up to past the full bound (a limit the running total meets exactly included).
    func testCountingStoppedOverALimitGivesTheSameAnswer() throws {
        var duplicated = try PayloadLengthTests.plan(
            #"{"name": "orders", "targetTable": "orders_#"}, {"name": "items", "targetTable": "items_#"}"#, accounts: 3)
        duplicated.targetTables.append(duplicated.targetTables[0])
        duplicated.sources[1].tables.append(duplicated.sources[1].tables[0])
        var unicode = try PayloadLengthTests.plan(#"{"name": "orders"}, {"name": "items"}"#)
        unicode.targetTables[0].table = "caf\u{E9}"
        for plan in [try PayloadLengthTests.plan(#"{"name": "orders"}"#), duplicated, unicode] {
            let full = ExecutionRolePermissions.tableGranularityLowerBound(plan: plan)
            for limit in 0...(full + 1) {
                let stopped = ExecutionRolePermissions.tableGranularityLowerBound(plan: plan, stoppingOver: limit)
                XCTAssertEqual(stopped > limit, full > limit, "limit \(limit) of \(full)")
                XCTAssertLessThanOrEqual(stopped, full)
                if full <= limit { XCTAssertEqual(stopped, full) }
            }
        }
    }
}

/// `CatalogArnBuilder` builds each ARN as `GlueCatalogArns` does: the same rendered JSON.
final class CatalogArnBuilderTests: XCTestCase {
    func testArnsEqualTheCatalogsOwn() {
        let catalogs = [
            GlueCatalogArns(partition: .string("aws"), region: .string("eu-west-1"), account: .string("111111111111")),
            GlueCatalogArns(partition: .pseudo(.partition), region: .pseudo(.region), account: .string("111111111111")),
            GlueCatalogArns(partition: .pseudo(.partition), region: .string("eu-west-1"), account: .pseudo(.accountId)),
            GlueCatalogArns(partition: .string(""), region: .string(""), account: .string("")),
            GlueCatalogArns(
                partition: .interpolate([.string("aws"), .pseudo(.region)]), region: .pseudo(.region), account: .pseudo(.accountId)),
        ]
        for catalog in catalogs {
            let arns = CatalogArnBuilder(catalog)
            XCTAssertEqual(JSONWriter.render(arns.catalog.json()), JSONWriter.render(catalog.catalog.json()))
            for (database, table) in [("sales_db", "orders"), ("db", "*"), ("", ""), ("d", "t_staging*"), ("caf\u{E9}", "\u{301}x")] {
                XCTAssertEqual(JSONWriter.render(arns.table(database, table).json()), JSONWriter.render(catalog.table(database, table).json()))
                XCTAssertEqual(JSONWriter.render(arns.database(database).json()), JSONWriter.render(catalog.database(database).json()))
            }
        }
    }
}
