import XCTest

@testable import CrossAccountGlue

/// `String.concatenating` writes the pieces' bytes into one string of their total length: it
/// must be `joined()`, whatever the pieces hold and however long the result.
final class StringConcatenationTests: XCTestCase {
    static let pieces = [
        "", "a", ".", "データ", "é\u{301}", "a small one", "🇯🇵", String(repeating: "a long string past any small-string size ", count: 40),
        String("a substring's own string".dropFirst(2)),
    ]

    func testIsTheJoinedPiecesForAnyPieces() {
        XCTAssertEqual(String.concatenating([]), "")
        XCTAssertEqual(String.concatenating(""), "")
        XCTAssertEqual(String.concatenating("", "", ""), "")
        for first in Self.pieces {
            XCTAssertEqual(String.concatenating(first), first)
            for second in Self.pieces {
                let joined = String.concatenating(first, second, first)
                XCTAssertEqual(joined, [first, second, first].joined())
                XCTAssertEqual(Array(joined.utf8), Array(first.utf8) + Array(second.utf8) + Array(first.utf8))
            }
        }
        XCTAssertEqual(String.concatenating(Self.pieces), Self.pieces.joined())
    }

    /// The names built with it, as the interpolations they replace wrote them.
    func testNamesQueriesAndSelectListsAreTheInterpolatedText() {
        let columns = [Pipeline.Column(name: "id", type: "int"), Pipeline.Column(name: "größe", type: "string")]
        let keys = [Pipeline.Column(name: "dt", type: "string")]
        XCTAssertEqual(CopyPlan.selectList(columns, partitionKeys: keys), #""id", "größe", "dt""#)
        XCTAssertEqual(CopyPlan.selectList(columns), #""id", "größe""#)
        XCTAssertEqual(CopyPlan.selectList(Array(columns.prefix(1))), #""id""#)
        XCTAssertEqual(CopyPlan.selectList([], partitionKeys: keys), "*")
        let source = CopyPlan.TableName("sales_db", "orders")
        let target = CopyPlan.TableName("target_db", "orders_copy")
        XCTAssertEqual(
            CopyPlan.insertQuery(catalog: "source_catalog", source: source, target: target, selectList: #""id""#),
            "-- Insert data from source account to target account\n-- Using registered Athena Data Catalog to access cross-account Glue Catalog\n"
                + "INSERT INTO target_db.orders_copy\nSELECT \"id\" FROM source_catalog.sales_db.orders;\n")
        let job = CopyPlan.Job(catalogName: "source_catalog", source: source, target: target, query: "")
        XCTAssertEqual(job.targetName, "target_db.orders_copy")
        XCTAssertEqual(job.sourceName, "source_catalog.sales_db.orders")
    }
}

/// A source table's location in pieces is its location as one string, with its own prefix or
/// the default one.
final class CatalogLayoutTests: XCTestCase {
    func testLocationPiecesAreTheLocation() {
        for (bucket, database, table) in [("bucket", "sales_db", "orders"), ("", "", ""), ("b\u{E9}", "db", "t\u{301}")] {
            XCTAssertEqual(
                CatalogLayout.sourceTableLocationPieces(bucket: bucket, database: database, table: table, prefix: nil).joined(),
                CatalogLayout.sourceTableLocation(bucket: bucket, prefix: CatalogLayout.defaultSourceTablePrefix(database: database, table: table)))
            XCTAssertEqual(
                CatalogLayout.sourceTableLocationPieces(bucket: bucket, database: database, table: table, prefix: "raw/sales/").joined(),
                CatalogLayout.sourceTableLocation(bucket: bucket, prefix: "raw/sales/"))
        }
        XCTAssertEqual(CatalogLayout.sourceTableLocation(bucket: "bucket", prefix: "sales_db/orders/"), "s3://bucket/sales_db/orders/")
        XCTAssertEqual(CatalogLayout.defaultSourceTablePrefix(database: "sales_db", table: "orders"), "sales_db/orders/")
    }
}
